// The plan as a PDF: every section of the PIP document in its order, in the plan's language, with DejaVu Sans.
import type { PlanView } from '../contracts/plans.ts';
import type { HeadingKey, Locale } from '../domain/template/template.ts';
import { headingKeys } from '../domain/template/template.ts';
import { drawRule, fontNames, openPdfDocument, pageArea, pdfColor } from './pdf-document.ts';
import { tableWriter } from './pdf-table.ts';
import { artifact, documentTags, type HeadingRole } from './pdf-tags.ts';
import {
  blankLine,
  type DocumentExtras,
  type EmployeeResponse,
  employeeResponseSection,
  printablePlan,
} from './printable.ts';
import { markedItem, stateText, timelineAsOf, timelineDone, utcToday } from './timeline-marks.ts';

export type DocumentLocale = Locale;

type Cadence = PlanView['support']['managerCheckIn'];

/** The few words a document needs beyond the plan's headings, and the locale's formats. */
export type DocumentWords = {
  version: string;
  weeks: string;
  days: string;
  dates: string;
  tasks: string;
  none: string;
  met: string;
  inProgress: string;
  outcome: string;
  reason: string;
  decidedBy: string;
  witness: string;
  planStatus: Record<PlanView['status'], string>;
  metricStatus: Record<PlanView['metrics'][number]['status'], string>;
  /** Across every page of a plan not yet approved. */
  draftMark: string;
  /** Who approved, as printed beside the approver's name: "manager", "HR". */
  approverRole: Record<'manager' | 'hr', string>;
  outcomes: Record<NonNullable<PlanView['outcome']>['outcome'], string>;
  signedVersion: (version: number) => string;
  cadence: (cadence: Cadence) => string;
  /** "24 Nov 2026" / "24 nov 2026" from YYYY-MM-DD or an ISO timestamp; "—" when missing. */
  date: (value: string | null) => string;
  dateTime: (value: string) => string;
  number: (value: number) => string;
  /** A metric value with its unit: "55%", "55 %", "3.2/5", "4 errors". */
  value: (value: number, unit: string) => string;
  money: (value: number, currency: string) => string;
};

const months: Record<DocumentLocale, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'],
};

const baseWords: Record<
  DocumentLocale,
  Omit<DocumentWords, 'cadence' | 'date' | 'dateTime' | 'number' | 'value' | 'money'> & {
    frequency: Record<Cadence['frequency'], string>;
    weekdays: string[];
  }
