// Verifies a dossier PDF offline: its embedded record against the hash it states, every signed version's hash,
// the plan's audit chain, and the organisation's PDF signature over the whole file.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { canonicalJson, hashOf } from '../domain/audit/canonical-json.ts';
import { verifyChain } from '../domain/audit/chain.ts';
import { type DossierRecord, dossierAttachmentName, dossierFormat } from './dossier.ts';
import { type PdfSignatureCheck, verifyPdfSignature } from './signing/verify-pdf-signature.ts';

/** The input cannot be checked at all: not a PDF, or a PDF without a dossier record. */
export class DossierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DossierError';
  }
}

export type SignatureMatch = {
  role: 'employee' | 'manager' | 'hr';
  signerName: string;
  version: number;
  isRefused: boolean;
  /** The version's recomputed document hash equals the hash the signer signed. */
  matches: boolean;
};

export type DossierVerification = {
  /** Nothing in the file or its record was changed since the organisation signed it. */
  isIntact: boolean;
  signatures: SignatureMatch[];
  problems: string[];
  recordHash: string;
  plan: { id: string; employeeName: string; version: number; shownVersion: number } | null;
  generatedAt: string | null;
  pdfSignature: PdfSignatureCheck;
  audit: { events: number; head: { seq: number; hash: string } | null; isIntact: boolean };
};

type RecordCheck = Omit<DossierVerification, 'pdfSignature'>;

const lookupName = (dict: PDFDict, key: string) => dict.lookup(PDFName.of(key));

const textOf = (value: unknown): string | null =>
  value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : null;

/** The embedded record's bytes and the SHA-256 the dossier states for it. */
export async function extractDossierRecord(
  pdf: Uint8Array,
): Promise<{ bytes: Buffer; statedHash: string | null }> {
  if (!Buffer.from(pdf.subarray(0, 1024)).includes('%PDF-')) throw new DossierError('The file is not a PDF');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, {
      updateMetadata: false,
      ignoreEncryption: true,
      throwOnInvalidObject: false,
    });
  } catch {
    throw new DossierError('The PDF is damaged and cannot be read');
  }
  const none = new DossierError('The PDF holds no Mejora dossier record (no embedded dossier.json)');
  let list: PDFArray | undefined;
  try {
    const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
    const embedded = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
    list = embedded?.lookupMaybe(PDFName.of('Names'), PDFArray);
  } catch {
    throw new DossierError('The PDF is damaged and cannot be read');
  }
  if (!list) throw none;
  for (let i = 0; i + 1 < list.size(); i += 2) {
    if (textOf(list.lookup(i)) !== dossierAttachmentName) continue;
    const spec = list.lookup(i + 1);
    if (!(spec instanceof PDFDict)) break;
    const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
    const stream = ef ? lookupName(ef, 'F') : undefined;
    if (!(stream instanceof PDFRawStream)) break;
    const filter = stream.dict.lookup(PDFName.of('Filter'));
    let bytes = Buffer.from(stream.contents);
    if (filter instanceof PDFName && filter.asString() === '/FlateDecode') {
      try {
        bytes = inflateSync(bytes);
      } catch {
        throw new DossierError('The embedded dossier record is damaged and cannot be decompressed');
      }
    }
    const description = textOf(spec.lookup(PDFName.of('Desc'))) ?? '';
    return { bytes, statedHash: /SHA-256 ([0-9a-f]{64})/.exec(description)?.[1] ?? null };
  }
  throw none;
}

/** Checks a record's bytes: the stated hash, canonical form, each version's snapshot, signatures, audit chain. */
export function verifyDossierRecord(bytes: Buffer, statedHash: string | null): RecordCheck {
  const problems: string[] = [];
  const recordHash = createHash('sha256').update(bytes).digest('hex');
  const result: RecordCheck = {
    isIntact: false,
    signatures: [],
    problems,
    recordHash,
    plan: null,
    generatedAt: null,
    audit: { events: 0, head: null, isIntact: false },
  };
  if (statedHash === null) problems.push('the dossier does not state the hash of its record');
  else if (statedHash !== recordHash) {
    problems.push(
      `the embedded record was changed: its SHA-256 is ${recordHash}, the dossier states ${statedHash}`,
    );
  }
  const text = bytes.toString('utf8');
  let record: DossierRecord;
  try {
    record = JSON.parse(text) as DossierRecord;
  } catch {
    problems.push('the embedded record is not valid JSON');
    return result;
  }
  if (
    record?.format !== dossierFormat ||
    !Array.isArray(record.versions) ||
    !Array.isArray(record.signatures)
  ) {
    problems.push(`the embedded record is not a ${dossierFormat} record`);
    return result;
  }
  if (canonicalJson(record) !== text) problems.push('the embedded record is not in canonical form');
  result.plan = {
    id: record.plan.id,
    employeeName: record.plan.employeeName,
    version: record.plan.version,
    shownVersion: record.plan.shownVersion,
  };
  result.generatedAt = record.generatedAt;

  const recomputed = new Map<number, string>();
  for (const v of record.versions) {
    if (v.snapshot === null) continue;
    const hash = hashOf(v.snapshot);
    recomputed.set(v.version, hash);
    if (hash !== v.documentHash) problems.push(`version ${v.version} does not match its document hash`);
  }
  if (!recomputed.has(record.plan.shownVersion)) {
    problems.push(
      `the record lacks the text of version ${record.plan.shownVersion}, which the plan pages show`,
    );
  }
  const mismatches: string[] = [];
  result.signatures = record.signatures.map((s) => {
    const hash = recomputed.get(s.version);
    const matches = hash !== undefined && hash === s.documentHash;
    if (!matches) {
      mismatches.push(
        hash === undefined
          ? `the ${s.role}'s signature claims version ${s.version}, whose text the record lacks`
          : `the ${s.role}'s signature does not match version ${s.version}: it signed ${s.documentHash}`,
      );
    }
    return { role: s.role, signerName: s.signerName, version: s.version, isRefused: s.isRefused, matches };
  });

  const events = record.audit?.events ?? [];
  const broken = verifyChain(
    record.plan.id,
    events.map(({ actorName: _name, ...e }) => ({ ...e, id: e.seq })),
  );
  const head = record.audit?.head ?? null;
  const last = events.at(-1);
  const isHeadOk =
    head === null
      ? events.length === 0
      : last !== undefined && last.seq === head.seq && last.hash === head.hash;
  if (broken) problems.push(`the audit trail is broken at event ${broken.seq}: ${broken.problem}`);
  if (!isHeadOk) problems.push('the audit trail does not end at its recorded chain head');
  result.audit = { events: events.length, head, isIntact: !broken && isHeadOk };

  // A signature that does not match its version is a finding about the plan, not damage to this file.
  result.isIntact = problems.length === 0;
  problems.push(...mismatches);
  return result;
}

/** Verifies a dossier file. Throws DossierError when it is not a dossier at all. */
export async function verifyDossier(pdf: Buffer): Promise<DossierVerification> {
  const { bytes, statedHash } = await extractDossierRecord(pdf);
  const record = verifyDossierRecord(bytes, statedHash);
  const pdfSignature = verifyPdfSignature(pdf);
  const problems = [...record.problems];
  if (!pdfSignature.isSigned) problems.push('the PDF is not digitally signed');
  else {
    for (const p of pdfSignature.problems) problems.push(`PDF signature: ${p}`);
  }
  const isPdfIntact = pdfSignature.isValid && pdfSignature.isWholeFile;
  return { ...record, problems, isIntact: record.isIntact && isPdfIntact, pdfSignature };
}
