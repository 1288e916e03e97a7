// The plan as an editable Word document: the PDF's sections in the same order, with real headings and tables.
import type { FileChild, IRunOptions, ParagraphChild } from 'docx';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import type { HeadingKey } from '../domain/template/template.ts';
import type { LogoFile } from './logo-image.ts';
import {
  blankLine,
  type DocumentExtras,
  type EmployeeResponse,
  employeeResponseSection,
  printablePlan,
} from './printable.ts';
import {
  doneMark,
  markedItem,
  notDoneMark,
  stateText,
  timelineAsOf,
  timelineDone,
  utcToday,
} from './timeline-marks.ts';
import { approvedByLine, type DocumentWords, documentWords, headingsOf, noneRecorded } from './words.ts';

type Labelled = { label: string; text: string };
type Role = 'employee' | 'manager' | 'hr';

const primary = '1F3A5F';
const muted = '5B6572';
const good = '1E7A3C';
const warn = 'A15C00';
const bad = 'B3261E';
const font = 'Calibri';
/** Word's fallback for ☐/☑ is font-dependent; Segoe UI Symbol has both on every Windows and Office install. */
const symbolFont = 'Segoe UI Symbol';
/** A4 in twentieths of a point, with 2 cm margins. */
const page = { width: 11_906, height: 16_838, margin: 1_134 };
const languageTag = { en: 'en-GB', es: 'es-ES' } as const;
const contentWidth = page.width - 2 * page.margin;

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun =>
  new TextRun({ text, ...options });

const heading = (text: string, level: 1 | 2 | 3): Paragraph =>
  new Paragraph({
    heading:
      level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
    keepNext: true,
    children: [run(text)],
  });

const paragraph = (
  text: string,
  options: Omit<IRunOptions, 'text'> & { keepNext?: boolean } = {},
): Paragraph => {
  const { keepNext, ...runOptions } = options;
  return new Paragraph({
    spacing: { after: 80 },
    ...(keepNext ? { keepNext: true, keepLines: true } : {}),
    children: [run(text, runOptions)],
  });
};

const labelled = (
  label: string,
  text: string,
  options: { bullet?: boolean; level?: number; keepNext?: boolean; separator?: string } = {},
): Paragraph =>
  new Paragraph({
    bullet: options.bullet === false ? undefined : { level: options.level ?? 0 },
    spacing: { after: 40 },
    ...(options.keepNext ? { keepNext: true, keepLines: true } : {}),
    children:
      text === ''
        ? [run(label, { bold: true })]
        : [run(`${label}${options.separator ?? ': '}`, { bold: true }), run(text)],
  });

const labelledList = (items: Labelled[]): Paragraph[] => items.map((i) => labelled(i.label, i.text));

const bullet = (text: string, level = 0): Paragraph =>
  new Paragraph({ bullet: { level }, spacing: { after: 40 }, children: [run(text)] });

const check = (text: string, checked: boolean, note?: string, keepNext = false): Paragraph =>
  new Paragraph({
    indent: { left: 360 },
    spacing: { after: 40 },
    ...(keepNext ? { keepNext: true, keepLines: true } : {}),
    children: [
      run(checked ? '☑' : '☐', { font: symbolFont, color: checked ? good : muted }),
      run(` ${text}`),
      ...(note ? [run(`  ${note}`, { color: muted, size: 16 })] : []),
    ],
  });

type Cell = string | { text: string; bold?: boolean; color?: string };

const cellRuns = (cell: Cell, header: boolean): Paragraph[] => {
  const { text, bold, color } =
    typeof cell === 'string' ? { text: cell, bold: false, color: undefined } : cell;
  // A line break inside a cell is a paragraph of its own in Word.
  const look = { bold: header || bold, color: header ? 'FFFFFF' : color, size: 17 };
  return text.split('\n').map((line) => {
    // A done / not done mark in the font that has it, as the check lists do.
    const mark = line.startsWith(`${doneMark} `)
      ? doneMark
      : line.startsWith(`${notDoneMark} `)
        ? notDoneMark
        : null;
    return new Paragraph({
      children:
        mark === null
          ? [run(line, look)]
          : [run(mark, { ...look, font: symbolFont }), run(line.slice(mark.length), look)],
    });
  });
};

