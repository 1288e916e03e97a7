// Signs a PDF as the organisation, PAdES baseline: a CAdES detached signature (ETSI.CAdES.detached) with the
// ESS signing certificate, and an RFC 3161 signature timestamp when a timestamp authority is configured (B-T).
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { Signer, SignPdf } from '@signpdf/signpdf';
import { PDFDocument } from 'pdf-lib';
import { asn1js, attribute, createSignedData, oid, sha256 } from './cms.ts';
import type { OrganizationCertificate } from './organization-certificate.ts';
import { requestTimestamp } from './timestamp.ts';

export const signatureSubFilter = 'ETSI.CAdES.detached';

export type PdfSigningOptions = {
  certificate: OrganizationCertificate;
  /** RFC 3161 authority; null = no timestamp. */
  tsaUrl: string | null;
  /** Shown by PDF readers: who signs (the organisation) and why. */
  signerName: string;
  reason: string;
  location?: string;
  contactInfo?: string;
  signingTime?: Date;
};

/** The CMS signer @signpdf calls with the bytes the signature covers. */
export class CadesSigner extends Signer {
  readonly certificate: OrganizationCertificate;
  readonly tsaUrl: string | null;

  constructor(certificate: OrganizationCertificate, tsaUrl: string | null) {
    super();
    this.certificate = certificate;
    this.tsaUrl = tsaUrl;
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const tsaUrl = this.tsaUrl;
    // PAdES puts the claimed signing time in the signature dictionary (/M), never in a signing-time attribute.
    return createSignedData({
      digest: sha256(content),
      contentType: oid.data,
      certificate: this.certificate.certificate,
      chain: this.certificate.chain,
      privateKey: this.certificate.privateKey,
      unsignedAttributes: tsaUrl
        ? async (signature) => {
            const token = await requestTimestamp(tsaUrl, signature);
            return [attribute(oid.signatureTimeStampToken, asn1js.fromBER(new Uint8Array(token)).result)];
          }
        : undefined,
    });
  }
}

/** Room for the CMS in the signature's /Contents, in hex digits: the certificates, a signature, a timestamp. */
function placeholderLength(certificate: OrganizationCertificate, hasTimestamp: boolean): number {
  const certificates = [certificate.certificate, ...certificate.chain].reduce((n, c) => n + c.length, 0);
  return 2 * (certificates + 3072 + (hasTimestamp ? 8192 : 0));
}

/** Returns the signed PDF: the whole file but the signature itself is covered by the signature. */
export async function signPdf(pdf: Uint8Array, options: PdfSigningOptions): Promise<Buffer> {
  return signPdfDocument(await PDFDocument.load(pdf, { updateMetadata: false }), options);
}

/** Signs a document being built with pdf-lib, saving it once. */
export async function signPdfDocument(doc: PDFDocument, options: PdfSigningOptions): Promise<Buffer> {
  const signingTime = options.signingTime ?? new Date();
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: options.reason,
    name: options.signerName,
    location: options.location ?? '',
    contactInfo: options.contactInfo ?? '',
    signingTime,
    signatureLength: placeholderLength(options.certificate, options.tsaUrl !== null),
    subFilter: signatureSubFilter,
    appName: 'Mejora',
  });
  // The signature dictionary must stay a plain object, outside object streams, for @signpdf to find and fill it.
  const prepared = await doc.save({ useObjectStreams: false });
  return new SignPdf().sign(
    Buffer.from(prepared),
    new CadesSigner(options.certificate, options.tsaUrl),
    signingTime,
  );
}
