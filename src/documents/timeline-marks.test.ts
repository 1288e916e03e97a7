// Done / not done on the printed timeline: the marks and their words, read back from the PDF with pdftotext and
// from the DOCX's document part, in both languages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import type { PlanView } from '../contracts/plans.ts';
import { addDays } from '../domain/plan/dates.ts';
import { renderPlanDocx } from './plan-docx.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { timelineAsOf } from './timeline-marks.ts';

let dir = '';
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-timeline-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const save = (bytes: Buffer, ext: string): string => {
  files += 1;
  const file = join(dir, `plan-${files}.${ext}`);
  writeFileSync(file, bytes);
  return file;
};
const flat = (text: string): string => text.replace(/\s+/g, ' ');
/** The PDF's text in content order, whitespace folded: a table cell's wrapped lines read as one. */
const pdfText = async (plan: PlanView, asOf: string, locale = plan.locale): Promise<string> =>
  flat(
    execFileSync(
      'pdftotext',
      ['-raw', '-enc', 'UTF-8', save(await renderPlanPdf(plan, { locale, extras: { asOf } }), 'pdf'), '-'],
      {
        encoding: 'utf8',
      },
    ),
  );
/** The DOCX's paragraphs, one a line: the runs' text joined per paragraph. */
const docxText = async (plan: PlanView, asOf: string, locale = plan.locale): Promise<string> => {
  const file = save(await renderPlanDocx(plan, { locale, extras: { asOf } }), 'docx');
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&');
};

const words = {
  en: { week: 'Week', done: 'Done', notDone: 'Not done' },
  es: { week: 'Semana', done: 'Hecho', notDone: 'Sin hacer' },
} as const;

describe.each(['en', 'es'] as const)('the %s timeline of an active plan', (locale) => {
  const plan = samplePlan({ locale, seed: 7, isSigned: true });
  const [first, second] = plan.timeline.phases;
  // Read on the first day of the second phase: the first phase is over, the rest is to come.
  const asOf = second.startDate;
  const w = words[locale];
  const h = plan.headings;
  const later = plan.timeline.phases.slice(1);

  it('is an active plan read part-way through', () => {
    expect(plan.status).toBe('active');
    expect(timelineAsOf(plan, asOf)).toBe(asOf);
  });

  for (const format of ['pdf', 'docx'] as const) {
    it(`${format}: ticks the tasks and the milestone of the phase that is over, with the word`, async () => {
      const text = format === 'pdf' ? await pdfText(plan, asOf) : await docxText(plan, asOf);
      for (const task of first.tasks) {
        expect(text).toContain(`☑ ${h.week} ${task.week}: ${flat(task.title)} — ${w.done}`);
      }
      expect(text).toContain(`☑ ${flat(first.milestone.title)}`);
      for (const phase of later) {
        for (const task of phase.tasks) {
          expect(text).toContain(`☐ ${h.week} ${task.week}: ${flat(task.title)} — ${w.notDone}`);
          expect(text).not.toContain(`☑ ${h.week} ${task.week}: ${flat(task.title)}`);
        }
        expect(text).toContain(`☐ ${flat(phase.milestone.title)}`);
      }
      // Key milestones: a status column, done for those already past.
      const past = plan.timeline.milestones.filter((m) => m.date < asOf).length;
      const toCome = plan.timeline.milestones.length - past;
      expect(past).toBeGreaterThan(0);
      expect(text.split(`☑ ${w.done}`).length - 1).toBe(past);
      expect(text.split(`☐ ${w.notDone}`).length - 1).toBe(toCome);
    });
  }

  it('speaks the language of the document, not the plan', async () => {
    const other = locale === 'en' ? 'es' : 'en';
    const text = await docxText(plan, asOf, other);
    expect(text).toContain(`— ${words[other].done}`);
    expect(text).not.toContain(`— ${w.done}`);
  });
});

describe('the timeline before the plan starts and after it closes', () => {
  const plan = samplePlan({ locale: 'en', seed: 7, isSigned: false });
  const all = plan.timeline.phases.flatMap((p) => p.tasks).length;

  it('marks nothing done while the plan awaits acknowledgment, however late it is printed', async () => {
    expect(plan.status).toBe('awaiting_acknowledgment');
    const late = addDays(plan.header.endDate, 30);
    for (const text of [await pdfText(plan, late), await docxText(plan, late)]) {
      expect(text).not.toMatch(/☑ Week \d+:/);
      expect(text.split('— Not done').length - 1).toBe(all + plan.timeline.phases.length);
    }
  });

  it('reads a closed plan as of the day it was decided, not the day it is printed', () => {
    const decidedAt = `${plan.timeline.phases[1].startDate}T10:00:00.000Z`;
    const closed = {
      ...plan,
      status: 'closed',
      outcome: { decidedAt } as NonNullable<PlanView['outcome']>,
    } as PlanView;
    expect(timelineAsOf(closed, addDays(plan.header.endDate, 90))).toBe(plan.timeline.phases[1].startDate);
  });
});