> = {
  en: {
    version: 'Version',
    weeks: 'weeks',
    days: 'days',
    dates: 'Dates',
    tasks: 'Tasks',
    none: '—',
    met: 'Met',
    inProgress: 'In progress',
    outcome: 'Outcome',
    reason: 'Reason',
    decidedBy: 'Decided by',
    witness: 'Witness',
    planStatus: {
      draft: 'Draft',
      in_review: 'In review',
      awaiting_acknowledgment: 'Awaiting acknowledgment',
      active: 'Active',
      paused: 'Paused',
      closed: 'Closed',
      cancelled: 'Cancelled',
    },
    metricStatus: { onTrack: 'On track', atRisk: 'At risk', offTrack: 'Off track' },
    approverRole: { manager: 'manager', hr: 'HR' },
    draftMark: 'DRAFT',
    outcomes: { successful: 'Completed successfully', unsuccessful: 'Not completed', cancelled: 'Cancelled' },
    signedVersion: (v) => `signed version ${v}; the plan has changed since`,
    frequency: { weekly: 'Weekly', biweekly: 'Bi-weekly' },
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
  es: {
    version: 'Versión',
    weeks: 'semanas',
    days: 'días',
    dates: 'Fechas',
    tasks: 'Tareas',
    none: '—',
    met: 'Alcanzado',
    inProgress: 'En marcha',
    outcome: 'Resultado',
    reason: 'Motivo',
    decidedBy: 'Decidido por',
    witness: 'Testigo',
    planStatus: {
      draft: 'Borrador',
      in_review: 'En revisión',
      awaiting_acknowledgment: 'Pendiente de firma',
      active: 'Activo',
      paused: 'En pausa',
      closed: 'Cerrado',
      cancelled: 'Cancelado',
    },
    metricStatus: { onTrack: 'En buen camino', atRisk: 'En riesgo', offTrack: 'Desviado' },
    approverRole: { manager: 'responsable', hr: 'RR. HH.' },
    draftMark: 'BORRADOR',
    outcomes: { successful: 'Superado', unsuccessful: 'No superado', cancelled: 'Cancelado' },
    signedVersion: (v) => `firmó la versión ${v}; el plan ha cambiado desde entonces`,
    frequency: { weekly: 'Semanal', biweekly: 'Quincenal' },
    weekdays: ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
  },
};

const wordsCache = new Map<DocumentLocale, DocumentWords>();
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Words and formats of a locale, built once: Intl formatters are costly to create and cheap to reuse. */
/**
 * "Plan Approved By", from the approvals themselves: each approver with their role and date, in the order they
 * approved; the words for "none" until the plan has been approved. Never the manager's name by default.
 */
export function approvedByLine(
  approvals: PlanView['approvals'],
  words: Pick<DocumentWords, 'approverRole' | 'date' | 'none'>,
): string {
  const line = [...approvals]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((a) => `${a.name} (${words.approverRole[a.role]}, ${words.date(a.createdAt.slice(0, 10))})`)
    .join('; ');
  return line || words.none;
}

export function documentWords(locale: DocumentLocale): DocumentWords {
  const cached = wordsCache.get(locale);
  if (cached) return cached;
  const { frequency, weekdays, ...base } = baseWords[locale];
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const number = (value: number): string => numbers.format(value);
  // Dates are calendar dates: read the digits instead of going through Date and a time zone.
  const date = (value: string | null): string => {
    if (value === null || value === '') return base.none;
    const [y, m, d] = [value.slice(0, 4), Number(value.slice(5, 7)), Number(value.slice(8, 10))];
    return `${d} ${months[locale][m - 1]} ${y}`;
  };
  const words: DocumentWords = {
    ...base,
    cadence: (c) =>
      `${frequency[c.frequency]}, ${weekdays[(c.weekday - 1) % 7]} ${c.time} (${c.durationMinutes} min)`,
    date,
    dateTime: (value) => (value.length > 10 ? `${date(value)}, ${value.slice(11, 16)} UTC` : date(value)),
    number,
    value: (value, unit) => {
      const n = number(value);
      if (unit === '') return n;
      if (unit === '%') return locale === 'es' ? `${n}\u00a0%` : `${n}%`;
      if (unit.startsWith('/')) return `${n}${unit}`;
      return `${n} ${unit}`;
    },
    money: (value, currency) => {
      const key = `${locale}:${currency}`;
      let format = moneyFormats.get(key);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        moneyFormats.set(key, format);
      }
      return format.format(value);
    },
  };
  wordsCache.set(locale, words);
  return words;
}

export type PlanPdfOptions = {
  organizationName?: string;
  logo?: Buffer | null;
  locale?: DocumentLocale;
  /** The mentor's role and the employee's responses, which the plan view does not carry. */
  extras?: DocumentExtras;
  /** Pages that follow the plan in the same file (the dossier's record): "Page X of Y" counts them in Y. */
  pagesAfter?: number;
};

type Doc = PDFKit.PDFDocument;
type Labelled = { label: string; text: string };
type Role = 'employee' | 'manager' | 'hr';

const font = fontNames;
const color = pdfColor;
const size = { title: 19, h1: 14, h2: 11.5, h3: 10, body: 9.5, small: 8, tiny: 7 } as const;
const lineGap = 1.6;
const margin = { top: 66, bottom: 64, left: 50, right: 50 } as const;
const box = 8;

/** Space a heading needs below it before it is worth starting on this page. */
const keepWithNext = 3 * (size.body + lineGap + 3);
/** A heading's line in its size, as pdfkit sets DejaVu Sans (1.16 em) with the line gap. */
const headingLine = (points: number): number => points * 1.17 + lineGap;
/** An h2 or h3 right after a heading, with the space around it: a heading keeps the one under it on its page. */
const h2Block = 8 + headingLine(size.h2) + 4;
const h3Block = 5 + headingLine(size.h3) + 3;
/** A table's header and first row. */
const tableKeep = 60;
/** An acknowledgment: heading, intro, five clauses and the signature lines. */
const signatureBlock = 190;

type Writer = ReturnType<typeof writer>;

