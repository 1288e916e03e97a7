// Tests of the plan PDF, read back with poppler: sections in order, language, numbering, signatures, pixels.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { png } from '../../test/helpers/images.ts';
import type { PlanView } from '../contracts/plans.ts';
import { planSchema } from '../contracts/plans.ts';
import { renderPlanPdf } from './plan-pdf.ts';

let dir = '';
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-pdf-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const save = (pdf: Buffer): string => {
  files += 1;
  const file = join(dir, `plan-${files}.pdf`);
  writeFileSync(file, pdf);
  return file;
};
const run = (command: string, args: string[]): string => execFileSync(command, args, { encoding: 'utf8' });
/** Text of every page, in layout mode; pdftotext ends each page with a form feed. */
const pagesOf = (file: string, mode: '-layout' | '-raw' = '-layout'): string[] =>
  run('pdftotext', [mode, '-enc', 'UTF-8', file, '-']).split('\f').slice(0, -1);
/** Line breaks and runs of spaces made by the layout do not matter to a reader. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const pageCount = (file: string): number => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]))?.[1]);

/** Dark pixels of one page rendered in grey at 50 dpi (binary PGM: header, then one byte per pixel). */
function darkPixels(file: string, pageNumber: number): { dark: number; total: number } {
  files += 1;
  const prefix = join(dir, `page-${files}`);
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-gray',
    '-f',
    `${pageNumber}`,
    '-l',
    `${pageNumber}`,
    '-singlefile',
    file,
    prefix,
  ]);
  const pgm = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const total = Number(header[1]) * Number(header[2]);
  const pixels = pgm.subarray(pgm.length - total);
  let dark = 0;
  for (const p of pixels) if (p < 200) dark += 1;
  return { dark, total };
}

/** Headings the PDF prints for every plan, in the order of the seed document. */
const orderedHeadings = [
  'employeeName',
  'position',
  'department',
  'manager',
  'hrRepresentative',
  'startDate',
  'endDate',
  'reviewPeriod',
  'overview',
  'purpose',
  'philosophy',
  'issues',
  'primaryConcerns',
  'issue',
  'impact',
  'examples',
  'requiredStandard',
  'metrics',
  'goals',
  'primaryGoals',
  'goal',
  'measurement',
  'deadline',
  'successCriteria',
  'smart',
  'development',
  'trainingActivities',
  'supportResources',
  'managerSupport',
  'mentorAssignment',
  'mentor',
  'meetingFrequency',
  'focusAreas',
  'supportProvided',
  'hrSupport',
  'availability',
  'supportAreas',
  'additionalHrResources',
  'trainingResources',
  'internalTraining',
  'externalTraining',
  'onlineLearning',
  'certificationPrograms',
  'trainingBudget',
  'budgetSpent',
  'budgetRemaining',
  'hoursPerWeek',
  'timeline',
  'keyMilestones',
  'progressTracking',
  'trackingMetrics',
  'trackingMethods',
  'successCriteriaList',
  'supportAndResources',
  'managerResponsibilities',
  'employeeResponsibilities',
  'hrResponsibilities',
  'additionalResources',
  'documentation',
  'requiredDocumentation',
  'recordMaintenance',
  'reviewUpdateProcess',
  'successFactors',
  'keySuccessFactors',
  'bestPractices',
  'commonChallenges',
  'contacts',
  'primaryContacts',
  'additionalSupport',
  'resourcesTools',
  'acknowledgment',
  'employeeAcknowledgment',
  'signature',
  'date',
  'printName',
  'managerAcknowledgment',
  'hrAcknowledgment',
  'planReview',
  'reviewSchedule',
  'updateProcess',
  'planCompletion',
  'planCreatedBy',
  'planApprovedBy',
  'nextReviewDate',
  'confidentialityNotice',
] as const;
/** Column titles: a narrow cell may wrap them, which layout mode spreads over two text lines. */
const tableHeadings = [
  'metric',
  'baseline',
  'current',
  'required',
  'gap',
  'status',
  'phase',
  'weeks',
  'milestone',
  'week',
];