/** A table with a repeating header row; `widths` are shares of the text width. */
function table(widths: number[], head: string[] | null, rows: Cell[][]): Table {
  const total = widths.reduce((s, w) => s + w, 0);
  const columnWidths = widths.map((w) => Math.round((w / total) * contentWidth));
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'C9D1DB' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const row = (cells: Cell[], header: boolean, shaded: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (cell, i) =>
          new TableCell({
            width: { size: columnWidths[i], type: WidthType.DXA },
            borders,
            margins: { top: 60, bottom: 60, left: 80, right: 80 },
            shading: header
              ? { type: ShadingType.CLEAR, fill: primary, color: 'auto' }
              : shaded
                ? { type: ShadingType.CLEAR, fill: 'EEF2F6', color: 'auto' }
                : undefined,
            children: cellRuns(cell, header),
          }),
      ),
    });
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths,
    rows: [
      ...(head ? [row(head, true, false)] : []),
      ...rows.map((r, i) => row(r, false, head === null ? i % 2 === 0 : i % 2 === 1)),
    ],
  });
}

const spacer = (): Paragraph => new Paragraph({ spacing: { after: 120 }, children: [] });

/** "Page {page} of {pages}" with Word fields in place of the numbers. */
function pageNumber(template: string): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  for (const part of template.split(/(\{page\}|\{pages\})/)) {
    if (part === '{page}')
      children.push(new TextRun({ children: [PageNumber.CURRENT], bold: true, size: 14 }));
    else if (part === '{pages}')
      children.push(new TextRun({ children: [PageNumber.TOTAL_PAGES], bold: true, size: 14 }));
    else if (part !== '') children.push(run(part, { bold: true, size: 14 }));
  }
  return children;
}