/** Drawing primitives over one document; they keep headings with their text and boxes with their lines. */
function writer(doc: Doc) {
  const tags = documentTags(doc);
  const area = pageArea(doc, margin);
  const { left, width, ensure, gap } = area;
  // pdfkit writes a colour operator on every fillColor call; most calls repeat the colour already set.
  let currentFill = '';
  const setFill = (fill: string): void => {
    if (fill !== currentFill) {
      doc.fillColor(fill);
      currentFill = fill;
    }
  };
  const fillShape = (fill: string): void => {
    doc.fill(fill);
    currentFill = fill;
  };
  // A new page starts a new content stream, back at the PDF default colour; switching pages back leaves
  // the tracked colour meaningless.
  const forgetFill = (): void => {
    currentFill = '';
  };
  // pdfkit restores the colour after its own page breaks inside text, not after ours (a heading styled,
  // then moved to the next page, would print black).
  doc.on('pageAdded', () => {
    const fill = currentFill;
    currentFill = '';
    if (fill !== '') setFill(fill);
  });
  const style = (face: keyof typeof font, points: number, fill: string = color.text): void => {
    doc.font(font[face]).fontSize(points);
    setFill(fill);
  };
  const lineHeight = (): number => doc.currentLineHeight(true) + lineGap;

  // Bullets and check boxes are drawn with each page's header and footer, all of a page's at once, where
  // they would have been drawn as they came: one by one, each switched the colours and back, and those
  // operators were a good part of every page's content stream to write and compress.
  type Marks = { bullets: [number, number][]; boxes: [number, number][]; ticks: [number, number][] };
  const newMarks = (): Marks => ({ bullets: [], boxes: [], ticks: [] });
  /** Per page, in the order pages were added. */
  const marks: Marks[] = [newMarks()];
  doc.on('pageAdded', () => marks.push(newMarks()));
  const currentMarks = (): Marks => marks[marks.length - 1];
  /** Draws the bullets and check boxes of the page at `index`, once it is the current page again. */
  const drawMarks = (index: number): void => {
    const page = marks[index];
    if (page === undefined) return;
    artifact(doc, () => drawPageMarks(page));
  };
  const drawPageMarks = (page: Marks): void => {
    if (page.bullets.length > 0) {
      for (const [x, y] of page.bullets) doc.circle(x + 3, y + 5.6, 1.5);
      fillShape(color.primary);
    }
    if (page.boxes.length > 0) {
      doc.lineWidth(0.7).strokeColor(color.muted);
      for (const [x, y] of page.boxes) doc.rect(x, y, box, box);
      doc.stroke();
    }
    if (page.ticks.length > 0) {
      doc.lineWidth(1.3).strokeColor(color.good);
      for (const [x, y] of page.ticks) {
        doc
          .moveTo(x + 1.6, y + box * 0.52)
          .lineTo(x + box * 0.42, y + box - 1.7)
          .lineTo(x + box - 1.2, y + 1.4);
      }
      doc.stroke();
    }
  };

  /** Height of wrapped text in the current font; one measured width answers the common single-line case. */
  const heightOf = (text: string, w: number): number => {
    if (text.indexOf('\n') < 0 && doc.widthOfString(text) <= w) return doc.currentLineHeight(true) + lineGap;
    return doc.heightOfString(text, { width: w, lineGap });
  };

  const heading = (
    text: string,
    points: number,
    before: number,
    after: number,
    rule: boolean,
    keep: number,
    role: HeadingRole,
  ) => {
    gap(before);
    style('bold', points, color.primary);
    ensure(heightOf(text, width) + after + keep);
    tags.block(role, () => doc.text(text, left, doc.y, { width, lineGap }));
    if (rule) {
      artifact(doc, () =>
        drawRule(doc, { from: left, to: left + width, y: doc.y + 1, width: 0.8, color: color.primary }),
      );
    }
    gap(after);
  };

  const paragraph = (
    text: string,
    options: { indent?: number; face?: keyof typeof font; fill?: string } = {},
  ) => {
    const indent = options.indent ?? 0;
    style(options.face ?? 'regular', size.body, options.fill);
    tags.block('P', () => doc.text(text, left + indent, doc.y, { width: width - indent, lineGap }));
    gap(3);
  };

  /** A bold lead-in and its text on one flowing paragraph, after a bullet when `bullet` is set. */
  const labelled = (
    label: string,
    text: string,
    options: { indent?: number; bullet?: boolean; separator?: string } = {},
  ): void => {
    const indent = options.indent ?? 0;
    const separator = options.separator ?? ': ';
    const bulletSpace = options.bullet === false ? 0 : 11;
    style('bold', size.body);
    // A label alone introduces the lines under it: it keeps two of them on its page.
    ensure(text === '' ? 3 * lineHeight() + 5 : lineHeight());
    const x = left + indent + bulletSpace;
    const w = width - indent - bulletSpace;
    if (bulletSpace) bulletAt(left + indent, doc.y);
    const draw = (): void => {
      if (text === '') {
        doc.text(label, x, doc.y, { width: w, lineGap });
      } else {
        doc.text(`${label}${separator}`, x, doc.y, { width: w, lineGap, continued: true });
        style('regular', size.body);
        doc.text(text, { width: w, lineGap });
      }
    };
    if (bulletSpace) tags.item(draw);
    else tags.block('P', draw);
    gap(2.5);
  };

  /** Drawn with the page's furniture (`drawMarks`). */
  const bulletAt = (x: number, y: number): void => {
    currentMarks().bullets.push([x, y]);
  };

  const bullet = (text: string, indent = 0): void => {
    style('regular', size.body);
    ensure(lineHeight());
    bulletAt(left + indent, doc.y);
    tags.item(() => doc.text(text, left + indent + 11, doc.y, { width: width - indent - 11, lineGap }));
    gap(2.5);
  };

  /**
   * A check mark as text (☑ done, ☐ not done, or the `state` given), then the item's text and an optional note;
   * in the structure tree the mark is the list item's label.
   */
  const check = (
    text: string,
    checked: boolean,
    options: { indent?: number; note?: string; state?: string } = {},
  ): void => {
    const indent = options.indent ?? 0;
    style('regular', size.body);
    ensure(lineHeight() + 1);
    const y = doc.y;
    const x = left + indent + box + 6;
    const w = width - indent - box - 6;
    const body = (): void => {
      if (options.note) {
        doc.text(text, x, y, { width: w, lineGap, continued: true });
        style('regular', size.small, color.muted);
        doc.text(`  ${options.note}`, { width: w, lineGap });
      } else {
        doc.text(text, x, y, { width: w, lineGap });
      }
    };
    const state = options.state ?? (checked ? '☑' : '☐');
    tags.item(
      () => {
        style('regular', size.body);
        body();
      },
      () => {
        style('regular', size.body, checked ? color.good : color.muted);
        doc.text(state, left + indent, y, { lineBreak: false });
      },
    );
    gap(2.5);
  };

  const table = tableWriter(
    { ...area, doc, style, heightOf, fillShape, tags },
    {
      points: size.small,
      lineGap,
      pad: 4,
      after: 8,
      blank: '',
      isFirstRowShadedWithoutHeader: true,
      isTallRowSplit: false,
    },
  );

  return {
    doc,
    left,
    width,
    ensure,
    gap,
    style,
    forgetFill,
    drawMarks,
    tags,
    /** Free drawing that reads as one paragraph. */
    block: (draw: () => void): void => tags.block('P', draw),
    /** `keep`: room the content right after the heading needs on the same page (a table, a signature block). */
    // A section's heading is often followed by its first subsection's heading (and that by a focus area's or a
    // group's): the room it keeps below covers those headings too, so no heading ends a page above another.
    h1: (text: string, keep = keepWithNext + h2Block + h3Block) =>
      heading(text, size.h1, 14, 6, true, keep, 'H2'),
    h2: (text: string, keep = keepWithNext + h3Block) => heading(text, size.h2, 8, 4, false, keep, 'H3'),
    h3: (text: string, keep = keepWithNext) => heading(text, size.h3, 5, 3, false, keep, 'H4'),
    paragraph,
    labelled,
    bullet,
    check,
    table,
  };
}

