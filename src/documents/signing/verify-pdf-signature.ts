// Checks a PDF's last signature the way a reader does: what it covers, its digest, its signature and its timestamp.
import { checkSigner, oid, parseSignedData, sha256, toBuffer, unsignedAttribute } from './cms.ts';
import { readTimestampToken } from './timestamp.ts';

export type PdfSignatureCheck = {
  isSigned: boolean;
  /** The signature verifies and the bytes it covers are unchanged. */
  isValid: boolean;
  /** It covers the whole file but its own value: nothing was appended after signing. */
  isWholeFile: boolean;
  subFilter: string | null;
  /** The signer certificate's subject. */
  signer: string | null;
  /** The claimed signing time (/M), ISO. */
  signedAt: string | null;
  timestamp: { time: string; authority: string | null; isValid: boolean } | null;
  problems: string[];
};

const byteRangePattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** "D:20261124121526Z" or "D:20261124131526+01'00'" → ISO; null when unreadable. */
export function pdfDate(value: string): string | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:([Zz])|([+-])(\d{2})'?(\d{2})'?)?/.exec(value);
  if (!m) return null;
  const offset = m[8] ? `${m[8]}${m[9]}:${m[10]}` : 'Z';
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function verifyPdfSignature(pdf: Buffer): PdfSignatureCheck {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(byteRangePattern)];
  const none: PdfSignatureCheck = {
    isSigned: false,
    isValid: false,
    isWholeFile: false,
    subFilter: null,
    signer: null,
    signedAt: null,
    timestamp: null,
    problems: ['the PDF is not digitally signed'],
  };
  const last = ranges.at(-1);
  if (!last) return none;
  const [start, firstLength, secondStart, secondLength] = last.slice(1, 5).map(Number);
  const problems: string[] = [];
  const fits =
    start === 0 &&
    firstLength < secondStart &&
    secondStart + secondLength <= pdf.length &&
    pdf[firstLength] === 0x3c &&
    pdf[secondStart - 1] === 0x3e;
  if (!fits)
    return { ...none, isSigned: true, problems: ['the signature’s byte range does not fit the file'] };
  const isWholeFile = secondStart + secondLength === pdf.length;
  if (!isWholeFile) problems.push('bytes were added after the signature');
  if (ranges.length > 1) problems.push(`the file has ${ranges.length} signatures; only the last is checked`);

  const dictStart = text.lastIndexOf('<<', last.index);
  const dictEnd = text.indexOf('>>', secondStart);
  const dict = `${text.slice(dictStart, last.index)} ${text.slice(secondStart, dictEnd)}`;
  const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(dict)?.[1] ?? null;
  const signedAt = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(dict)?.[1] ?? '');

  const signed = Buffer.concat([
    pdf.subarray(0, firstLength),
    pdf.subarray(secondStart, secondStart + secondLength),
  ]);
  // The value is zero-padded to fill its placeholder; the DER parser stops at the end of the CMS structure.
  const hex = text.slice(firstLength + 1, secondStart - 1);
  let check: ReturnType<typeof checkSigner>;
  let timestamp: PdfSignatureCheck['timestamp'] = null;
  try {
    const signedData = parseSignedData(Buffer.from(hex, 'hex'));
    check = checkSigner(signedData, signed);
    const token = unsignedAttribute(signedData, oid.signatureTimeStampToken) as
      | { toBER(): ArrayBuffer }
      | undefined;
    if (token) {
      try {
        const info = readTimestampToken(toBuffer(token.toBER()));
        const isOfSignature = info.imprint.equals(sha256(check.signature));
        if (!isOfSignature) problems.push('the timestamp is not of this signature');
        if (!info.isSignatureValid) problems.push('the timestamp’s own signature does not verify');
        timestamp = {
          time: info.genTime.toISOString(),
          authority: info.authority,
          isValid: isOfSignature && info.isSignatureValid,
        };
      } catch {
        problems.push('the timestamp token cannot be read');
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unreadable';
    return {
      ...none,
      isSigned: true,
      isWholeFile,
      subFilter,
      signedAt,
      problems: [`the signature cannot be read: ${reason}`],
    };
  }
  problems.push(...check.problems);
  return {
    isSigned: true,
    isValid: check.isValid,
    isWholeFile,
    subFilter,
    signer: check.subject,
    signedAt,
    timestamp,
    problems,
  };
}
