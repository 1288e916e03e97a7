// The weekly progress report as a PDF: where the plan stands, each metric's chart as vector graphics, the week's
// check-ins and risk flags. Its page primitives (reportWriter) also lay out the dossier's appendix.

import { addDays, daysBetween } from '../domain/plan/dates.ts';
import { elapsedShare } from '../domain/plan/metrics.ts';
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import type { Locale } from '../domain/template/template.ts';
import { drawRule, openPdfDocument, type PdfLook, pdfColor, pdfWriter } from './pdf-writer.ts';
import {
  type CheckInStatus,
  type CheckInType,
  checkInWords,
  type DocumentWords,
  documentWords,
  pageOf,
} from './words.ts';

export { type CheckInStatus, type CheckInType, checkInWords } from './words.ts';

type Doc = PDFKit.PDFDocument;
type Face = 'regular' | 'bold' | 'oblique';

export const reportColor = pdfColor;
const size = { title: 17, h1: 13, h2: 10.5, body: 9, small: 7.5, tiny: 6.5 } as const;
const lineGap = 1.4;
const margin = { top: 62, bottom: 60, left: 50, right: 50 } as const;

/** The reports' look: smaller type than the plan's, and tall table rows flowing across pages. */
const reportLook: PdfLook = {
  size,
  lineGap,
  margin,
  itemGap: 2,
  table: { pad: 3.5, after: 7, blank: ' ', isFirstRowShadedWithoutHeader: false, isTallRowSplit: true },
  isFillTracked: false,
};

export type ReportWriter = ReturnType<typeof reportWriter>;

/**
 * A new A4 document with DejaVu Sans, collecting its bytes; `done` resolves after `doc.end()`. `tagged`: headings,
 * paragraphs, tables and charts go into a structure tree, the page furniture is marked as artifacts.
 */
export function openReport(info: {
  title: string;
  author: string;
  subject: string;
  locale: Locale;
  tagged?: boolean;
}) {
  const { doc, done } = openPdfDocument({ ...info, margins: margin, tagged: info.tagged === true });
  return { doc, w: reportWriter(doc), done };
}

/** Headings, paragraphs, labelled lines and tables that break across pages cleanly. */
export function reportWriter(doc: Doc) {
  const w = pdfWriter(doc, reportLook);
  const { left, width, style, block } = w;
  return {
    ...w,
    title: (text: string, subtitle: string) => {
      style('bold', size.title, reportColor.primary);
      block('H1', () => doc.text(text, left, doc.y, { width, lineGap }));
      style('regular', size.h2, reportColor.muted);
      block('P', () => doc.text(subtitle, left, doc.y, { width, lineGap }));
      w.gap(8);
    },
    // `keep` counts from the heading's text: the space after the heading is part of it.
    h1: (text: string, keep = 40) =>
      w.heading(text, { points: size.h1, before: 12, after: 6, keep: keep - 6, rule: true, role: 'H2' }),
    h2: (text: string, keep = 30) =>
      w.heading(text, { points: size.h2, before: 7, after: 3, keep: keep - 3, rule: false, role: 'H3' }),
    /** A drawing read as one figure, by its alternative text. */
    figure: (alt: string, draw: () => void) => block('Figure', draw, { alt }),
    paragraph: (
      text: string,
      options: { face?: Face; fill?: string; points?: number; indent?: number } = {},
    ): void => w.paragraph(text, { ...options, isLineKept: true }),
    /** "Label: text" in one flowing paragraph. */
    labelled: (label: string, text: string, options: { indent?: number } = {}): void =>
      w.labelled(label, text || '—', { indent: options.indent, bullet: false }),
    size,
  };
}

/** Draws the running header and "page X of Y" footer on every page once all pages exist. */
export function stampPages(
  w: ReportWriter,
  furniture: {
    header: string;
    footer: string;
    page: (page: number, pages: number) => string;
    /** Pages of the same file before these (the dossier's plan pages), and the file's page count. */
    numbering?: { before: number; total: number };
  },
): void {
  const { doc } = w;
  w.stampPages((page, pages) => {
    w.style('bold', size.small, reportColor.primary);
    doc.text(furniture.header, w.left, 30, { width: w.width, lineBreak: false });
    drawRule(doc, { from: w.left, to: w.left + w.width, y: 46, width: 0.5, color: reportColor.rule });
    const before = furniture.numbering?.before ?? 0;
    const total = furniture.numbering?.total ?? pages;
    w.footer(furniture.footer, furniture.page(before + page, total), { labelWidth: 95, height: 30 });
  });
}

