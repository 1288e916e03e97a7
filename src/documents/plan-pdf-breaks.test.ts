// Page breaks of the plan PDF, read back page by page with pdftotext: as the text before them grows line by line,
// no heading or label is left at the foot of a page with its content on the next, and the closing sentence never
// starts a page on its own, apart from the signature lines and the approvals it introduces.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import type { PlanView } from '../contracts/plans.ts';
import { renderPlanPdf } from './plan-pdf.ts';

let dir = '';
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-breaks-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]): string => execFileSync(args[0], args.slice(1), { encoding: 'utf8' });
const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The body lines of each page (pdftotext ends each page with a form feed): the running header and the footer left out. */
function pagesOf(pdf: Buffer): string[][] {
  files += 1;
  const file = join(dir, `plan-${files}.pdf`);
  writeFileSync(file, pdf);
  const count = Number(/Pages:\s+(\d+)/.exec(run(['pdfinfo', file]))?.[1]);
  const texts = run(['pdftotext', '-layout', '-enc', 'UTF-8', file, '-']).split('\f').slice(0, count);
  expect(texts).toHaveLength(count);
  return texts.map((text) => {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    // The running header is the first line; the footer starts at the line with "Page n of N".
    const footer = lines.findIndex((l) => /(Page|Página) \d+ (of|de) \d+/.test(l));
    return lines.slice(1, footer < 0 ? undefined : footer);
  });
}

/** The plan with `extra` lines of text more in its purpose: every later break moves down by as much. */
function grown(plan: PlanView, extra: number): PlanView {
  const sentence =
    'This sentence only makes the purpose longer, so that every later page break falls elsewhere.';
  const filler = Array.from({ length: extra }, () => sentence).join(' ');
  return { ...plan, overview: { ...plan.overview, purpose: `${plan.overview.purpose} ${filler}`.trim() } };
}

/** Lines that are a heading or a label of their own: they must never end a page. */
function labelsOf(plan: PlanView): Set<string> {
  const h = plan.headings;
  const labels = new Set<string>(Object.values(h).map((v) => flat(v)));
  plan.focusAreas.forEach((area, i) => {
    labels.add(`${i + 1}. ${flat(area.title)}`);
    labels.add(`${i + 1}. ${flat(area.goalTitle)}`);
  });
  for (const a of plan.activities) labels.add(flat(a.section));
  for (const area of plan.tracking.metricsByArea) labels.add(flat(area.title));
  labels.add(`${h.examples}:`);
  // Printed under an unsigned acknowledgment as its last line: content, not a label.
  labels.delete(flat(h.notSigned));
  return labels;
}

describe.each([
  ['en', true],
  ['es', false],
] as const)('page breaks of the %s plan (signed: %s)', (locale, isSigned) => {
  const plan = samplePlan({ locale, seed: 5, isSigned });
  const labels = labelsOf(plan);
  const h = plan.headings;
  const closing = flat(plan.completion.closingNote);
  // Every two lines more, over a page and a half: each break of the plan meets each kind of content.
  const variants = Array.from({ length: 14 }, (_, i) => i * 4);

  it.each(variants)(
    'with %i sentences more: no label ends a page, the closing is never alone',
    async (extra) => {
      const pages = pagesOf(await renderPlanPdf(grown(plan, extra), { locale }));
      for (const [i, page] of pages.entries()) {
        const last = page.at(-1) ?? '';
        // A heading or a label at the foot of a page, its item on the next.
        if (i < pages.length - 1)
          expect(labels.has(flat(last)), `page ${i + 1} ends with "${last}"`).toBe(false);
        // A development group's heading ("1. Technical skills (3/12)") at the foot of a page.
        if (i < pages.length - 1) expect(last, `page ${i + 1}`).not.toMatch(/^\d+\. .+ \(\d+\/\d+\)$/);
      }
      // The closing sentence starts on the page that holds who made and approved the plan, and the last page
      // holds more than the confidentiality notice.
      const texts = pages.map((p) => flat(p.join(' ')));
      const closingPage = texts.findIndex((t) => t.includes(closing.slice(0, 40)));
      expect(closingPage).toBeGreaterThanOrEqual(0);
      expect(texts[closingPage]).toContain(closing);
      expect(texts[closingPage]).toContain(`${h.planCreatedBy}:`);
      expect(texts[closingPage]).toContain(`${h.confidentialityNotice}:`);
      const lastPage = texts.at(-1) ?? '';
      expect(
        lastPage.replace(`${h.confidentialityNotice}: ${flat(plan.confidentialityNotice)}`, '').trim(),
      ).not.toBe('');
    },
  );
});