/** The employee declined to sign; a witness recorded it. */
function refused(plan: PlanView): PlanView {
  const employee = plan.signatures.find((s) => s.role === 'employee');
  const others = plan.signatures.filter((s) => s.role !== 'employee');
  return {
    ...plan,
    signatures: [
      ...others,
      {
        id: '0d2f6c1e-8a47-4c39-9a51-3f0c2b7d9e11',
        role: 'employee',
        userId: employee?.userId ?? '5b8e3f0a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        signerName: plan.header.employeeName,
        typedName: null,
        clauses: [],
        version: plan.version,
        documentHash: 'a'.repeat(64),
        isCurrent: true,
        isRefused: true,
        response:
          'No estoy de acuerdo con los ejemplos del 14 de abril: la campaña se aprobó con cambios de última hora.',
        witnessName: 'Nuria Peña',
        witnessStatement:
          'El empleado recibió el plan en la reunión del lunes y declinó firmarlo en mi presencia.',
        witnessedAt: '2026-03-02T10:30:00.000Z',
        signedAt: '2026-03-02T10:30:00.000Z',
      },
    ],
  };
}

describe.each(['en', 'es'] as const)('the %s plan PDF', (locale) => {
  const plan = samplePlan({ locale, seed: 11 });
  const h = plan.headings;
  let file = '';
  let pages: string[] = [];
  let text = '';

  beforeAll(async () => {
    file = save(await renderPlanPdf(plan));
    pages = pagesOf(file);
    text = flat(pages.join('\n'));
  });

  it('is an A4 PDF with DejaVu Sans embedded as a subset', () => {
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fonts = run('pdffonts', [file]);
    for (const face of ['DejaVuSans ', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']) {
      expect(fonts).toMatch(new RegExp(`\\+${face.trim()}\\s+CID TrueType\\s+Identity-H\\s+yes yes yes`));
    }
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it("prints every section heading it uses in the seed document's order", () => {
    expect(pages[0].trimStart().startsWith(plan.header.organizationName)).toBe(true);
    let from = text.indexOf(plan.title);
    expect(from).toBeGreaterThanOrEqual(0);
    for (const key of orderedHeadings) {
      const at = text.indexOf(h[key], from);
      expect(at, `${key}: "${h[key]}" after position ${from}`).toBeGreaterThanOrEqual(from);
      from = at + h[key].length;
    }
    const raw = flat(pagesOf(file, '-raw').join('\n'));
    for (const key of tableHeadings) expect(raw, key).toContain(h[key]);
  });

  it("shows the plan's people, dates, focus areas and computed metric values", () => {
    expect(text).toContain(plan.header.employeeName);
    expect(text).toContain(plan.header.managerName ?? '');
    for (const area of plan.focusAreas) {
      expect(text).toContain(area.title);
      expect(text).toContain(area.goalTitle);
    }
    const [year, month, day] = plan.header.startDate.split('-').map(Number);
    const months =
      locale === 'en'
        ? ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
        : ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'];
    expect(text).toContain(`${h.startDate} ${day} ${months[month - 1]} ${year}`);
    const metric = plan.metrics.find((m) => m.unit === '%');
    const current = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(metric?.current ?? -1);
    // es puts a no-break space before %, which flat() turns into a plain space like any other.
    expect(flat(pagesOf(file, '-raw').join('\n'))).toContain(
      locale === 'en' ? `${current}%` : `${current} %`,
    );
    for (const activity of plan.activities) expect(text).toContain(activity.title);
  });

  it('numbers every page "X of N" with N the real page count and repeats the confidentiality notice', () => {
    const count = pageCount(file);
    expect(count).toBeGreaterThan(5);
    expect(pages).toHaveLength(count);
    const label = (page: number): string =>
      h.page.replace('{page}', String(page)).replace('{pages}', String(count));
    pages.forEach((page, i) => {
      expect(page).toContain(label(i + 1));
      expect(page).toContain(plan.header.organizationName);
    });
    expect(label(1)).toBe(locale === 'en' ? `Page 1 of ${count}` : `Página 1 de ${count}`);
    const rawPages = pagesOf(file, '-raw').map(flat);
    expect(rawPages.at(-1)).toContain(plan.confidentialityNotice);
    expect(rawPages[0]).toContain(plan.confidentialityNotice);
  });

  it('draws a page 1 that is not blank', () => {
    const blank = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    blank.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => blank.on('end', resolve));
    blank.text('One line.');
    blank.end();
    return ended.then(() => {
      const oneLine = darkPixels(save(Buffer.concat(chunks)), 1);
      const first = darkPixels(file, 1);
      expect(first.total).toBe(oneLine.total);
      expect(first.dark).toBeGreaterThan(20 * Math.max(1, oneLine.dark));
      expect(first.dark / first.total).toBeGreaterThan(0.03);
    });
  });

  it('leaves blank signature lines while nobody has signed', () => {
    expect(plan.signatures).toEqual([]);
    expect(text).toMatch(new RegExp(`${h.signature}: _{10,}`));
    expect(text).toMatch(new RegExp(`${h.printName}: _{10,}`));
    expect(text.split(h.notSigned).length - 1).toBe(3);
  });
});

describe('the PDF in Spanish', () => {
  it('keeps accents, ñ, guillemets and dashes as real text', async () => {
    const plan = samplePlan({ locale: 'es', seed: 3, employeeName: 'Begoña Núñez Ibáñez' });
    const file = save(await renderPlanPdf(plan));
    const text = flat(pagesOf(file).join('\n'));
    expect(text).toContain('Métricas de rendimiento');
    expect(text).toContain('Periodo de revisión');
    expect(text).toContain('Begoña Núñez Ibáñez');
    expect(text).toContain('«IA para profesionales del marketing»');
    expect(text).toContain('—nombres, fechas o importes incorrectos—');
    expect(text).toMatch(/Página 1 de \d+/);
    expect(text).toMatch(/\d{1,2} (ene|feb|mar|abr|may|jun|jul|ago|sept|oct|nov|dic) 20\d\d/);
    expect(text).not.toMatch(/[A-Z][a-z]+ \d{1,2}, 20\d\d/);
  });
});

describe('headings', () => {
  it('keep their colour when they open a new page', async () => {
    const plan = samplePlan({ locale: 'es', seed: 3, employeeName: 'Begoña Núñez Ibáñez', isSigned: true });
    const h = plan.headings;
    const file = save(await renderPlanPdf(plan));
    const sections = [
      h.overview,
      h.issues,
      h.goals,
      h.development,
      h.timeline,
      h.acknowledgment,
      h.planReview,
    ];
    // The line after the running header is the page's first line of body text.
    const opening = pagesOf(file).findIndex((page) => {
      const first =
        page
          .split('\n')
          .filter((line) => line.trim() !== '')[1]
          ?.trim() ?? '';
      return sections.includes(first);
    });
    expect(opening).toBeGreaterThan(0);
    // The heading's band, 66–86 pt from the top, at 72 dpi: count bluish pixels (#1f3a5f) against black.
    const prefix = join(dir, 'heading');
    execFileSync(
      'pdftoppm',
      ['-r', '72', '-f', `${opening + 1}`, '-l', `${opening + 1}`, '-singlefile'].concat([
        '-x',
        '0',
        '-y',
        '66',
        '-W',
        '595',
        '-H',
        '20',
        file,
        prefix,
      ]),
    );
    const ppm = readFileSync(`${prefix}.ppm`);
    const rgb = ppm.subarray(ppm.length - 595 * 20 * 3);
    let blue = 0;
    let black = 0;
    for (let i = 0; i < rgb.length; i += 3) {
      if (rgb[i + 2] - rgb[i] > 35) blue += 1;
      else if (rgb[i] < 60 && rgb[i + 1] < 60 && rgb[i + 2] < 60) black += 1;
    }
    expect(blue).toBeGreaterThan(100);
    expect(black).toBeLessThan(blue / 10);
  });
});

describe('text DejaVu Sans cannot draw', () => {
  it('leaves emoji out instead of printing empty boxes', async () => {
    const plan = samplePlan({ locale: 'en', seed: 9 });
    const titled: PlanView = {
      ...plan,
      focusAreas: plan.focusAreas.map((a, i) => (i === 0 ? { ...a, title: '🎯 Workflow quality 👍🏽' } : a)),
    };
    const text = flat(pagesOf(save(await renderPlanPdf(titled))).join('\n'));
    expect(text).toContain('1. Workflow quality');
    // The document's own check marks (☑ ☐) are the only pictographs it prints.
    expect(text.replace(/[☐☑☒]/g, '')).not.toMatch(/\p{Extended_Pictographic}/u);
  });
});

describe('signatures in the PDF', () => {
  it('shows each signer typed name, ticked clauses and the signed hash', async () => {
    const plan = samplePlan({ locale: 'en', seed: 12, isSigned: true });
    const h = plan.headings;
    const file = save(await renderPlanPdf(plan));
    const text = flat(pagesOf(file).join('\n'));
    expect(plan.signatures).toHaveLength(3);
    for (const signature of plan.signatures) {
      expect(text).toContain(`${h.printName}: ${signature.typedName}`);
      expect(text).toMatch(
        new RegExp(`${h.signature}: ${signature.typedName} ${h.date}: \\d{1,2} \\w{3} 20\\d\\d`),
      );
    }
    expect(text).toContain(plan.signatures[0].documentHash);
    expect(text).not.toContain('____');
    expect(text).not.toContain(h.notSigned);
    expect(text).not.toContain('the plan has changed since');
  });

  it('says when a signature covers an earlier version of the plan', async () => {
    const plan = samplePlan({ locale: 'en', seed: 12, isSigned: true });
    const stale: PlanView = {
      ...plan,
      version: 3,
      signatures: plan.signatures.map((s) => (s.role === 'manager' ? { ...s, isCurrent: false } : s)),
    };
    const text = flat(pagesOf(save(await renderPlanPdf(stale))).join('\n'));
    expect(text.split('signed version 2; the plan has changed since').length - 1).toBe(1);
  });

  it("shows the employee's refusal, response and witness statement", async () => {
    const plan = refused(samplePlan({ locale: 'es', seed: 13, isSigned: true }));
    const h = plan.headings;
    const text = flat(pagesOf(save(await renderPlanPdf(plan))).join('\n'));
    expect(text).toContain(h.refusedToSign);
    expect(text).toContain(`${h.employeeResponse}: No estoy de acuerdo con los ejemplos del 14 de abril`);
    expect(text).toContain(`${h.witnessStatement}: El empleado recibió el plan`);
    expect(text).toContain('Nuria Peña');
    // Manager and HR signed; only the employee's block shows the refusal instead of a signature.
    expect(text.split(`${h.printName}: ${plan.header.managerName}`).length - 1).toBe(1);
  });
});

describe('check boxes', () => {
  it('draws ticks for done activities as vector graphics', async () => {
    const plan = samplePlan({ locale: 'en', seed: 21 });
    const none: PlanView = {
      ...plan,
      activities: plan.activities.map((a) => ({
        ...a,
        status: 'todo' as const,
        completedAt: null,
        dueDate: null,
      })),
    };
    const all: PlanView = {
      ...plan,
      activities: plan.activities.map((a) => ({
        ...a,
        status: 'done' as const,
        completedAt: null,
        dueDate: null,
      })),
    };
    const noneFile = save(await renderPlanPdf(none));
    const allFile = save(await renderPlanPdf(all));
    const page = pagesOf(allFile).findIndex((p) => p.includes(plan.headings.trainingActivities)) + 1;
    expect(page).toBeGreaterThan(0);
    expect(pagesOf(noneFile)[page - 1]).toContain(plan.headings.trainingActivities);
    const ticked = darkPixels(allFile, page).dark;
    const empty = darkPixels(noneFile, page).dark;
    expect(ticked).toBeGreaterThan(empty + 50);
  });
});

describe('page furniture', () => {
  it('puts the organisation name and the logo, embedded once, on every page', async () => {
    const plan = samplePlan({ locale: 'en', seed: 5 });
    const file = save(await renderPlanPdf(plan, { organizationName: 'Acme Ñandú S.A.', logo: png(60, 20) }));
    const pages = pagesOf(file);
    for (const page of pages) expect(page).toContain('Acme Ñandú S.A.');
    const images = run('pdfimages', ['-list', file])
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(images).toHaveLength(pages.length);
    const objects = new Set(images.map((line) => line.trim().split(/\s+/)[10]));
    expect(objects.size).toBe(1);
  });

  it('embeds no image without a logo', async () => {
    const file = save(await renderPlanPdf(samplePlan({ locale: 'en', seed: 6 })));
    expect(run('pdfimages', ['-list', file]).trim().split('\n')).toHaveLength(2);
  });
});

describe('a closed plan', () => {
  it('shows the outcome, the area summaries and the completion steps done', async () => {
    const plan = samplePlan({ locale: 'en', seed: 8, isSigned: true });
    const closed: PlanView = {
      ...plan,
      status: 'closed',
      outcome: {
        outcome: 'successful',
        summary: 'All four metrics reached their targets by week 11 and stayed there.',
        areaSummaries: plan.focusAreas.map((a) => ({
          focusAreaId: a.id,
          title: a.title,
          summary: 'Target met.',
        })),
        completionSteps: plan.completion.steps.map((text, i) => ({ text, isDone: i < 3 })),
        decidedByUserId: plan.header.hrRepUserId ?? plan.id,
        decidedByName: plan.header.hrRepName ?? 'HR',
        decidedAt: '2026-06-01T09:00:00.000Z',
        reason: null,
      },
    };
    const text = flat(pagesOf(save(await renderPlanPdf(closed))).join('\n'));
    expect(text).toContain('Outcome: Completed successfully');
    expect(text).toContain('All four metrics reached their targets by week 11');
    expect(text).toContain(`Decided by: ${plan.header.hrRepName}, 1 Jun 2026`);
    expect(text).toContain('Version 2 · Closed');
  });
});

describe('samplePlan', () => {
  it('builds plans that satisfy planSchema, deterministically per seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('en' as const, 'es' as const),
        fc.boolean(),
        (seed, locale, isSigned) => {
          const plan = samplePlan({ locale, seed, isSigned });
          expect(planSchema.parse(plan)).toEqual(plan);
          expect(samplePlan({ locale, seed, isSigned })).toEqual(plan);
          expect(plan.focusAreas).toHaveLength(4);
          expect(plan.metrics).toHaveLength(4);
          expect(plan.activities.some((a) => a.status === 'done')).toBe(true);
          expect(plan.signatures).toHaveLength(isSigned ? 3 : 0);
          const { employeeName, managerName, hrRepName, mentorName } = plan.header;
          expect(new Set([employeeName, managerName, hrRepName, mentorName]).size).toBe(4);
        },
      ),
      { numRuns: 40 },
    );
    expect(samplePlan({ locale: 'en', seed: 1 })).not.toEqual(samplePlan({ locale: 'en', seed: 2 }));
  });
});

