// What every page of the plan carries: the organisation, its logo and whom the plan is about at the top, the
// confidentiality notice and "Page X of Y" at the bottom, and the draft mark across a plan not yet approved.
import { drawRule, fontNames, pdfColor } from '../pdf-writer.ts';
import { type Context, size } from './writer.ts';

export type PdfImage = { width: number; height: number };

/** A plan not yet approved says so across the page, faint enough to read the text under it (PDF/A-2 allows it). */
function draftMark(doc: PDFKit.PDFDocument, mark: string): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc.font(fontNames.bold).fontSize(96).fillColor(pdfColor.primary).fillOpacity(0.09);
  const textWidth = doc.widthOfString(mark);
  doc.text(mark, width / 2 - textWidth / 2, height / 2 - 48, { lineBreak: false });
  doc.restore();
}

/** Header and footer of every page, written once all pages exist so that "Page X of Y" knows Y. */
export function pageFurniture(
  c: Context,
  organizationName: string,
  logo: PdfImage | null,
  pagesAfter = 0,
): void {
  const { w, plan } = c;
  const doc = w.doc;
  const right = w.left + w.width;
  const isDraft = plan.status === 'draft' || plan.status === 'in_review';
  w.stampPages((page, pages) => {
    if (isDraft) draftMark(doc, c.words.draftMark);
    let x = w.left;
    if (logo) {
      const height = 22;
      const width = Math.min(90, (logo.width / logo.height) * height);
      doc.image(logo as unknown as Buffer, x, 24, { width, height });
      x += width + 8;
    }
    // One line each: a long name is cut with an ellipsis rather than run into the other or below the rule.
    const about = `${plan.title} · ${plan.header.employeeName}`;
    w.style('regular', size.tiny, pdfColor.muted);
    const aboutWidth = Math.min(doc.widthOfString(about) + 1, (right - x) * 0.6);
    doc.text(about, right - aboutWidth, 32, { width: aboutWidth, align: 'right', height: 9, ellipsis: true });
    w.style('bold', size.small + 1, pdfColor.primary);
    doc.text(organizationName, x, 31, { width: right - aboutWidth - x - 12, height: 11, ellipsis: true });
    drawRule(doc, { from: w.left, to: right, y: 50, width: 0.5, color: pdfColor.rule });

    const pageLabel = c.h.page.replace('{page}', String(page)).replace('{pages}', String(pages + pagesAfter));
    w.footer(plan.confidentialityNotice, pageLabel, { labelWidth: 85 });
  });
}