export type ReportRiskFlag =
  | 'missed_checkins_in_a_row'
  | 'forecast_misses_target'
  | 'overdue_activities'
  | 'no_recent_measurement';

const words = {
  en: {
    title: 'Weekly progress report',
    weekOf: (start: string, end: string) => `Week of ${start} – ${end}`,
    planWeek: (n: number, total: number) => `Plan week ${n} of ${total}`,
    standing: 'Where the plan stands',
    elapsed: 'Time elapsed',
    overall: 'Overall progress of the metrics',
    activities: 'Development activities',
    activitiesLine: (done: number, total: number, overdue: number) =>
      `${done} of ${total} done${overdue ? `, ${overdue} overdue` : ''}`,
    charts: 'Metric charts',
    measurements: 'Measurements',
    target: 'Target',
    forecast: 'Forecast',
    today: 'Today',
    noMeasurements: 'No measurements yet.',
    checkIns: 'Check-ins this week',
    noCheckIns: 'No check-ins were scheduled this week.',
    nextCheckIn: 'Next check-in',
    when: 'When',
    type: 'Type',
    rating: 'Rating',
    summary: 'Summary',
    risks: 'Risk flags',
    noRisks: 'No risk flags this week.',
    flags: {
      missed_checkins_in_a_row: 'Two check-ins in a row were missed',
      forecast_misses_target: 'The forecast misses a target',
      overdue_activities: 'Development activities are overdue',
      no_recent_measurement: 'No recent measurement',
    },
    generated: (at: string) => `Generated ${at}`,
  },
  es: {
    title: 'Informe semanal de progreso',
    weekOf: (start: string, end: string) => `Semana del ${start} al ${end}`,
    planWeek: (n: number, total: number) => `Semana ${n} de ${total} del plan`,
    standing: 'Situación del plan',
    elapsed: 'Tiempo transcurrido',
    overall: 'Progreso global de las métricas',
    activities: 'Actividades de desarrollo',
    activitiesLine: (done: number, total: number, overdue: number) =>
      `${done} de ${total} hechas${overdue ? `, ${overdue} atrasadas` : ''}`,
    charts: 'Gráficos de las métricas',
    measurements: 'Mediciones',
    target: 'Objetivo',
    forecast: 'Previsión',
    today: 'Hoy',
    noMeasurements: 'Aún no hay mediciones.',
    checkIns: 'Reuniones de esta semana',
    noCheckIns: 'No había reuniones previstas esta semana.',
    nextCheckIn: 'Próxima reunión',
    when: 'Cuándo',
    type: 'Tipo',
    rating: 'Valoración',
    summary: 'Resumen',
    risks: 'Alertas de riesgo',
    noRisks: 'Sin alertas de riesgo esta semana.',
    flags: {
      missed_checkins_in_a_row: 'Dos reuniones seguidas no se celebraron',
      forecast_misses_target: 'La previsión no alcanza un objetivo',
      overdue_activities: 'Hay actividades de desarrollo atrasadas',
      no_recent_measurement: 'No hay mediciones recientes',
    },
    generated: (at: string) => `Generado el ${at}`,
  },
} as const;

type Metric = PlanReadModel['metrics'][number];

export type ProgressReportCheckIn = {
  type: CheckInType;
  status: CheckInStatus;
  scheduledAt: string;
  heldAt: string | null;
  overallRating: number | null;
  summary: string | null;
};

/** What a weekly report shows besides the plan itself. */
export type ProgressReportInput = {
  plan: PlanReadModel;
  /** The first day of the reported week, YYYY-MM-DD; the week runs seven days. */
  weekStart: string;
  /** The day the report is made, for the elapsed share and the charts' "today". */
  today: string;
  generatedAt: string;
  /** The plan's check-ins; the report shows the week's and the next one. Private notes never come here. */
  checkIns: ProgressReportCheckIn[];
  riskFlags: { flag: ReportRiskFlag; detail: string }[];
};

