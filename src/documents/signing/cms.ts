// CMS SignedData (RFC 5652) as PAdES and RFC 3161 need it: signed attributes with the ESS signing certificate,
// an RSA signature from node:crypto, optional unsigned attributes; and the check of such a signature.
import { createHash, type KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import * as pkijs from 'pkijs';

// The asn1js that pkijs itself was built against: its classes are the ones pkijs's parsers compare with.
const pkijsMain = createRequire(import.meta.url).resolve('pkijs');
export const asn1js = createRequire(pkijsMain)('asn1js') as typeof import('pkijs/node_modules/asn1js');

export const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

export const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

export const view = (bytes: Uint8Array): ArrayBuffer =>
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

export const toBuffer = (value: ArrayBuffer | Uint8Array): Buffer =>
  Buffer.from(value instanceof Uint8Array ? value : new Uint8Array(value));

export const attribute = (type: string, value: unknown): pkijs.Attribute =>
  new pkijs.Attribute({ type, values: [value as never] });

const algorithm = (algorithmId: string): pkijs.AlgorithmIdentifier =>
  new pkijs.AlgorithmIdentifier({ algorithmId, algorithmParams: new asn1js.Null() });

/** ESS signing-certificate-v2 (RFC 5035): binds the signature to this certificate; PAdES requires it. */
function signingCertificateV2(certificateDer: Buffer, certificate: pkijs.Certificate): pkijs.Attribute {
  const issuerSerial = new asn1js.Sequence({
    value: [
      // GeneralNames with one directoryName [4].
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [certificate.issuer.toSchema()],
          }),
        ],
      }),
      certificate.serialNumber,
    ],
  });
  // hashAlgorithm is left out: its DEFAULT is SHA-256.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: view(sha256(certificateDer)) }), issuerSerial],
  });
  return attribute(
    oid.signingCertificateV2,
    new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] }),
  );
}

/** DER orders a SET OF by the encodings of its members. */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: toBuffer(a.toSchema().toBER()) }));
  return encoded.sort((x, y) => Buffer.compare(x.der, y.der)).map((x) => x.a);
}

export type SignedDataInput = {
  /** SHA-256 of the content signed (detached) or encapsulated. */
  digest: Buffer;
  contentType: string;
  /** Encapsulated content (a timestamp's TSTInfo); absent for a detached signature. */
  eContent?: Buffer;
  certificate: Buffer;
  chain?: Buffer[];
  privateKey: KeyObject;
  /** Attributes over the signature value, e.g. its timestamp token. */
  unsignedAttributes?: (signature: Buffer) => Promise<pkijs.Attribute[]>;
};

/** A DER ContentInfo holding one SignedData with one RSA/SHA-256 signer. */
export async function createSignedData(input: SignedDataInput): Promise<Buffer> {
  const certificate = pkijs.Certificate.fromBER(view(input.certificate));
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSorted([
      attribute(oid.contentType, new asn1js.ObjectIdentifier({ value: input.contentType })),
      attribute(oid.messageDigest, new asn1js.OctetString({ valueHex: view(input.digest) })),
      signingCertificateV2(input.certificate, certificate),
    ]),
  });
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] they are stored under.
  const signedBytes = Buffer.from(signedAttrs.toSchema().toBER());
  signedBytes[0] = 0x31;
  const signature = sign('sha256', signedBytes, input.privateKey);
  const unsigned = input.unsignedAttributes ? await input.unsignedAttributes(signature) : [];
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: certificate.issuer,
      serialNumber: certificate.serialNumber,
    }),
    digestAlgorithm: algorithm(oid.sha256),
    signedAttrs,
    signatureAlgorithm: algorithm(oid.sha256WithRsa),
    signature: new asn1js.OctetString({ valueHex: view(signature) }),
    ...(unsigned.length
      ? { unsignedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: derSorted(unsigned) }) }
      : {}),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [algorithm(oid.sha256)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: input.contentType,
      ...(input.eContent ? { eContent: new asn1js.OctetString({ valueHex: view(input.eContent) }) } : {}),
    }),
    certificates: [input.certificate, ...(input.chain ?? [])].map((der) =>
      pkijs.Certificate.fromBER(view(der)),
    ),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: oid.signedData,
    content: signedData.toSchema(true),
  });
  return toBuffer(contentInfo.toSchema().toBER());
}