/** Everything the sections need besides the plan: the writer, the words and the formatters. */
type Context = {
  w: Writer;
  plan: PlanView;
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

/** Every heading the template defines; a plan from an older template falls back to the key. */
const headingsOf = (plan: PlanView): Record<HeadingKey, string> =>
  Object.fromEntries(headingKeys.map((k) => [k, plan.headings[k] ?? k])) as Record<HeadingKey, string>;

const labelledList = (c: Context, items: Labelled[]): void => {
  for (const item of items) c.w.labelled(item.label, item.text);
};

/** What an empty table says instead of a bare header row. */
export const noneRecorded: Record<DocumentLocale, string> = {
  en: 'None recorded.',
  es: 'Ninguno registrado.',
};

function titleBlock(c: Context): void {
  const { w, plan } = c;
  w.style('bold', size.title, color.primary);
  w.tags.block('H1', () => w.doc.text(plan.title, w.left, w.doc.y, { width: w.width, lineGap }));
  w.style('regular', size.h3 + 1, color.muted);
  w.block(() => w.doc.text(plan.subtitle, w.left, w.doc.y, { width: w.width, lineGap }));
  w.style('regular', size.small, color.muted);
  w.block(() =>
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

function headerTable(c: Context): void {
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
    rows.map(([label, value]) => [{ text: label, bold: true, color: color.primary }, value]),
    { isHeaderless: true },
  );
}

function overview(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.overview);
  w.h2(h.purpose);
  w.paragraph(plan.overview.purpose);
  w.h2(h.philosophy);
  w.paragraph(plan.overview.philosophyIntro);
  // A sentence whose first words are bold, as the seed writes it: no colon between them.
  for (const item of plan.overview.philosophy) w.labelled(item.label, item.text, { separator: ' ' });
}

function issues(c: Context): void {
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
    w.paragraph(noneRecorded[c.locale], { fill: color.muted });
    return;
  }
  const statusColor = { onTrack: color.good, atRisk: color.warn, offTrack: color.bad } as const;
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

function goals(c: Context): void {
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

function development(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.development);
  w.h2(h.trainingActivities);
  plan.development.groups.forEach((group, i) => {
    w.h3(`${i + 1}. ${group.title} (${group.done}/${group.total})`);
    const activities = plan.activities
      .filter((a) => a.groupKey === group.key)
      .sort((a, b) => a.position - b.position);
    const sections: string[] = [];
    for (const a of activities) if (!sections.includes(a.section)) sections.push(a.section);
    for (const section of sections) {
      w.style('bold', size.body);
      w.ensure(3 * (size.body + 4));
      w.block(() => w.doc.text(section, w.left + 6, w.doc.y, { width: w.width - 6, lineGap }));
      w.gap(2);
      for (const a of activities) {
        if (a.section !== section) continue;
        const note =
          a.status === 'done' && a.completedAt
            ? c.date(a.completedAt)
            : a.status === 'in_progress'
              ? c.words.inProgress
              : a.dueDate
                ? `${h.deadline}: ${c.date(a.dueDate)}`
                : undefined;
        w.check(a.title, a.status === 'done', { indent: 16, note });
      }
    }
  });

  const s = plan.support;
  w.h2(h.supportResources);
  w.h3(h.managerSupport);
  labelledList(c, s.manager);
  w.labelled(h.meetingFrequency, c.words.cadence(s.managerCheckIn));

  w.h3(h.mentorAssignment);
  w.labelled(h.mentor, s.mentor.name ?? blankLine);
  w.labelled(h.meetingFrequency, `${s.mentor.meetingFrequency} (${c.words.cadence(s.mentor.session)})`);
  w.labelled(h.focusAreas, s.mentor.focusAreas);
  w.labelled(h.supportProvided, s.mentor.supportProvided);

  w.h3(h.hrSupport);
  w.labelled(h.hrRepresentative, s.hr.name ?? c.words.none);
  w.labelled(h.availability, s.hr.availability);
  w.labelled(h.supportAreas, s.hr.supportAreas);
  w.labelled(h.additionalHrResources, s.hr.additionalResources);

  w.h3(h.trainingResources);
  w.labelled(h.internalTraining, s.training.internal);
  w.labelled(h.externalTraining, s.training.external);
  w.labelled(h.onlineLearning, s.training.online);
  w.labelled(h.certificationPrograms, s.training.certification);
  w.labelled(h.trainingBudget, c.money(s.budget.total));
  w.labelled(h.budgetSpent, c.money(s.budget.spent));
  w.labelled(h.budgetRemaining, c.money(s.budget.remaining));
  w.labelled(h.hoursPerWeek, c.number(s.hoursPerWeek));
}

function timeline(c: Context): void {
  const { w, plan, h } = c;
  const done = timelineDone(timelineAsOf(plan, c.today));
  w.h1(h.timeline, 2 * tableKeep);
  w.table(
    [
      { title: h.phase, width: 90 },
      { title: h.weeks, width: 52 },
      { title: c.words.dates, width: 74 },
      { title: c.words.tasks, width: 179 },
      { title: h.milestone, width: 100 },
    ],
    plan.timeline.phases.map((p, i) => [
      { text: `${i + 1}. ${p.title}`, bold: true },
      p.startWeek === p.endWeek ? `${p.startWeek}` : `${p.startWeek}–${p.endWeek}`,
      `${c.date(p.startDate)} – ${c.date(p.endDate)}`,
      p.tasks.map((t) => markedItem(`${h.week} ${t.week}: ${t.title}`, done.task(t), c.locale)).join('\n'),
      {
        text: markedItem(
          `${p.milestone.title} (${c.date(p.milestone.date)})`,
          done.milestone(p.milestone),
          c.locale,
        ),
        color: color.primary,
      },
    ]),
  );
  w.h2(h.keyMilestones, tableKeep);
  w.table(
    [
      { title: h.week, width: 55 },
      { title: h.date, width: 85 },
      { title: h.milestone, width: 270 },
      { title: h.status, width: 85 },
    ],
    plan.timeline.milestones.map((m) => {
      const isDone = done.milestone(m);
      return [
        { text: `${h.week} ${m.week}`, bold: true },
        c.date(m.date),
        m.title,
        { text: stateText(isDone, c.locale), color: isDone ? color.good : color.muted },
      ];
    }),
  );
}

function tracking(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.progressTracking);
  w.h2(h.trackingMetrics);
  for (const area of plan.tracking.metricsByArea) {
    w.h3(area.title);
    for (const metric of area.metrics) w.bullet(metric, 6);
  }
  w.h2(h.trackingMethods);
  labelledList(c, plan.tracking.methods);
  w.h2(h.successCriteriaList);
  for (const criterion of plan.successCriteria) {
    const note =
      criterion.isMet && criterion.checkedByName
        ? `${criterion.checkedByName}${criterion.checkedAt ? `, ${c.date(criterion.checkedAt)}` : ''}`
        : undefined;
    w.check(criterion.text, criterion.isMet, { note });
  }
}