function body(
  plan: PlanReadModel,
  h: Record<HeadingKey, string>,
  words: DocumentWords,
  locale: PlanReadModel['locale'],
  responses: EmployeeResponse[],
  today: string,
): FileChild[] {
  const out: FileChild[] = [];
  const push = (...items: FileChild[]): void => {
    out.push(...items);
  };
  const x = plan.header;
  const s = plan.support;
  const date = words.date;

  push(
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(plan.title)] }),
    paragraph(plan.subtitle, { color: muted, size: 24 }),
    paragraph(`${words.version} ${plan.version} · ${words.planStatus[plan.status]}`, {
      color: muted,
      size: 16,
    }),
    table(
      [34, 66],
      null,
      [
        [h.employeeName, x.employeeName],
        [h.position, x.position],
        [h.department, x.department],
        [h.manager, x.managerName ?? words.none],
        [h.hrRepresentative, x.hrRepName ?? words.none],
        [h.startDate, date(x.startDate)],
        [h.endDate, date(x.endDate)],
        [h.reviewPeriod, `${x.reviewPeriod.weeks} ${words.weeks} (${x.reviewPeriod.days} ${words.days})`],
      ].map(([label, value]) => [{ text: label, bold: true, color: primary }, value]),
    ),
  );

  push(heading(h.overview, 1), heading(h.purpose, 2), paragraph(plan.overview.purpose));
  push(
    heading(h.philosophy, 2),
    paragraph(plan.overview.philosophyIntro),
    ...plan.overview.philosophy.map((i) => labelled(i.label, i.text, { separator: ' ' })),
  );

  push(heading(h.issues, 1), heading(h.primaryConcerns, 2), paragraph(plan.issuesIntro));
  plan.focusAreas.forEach((area, i) => {
    push(
      heading(`${i + 1}. ${area.title}`, 3),
      labelled(h.issue, area.issue),
      labelled(h.impact, area.impact),
      labelled(h.examples, area.examples.length === 0 ? blankLine : ''),
      ...area.examples.map((e) =>
        e.date ? labelled(date(e.date), e.text, { level: 1 }) : bullet(e.text, 1),
      ),
      labelled(h.requiredStandard, area.requiredStandard),
    );
  });
  const statusColor = { onTrack: good, atRisk: warn, offTrack: bad } as const;
  // The columns of "Current Performance" and "Required Standard" fit their longest word: no header breaks mid-word.
  push(heading(h.metrics, 2));
  if (plan.metrics.length === 0) push(paragraph(noneRecorded[locale], { color: muted }));
  else
    push(
      table(
        [24, 12, 17, 17, 12, 18],
        [h.metric, h.baseline, h.current, h.required, h.gap, h.status],
        plan.metrics.map((m) => [
          { text: m.name, bold: true },
          words.value(m.baseline, m.unit),
          words.value(m.current, m.unit),
          words.value(m.target, m.unit),
          m.isMet ? words.met : words.value(m.gap, m.unit),
          { text: words.metricStatus[m.status], color: statusColor[m.status] },
        ]),
      ),
    );

  push(heading(h.goals, 1), heading(h.primaryGoals, 2), paragraph(plan.goalsIntro));
  plan.focusAreas.forEach((area, i) => {
    push(
      heading(`${i + 1}. ${area.goalTitle}`, 3),
      labelled(h.goal, area.goal),
      labelled(h.measurement, area.measurement),
      labelled(h.deadline, date(area.deadline)),
      labelled(h.successCriteria, area.successCriteria),
    );
  });
  push(heading(h.smart, 2), paragraph(plan.smart.intro), ...labelledList(plan.smart.criteria));

  push(heading(h.development, 1), heading(h.trainingActivities, 2));
  plan.development.groups.forEach((group, i) => {
    push(heading(`${i + 1}. ${group.title} (${group.done}/${group.total})`, 3));
    const activities = plan.activities
      .filter((a) => a.groupKey === group.key)
      .sort((a, b) => a.position - b.position);
    const sections = [...new Set(activities.map((a) => a.section))];
    for (const section of sections) {
      push(
        new Paragraph({ keepNext: true, spacing: { after: 40 }, children: [run(section, { bold: true })] }),
      );
      for (const a of activities.filter((b) => b.section === section)) {
        const note =
          a.status === 'done' && a.completedAt
            ? date(a.completedAt)
            : a.status === 'in_progress'
              ? words.inProgress
              : a.dueDate
                ? `${h.deadline}: ${date(a.dueDate)}`
                : undefined;
        push(check(a.title, a.status === 'done', note));
      }
    }
  });
  push(
    heading(h.supportResources, 2),
    heading(h.managerSupport, 3),
    ...labelledList(s.manager),
    labelled(h.meetingFrequency, words.cadence(s.managerCheckIn)),
    heading(h.mentorAssignment, 3),
    labelled(h.mentor, s.mentor.name ?? blankLine),
    labelled(h.meetingFrequency, `${s.mentor.meetingFrequency} (${words.cadence(s.mentor.session)})`),
    labelled(h.focusAreas, s.mentor.focusAreas),
    labelled(h.supportProvided, s.mentor.supportProvided),
    heading(h.hrSupport, 3),
    labelled(h.hrRepresentative, s.hr.name ?? words.none),
    labelled(h.availability, s.hr.availability),
    labelled(h.supportAreas, s.hr.supportAreas),
    labelled(h.additionalHrResources, s.hr.additionalResources),
    heading(h.trainingResources, 3),
    labelled(h.internalTraining, s.training.internal),
    labelled(h.externalTraining, s.training.external),
    labelled(h.onlineLearning, s.training.online),
    labelled(h.certificationPrograms, s.training.certification),
    labelled(h.trainingBudget, words.money(s.budget.total, s.budget.currency)),
    labelled(h.budgetSpent, words.money(s.budget.spent, s.budget.currency)),
    labelled(h.budgetRemaining, words.money(s.budget.remaining, s.budget.currency)),
    labelled(h.hoursPerWeek, words.number(s.hoursPerWeek)),
  );

  const done = timelineDone(timelineAsOf(plan, today));
  push(
    heading(h.timeline, 1),
    table(
      [20, 10, 16, 35, 19],
      [h.phase, h.weeks, words.dates, words.tasks, h.milestone],
      plan.timeline.phases.map((p, i) => [
        { text: `${i + 1}. ${p.title}`, bold: true },
        p.startWeek === p.endWeek ? `${p.startWeek}` : `${p.startWeek}–${p.endWeek}`,
        `${date(p.startDate)} – ${date(p.endDate)}`,
        p.tasks.map((t) => markedItem(`${h.week} ${t.week}: ${t.title}`, done.task(t), locale)).join('\n'),
        {
          text: markedItem(
            `${p.milestone.title} (${date(p.milestone.date)})`,
            done.milestone(p.milestone),
            locale,
          ),
          color: primary,
        },
      ]),
    ),
    heading(h.keyMilestones, 2),
    table(
      [12, 17, 53, 18],
      [h.week, h.date, h.milestone, h.status],
      plan.timeline.milestones.map((m) => {
        const isDone = done.milestone(m);
        return [
          { text: `${h.week} ${m.week}`, bold: true },
          date(m.date),
          m.title,
          { text: stateText(isDone, locale), color: isDone ? good : muted },
        ];
      }),
    ),
  );

  push(heading(h.progressTracking, 1), heading(h.trackingMetrics, 2));
  for (const area of plan.tracking.metricsByArea) {
    push(heading(area.title, 3), ...area.metrics.map((m) => bullet(m)));
  }
  push(
    heading(h.trackingMethods, 2),
    ...labelledList(plan.tracking.methods),
    heading(h.successCriteriaList, 2),
  );
  for (const c of plan.successCriteria) {
    const note =
      c.isMet && c.checkedByName
        ? `${c.checkedByName}${c.checkedAt ? `, ${date(c.checkedAt)}` : ''}`
        : undefined;
    push(check(c.text, c.isMet, note));
  }

  push(
    heading(h.supportAndResources, 1),
    heading(h.managerResponsibilities, 2),
    ...labelledList(plan.responsibilities.manager),
    heading(h.employeeResponsibilities, 2),
    ...labelledList(plan.responsibilities.employee),
    heading(h.hrResponsibilities, 2),
    ...labelledList(plan.responsibilities.hr),
    heading(h.additionalResources, 2),
    ...labelledList(plan.additionalResources),
  );
  push(
    heading(h.documentation, 1),
    heading(h.requiredDocumentation, 2),
    ...labelledList(plan.documentation.required),
    heading(h.recordMaintenance, 2),
    ...labelledList(plan.documentation.maintenance),
    heading(h.reviewUpdateProcess, 2),
    ...labelledList(plan.documentation.reviewProcess),
  );
  push(
    heading(h.successFactors, 1),
    heading(h.keySuccessFactors, 2),
    ...labelledList(plan.guidance.successFactors),
    heading(h.bestPractices, 2),
    ...labelledList(plan.guidance.bestPractices),
    heading(h.commonChallenges, 2),
    ...labelledList(plan.guidance.commonChallenges),
  );

  const primaryKeys = new Set(['manager', 'hr', 'hr_representative', 'mentor']);
  const isPrimary = (c: PlanReadModel['contacts'][number]): boolean =>
    c.key !== null && primaryKeys.has(c.key);
  const join = (parts: (string | null)[]): string => parts.filter((p) => p !== null && p !== '').join(' | ');
  push(
    heading(h.contacts, 1),
    heading(h.primaryContacts, 2),
    ...plan.contacts
      .filter(isPrimary)
      .map((c) => labelled(c.label, join([c.name, c.email, c.phone, c.location]) || blankLine)),
    heading(h.additionalSupport, 2),
    ...plan.contacts
      .filter((c) => !isPrimary(c))
      .map((c) => labelled(c.label, join([c.name, c.email, c.phone, c.location, c.url]) || blankLine)),
    heading(h.resourcesTools, 2),
    ...plan.resources.map((c) => labelled(c.label, join([c.url, c.instructions]) || blankLine)),
  );

  push(heading(h.acknowledgment, 1));
  const roles: [Role, string][] = [
    ['employee', h.employeeAcknowledgment],
    ['manager', h.managerAcknowledgment],
    ['hr', h.hrAcknowledgment],
  ];
  for (const [role, title] of roles) {
    const signature = plan.signatures.find((g) => g.role === role && !g.isRefused) ?? null;
    const refusal =
      signature === null ? (plan.signatures.find((g) => g.role === role && g.isRefused) ?? null) : null;
    const agreed = new Set(signature?.clauses ?? []);
    // A role's intro, clauses and signature lines stay on one page: Word keeps each with the next.
    push(
      heading(title, 2),
      paragraph(plan.acknowledgmentIntros[role], { keepNext: true }),
      ...plan.acknowledgmentClauses[role].map((c) => check(c.text, agreed.has(c.id), undefined, true)),
    );
    if (signature) {
      const name = signature.typedName ?? signature.signerName;
      const stale = signature.isCurrent ? '' : ` · ${words.signedVersion(signature.version)}`;
      push(
        new Paragraph({
          spacing: { before: 120, after: 40 },
          keepNext: true,
          keepLines: true,
          children: [
            run(`${h.signature}: `, { bold: true }),
            run(name, { italics: true, color: primary, size: 24 }),
            run(`     ${h.date}: `, { bold: true }),
            run(date(signature.signedAt)),
          ],
        }),
        labelled(h.printName, name, { bullet: false, keepNext: true }),
        paragraph(
          `${h.signedAt}: ${words.dateTime(signature.signedAt)} · ${h.documentHash}: ${signature.documentHash}${stale}`,
          { color: muted, size: 14 },
        ),
      );
    } else if (refusal) {
      const witness = [refusal.witnessName, refusal.witnessedAt ? date(refusal.witnessedAt) : null]
        .filter((p) => p !== null)
        .join(', ');
      push(
        paragraph(`${h.refusedToSign} (${date(refusal.signedAt)})`, {
          bold: true,
          color: bad,
          keepNext: true,
        }),
        labelled(h.employeeResponse, refusal.response ?? words.none, { bullet: false, keepNext: true }),
        labelled(
          h.witnessStatement,
          `${refusal.witnessStatement ?? words.none}${witness ? ` (${words.witness}: ${witness})` : ''}`,
          { bullet: false },
        ),
        labelled(h.printName, refusal.signerName, { bullet: false }),
      );
    } else {
      push(
        new Paragraph({
          spacing: { before: 120, after: 40 },
          keepNext: true,
          keepLines: true,
          children: [
            run(`${h.signature}: `, { bold: true }),
            run('_________________________'),
            run(`     ${h.date}: `, { bold: true }),
            run('_________'),
          ],
        }),
        labelled(h.printName, '_________________________', { bullet: false, keepNext: true }),
        paragraph(h.notSigned, { color: muted, size: 14 }),
      );
    }
  }

  const said = employeeResponseSection(responses, locale, date);
  push(
    heading(said.heading, 2),
    ...(said.none ? [paragraph(said.none, { color: muted })] : []),
    ...said.items.flatMap((r) => [paragraph(r.label, { bold: true, keepNext: true }), paragraph(r.text)]),
  );

  push(
    heading(h.planReview, 1),
    heading(h.reviewSchedule, 2),
    ...labelledList(plan.review.schedule),
    heading(h.updateProcess, 2),
    ...labelledList(plan.review.updateProcess),
    heading(h.planCompletion, 2),
    paragraph(plan.completion.intro),
  );
  const outcome = plan.outcome;
  const steps = outcome?.completionSteps ?? plan.completion.steps.map((text) => ({ text, isDone: false }));
  push(...steps.map((step) => check(step.text, step.isDone)));
  if (outcome) {
    const tone = outcome.outcome === 'successful' ? good : outcome.outcome === 'unsuccessful' ? bad : muted;
    push(
      paragraph(`${words.outcome}: ${words.outcomes[outcome.outcome]}`, {
        bold: true,
        color: tone,
        size: 22,
      }),
      paragraph(outcome.summary),
      ...outcome.areaSummaries.map((a) => labelled(a.title, a.summary)),
      ...(outcome.reason ? [labelled(words.reason, outcome.reason, { bullet: false })] : []),
      labelled(words.decidedBy, `${outcome.decidedByName}, ${date(outcome.decidedAt)}`, { bullet: false }),
    );
  }

  const approvedBy = approvedByLine(plan.approvals, words);
  push(
    spacer(),
    paragraph(plan.completion.closingNote, { italics: true, color: muted }),
    spacer(),
    labelled(h.planCreatedBy, x.createdByName, { bullet: false }),
    labelled(h.planApprovedBy, approvedBy, { bullet: false }),
    labelled(h.startDate, date(x.startDate), { bullet: false }),
    labelled(h.endDate, date(x.endDate), { bullet: false }),
    labelled(h.nextReviewDate, date(x.nextReviewDate), { bullet: false }),
    spacer(),
    labelled(h.confidentialityNotice, plan.confidentialityNotice, { bullet: false }),
  );
  return out;
}