/** Parses a DER ContentInfo holding SignedData; trailing bytes (a signature's zero padding) are ignored. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const parsed = asn1js.fromBER(view(der));
  if (parsed.offset === -1) throw new Error('the signature is not DER-encoded CMS');
  const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  if (contentInfo.contentType !== oid.signedData) throw new Error('the signature is not CMS SignedData');
  return new pkijs.SignedData({ schema: contentInfo.content });
}

export type SignerCheck = {
  isValid: boolean;
  /** The signer's certificate as DER, when found. */
  certificate: Buffer | null;
  subject: string | null;
  signature: Buffer;
  problems: string[];
};

const attributeValue = (attrs: pkijs.SignedAndUnsignedAttributes | undefined, type: string) =>
  attrs?.attributes.find((a) => a.type === type)?.values[0];

/** Checks the first signer: the message digest against `content` (or the encapsulated content) and the signature. */
export function checkSigner(signedData: pkijs.SignedData, content?: Uint8Array): SignerCheck {
  const problems: string[] = [];
  const signer = signedData.signerInfos[0];
  if (!signer)
    return {
      isValid: false,
      certificate: null,
      subject: null,
      signature: Buffer.alloc(0),
      problems: ['no signer'],
    };
  const signature = toBuffer(signer.signature.valueBlock.valueHexView);
  const sid = signer.sid as pkijs.IssuerAndSerialNumber;
  const certificate = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate =>
      c instanceof pkijs.Certificate &&
      sid instanceof pkijs.IssuerAndSerialNumber &&
      c.serialNumber.isEqual(sid.serialNumber) &&
      c.issuer.isEqual(sid.issuer),
  );
  if (!certificate) {
    return {
      isValid: false,
      certificate: null,
      subject: null,
      signature,
      problems: ['the signer certificate is missing'],
    };
  }
  const certificateDer = toBuffer(certificate.toSchema().toBER());
  const x509 = new X509Certificate(certificateDer);
  const subject = x509.subject.split('\n').join(', ');
  const data =
    content ??
    (signedData.encapContentInfo.eContent ? toBuffer(signedData.encapContentInfo.eContent.getValue()) : null);
  if (data === null) problems.push('there is no content to check the signature against');
  const hashOid = signer.digestAlgorithm.algorithmId;
  if (hashOid !== oid.sha256) problems.push(`unsupported digest algorithm ${hashOid}`);
  let signed: Buffer;
  if (signer.signedAttrs) {
    const digest = attributeValue(signer.signedAttrs, oid.messageDigest) as
      | { valueBlock: { valueHexView: Uint8Array } }
      | undefined;
    if (!digest) problems.push('the message digest attribute is missing');
    else if (data && !toBuffer(digest.valueBlock.valueHexView).equals(sha256(data)))
      problems.push('the signed content was changed: its digest differs');
    signed = toBuffer(signer.signedAttrs.encodedValue);
    if (signed.length === 0) signed = toBuffer(signer.signedAttrs.toSchema().toBER());
    signed = Buffer.from(signed);
    signed[0] = 0x31;
  } else {
    signed = data ? toBuffer(data) : Buffer.alloc(0);
  }
  let isSignatureValid = false;
  try {
    isSignatureValid = verify('sha256', signed, x509.publicKey, signature);
  } catch {
    isSignatureValid = false;
  }
  if (!isSignatureValid) problems.push('the signature does not verify with the signer certificate');
  return { isValid: problems.length === 0, certificate: certificateDer, subject, signature, problems };
}

export const unsignedAttribute = (signedData: pkijs.SignedData, type: string) =>
  attributeValue(signedData.signerInfos[0]?.unsignedAttrs, type);
