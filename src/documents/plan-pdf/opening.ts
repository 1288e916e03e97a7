// The plan's opening: its title, subtitle, version and status, and the table of who and when.
import { pdfColor } from '../pdf-writer.ts';
import { type Context, lineGap, size } from './writer.ts';

export function titleBlock(c: Context): void {
  const { w, plan } = c;
  w.style('bold', size.title, pdfColor.primary);
  w.block('H1', () => w.doc.text(plan.title, w.left, w.doc.y, { width: w.width, lineGap }));
  w.style('regular', size.h3 + 1, pdfColor.muted);
  w.block('P', () => w.doc.text(plan.subtitle, w.left, w.doc.y, { width: w.width, lineGap }));
  w.style('regular', size.small, pdfColor.muted);
  w.block('P', () =>
    w.doc.text(
      `${c.words.version} ${plan.version} · ${c.words.planStatus[plan.status]}`,
      w.left,
      w.doc.y + 2,
      {
        width: w.width,
        lineGap,
      },
    ),
  );
  w.gap(8);
}

export function headerTable(c: Context): void {
  const { plan, h } = c;
  const x = plan.header;
  const period = `${x.reviewPeriod.weeks} ${c.words.weeks} (${x.reviewPeriod.days} ${c.words.days})`;
  const rows: [string, string][] = [
    [h.employeeName, x.employeeName],
    [h.position, x.position],
    [h.department, x.department],
    [h.manager, x.managerName ?? c.words.none],
    [h.hrRepresentative, x.hrRepName ?? c.words.none],
    [h.startDate, c.date(x.startDate)],
    [h.endDate, c.date(x.endDate)],
    [h.reviewPeriod, period],
  ];
  c.w.table(
    [
      { title: '', width: 170 },
      { title: '', width: 325 },
    ],
    rows.map(([label, value]) => [{ text: label, bold: true, color: pdfColor.primary }, value]),
    { isHeaderless: true },
  );
}
