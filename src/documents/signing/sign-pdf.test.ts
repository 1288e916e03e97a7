import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { startLocalTimestampAuthority } from './local-timestamp-authority.ts';
import { loadOrganizationCertificate, type OrganizationCertificate } from './organization-certificate.ts';
import { signPdf } from './sign-pdf.ts';
import { TimestampError } from './timestamp.ts';
import { verifyPdfSignature } from './verify-pdf-signature.ts';

const dir = mkdtempSync(join(tmpdir(), 'mejora-sign-'));
const pdfsig = (pdf: Buffer): string => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
};

async function onePagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('A plan dossier', { x: 50, y: 700 });
  return doc.save();
}

describe('PAdES signing', () => {
  let certificate: OrganizationCertificate;
  let pdf: Uint8Array;
  beforeAll(async () => {
    certificate = await loadOrganizationCertificate({
      dataDir: join(dir, 'data'),
      config: { p12Path: null, p12Password: '' },
      organizationName: 'Lumina Learning',
    });
    pdf = await onePagePdf();
  });
  const sign = (tsaUrl: string | null = null) =>
    signPdf(pdf, {
      certificate,
      tsaUrl,
      signerName: 'Lumina Learning',
      reason: 'Dossier',
      signingTime: new Date('2026-11-24T09:00:00Z'),
    });

  it('makes a CAdES detached signature over the whole file that pdfsig and our check accept', async () => {
    const signed = await sign();
    expect(verifyPdfSignature(signed)).toEqual({
      isSigned: true,
      isValid: true,
      isWholeFile: true,
      subFilter: 'ETSI.CAdES.detached',
      signer: 'CN=Mejora document signing, O=Lumina Learning',
      signedAt: '2026-11-24T09:00:00.000Z',
      timestamp: null,
      problems: [],
    });
    const out = pdfsig(signed);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('one changed byte, or bytes added after signing, break it', async () => {
    const signed = await sign();
    const changed = Buffer.from(signed);
    const at = changed.indexOf('/Type /Page');
    changed[at + 1] = 'X'.charCodeAt(0);
    expect(verifyPdfSignature(changed)).toMatchObject({
      isValid: false,
      problems: ['the signed content was changed: its digest differs'],
    });
    expect(pdfsig(changed)).not.toContain('Signature is Valid');
    const appended = Buffer.concat([signed, Buffer.from('\n% appended\n')]);
    expect(verifyPdfSignature(appended)).toMatchObject({
      isWholeFile: false,
      problems: ['bytes were added after the signature'],
    });
    expect(verifyPdfSignature(Buffer.from(pdf))).toMatchObject({
      isSigned: false,
      problems: ['the PDF is not digitally signed'],
    });
  });

  it('carries an RFC 3161 timestamp of the signature from the configured authority', async () => {
    const tsa = await startLocalTimestampAuthority({ now: () => new Date('2026-11-24T09:00:05Z') });
    try {
      const signed = await sign(tsa.url);
      expect(tsa.issued()).toBe(1);
      expect(verifyPdfSignature(signed)).toMatchObject({
        isValid: true,
        timestamp: {
          time: '2026-11-24T09:00:05.000Z',
          authority: 'CN=Mejora local timestamp authority, O=Mejora tests',
          isValid: true,
        },
        problems: [],
      });
      expect(pdfsig(signed)).toContain('Signature is Valid.');
    } finally {
      await tsa.close();
    }
  });

  it('fails with a clear message when the timestamp authority is down or refuses', async () => {
    const tsa = await startLocalTimestampAuthority();
    const url = tsa.url;
    await tsa.close();
    await expect(sign(url)).rejects.toThrow(
      new TimestampError(`The timestamp authority ${new URL(url).host} is unreachable`),
    );

    const broken = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const port = (broken.address() as AddressInfo).port;
    try {
      await expect(sign(`http://127.0.0.1:${port}/`)).rejects.toThrow(
        `The timestamp authority 127.0.0.1:${port} answered HTTP 503`,
      );
    } finally {
      broken.close();
    }
  });
});
