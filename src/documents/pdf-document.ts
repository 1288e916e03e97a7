// A new Mejora PDF as the plan and the reports open it: A4, PDF/A-2b, the DejaVu Sans faces, the shared palette,
// its bytes collected as pdfkit writes them.
import PDFDocument from 'pdfkit';
import type { Locale } from '../domain/template/template.ts';
import { dejaVuSansFonts, type FontFace, shareWordLayouts } from './fonts.ts';
import { archivePdfkitDocument } from './pdf-archive.ts';
import { taggedDocuments } from './pdf-tags.ts';

/** The names a document switches faces by: `doc.font(fontNames.bold)`. */
export const fontNames: Readonly<Record<FontFace, string>> = {
  regular: 'DejaVuSans',
  bold: 'DejaVuSans-Bold',
  oblique: 'DejaVuSans-Oblique',
};

export const pdfColor = {
  text: '#1d232b',
  primary: '#1f3a5f',
  muted: '#5b6572',
  rule: '#c9d1db',
  fill: '#eef2f6',
  good: '#1e7a3c',
  warn: '#a15c00',
  bad: '#b3261e',
} as const;

export type PdfDocumentInfo = {
  title: string;
  author: string;
  subject: string;
  locale: Locale;
  margins: { top: number; bottom: number; left: number; right: number };
  /** With a structure tree (the writer tags what it draws, see pdf-tags.ts). */
  tagged?: boolean;
};

/** The document, its regular face selected; `done` resolves with the bytes after `doc.end()`. */
export function openPdfDocument(info: PdfDocumentInfo): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    // No default font: pdfkit would otherwise load Helvetica's metrics for every document.
    font: '',
    size: 'A4',
    margins: info.margins,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    bufferPages: true,
    lang: info.locale,
    displayTitle: true,
    tagged: info.tagged === true,
    info: {
      Title: info.title,
      Author: info.author,
      Subject: info.subject,
      Creator: 'Mejora',
      Producer: 'Mejora',
    },
  });
  archivePdfkitDocument(doc);
  if (info.tagged) taggedDocuments.add(doc);
  // Registered once per document and then switched by name; pdfkit 0.20 takes parsed fonts as well as bytes.
  const faces = dejaVuSansFonts();
  for (const face of ['regular', 'bold', 'oblique'] as const) {
    doc.registerFont(fontNames[face], faces[face] as unknown as Buffer);
  }
  shareWordLayouts(doc, fontNames);
  doc.font(fontNames.regular);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** A horizontal line from `from` to `to` at height `y`: under headings, between rows, above footers. */
export function drawRule(
  doc: PDFKit.PDFDocument,
  line: { from: number; to: number; y: number; width: number; color: string },
): void {
  doc
    .moveTo(line.from, line.y)
    .lineTo(line.to, line.y)
    .lineWidth(line.width)
    .strokeColor(line.color)
    .stroke();
}

export type PageArea = ReturnType<typeof pageArea>;

/** The writable part of a document's pages, and the two moves every writer makes in it. */
export function pageArea(doc: PDFKit.PDFDocument, margins: PdfDocumentInfo['margins']) {
  const bottom = (): number => doc.page.height - margins.bottom;
  return {
    left: margins.left,
    width: doc.page.width - margins.left - margins.right,
    top: margins.top,
    bottom,
    /** Starts a new page unless `space` points are left on this one. */
    ensure: (space: number): void => {
      if (doc.y + space > bottom()) doc.addPage();
    },
    gap: (points: number): void => {
      doc.y += points;
    },
  };
}
