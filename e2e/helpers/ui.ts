// Small Playwright helpers for Mantine controls: choose from a select, confirm a dialog, read the status.
import type { Locator, Page } from 'playwright-core';

/** Opens the select labelled `label`, optionally types `search`, and picks the option matching `option`. */
export async function chooseOption(
  page: Page | Locator,
  label: string | RegExp,
  option: string | RegExp,
  search?: string,
) {
  const exact = typeof label === 'string';
  const input = page
    .getByRole('textbox', { name: label, exact })
    .or(page.getByRole('combobox', { name: label, exact }))
    .first();
  await input.click();
  if (search !== undefined) await input.fill(search);
  const root = 'context' in page ? page : page.page();
  await root.getByRole('option', { name: option }).first().click();
}

export async function expectText(page: Page, text: string | RegExp, timeout = 30_000) {
  await page.getByText(text).first().waitFor({ state: 'visible', timeout });
}

/** The plan's status badge text, from the plan page header. */
export async function planStatus(page: Page): Promise<string> {
  const badge = page.locator('header, main').locator('.mantine-Badge-root').first();
  return (await badge.textContent()) ?? '';
}

export function planIdFromUrl(url: string): string {
  const match = /\/plans\/([0-9a-f-]{36})/.exec(url);
  if (!match) throw new Error(`No plan id in ${url}`);
  return match[1];
}

/** Whether the document is wider than the viewport (a horizontal scrollbar). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The control labelled exactly `label` (a required field's label ends with an asterisk). */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\*)?$`));
}
