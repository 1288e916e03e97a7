// The plan as a PDF: every section of the PIP document in its order, in the plan's language, with DejaVu Sans.
// The sections are in plan-pdf/, one file per group; the words in words.ts; the page writer in pdf-writer.ts.
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import { openPdfDocument } from './pdf-writer.ts';
import { acknowledgments, responses } from './plan-pdf/acknowledgments.ts';
import { closing, review } from './plan-pdf/closing.ts';
import { development, timeline, tracking } from './plan-pdf/development.ts';
import { goals, issues, overview } from './plan-pdf/issues-and-goals.ts';
import { headerTable, titleBlock } from './plan-pdf/opening.ts';
import { type PdfImage, pageFurniture } from './plan-pdf/page-furniture.ts';
import { contacts, documentation, guidance, supportAndResources } from './plan-pdf/support.ts';
import { type Context, margin, planWriter } from './plan-pdf/writer.ts';
import { type DocumentExtras, printablePlan } from './printable.ts';
import { utcToday } from './timeline-marks.ts';
import { type DocumentLocale, documentWords, headingsOf } from './words.ts';

export {
  approvedByLine,
  type DocumentLocale,
  type DocumentWords,
  documentWords,
  noneRecorded,
} from './words.ts';

export type PlanPdfOptions = {
  organizationName?: string;
  logo?: Buffer | null;
  locale?: DocumentLocale;
  /** The mentor's role and the employee's responses, which the plan view does not carry. */
  extras?: DocumentExtras;
  /** Pages that follow the plan in the same file (the dossier's record): "Page X of Y" counts them in Y. */
  pagesAfter?: number;
  /** Without the structure tree (default: tagged); the benchmark measures what tagging costs with it. */
  tagged?: boolean;
};

/** Emoji DejaVu Sans has no glyph for (they would print as empty boxes), with the space after them. */
const emoji = /(?:\p{Emoji_Presentation}|\p{Emoji_Modifier}|\u200d|\ufe0f)+ ?/gu;
/**
 * Every character `emoji` matches is one of these UTF-16 code units (no emoji comes before U+231A; the
 * astral ones are surrogate pairs), unlike the letters, accents, quotes, dashes and € of ordinary text:
 * this plain scan spares the Unicode property match for almost every plan.
 */
const mayHaveEmoji = /[\u200d\u231a-\uffff]/;

const withoutEmoji = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(emoji, '');
  if (Array.isArray(value)) return value.map(withoutEmoji);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutEmoji(v)]));
  }
  return value;
};

/** Renders the whole plan; resolves with the PDF bytes. */
export async function renderPlanPdf(input: PlanReadModel, options: PlanPdfOptions = {}): Promise<Buffer> {
  // Text typed in the app may carry emoji; one scan of the whole plan is cheap next to rendering it.
  const json = JSON.stringify(input);
  emoji.lastIndex = 0;
  const clean = mayHaveEmoji.test(json) && emoji.test(json) ? (withoutEmoji(input) as PlanReadModel) : input;
  const locale = options.locale ?? clean.locale;
  const plan = printablePlan(clean, locale, options.extras);
  const organizationName = options.organizationName ?? plan.header.organizationName;
  const { doc, done } = openPdfDocument({
    title: `${plan.title} — ${plan.header.employeeName}`,
    author: organizationName,
    subject: plan.subtitle,
    locale,
    margins: margin,
    tagged: options.tagged ?? true,
  });

  const words = documentWords(locale);
  const w = planWriter(doc);
  const c: Context = {
    w,
    plan,
    locale,
    h: headingsOf(plan),
    words,
    date: words.date,
    dateTime: words.dateTime,
    value: words.value,
    money: (value) => words.money(value, plan.support.budget.currency),
    number: words.number,
    today: options.extras?.asOf ?? utcToday(),
  };
  // Opened once and drawn on every page as the same image object; doc.image(bytes) would embed it per page.
  // openImage is public in pdfkit but missing from @types/pdfkit.
  const logo = options.logo
    ? (doc as unknown as { openImage(src: Buffer): PdfImage }).openImage(options.logo)
    : null;

  titleBlock(c);
  headerTable(c);
  overview(c);
  issues(c);
  goals(c);
  development(c);
  timeline(c);
  tracking(c);
  supportAndResources(c);
  documentation(c);
  guidance(c);
  contacts(c);
  acknowledgments(c);
  responses(c, options.extras?.responses ?? []);
  review(c);
  closing(c);
  w.endTags();
  pageFurniture(c, organizationName, logo, options.pagesAfter);

  doc.end();
  return done;
}
