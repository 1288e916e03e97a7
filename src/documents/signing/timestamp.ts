// RFC 3161 timestamps: asks a timestamp authority to vouch for the time a signature existed, and reads the token.
import { randomBytes } from 'node:crypto';
import * as pkijs from 'pkijs';
import { asn1js, checkSigner, oid, sha256, toBuffer, view } from './cms.ts';

export class TimestampError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimestampError';
  }
}

export type TimestampInfo = {
  genTime: Date;
  /** SHA-256 of what was timestamped, as the token states it. */
  imprint: Buffer;
  serialNumber: string;
  /** The token's own signature verifies with the authority's certificate inside it. */
  isSignatureValid: boolean;
  authority: string | null;
};

const bytesOf = (block: { valueBlock: { valueHexView: Uint8Array } }): Buffer =>
  toBuffer(block.valueBlock.valueHexView);

/**
 * Timestamps `data` (the signature value, for a CMS signature-time-stamp) at the authority and returns the token,
 * a DER ContentInfo. Refuses an answer that is not granted, or whose imprint or nonce differ from the request.
 */
export async function requestTimestamp(
  tsaUrl: string,
  data: Uint8Array,
  options: { timeoutMs?: number } = {},
): Promise<Buffer> {
  const imprint = sha256(data);
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f;
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: oid.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: view(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: view(nonce) }),
    certReq: true,
  });
  const host = new URL(tsaUrl).host;
  let answer: Response;
  try {
    answer = await fetch(tsaUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: request.toSchema().toBER(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'is unreachable';
    throw new TimestampError(`The timestamp authority ${host} ${reason}`);
  }
  if (!answer.ok) throw new TimestampError(`The timestamp authority ${host} answered HTTP ${answer.status}`);
  const body = new Uint8Array(await answer.arrayBuffer());
  let response: pkijs.TimeStampResp;
  try {
    response = pkijs.TimeStampResp.fromBER(body);
  } catch {
    throw new TimestampError(
      `The timestamp authority ${host} sent something that is not a timestamp response`,
    );
  }
  const status = response.status.status;
  if ((status !== 0 && status !== 1) || !response.timeStampToken) {
    const text = response.status.statusStrings?.map((s) => s.valueBlock.value).join('; ');
    throw new TimestampError(
      `The timestamp authority ${host} refused (status ${status}${text ? `: ${text}` : ''})`,
    );
  }
  const token = toBuffer(response.timeStampToken.toSchema().toBER());
  const info = readTimestampToken(token);
  if (!info.imprint.equals(imprint)) throw new TimestampError(`The timestamp from ${host} is for other data`);
  const tst = tstInfoOf(new pkijs.SignedData({ schema: response.timeStampToken.content }));
  // Integers may drop or gain a leading zero byte on the way: compare the numbers.
  const asNumber = (bytes: Buffer): bigint => BigInt(`0x${bytes.toString('hex') || '0'}`);
  if (!tst.nonce || asNumber(bytesOf(tst.nonce)) !== asNumber(nonce)) {
    throw new TimestampError(`The timestamp from ${host} does not answer this request (nonce differs)`);
  }
  return token;
}

function tstInfoOf(signedData: pkijs.SignedData): pkijs.TSTInfo {
  const { eContentType, eContent } = signedData.encapContentInfo;
  if (eContentType !== oid.tstInfo || !eContent) throw new TimestampError('The token holds no TSTInfo');
  return pkijs.TSTInfo.fromBER(eContent.getValue());
}

/** Reads a timestamp token (DER ContentInfo): its time, imprint and whether its own signature holds. */
export function readTimestampToken(token: Uint8Array): TimestampInfo {
  const contentInfo = pkijs.ContentInfo.fromBER(view(token));
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const tst = tstInfoOf(signedData);
  const check = checkSigner(signedData);
  return {
    genTime: tst.genTime,
    imprint: bytesOf(tst.messageImprint.hashedMessage),
    serialNumber: bytesOf(tst.serialNumber).toString('hex'),
    isSignatureValid: check.isValid,
    authority: check.subject,
  };
}
