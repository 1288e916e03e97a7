// Tests of the plan PDF's and the progress report's structure trees, read back with poppler and pdf-lib: what a screen reader gets.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { addDays } from '../domain/plan/dates.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { renderProgressReportPdf } from './progress-report-pdf.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-tagged-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (command: string, args: string[]): string => execFileSync(command, args, { encoding: 'utf8' });
const save = (name: string, pdf: Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
};
/** The roles of the structure tree, one per line as `pdfinfo -struct` prints them, without indentation. */
const rolesOf = (file: string): string[] =>
  run('pdfinfo', ['-struct', file])
    .split('\n')
    .map((line) => line.trim().split(' ')[0])
    .filter((role) => role !== '');

/**
 * The tree's text as `pdfinfo -struct-text` reads it. Poppler sets up the PDF/A output intent's colour transform
 * for every element it reads (tens of seconds a file): it reads a copy without the intent, the tree untouched.
 */
async function structText(file: string): Promise<string> {
  const copy = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  copy.catalog.delete(PDFName.of('OutputIntents'));
  return run('pdfinfo', [
    '-struct-text',
    save(`tree-${file.split('/').pop()}`, Buffer.from(await copy.save())),
  ]);
}

const textOf = (value: unknown): string =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : '';

describe('the plan PDF is tagged', { timeout: 180_000 }, () => {
  for (const locale of ['en', 'es'] as const) {
    it(`has a structure tree of headings, paragraphs, lists and tables, its language and title (${locale})`, async () => {
      const plan = samplePlan({ locale, isSigned: true, seed: 3 });
      const pdf = await renderPlanPdf(plan);
      const file = save(`plan-${locale}.pdf`, pdf);
      expect(run('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
      const roles = rolesOf(file);
      expect(roles[0]).toBe('Document');
      for (const role of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD']) {
        expect(roles, role).toContain(role);
      }
      // One title heading, then sections: no heading level is skipped on the way down.
      expect(roles.filter((r) => r === 'H1')).toHaveLength(1);
      expect(roles.indexOf('H1')).toBeLessThan(roles.indexOf('H2'));

      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      const catalog = doc.catalog;
      expect(textOf(catalog.get(PDFName.of('Lang')))).toBe(locale);
      const markInfo = catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
      expect(markInfo.get(PDFName.of('Marked'))).toBe(PDFBool.True);
      const viewer = catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
      expect(viewer.get(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
      expect(doc.getTitle()).toBe(`${plan.title} — ${plan.header.employeeName}`);
    });
  }

  it('reads the content in the tree and leaves the running header, footer and page numbers out as artifacts', async () => {
    const plan = samplePlan({ locale: 'en', isSigned: true, seed: 5 });
    const file = save(
      'plan-artifacts.pdf',
      await renderPlanPdf(plan, { organizationName: 'Northwind Tagged Ltd.' }),
    );
    const tree = await structText(file);
    const pages = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    // On the page, every page carries them; in the tree, none.
    expect(pages).toContain('Northwind Tagged Ltd.');
    expect(pages).toMatch(/Page 1 of \d+/);
    expect(tree).not.toContain('Northwind Tagged Ltd.');
    expect(tree).not.toMatch(/Page \d+ of \d+/);
    // The content is there, headings as headings.
    expect(tree).toContain(plan.title);
    expect(tree).toMatch(/H2 \(block\)\n\s+"Timeline & Milestones"/);
    // The metric table's header row is of header cells.
    expect(tree).toMatch(/TH\n\s+"Metric"/);
  });

  it('marks done and not done as text, read as the list item label', async () => {
    const plan = samplePlan({ locale: 'en', isSigned: true, seed: 7 });
    const file = save('plan-checks.pdf', await renderPlanPdf(plan));
    const tree = await structText(file);
    const labels = [...tree.matchAll(/Lbl \(block\)\n\s+"(.)"/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(0);
    expect(new Set(labels)).toEqual(new Set(['☑', '☐']));
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    expect(text).toContain('☑');
    expect(text).toContain('☐');
  });
});

describe('the progress report PDF is tagged', { timeout: 180_000 }, () => {
  for (const locale of ['en', 'es'] as const) {
    it(`has headings, paragraphs, tables and a figure per chart, its language and title (${locale})`, async () => {
      const plan = samplePlan({ locale, isSigned: true, seed: 5 });
      const weekStart = addDays(plan.header.startDate, 28);
      const pdf = await renderProgressReportPdf({
        plan,
        weekStart,
        today: addDays(weekStart, 3),
        generatedAt: `${addDays(weekStart, 3)}T18:00:00.000Z`,
        checkIns: [
          {
            type: 'weekly_checkin',
            status: 'held',
            scheduledAt: `${addDays(weekStart, 1)}T09:00:00.000Z`,
            heldAt: `${addDays(weekStart, 1)}T09:10:00.000Z`,
            overallRating: 4,
            summary: 'Two tickets closed without reopening.',
          },
        ],
        riskFlags: [{ flag: 'overdue_activities', detail: '2 development activities are overdue' }],
      });
      const file = save(`report-${locale}.pdf`, pdf);
      expect(run('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
      const roles = rolesOf(file);
      expect(roles[0]).toBe('Document');
      for (const role of ['H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD', 'Figure'])
        expect(roles, role).toContain(role);
      expect(roles.filter((r) => r === 'H1')).toHaveLength(1);
      // One figure per metric's chart, each with its alternative text naming the metric.
      expect(roles.filter((r) => r === 'Figure')).toHaveLength(plan.metrics.length);
      const tree = await structText(file);
      const title = locale === 'en' ? 'Weekly progress report' : 'Informe semanal de progreso';
      expect(tree).toMatch(new RegExp(`H1 \\(block\\)\\n\\s+"${title}"`));
      // The metric table's header row is of header cells; the running header and page numbers are artifacts.
      expect(tree).toMatch(/TH\n\s+"(Metric|Indicador|Métrica)"/);
      expect(tree).not.toMatch(/(Page|Página) \d+ (of|de) \d+/);
      expect(run('pdftotext', ['-enc', 'UTF-8', file, '-'])).toMatch(/(Page|Página) 1 (of|de) \d+/);

      const doc = await PDFDocument.load(pdf, { updateMetadata: false });
      expect(textOf(doc.catalog.get(PDFName.of('Lang')))).toBe(locale);
      const alts = doc.context
        .enumerateIndirectObjects()
        .map(([, object]) => object)
        .filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('S')) === PDFName.of('Figure'))
        .map((o) => textOf(o.get(PDFName.of('Alt'))));
      expect(alts).toHaveLength(plan.metrics.length);
      plan.metrics.forEach((m, i) => {
        expect(alts[i]).toContain(m.name);
      });
    });
  }
});