function supportAndResources(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.supportAndResources);
  w.h2(h.managerResponsibilities);
  labelledList(c, plan.responsibilities.manager);
  w.h2(h.employeeResponsibilities);
  labelledList(c, plan.responsibilities.employee);
  w.h2(h.hrResponsibilities);
  labelledList(c, plan.responsibilities.hr);
  w.h2(h.additionalResources);
  labelledList(c, plan.additionalResources);
}

function documentation(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.documentation);
  w.h2(h.requiredDocumentation);
  labelledList(c, plan.documentation.required);
  w.h2(h.recordMaintenance);
  labelledList(c, plan.documentation.maintenance);
  w.h2(h.reviewUpdateProcess);
  labelledList(c, plan.documentation.reviewProcess);
}

function guidance(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.successFactors);
  w.h2(h.keySuccessFactors);
  labelledList(c, plan.guidance.successFactors);
  w.h2(h.bestPractices);
  labelledList(c, plan.guidance.bestPractices);
  w.h2(h.commonChallenges);
  labelledList(c, plan.guidance.commonChallenges);
}

const primaryContactKeys = new Set(['manager', 'hr', 'hr_representative', 'mentor']);

function contacts(c: Context): void {
  const { w, plan, h } = c;
  const join = (parts: (string | null)[]): string => parts.filter((p) => p !== null && p !== '').join(' | ');
  const primary = plan.contacts.filter((x) => x.key !== null && primaryContactKeys.has(x.key));
  const additional = plan.contacts.filter((x) => !(x.key !== null && primaryContactKeys.has(x.key)));
  w.h1(h.contacts);
  w.h2(h.primaryContacts);
  for (const x of primary) w.labelled(x.label, join([x.name, x.email, x.phone, x.location]) || blankLine);
  w.h2(h.additionalSupport);
  for (const x of additional) {
    w.labelled(x.label, join([x.name, x.email, x.phone, x.location, x.url]) || blankLine);
  }
  w.h2(h.resourcesTools);
  for (const x of plan.resources) w.labelled(x.label, join([x.url, x.instructions]) || blankLine);
}

