import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { collectPdfBytes } from './pdf-bytes.ts';

/** pdfkit's own output, read from its stream. */
const pdfkitBytes = (doc: PDFKit.PDFDocument): Promise<Buffer> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
  });

/** The same objects in a document: structure-element-like dictionaries and some that pdfkit has to write. */
const writeObjects = (doc: PDFKit.PDFDocument): number[] => {
  const page = doc.ref({ Type: 'Page' });
  const parent = doc.ref({ S: 'Document', K: [] });
  const objects = [
    { S: 'LBody', P: parent, K: [24], Pg: page },
    {
      S: 'TD',
      P: parent,
      K: [0, { Type: 'MCR', Pg: page, MCID: 3 }],
      Pg: page,
      A: { O: 'Table', Scope: 'Column' },
    },
    {
      W: [0, [1229, 348.1445312, 456.0546875, -0, 1e-7, 0.1 + 0.2]],
      Flag: true,
      Off: false,
      None: null,
      Gone: undefined,
    },
    { Empty: {}, Nested: [[], [1, [2, [page]]]], Holes: [1, undefined, 3] },
    { S: 'P', Alt: new String('Título (uno) — ñ'), P: parent },
    { CreationDate: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), Bytes: new Uint8Array([1, 2, 255]) },
  ];
  const ids = [page, parent, ...objects.map((data) => doc.ref(data))].map((ref) => {
    const written = ref as unknown as { id: number; end(): void };
    written.end();
    return written.id;
  });
  doc.end();
  return ids;
};

const objectText = (pdf: Buffer, id: number): string | undefined =>
  new RegExp(`\\n${id} 0 obj\\n([\\s\\S]*?)\\nendobj\\n`).exec(pdf.toString('latin1'))?.[1];

describe('objects written by the buffered writing', () => {
  it('writes every dictionary exactly as pdfkit writes it', async () => {
    const options = { autoFirstPage: false, info: { CreationDate: new Date(Date.UTC(2026, 0, 1)) } };
    const own = new PDFDocument(options);
    const expected = pdfkitBytes(own);
    const ownIds = writeObjects(own);
    const buffered = new PDFDocument(options);
    const actual = collectPdfBytes(buffered);
    const ids = writeObjects(buffered);
    expect(ids).toEqual(ownIds);
    const [ownPdf, pdf] = await Promise.all([expected, actual]);
    for (const id of ids) {
      expect(objectText(ownPdf, id)).toBeDefined();
      expect(objectText(pdf, id)).toBe(objectText(ownPdf, id));
    }
    expect(pdf.equals(ownPdf)).toBe(true);
  });
});