describe('what the record prints', () => {
  /** A plan whose first goal has SMART findings, as a plan being drafted has. */
  const withFindings = (plan: PlanView): PlanView => ({
    ...plan,
    focusAreas: plan.focusAreas.map((area, i) =>
      i === 0
        ? {
            ...area,
            smart: {
              isSmart: false,
              findings: [
                {
                  criterion: 'achievable',
                  severity: 'warning',
                  message: 'Forecast reaches 3.5975 by 2027-01-27',
                },
              ],
            },
          }
        : area,
    ),
  });

  it('never prints SMART findings: they help the author and are not part of the plan', async () => {
    const plan = withFindings(samplePlan({ locale: 'en', seed: 3 }));
    const text = flat(pagesOf(save(await renderPlanPdf(plan))).join('\n'));
    expect(text).not.toContain('3.5975');
    expect(text).not.toMatch(/\b(Warning|Error) ·/);
  });

  it('names both approvers with their role and date, and no one before the plan is approved', async () => {
    const approved = samplePlan({ locale: 'en', seed: 5 });
    const [manager, hr] = approved.approvals;
    const text = flat(pagesOf(save(await renderPlanPdf(approved))).join('\n'));
    expect(text).toMatch(
      new RegExp(
        `Plan Approved By: ${manager.name} \\(manager, \\d{1,2} \\w{3} 20\\d\\d\\); ${hr.name} \\(HR,`,
      ),
    );
    const draft = { ...approved, status: 'draft' as const, approvals: [], signatures: [] };
    const draftText = flat(pagesOf(save(await renderPlanPdf(draft))).join('\n'));
    expect(draftText).toMatch(/Plan Approved By: —/);
    expect(draftText).not.toMatch(new RegExp(`Plan Approved By: ${draft.header.managerName}`));
  });
});