function acknowledgments(c: Context): void {
  const { w, plan, h } = c;
  w.h1(h.acknowledgment, signatureBlock);
  const roles: [Role, string][] = [
    ['employee', h.employeeAcknowledgment],
    ['manager', h.managerAcknowledgment],
    ['hr', h.hrAcknowledgment],
  ];
  for (const [role, title] of roles) {
    const signature = plan.signatures.find((s) => s.role === role && !s.isRefused) ?? null;
    const refusal =
      signature === null ? (plan.signatures.find((s) => s.role === role && s.isRefused) ?? null) : null;
    // The intro, the clauses and the signature lines belong together on one page.
    w.ensure(signatureBlock);
    w.h2(title);
    w.paragraph(plan.acknowledgmentIntros[role]);
    const agreed = new Set(signature?.clauses ?? []);
    for (const clause of plan.acknowledgmentClauses[role])
      w.check(clause.text, agreed.has(clause.id), { indent: 6 });
    w.gap(4);
    w.ensure(60);
    const x = w.left;
    if (signature) {
      w.block(() => {
        w.style('bold', size.body);
        w.doc.text(`${h.signature}: `, x, w.doc.y, { continued: true, width: w.width, lineGap });
        w.style('oblique', size.body + 1.5, color.primary);
        w.doc.text(signature.typedName ?? signature.signerName, { continued: true });
        w.style('bold', size.body);
        w.doc.text(`     ${h.date}: `, { continued: true });
        w.style('regular', size.body);
        w.doc.text(c.date(signature.signedAt));
      });
      w.gap(2);
      w.labelled(h.printName, signature.typedName ?? signature.signerName, { bullet: false });
      w.style('regular', size.tiny, color.muted);
      const stale = signature.isCurrent ? '' : ` · ${c.words.signedVersion(signature.version)}`;
      w.block(() =>
        w.doc.text(
          `${h.signedAt}: ${c.dateTime(signature.signedAt)} · ${h.documentHash}: ${signature.documentHash}${stale}`,
          x,
          w.doc.y,
          { width: w.width, lineGap },
        ),
      );
    } else if (refusal) {
      w.style('bold', size.body, color.bad);
      w.block(() =>
        w.doc.text(`${h.refusedToSign} (${c.date(refusal.signedAt)})`, x, w.doc.y, {
          width: w.width,
          lineGap,
        }),
      );
      w.gap(2);
      w.labelled(h.employeeResponse, refusal.response ?? c.words.none, { bullet: false });
      const witness = [refusal.witnessName, refusal.witnessedAt ? c.date(refusal.witnessedAt) : null]
        .filter((p) => p !== null)
        .join(', ');
      w.labelled(
        h.witnessStatement,
        `${refusal.witnessStatement ?? c.words.none}${witness ? ` (${c.words.witness}: ${witness})` : ''}`,
        { bullet: false },
      );
      w.labelled(h.printName, refusal.signerName, { bullet: false });
    } else {
      w.block(() => {
        w.style('bold', size.body);
        w.doc.text(`${h.signature}: `, x, w.doc.y, { continued: true, width: w.width, lineGap });
        w.style('regular', size.body);
        w.doc.text('_________________________', { continued: true });
        w.style('bold', size.body);
        w.doc.text(`     ${h.date}: `, { continued: true });
        w.style('regular', size.body);
        w.doc.text('_________');
      });
      w.gap(6);
      w.labelled(h.printName, '_________________________', { bullet: false });
      w.style('regular', size.tiny, color.muted);
      w.block(() => w.doc.text(h.notSigned, x, w.doc.y, { width: w.width, lineGap }));
    }
    w.gap(6);
  }
}

