// The bytes of a pdfkit document, gathered as text until they are needed as bytes.
// pdfkit turns every line it writes (each object's header, dictionary and "endobj") into a byte array of its own
// and pushes it through a Node stream, and every drawing operator of a page into another byte array held until the
// page is written: a tagged plan PDF made about 3,400 of the first and 10,000 of the second, and copying, pushing
// and collecting them was a good part of its time and of the garbage collector's. Here lines stay strings, joined
// once per page or per file; the bytes and every offset in the cross-reference table are the same. Streams are
// deflated here, at a level chosen for speed, and bytes that many documents embed alike are deflated once.
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

/**
 * zlib's level for every stream. pdfkit uses the default, 6; on a plan PDF's streams (about 300 KB of page content
 * and fonts) level 3 took about a third less CPU for 9 % more compressed bytes (74 KB → 81 KB, the file 4 % larger),
 * and level 1 about a fifth less again, for a whole plan PDF about 5 % less CPU and 3 % more bytes (168 → 173 KB).
 */
export const deflateLevel = 1;

/** Deflated once for every document that writes the same bytes (a font subset shared between documents). */
const deflatedOnce = new WeakMap<Uint8Array, Uint8Array>();

/**
 * Marks bytes that many documents write as they are (never changed afterwards): they are deflated once and the
 * result kept with them for as long as they live.
 */
export function deflateOnce(bytes: Uint8Array): Uint8Array {
  if (!deflatedOnce.has(bytes)) deflatedOnce.set(bytes, deflateSync(bytes, { level: deflateLevel }));
  return bytes;
}

/** Bytes a stream was written from once, as they were: a second document writing the same keeps them deflated. */
const writtenOnce = new WeakSet<Uint8Array>();

/**
 * The object's stream, deflated here at `deflateLevel` (or taken from `deflateOnce`) instead of by pdfkit. Bytes
 * written whole a second time (pdfkit's colour profile for PDF/A, read once per process) are deflated once.
 */
const deflateStream = (ref: PdfkitReference): void => {
  if (!ref.compress || ref.buffer.length === 0) return;
  const bytes = ref.buffer.length === 1 ? ref.buffer[0] : Buffer.concat(ref.buffer);
  let deflated = deflatedOnce.get(bytes);
  if (deflated === undefined) {
    deflated = deflateSync(bytes, { level: deflateLevel });
    // Bytes gathered from several pieces are this stream's alone.
    if (ref.buffer.length === 1) {
      if (writtenOnce.has(bytes)) deflatedOnce.set(bytes, deflated);
      else writtenOnce.add(bytes);
    }
  }
  ref.buffer = [deflated];
  ref.compress = false;
  ref.data.Filter = 'FlateDecode';
};

/** What of pdfkit's indirect object (undocumented, PDFReference) the buffered writing goes through. */
type PdfkitReference = {
  id: number;
  gen: number;
  offset?: number;
  document: PdfkitDocumentInternals;
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[];
  write(chunk: unknown): void;
  finalize(): void;
  /** Lines written as text and not yet turned into bytes. */
  lines?: string[];
};

/** What of pdfkit's document (undocumented) the collecting goes through. */
type PdfkitDocumentInternals = {
  _offset: number;
  _security?: unknown;
  _write(data: unknown): void;
  _refEnd(ref: PdfkitReference): void;
  _finalize(): void;
  ref(data?: object): PdfkitReference;
};

/** The objects of pdfkit's page (undocumented). */
type PdfkitPageInternals = {
  dictionary: PdfkitReference;
  resources: PdfkitReference;
  content: PdfkitReference;
};

type ReferenceMethods = Pick<PdfkitReference, 'write' | 'finalize'>;

/** The text lines written so far, as the bytes pdfkit would have made of them (one byte per character). */
const flushLines = (ref: PdfkitReference): void => {
  if (ref.lines === undefined || ref.lines.length === 0) return;
  ref.buffer.push(Buffer.from(`${ref.lines.join('\n')}\n`, 'latin1'));
  ref.lines.length = 0;
};

/**
 * A value as pdfkit writes it in an object (its `PDFObject.convert`), for the values a tagged document's objects are
 * made of: names, numbers, references, and arrays and dictionaries of them; null for any other (text strings, dates,
 * bytes, name trees), which pdfkit writes itself. `isReference` tells pdfkit's references apart.
 */
function plainPdfValue(value: unknown, isReference: (value: object) => boolean): string | null {
  switch (typeof value) {
    case 'string':
      return `/${value}`;
    case 'number':
      // pdfkit rounds to six decimals and refuses numbers PDF cannot hold: those it refuses itself.
      if (Number.isSafeInteger(value)) return `${value}`;
      return value > -1e21 && value < 1e21 ? `${Math.round(value * 1e6) / 1e6}` : null;
    case 'boolean':
      return `${value}`;
    case 'object': {
      if (value === null) return 'null';
      if (isReference(value)) return `${value}`;
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          const item = plainPdfValue(value[i] === undefined ? null : value[i], isReference);
          if (item === null) return null;
          text += i === 0 ? item : ` ${item}`;
        }
        return `${text}]`;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return null;
      let text = '<<';
      const dictionary = value as Record<string, unknown>;
      for (const key in dictionary) {
        const entry = dictionary[key];
        if (entry === undefined) continue;
        const item = plainPdfValue(entry, isReference);
        if (item === null) return null;
        text += `\n/${key} ${item}`;
      }
      return `${text}\n>>`;
    }
    default:
      return null;
  }
}

