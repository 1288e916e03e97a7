// Reading generated PDFs back in tests.
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { openPdfDocument } from '../../src/documents/pdf-writer.ts';

/** The decoded drawing operators of every page, in page order. */
export async function pageContents(pdf: Buffer): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  return doc
    .getPages()
    .map((page) => {
      const contents = page.node.get(PDFName.of('Contents'));
      const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
      return refs
        .map((ref) => doc.context.lookup(ref))
        .map((stream) =>
          stream instanceof PDFRawStream ? inflateSync(stream.contents).toString('latin1') : '',
        )
        .join('\n');
    })
    .join('\n');
}

/** A plain document as the writer opens one (A4, PDF/A, DejaVu Sans), with placeholder title and 50 pt margins. */
export function openTestPdf(locale: 'en' | 'es' = 'es'): ReturnType<typeof openPdfDocument> {
  return openPdfDocument({
    title: 't',
    author: 'a',
    subject: 's',
    locale,
    margins: { top: 50, bottom: 50, left: 50, right: 50 },
  });
}