/** The employee's own words for the record, as written: at signing, at refusal, or any time after. */
function responses(c: Context, list: EmployeeResponse[]): void {
  const { w } = c;
  const section = employeeResponseSection(list, c.locale, c.date);
  w.h2(section.heading);
  if (section.none) w.paragraph(section.none, { fill: color.muted });
  for (const item of section.items) {
    w.style('bold', size.body);
    w.ensure(3 * (size.body + lineGap + 3));
    w.tags.block('H4', () => w.doc.text(item.label, w.left, w.doc.y, { width: w.width, lineGap }));
    w.gap(1);
    w.paragraph(item.text);
  }
}

function review(c: Context): void {
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
        ? color.good
        : outcome.outcome === 'unsuccessful'
          ? color.bad
          : color.muted;
    w.style('bold', size.h3, tone);
    w.ensure(40);
    w.block(() =>
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

function closing(c: Context): void {
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
  w.paragraph(plan.completion.closingNote, { face: 'oblique', fill: color.muted });
  w.gap(6);
  for (const [label, value] of rows) w.labelled(label, value, { bullet: false });
  w.gap(8);
  artifact(w.doc, () =>
    drawRule(w.doc, { from: w.left, to: w.left + w.width, y: w.doc.y, width: 0.5, color: color.rule }),
  );
  w.gap(6);
  w.labelled(h.confidentialityNotice, plan.confidentialityNotice, { bullet: false });
}

type PdfImage = { width: number; height: number };

/** A plan not yet approved says so across the page, faint enough to read the text under it (PDF/A-2 allows it). */
function draftMark(doc: PDFKit.PDFDocument, mark: string): void {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc.font(fontNames.bold).fontSize(96).fillColor(color.primary).fillOpacity(0.09);
  const textWidth = doc.widthOfString(mark);
  doc.text(mark, width / 2 - textWidth / 2, height / 2 - 48, { lineBreak: false });
  doc.restore();
}

/** Header and footer of every page, written once all pages exist so that "Page X of Y" knows Y. */
function pageFurniture(c: Context, organizationName: string, logo: PdfImage | null, pagesAfter = 0): void {
  const { w, plan } = c;
  const doc = w.doc;
  const range = doc.bufferedPageRange();
  const right = w.left + w.width;
  const isDraft = plan.status === 'draft' || plan.status === 'in_review';
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    w.forgetFill();
    w.drawMarks(range.start + i);
    doc.markContent('Artifact', { type: 'Pagination' });
    if (isDraft) draftMark(doc, c.words.draftMark);
    // Writing in the margins must not trigger pdfkit's automatic page break.
    doc.page.margins.bottom = 0;
    let x = w.left;
    if (logo) {
      const height = 22;
      const width = Math.min(90, (logo.width / logo.height) * height);
      doc.image(logo as unknown as Buffer, x, 24, { width, height });
      x += width + 8;
    }
    // One line each: a long name is cut with an ellipsis rather than run into the other or below the rule.
    const about = `${plan.title} · ${plan.header.employeeName}`;
    w.style('regular', size.tiny, color.muted);
    const aboutWidth = Math.min(doc.widthOfString(about) + 1, (right - x) * 0.6);
    doc.text(about, right - aboutWidth, 32, { width: aboutWidth, align: 'right', height: 9, ellipsis: true });
    w.style('bold', size.small + 1, color.primary);
    doc.text(organizationName, x, 31, { width: right - aboutWidth - x - 12, height: 11, ellipsis: true });
    drawRule(doc, { from: w.left, to: right, y: 50, width: 0.5, color: color.rule });

    const footerTop = doc.page.height - margin.bottom + 16;
    drawRule(doc, { from: w.left, to: right, y: footerTop - 5, width: 0.5, color: color.rule });
    w.style('regular', size.tiny, color.muted);
    doc.text(plan.confidentialityNotice, w.left, footerTop, { width: w.width - 90, lineGap: 0.5 });
    const pageLabel = c.h.page
      .replace('{page}', String(i + 1))
      .replace('{pages}', String(range.count + pagesAfter));
    w.style('bold', size.tiny, color.primary);
    doc.text(pageLabel, right - 85, footerTop, { width: 85, align: 'right', lineBreak: false });
    doc.endMarkedContent();
  }
}

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
export async function renderPlanPdf(input: PlanView, options: PlanPdfOptions = {}): Promise<Buffer> {
  // Text typed in the app may carry emoji; one scan of the whole plan is cheap next to rendering it.
  const json = JSON.stringify(input);
  emoji.lastIndex = 0;
  const clean = mayHaveEmoji.test(json) && emoji.test(json) ? (withoutEmoji(input) as PlanView) : input;
  const locale = options.locale ?? clean.locale;
  const plan = printablePlan(clean, locale, options.extras);
  const organizationName = options.organizationName ?? plan.header.organizationName;
  const { doc, done } = openPdfDocument({
    title: `${plan.title} — ${plan.header.employeeName}`,
    author: organizationName,
    subject: plan.subtitle,
    locale,
    margins: margin,
    tagged: true,
  });

  const words = documentWords(locale);
  const w = writer(doc);
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
  w.tags.end();
  pageFurniture(c, organizationName, logo, options.pagesAfter);

  doc.end();
  return done;
}
