// The plan PDF's look and its writer: type sizes, margins, how much room each heading keeps below it, and what
// every section receives besides the plan (the words, the formats, the day the timeline is read as of).
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import type { HeadingKey } from '../../domain/template/template.ts';
import { type PdfLook, pdfWriter } from '../pdf-writer.ts';
import type { DocumentLocale, DocumentWords } from '../words.ts';

export const size = { title: 19, h1: 14, h2: 11.5, h3: 10, body: 9.5, small: 8, tiny: 7 } as const;
export const lineGap = 1.6;
export const margin = { top: 66, bottom: 64, left: 50, right: 50 } as const;

const look: PdfLook = {
  size,
  lineGap,
  margin,
  itemGap: 2.5,
  table: { pad: 4, after: 8, blank: '', isFirstRowShadedWithoutHeader: true, isTallRowSplit: false },
  isFillTracked: true,
};

/** Space a heading needs below it before it is worth starting on this page. */
const keepWithNext = 3 * (size.body + lineGap + 3);
/** A heading's line in its size, as pdfkit sets DejaVu Sans (1.16 em) with the line gap. */
const headingLine = (points: number): number => points * 1.17 + lineGap;
/** An h2 or h3 right after a heading, with the space around it: a heading keeps the one under it on its page. */
const h2Block = 8 + headingLine(size.h2) + 4;
const h3Block = 5 + headingLine(size.h3) + 3;
/** A table's header and first row. */
export const tableKeep = 60;
/** An acknowledgment: heading, intro, five clauses and the signature lines. */
export const signatureBlock = 190;

export type PlanWriter = ReturnType<typeof planWriter>;

/** The shared PDF writer in the plan's look, with the plan's three heading levels. */
export function planWriter(doc: PDFKit.PDFDocument) {
  const w = pdfWriter(doc, look);
  return {
    ...w,
    /** `keep`: room the content right after the heading needs on the same page (a table, a signature block). */
    // A section's heading is often followed by its first subsection's heading (and that by a focus area's or a
    // group's): the room it keeps below covers those headings too, so no heading ends a page above another.
    h1: (text: string, keep = keepWithNext + h2Block + h3Block) =>
      w.heading(text, { points: size.h1, before: 14, after: 6, keep, rule: true, role: 'H2' }),
    h2: (text: string, keep = keepWithNext + h3Block) =>
      w.heading(text, { points: size.h2, before: 8, after: 4, keep, rule: false, role: 'H3' }),
    h3: (text: string, keep = keepWithNext) =>
      w.heading(text, { points: size.h3, before: 5, after: 3, keep, rule: false, role: 'H4' }),
  };
}

/** Everything the sections need besides the plan: the writer, the words and the formatters. */
export type Context = {
  w: PlanWriter;
  plan: PlanReadModel;
  locale: DocumentLocale;
  h: Record<HeadingKey, string>;
  words: DocumentWords;
  date: (value: string | null) => string;
  dateTime: (value: string) => string;
  value: (value: number, unit: string) => string;
  money: (value: number) => string;
  number: (value: number) => string;
  /** The day the timeline's marks are read as of. */
  today: string;
};

type Labelled = { label: string; text: string };

export const labelledList = (c: Context, items: Labelled[]): void => {
  for (const item of items) c.w.labelled(item.label, item.text);
};
