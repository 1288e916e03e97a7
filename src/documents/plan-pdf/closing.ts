// The end of the plan: its review and completion (with the outcome once decided), and the closing block.
import { artifact } from '../pdf-tags.ts';
import { drawRule, pdfColor } from '../pdf-writer.ts';
import { approvedByLine } from '../words.ts';
import { type Context, labelledList, lineGap, size } from './writer.ts';

export function review(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.planReview);
  w.h2(h.reviewSchedule);
  labelledList(c, plan.review.schedule);
  w.h2(h.updateProcess);
  labelledList(c, plan.review.updateProcess);
  w.h2(h.planCompletion);
  w.paragraph(plan.completion.intro);
  const outcome = plan.outcome;
  const steps = outcome?.completionSteps ?? plan.completion.steps.map((text) => ({ text, isDone: false }));
  for (const step of steps) w.check(step.text, step.isDone, { indent: 6 });
  if (outcome) {
    w.gap(4);
    const tone =
      outcome.outcome === 'successful'
        ? pdfColor.good
        : outcome.outcome === 'unsuccessful'
          ? pdfColor.bad
          : pdfColor.muted;
    w.style('bold', size.h3, tone);
    w.ensure(40);
    w.block('P', () =>
      w.doc.text(`${c.words.outcome}: ${c.words.outcomes[outcome.outcome]}`, w.left, w.doc.y, {
        width: w.width,
        lineGap,
      }),
    );
    w.gap(3);
    w.paragraph(outcome.summary);
    for (const area of outcome.areaSummaries) w.labelled(area.title, area.summary);
    if (outcome.reason) w.labelled(c.words.reason, outcome.reason, { bullet: false });
    w.labelled(c.words.decidedBy, `${outcome.decidedByName}, ${c.date(outcome.decidedAt)}`, {
      bullet: false,
    });
  }
}

export function closing(c: Context): void {
  const { w, plan, h } = c;
  const approvedBy = approvedByLine(plan.approvals, c.words);
  const rows: [string, string][] = [
    [h.planCreatedBy, plan.header.createdByName],
    [h.planApprovedBy, approvedBy],
    [h.startDate, c.date(plan.header.startDate)],
    [h.endDate, c.date(plan.header.endDate)],
    [h.nextReviewDate, c.date(plan.header.nextReviewDate)],
  ];
  w.gap(10);
  // The closing sentence, who made and approved the plan, its dates and the confidentiality notice: one block on one
  // page, so that the sentence never ends a page alone nor the notice starts one.
  const measure = (text: string): number => w.doc.heightOfString(text, { width: w.width, lineGap });
  w.style('oblique', size.body);
  const note = measure(plan.completion.closingNote) + 3;
  w.style('bold', size.body);
  const lines = rows.reduce((sum, [label, value]) => sum + measure(`${label}: ${value}`) + 2.5, 0);
  const notice = measure(`${h.confidentialityNotice}: ${plan.confidentialityNotice}`) + 2.5;
  w.ensure(note + 6 + lines + 8 + 6 + notice + 4);
  w.paragraph(plan.completion.closingNote, { face: 'oblique', fill: pdfColor.muted });
  w.gap(6);
  for (const [label, value] of rows) w.labelled(label, value, { bullet: false });
  w.gap(8);
  artifact(w.doc, () =>
    drawRule(w.doc, { from: w.left, to: w.left + w.width, y: w.doc.y, width: 0.5, color: pdfColor.rule }),
  );
  w.gap(6);
  w.labelled(h.confidentialityNotice, plan.confidentialityNotice, { bullet: false });
}
