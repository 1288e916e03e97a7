// Runs axe-core in the page and returns the serious and critical accessibility violations.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

type Node = { html: string; any: { data?: unknown }[] };
type Violation = { id: string; impact: string | null; help: string; nodes: Node[] };
type Axe = { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> };

/** Serious and critical violations on the page as it is now, each with the elements concerned. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => {});
  // Colours measured mid-transition (a dialog fading in) would be wrong.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ html: n.html, any: n.any.map((check) => ({ data: check.data })) })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map(describe).join(' | ')}`);
}

function describe(node: Node): string {
  const data = node.any.find((check) => check.data && typeof check.data === 'object')?.data as
    | { fgColor?: string; bgColor?: string; contrastRatio?: number }
    | undefined;
  const colours = data?.fgColor ? ` [${data.fgColor} on ${data.bgColor}: ${data.contrastRatio}]` : '';
  return `${node.html.slice(0, 160)}${colours}`;
}