/** Renders the whole plan; resolves with the .docx bytes. */
/** The logo's height in the page header, in pixels as docx measures images. */
const logoHeight = 28;

function logoRun(logo: LogoFile): ImageRun {
  const width = Math.min(120, Math.round((logo.width / logo.height) * logoHeight));
  return new ImageRun({
    type: logo.contentType === 'image/png' ? 'png' : 'jpg',
    data: logo.image,
    transformation: { width, height: Math.round((width / logo.width) * logo.height) },
  });
}

export type PlanDocxOptions = {
  logo?: LogoFile | null;
  /** The document's language (labels, status words, dates, numbers); the plan's own language by default. */
  locale?: PlanReadModel['locale'];
  /** Who downloaded the file: its "last modified by". */
  downloadedBy?: string;
  /** The mentor's role and the employee's responses, which the plan view does not carry. */
  extras?: DocumentExtras;
};

export async function renderPlanDocx(input: PlanReadModel, options: PlanDocxOptions = {}): Promise<Buffer> {
  const locale = options.locale ?? input.locale;
  const plan = printablePlan(input, locale, options.extras);
  const words = documentWords(locale);
  const h = headingsOf(plan);
  const headingStyle = (size: number) => ({
    run: { font, size, bold: true, color: primary },
    paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
  });
  const document = new Document({
    title: `${plan.title} — ${plan.header.employeeName}`,
    subject: plan.subtitle,
    creator: plan.header.organizationName,
    lastModifiedBy: options.downloadedBy ?? plan.header.organizationName,
    styles: {
      default: {
        // Word checks spelling and hyphenates by this language.
        document: { run: { font, size: 20, language: { value: languageTag[locale] } } },
        title: { run: { font, size: 36, bold: true, color: primary } },
        heading1: headingStyle(28),
        heading2: headingStyle(23),
        heading3: headingStyle(20),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin },
          },
        },
        headers: {
          default: new Header({
            children: [
              ...(options.logo ? [new Paragraph({ children: [logoRun(options.logo)] })] : []),
              new Paragraph({
                children: [
                  run(plan.header.organizationName, { bold: true, color: primary, size: 18 }),
                  run(`    ${plan.title} · ${plan.header.employeeName}`, { color: muted, size: 14 }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({ children: [run(plan.confidentialityNotice, { color: muted, size: 14 })] }),
              new Paragraph({ alignment: AlignmentType.RIGHT, children: pageNumber(h.page) }),
            ],
          }),
        },
        children: body(
          plan,
          h,
          words,
          locale,
          options.extras?.responses ?? [],
          options.extras?.asOf ?? utcToday(),
        ),
      },
    ],
  });
  return Packer.toBuffer(document);
}