describe('archiving', () => {
  it('is PDF/A-2b: XMP metadata with the PDF/A id, matching the title, escaped, and an sRGB output intent', async () => {
    const plan = samplePlan({ locale: 'es', seed: 8 });
    const file = save(
      await renderPlanPdf({ ...plan, title: 'Plan & <Mejora>' }, { organizationName: 'Lumina & Co' }),
    );
    const xmp = run('pdfinfo', ['-meta', file]);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp.match(/pdfaid:part>/g)).toHaveLength(2);
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Plan &amp; &lt;Mejora&gt;');
    expect(xmp).toContain('<rdf:li>Lumina &amp; Co</rdf:li>');
    const info = run('pdfinfo', [file]);
    expect(info).toMatch(/Title: +Plan & <Mejora>/);
    expect(info).toMatch(/PDF version: +1\.7/);
    expect(readFileSync(file).toString('latin1')).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
  });
});

describe('a plan not yet approved', () => {
  it.each([
    ['en', 'DRAFT'],
    ['es', 'BORRADOR'],
  ] as const)('is marked %s on every page, and an approved plan is not', async (locale, mark) => {
    const approved = samplePlan({ locale, seed: 6 });
    const draft = { ...approved, status: 'draft' as const, approvals: [], signatures: [] };
    // The mark runs diagonally, which the layout mode leaves out.
    const pages = pagesOf(save(await renderPlanPdf(draft)), '-raw');
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect(page).toContain(mark);
    for (const page of pagesOf(save(await renderPlanPdf(approved)), '-raw')) expect(page).not.toContain(mark);
  });
});
