// Why the plan exists and what it asks: the overview, the performance issues with their metrics, and the goals.
import { pdfColor } from '../pdf-writer.ts';
import { blankLine } from '../printable.ts';
import { noneRecorded } from '../words.ts';
import { type Context, tableKeep } from './writer.ts';

export function overview(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.overview);
  w.h2(h.purpose);
  w.paragraph(plan.overview.purpose);
  w.h2(h.philosophy);
  w.paragraph(plan.overview.philosophyIntro);
  // A sentence whose first words are bold, as the seed writes it: no colon between them.
  for (const item of plan.overview.philosophy) w.labelled(item.label, item.text, { separator: ' ' });
}

export function issues(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.issues);
  w.h2(h.primaryConcerns);
  w.paragraph(plan.issuesIntro);
  plan.focusAreas.forEach((area, i) => {
    w.h3(`${i + 1}. ${area.title}`);
    w.labelled(h.issue, area.issue);
    w.labelled(h.impact, area.impact);
    w.labelled(h.examples, area.examples.length === 0 ? blankLine : '');
    for (const example of area.examples) {
      if (example.date) w.labelled(c.date(example.date), example.text, { indent: 12 });
      else w.bullet(example.text, 12);
    }
    w.labelled(h.requiredStandard, area.requiredStandard);
  });

  w.h2(h.metrics, tableKeep);
  if (plan.metrics.length === 0) {
    w.paragraph(noneRecorded[c.locale], { fill: pdfColor.muted });
    return;
  }
  const statusColor = { onTrack: pdfColor.good, atRisk: pdfColor.warn, offTrack: pdfColor.bad } as const;
  w.table(
    [
      { title: h.metric, width: 150 },
      { title: h.baseline, width: 62, align: 'right' },
      { title: h.current, width: 70, align: 'right' },
      { title: h.required, width: 70, align: 'right' },
      { title: h.gap, width: 62, align: 'right' },
      { title: h.status, width: 81 },
    ],
    plan.metrics.map((m) => [
      { text: m.name, bold: true },
      c.value(m.baseline, m.unit),
      c.value(m.current, m.unit),
      c.value(m.target, m.unit),
      m.isMet ? c.words.met : c.value(m.gap, m.unit),
      { text: c.words.metricStatus[m.status], color: statusColor[m.status] },
    ]),
  );
}

export function goals(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.goals);
  w.h2(h.primaryGoals);
  w.paragraph(plan.goalsIntro);
  plan.focusAreas.forEach((area, i) => {
    w.h3(`${i + 1}. ${area.goalTitle}`);
    w.labelled(h.goal, area.goal);
    w.labelled(h.measurement, area.measurement);
    w.labelled(h.deadline, c.date(area.deadline));
    w.labelled(h.successCriteria, area.successCriteria);
  });
  w.h2(h.smart);
  w.paragraph(plan.smart.intro);
  for (const criterion of plan.smart.criteria) w.labelled(criterion.label, criterion.text);
}