/**
 * An object without a stream written in one piece, as pdfkit writes it (`N 0 obj`, the dictionary, `endobj`); false
 * when pdfkit has to write it. A tagged plan has about 800 such objects, nearly all structure elements
 * (`<< /S /LBody /P 49 0 R /K [24] /Pg 10 0 R >>`), and pdfkit's general conversion was a good part of writing them.
 */
const writeWithoutStream = (ref: PdfkitReference, isReference: (value: object) => boolean): boolean => {
  const doc = ref.document;
  if (doc._security) return false;
  const dictionary = plainPdfValue(ref.data, isReference);
  if (dictionary === null) return false;
  ref.offset = doc._offset;
  doc._write(`${ref.id} ${ref.gen} obj\n${dictionary}\nendobj`);
  doc._refEnd(ref);
  return true;
};

/** Methods for pdfkit's references that keep text lines as strings until the object is written. */
function bufferedReferenceMethods(original: ReferenceMethods, referencePrototype: object): ReferenceMethods {
  const isReference = (value: object): boolean =>
    Object.prototype.isPrototypeOf.call(referencePrototype, value);
  return {
    write(this: PdfkitReference, chunk: unknown): void {
      if (chunk instanceof Uint8Array) {
        flushLines(this);
        original.write.call(this, chunk);
        return;
      }
      const line = `${chunk}`;
      if (this.lines === undefined) this.lines = [];
      this.lines.push(line);
      this.uncompressedLength += line.length + 1;
      this.data.Length = (this.data.Length ?? 0) + line.length + 1;
      if (this.compress) this.data.Filter = 'FlateDecode';
    },
    finalize(this: PdfkitReference): void {
      flushLines(this);
      if (this.buffer.length === 0 && writeWithoutStream(this, isReference)) return;
      deflateStream(this);
      original.finalize.call(this);
    },
  };
}

let referenceMethods: ReferenceMethods | null = null;

/**
 * Collects the document's bytes from now on (and those pdfkit wrote while it was created); resolves with the whole
 * file when pdfkit has written its last line. Call it right after creating the document, before anything is drawn.
 */
export function collectPdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const internals = doc as unknown as PdfkitDocumentInternals;
  // The header pdfkit wrote in its constructor waits in the stream, which nothing reads: take it from there.
  const head = doc.read() as Buffer | null;
  const parts: (string | Uint8Array)[] = head === null ? [] : [head];
  internals._write = (data: unknown): void => {
    if (data instanceof Uint8Array) {
      parts.push(data);
      internals._offset += data.length;
    } else {
      const line = `${data}\n`;
      parts.push(line);
      internals._offset += line.length;
    }
  };
  const buffered = (created: PdfkitReference): PdfkitReference => {
    if (referenceMethods === null) {
      const prototype = Object.getPrototypeOf(created) as ReferenceMethods;
      // pdfkit's references (and only they) derive from the class above PDFReference, PDFAbstractReference.
      referenceMethods = bufferedReferenceMethods(
        { write: prototype.write, finalize: prototype.finalize },
        Object.getPrototypeOf(prototype) as object,
      );
    }
    created.write = referenceMethods.write;
    created.finalize = referenceMethods.finalize;
    return created;
  };
  const ref = internals.ref.bind(internals);
  internals.ref = (data?: object): PdfkitReference => buffered(ref(data));
  // The first page was added in the constructor, its objects made before `ref` was replaced: without this its
  // content stream went through pdfkit's own writing and was deflated at pdfkit's level, 6.
  const first = (doc as unknown as { page?: PdfkitPageInternals | null }).page;
  if (first) for (const created of [first.dictionary, first.resources, first.content]) buffered(created);
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('error', reject);
    const finalize = internals._finalize.bind(internals);
    internals._finalize = (): void => {
      finalize();
      const bytes = Buffer.allocUnsafe(internals._offset);
      let at = 0;
      for (const part of parts) {
        if (typeof part === 'string') at += bytes.write(part, at, 'latin1');
        else {
          bytes.set(part, at);
          at += part.length;
        }
      }
      parts.length = 0;
      // Resolved on the event loop's next turn, after the tick the stream queued when pdfkit wrote the header: that
      // tick holds the document, and a caller that renders one PDF after another without waiting on anything else
      // (a benchmark, a batch in memory) would otherwise run every render before any tick, keeping every document.
      setImmediate(resolve, at === bytes.length ? bytes : bytes.subarray(0, at));
    };
  });
}