const percent = (share: number, locale: Locale): string =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/**
 * A forecast as a person reads it: a percentage cannot pass 100 % or fall below 0 %, so a straight line that
 * would is shown at its bound ("reaches 100 %"); other units are unbounded.
 */
export function shownForecast(metric: Pick<Metric, 'unit' | 'forecast'>): number | null {
  if (!metric.forecast) return null;
  const isPercent = metric.unit.trim() === '%';
  return isPercent ? Math.min(100, Math.max(0, metric.forecast.value)) : metric.forecast.value;
}

/** Nice round steps for an axis from `min` to `max`. */
function axisTicks(min: number, max: number, count = 4): number[] {
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Math.round(v * 1e6) / 1e6 || 0); // never "-0"
  return ticks;
}

const chartHeight = 128;

/**
 * One metric over the plan's span, in vector paths: measurements from the baseline (solid, with points), the target
 * (dashed, green), the forecast to the end date (dashed; red when it misses) and today (dotted).
 */
export function drawMetricChart(
  w: ReportWriter,
  metric: Metric,
  span: { startDate: string; endDate: string },
  today: string,
  locale: Locale,
  format: DocumentWords,
): void {
  const t = words[locale];
  const { doc } = w;
  const height = chartHeight;
  w.ensure(height + 34);
  w.style('bold', size.body, reportColor.text);
  doc.text(`${metric.name} (${format.metricStatus[metric.status]})`, w.left, doc.y, {
    width: w.width,
    lineGap,
  });
  const top = doc.y + 3;
  const x0 = w.left + 52;
  const x1 = w.left + w.width - 6;
  const y0 = top + 4;
  const y1 = top + height - 18;
  const days = Math.max(1, daysBetween(span.startDate, span.endDate));
  const values = [metric.baseline, metric.target, ...metric.measurements.map((m) => m.value)];
  const forecast = shownForecast(metric);
  if (forecast !== null) values.push(forecast);
  let min = Math.min(...values);
  let max = Math.max(...values);
  // Values so far apart that no scale holds them are charted on the target's scale rather than failing.
  if (!Number.isFinite(max - min)) {
    min = Math.min(metric.baseline, metric.target);
    max = Math.max(metric.baseline, metric.target);
  }
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.08;
  const ticks = axisTicks(min - pad, max + pad);
  min = Math.min(min - pad, ticks[0]);
  max = Math.max(max + pad, ticks.at(-1) ?? max);
  const x = (date: string): number =>
    x0 + (Math.min(days, Math.max(0, daysBetween(span.startDate, date))) / days) * (x1 - x0);
  const y = (value: number): number => y1 - ((value - min) / (max - min)) * (y1 - y0);

  // Frame and grid.
  doc
    .rect(x0, y0, x1 - x0, y1 - y0)
    .lineWidth(0.5)
    .strokeColor(reportColor.rule)
    .stroke();
  w.style('regular', size.tiny, reportColor.muted);
  for (const tick of ticks) {
    const ty = y(tick);
    if (ty < y0 - 0.5 || ty > y1 + 0.5) continue;
    drawRule(doc, { from: x0, to: x1, y: ty, width: 0.3, color: reportColor.rule });
    doc.text(format.value(tick, metric.unit), w.left, ty - 3.5, {
      width: 48,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.text(format.date(span.startDate), x0, y1 + 4, { width: 80, lineBreak: false });
  doc.text(format.date(span.endDate), x1 - 80, y1 + 4, { width: 80, align: 'right', lineBreak: false });

  // Today.
  if (daysBetween(span.startDate, today) >= 0 && daysBetween(today, span.endDate) >= 0) {
    const tx = x(today);
    doc
      .moveTo(tx, y0)
      .lineTo(tx, y1)
      .lineWidth(0.6)
      .dash(1, { space: 2 })
      .strokeColor(reportColor.muted)
      .stroke()
      .undash();
  }

  // Target.
  doc
    .moveTo(x0, y(metric.target))
    .lineTo(x1, y(metric.target))
    .lineWidth(1)
    .dash(5, { space: 3 })
    .strokeColor(reportColor.good)
    .stroke()
    .undash();

  // Measurements, from the baseline at the start.
  const points = [{ date: span.startDate, value: metric.baseline }, ...metric.measurements];
  doc.moveTo(x(points[0].date), y(points[0].value));
  for (const p of points.slice(1)) doc.lineTo(x(p.date), y(p.value));
  doc.lineWidth(1.4).strokeColor(reportColor.primary).stroke();
  for (const p of metric.measurements) doc.circle(x(p.date), y(p.value), 1.8).fill(reportColor.primary);

  // Forecast, from the last measurement to the end date.
  const last = points.at(-1)!;
  if (metric.forecast && metric.measurements.length > 0) {
    doc
      .moveTo(x(last.date), y(last.value))
      .lineTo(x(metric.forecast.date), y(forecast ?? metric.forecast.value))
      .lineWidth(1)
      .dash(3, { space: 2 })
      .strokeColor(metric.forecast.meetsTarget ? reportColor.good : reportColor.bad)
      .stroke()
      .undash();
  }

  // Legend.
  const ly = y1 + 13;
  let lx = x0;
  const legend = (label: string, stroke: string, dash: number | null): void => {
    doc
      .moveTo(lx, ly + 3)
      .lineTo(lx + 16, ly + 3)
      .lineWidth(1.2)
      .strokeColor(stroke);
    if (dash) doc.dash(dash, { space: 2 });
    doc.stroke().undash();
    w.style('regular', size.tiny, reportColor.muted);
    doc.text(label, lx + 19, ly, { lineBreak: false });
    lx += 24 + doc.widthOfString(label) + 10;
  };
  legend(
    `${t.measurements}${metric.measurements.length ? '' : ` (${t.noMeasurements})`}`,
    reportColor.primary,
    null,
  );
  legend(`${t.target} ${format.value(metric.target, metric.unit)}`, reportColor.good, 5);
  if (metric.forecast)
    legend(
      `${t.forecast} ${format.value(forecast ?? metric.forecast.value, metric.unit)}`,
      metric.forecast.meetsTarget ? reportColor.good : reportColor.bad,
      3,
    );
  doc.x = w.left;
  doc.y = ly + 14;
}

export async function renderProgressReportPdf(input: ProgressReportInput): Promise<Buffer> {
  const { plan } = input;
  const locale = plan.locale;
  const t = words[locale];
  const format = documentWords(locale);
  const h = plan.headings;
  const weekEnd = addDays(input.weekStart, 6);
  const span = { startDate: plan.header.startDate, endDate: plan.header.endDate };
  const { doc, w, done } = openReport({
    title: `${t.title} — ${plan.header.employeeName} — ${input.weekStart}`,
    author: plan.header.organizationName,
    subject: plan.title,
    locale,
    tagged: true,
  });

  const week = Math.min(
    plan.header.durationWeeks,
    Math.floor(Math.max(0, daysBetween(span.startDate, input.weekStart)) / 7) + 1,
  );
  w.title(
    t.title,
    `${plan.header.employeeName} · ${t.weekOf(format.date(input.weekStart), format.date(weekEnd))}`,
  );
  w.table(
    [
      { title: '', width: 170 },
      { title: '', width: 325 },
    ],
    [
      [h.position ?? 'Position', `${plan.header.position} · ${plan.header.department}`],
      [h.manager ?? 'Manager', plan.header.managerName ?? format.none],
      [
        format.dates,
        `${format.date(span.startDate)} – ${format.date(span.endDate)} (${t.planWeek(week, plan.header.durationWeeks)})`,
      ],
      [h.status ?? 'Status', format.planStatus[plan.status]],
    ].map(([label, value]) => [{ text: label, bold: true, color: reportColor.primary }, value]),
    { isHeaderless: true },
  );

  w.h1(t.standing);
  const progressValues = plan.metrics.map((m) => m.progress);
  const overall = progressValues.length
    ? progressValues.reduce((s, p) => s + p, 0) / progressValues.length
    : null;
  w.labelled(t.elapsed, percent(elapsedShare(span, input.today), locale));
  w.labelled(t.overall, overall === null ? format.none : percent(overall, locale));
  const doneCount = plan.activities.filter((a) => a.status === 'done').length;
  const overdue = plan.activities.filter(
    (a) => a.status !== 'done' && a.dueDate !== null && daysBetween(a.dueDate, input.today) > 0,
  ).length;
  w.labelled(t.activities, t.activitiesLine(doneCount, plan.activities.length, overdue));
  const statusColor = {
    onTrack: reportColor.good,
    atRisk: reportColor.warn,
    offTrack: reportColor.bad,
  } as const;
  w.table(
    [
      { title: h.metric ?? 'Metric', width: 150 },
      { title: h.baseline ?? 'Baseline', width: 60, align: 'right' },
      { title: h.current ?? 'Current', width: 60, align: 'right' },
      { title: h.target ?? 'Target', width: 60, align: 'right' },
      { title: h.forecast ?? 'Forecast', width: 70, align: 'right' },
      { title: h.status ?? 'Status', width: 75 },
    ],
    plan.metrics.map((m) => [
      { text: m.name, bold: true },
      format.value(m.baseline, m.unit),
      format.value(m.current, m.unit),
      format.value(m.target, m.unit),
      m.forecast ? format.value(shownForecast(m) ?? m.forecast.value, m.unit) : format.none,
      { text: format.metricStatus[m.status], color: statusColor[m.status] },
    ]),
  );

  w.h1(t.charts, 170);
  for (const metric of plan.metrics) {
    // The chart's room is found before the figure starts, so that the figure lies on one page.
    w.ensure(chartHeight + 34);
    const forecast = metric.forecast
      ? `; ${t.forecast} ${format.value(shownForecast(metric) ?? metric.forecast.value, metric.unit)}`
      : '';
    w.figure(
      `${metric.name} (${format.metricStatus[metric.status]}): ${format.value(metric.baseline, metric.unit)} → ${format.value(metric.current, metric.unit)}; ${t.target} ${format.value(metric.target, metric.unit)}${forecast}`,
      () => drawMetricChart(w, metric, span, input.today, locale, format),
    );
  }

  w.h1(t.checkIns);
  // A meeting belongs to the week it took place in, else to the week it was due.
  const inWeek = input.checkIns
    .filter((c) => {
      const day = (c.heldAt ?? c.scheduledAt).slice(0, 10);
      return daysBetween(input.weekStart, day) >= 0 && daysBetween(day, weekEnd) >= 0;
    })
    .sort((a, b) => (a.heldAt ?? a.scheduledAt).localeCompare(b.heldAt ?? b.scheduledAt));
  const names = checkInWords[locale];
  if (inWeek.length === 0) w.paragraph(t.noCheckIns, { fill: reportColor.muted });
  else {
    w.table(
      [
        { title: t.when, width: 95 },
        { title: t.type, width: 100 },
        { title: h.status ?? 'Status', width: 70 },
        { title: t.rating, width: 50, align: 'right' },
        { title: t.summary, width: 180 },
      ],
      inWeek.map((c) => [
        format.dateTime(c.heldAt ?? c.scheduledAt),
        names.type[c.type],
        { text: names.status[c.status], color: c.status === 'missed' ? reportColor.bad : reportColor.text },
        c.overallRating === null ? format.none : `${c.overallRating}/5`,
        c.summary ?? '',
      ]),
    );
  }
  const next = input.checkIns
    .filter((c) => c.status === 'scheduled' && c.scheduledAt.slice(0, 10) > weekEnd)
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
  if (next) w.labelled(t.nextCheckIn, `${names.type[next.type]}, ${format.dateTime(next.scheduledAt)}`);

  w.h1(t.risks);
  if (input.riskFlags.length === 0) w.paragraph(t.noRisks, { fill: reportColor.good });
  // Each flag once, in the report's language, with what it is about taken from the plan itself.
  const missing = plan.metrics
    .filter((m) => m.forecast && !m.forecast.meetsTarget && !m.isMet)
    .map((m) => m.name);
  const about: Record<ReportRiskFlag, string> = {
    missed_checkins_in_a_row: '',
    forecast_misses_target: missing.join(', '),
    overdue_activities: String(overdue),
    no_recent_measurement: '',
  };
  for (const flag of new Set(input.riskFlags.map((f) => f.flag))) {
    w.paragraph(`• ${t.flags[flag]}${about[flag] ? `: ${about[flag]}` : ''}`, { fill: reportColor.bad });
  }

  w.endTags();
  stampPages(w, {
    header: `${plan.header.organizationName} · ${t.title} · ${plan.header.employeeName}`,
    footer: `${t.generated(format.dateTime(input.generatedAt))}. ${plan.confidentialityNotice}`,
    page: pageOf[locale],
  });
  doc.end();
  return done;
}
