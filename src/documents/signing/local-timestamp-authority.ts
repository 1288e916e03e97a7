// A minimal RFC 3161 timestamp authority on 127.0.0.1 with its own key: for tests and trying MEJORA_TSA_URL locally.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as pkijs from 'pkijs';
import { asn1js, createSignedData, oid, sha256, toBuffer, view } from './cms.ts';
import { selfSignedCertificate } from './organization-certificate.ts';

export type LocalTimestampAuthority = {
  url: string;
  /** DER of the authority's certificate. */
  certificate: Buffer;
  /** How many timestamps it has issued. */
  issued(): number;
  close(): Promise<void>;
};

const timeStampingPolicy = '1.3.6.1.4.1.59999.3161.1';

export async function startLocalTimestampAuthority(
  options: { now?: () => Date } = {},
): Promise<LocalTimestampAuthority> {
  const now = options.now ?? (() => new Date());
  const { privateKey, certificate } = selfSignedCertificate({
    subject: [
      { shortName: 'CN', value: 'Mejora local timestamp authority' },
      { shortName: 'O', value: 'Mejora tests' },
    ],
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      { name: 'extKeyUsage', timeStamping: true, critical: true },
    ],
  });
  let serial = 0;

  const answer = async (body: Buffer): Promise<Buffer> => {
    const request = pkijs.TimeStampReq.fromBER(view(body));
    serial += 1;
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: timeStampingPolicy,
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ value: serial }),
      genTime: now(),
      accuracy: new pkijs.Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const content = toBuffer(tstInfo.toSchema().toBER());
    const token = await createSignedData({
      digest: sha256(content),
      contentType: oid.tstInfo,
      eContent: content,
      certificate,
      privateKey,
    });
    const response = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: 0 }),
      timeStampToken: pkijs.ContentInfo.fromBER(view(token)),
    });
    return toBuffer(response.toSchema().toBER());
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      answer(Buffer.concat(chunks)).then(
        (reply) => res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(reply),
        () => res.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate,
    issued: () => serial,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
