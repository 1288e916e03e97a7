// The plans list as HR uses it: several statuses at once, a column sorted both ways, the state kept in the URL
// (reload and Back), a saved view saved, applied, renamed and deleted, the CSV of what is shown, and a phone.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { chooseOption, hasHorizontalScroll } from './helpers/ui.ts';

const suite = browserSuite();

async function asHr(options: { width?: number; height?: number } = {}) {
  // axe-core is injected as an inline script, which the server's CSP rightly forbids.
  const { page } = await suite.open({ ...options, bypassCSP: true });
  await signIn(page, logins.hr);
  return page;
}

/** Polls until the value matches: the page may still be loading after a navigation or reload. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

const rows = (page: Page) => page.getByTestId('plan-row');

/** The employee names of the rows shown, in order. */
async function shownNames(page: Page): Promise<string[]> {
  await rows(page).first().waitFor();
  return rows(page).locator('a[href^="/plans/"]').allTextContents();
}

/** Waits until the list has no request under way (the rows are those of the current URL). */
const settled = (page: Page) => page.locator('section[aria-busy="false"]').waitFor();

/** The status of each row shown, as its badge reads. */
const shownStatuses = (page: Page) => rows(page).getByTestId('status-badge').allTextContents();

/** The list as the API gives it for a query, read with the page's own session. */
async function apiNames(page: Page, search: string): Promise<string[]> {
  const response = await page.request.get(`/api/v1/plans?${search}`);
  expect(response.status()).toBe(200);
  return ((await response.json()).items as { employeeName: string }[]).map((p) => p.employeeName);
}

const employeeHeader = (page: Page) => page.getByRole('columnheader', { name: /^Employee/ });

/** Waits until the rows shown are the expected names, in order. */
async function expectNames(page: Page, expected: string[]) {
  await eventually(() => shownNames(page)).toEqual(expected);
}

describe('the plans list', { timeout: 120_000 }, () => {
  it('filters by several statuses, sorts a column both ways, and keeps both in the URL through reload and Back', async () => {
    const page = await asHr();
    await page.goto('/plans');
    const everything = await shownNames(page);
    expect(everything.length).toBeGreaterThanOrEqual(3);
    expect(await shownStatuses(page)).toContain('Closed');
    // Progress and risk read as the API computes them, risk in words.
    const listed = (await (await page.request.get('/api/v1/plans')).json()).items as {
      employeeName: string;
      progress: number | null;
      risk: 'onTrack' | 'atRisk' | 'offTrack' | null;
    }[];
    const riskWords = { onTrack: 'On track', atRisk: 'At risk', offTrack: 'Off track' };
    expect(listed.some((plan) => plan.progress !== null)).toBe(true);
    for (const plan of listed) {
      const row = rows(page).filter({ hasText: plan.employeeName });
      const text = (await row.textContent()) ?? '';
      if (plan.progress !== null) expect(text).toContain(`${plan.progress} %`);
      if (plan.risk !== null)
        expect(await row.getByTestId('risk-badge').textContent()).toContain(riskWords[plan.risk]);
      if (plan.progress === null && plan.risk === null) expect(text).toContain('Not measured yet');
    }

    // The list of statuses stays open while several are picked.
    await chooseOption(page, 'Statuses', 'Active');
    await page.getByRole('option', { name: 'Draft' }).click();
    await page.keyboard.press('Escape');
    await eventually(() => new URL(page.url()).searchParams.get('status')).toBe('draft,active');
    await expectNames(page, await apiNames(page, 'status=draft,active'));
    const filtered = await shownStatuses(page);
    expect(filtered.length).toBeGreaterThanOrEqual(2);
    expect(new Set(filtered)).toEqual(new Set(['Active', 'Draft']));

    // Sort by employee: the header's button, by mouse then by keyboard.
    await employeeHeader(page).getByRole('button').click();
    await eventually(() => employeeHeader(page).getAttribute('aria-sort')).toBe('ascending');
    await settled(page);
    const ascending = await shownNames(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    await expectNames(page, await apiNames(page, 'status=draft,active&sort=employeeName&order=asc'));
    await employeeHeader(page).getByRole('button').focus();
    await page.keyboard.press('Enter');
    await eventually(() => employeeHeader(page).getAttribute('aria-sort')).toBe('descending');
    await expectNames(page, [...ascending].reverse());
    const url = new URL(page.url());
    expect(url.searchParams.get('sort')).toBe('employeeName');
    expect(url.searchParams.get('order')).toBe('desc');
    await expectNames(page, await apiNames(page, 'status=draft,active&sort=employeeName&order=desc'));
    // Every other sortable header says it is not the sort.
    expect(await page.getByRole('columnheader', { name: /^Department/ }).getAttribute('aria-sort')).toBe(
      'none',
    );

    // A reload (or the link shared) opens the same list.
    await page.reload();
    await eventually(() => employeeHeader(page).getAttribute('aria-sort')).toBe('descending');
    await expectNames(page, [...ascending].reverse());
    expect(new Set(await shownStatuses(page))).toEqual(new Set(['Active', 'Draft']));

    // Back returns to the ascending order, then to the filter without a sort.
    await page.goBack();
    await eventually(() => employeeHeader(page).getAttribute('aria-sort')).toBe('ascending');
    await expectNames(page, ascending);
    await page.goBack();
    await eventually(() => new URL(page.url()).searchParams.get('sort')).toBeNull();
    await eventually(() => new URL(page.url()).searchParams.get('status')).toBe('draft,active');
  });

  it('saves the current view, applies it from a plain list, renames and deletes it', async () => {
    const page = await asHr();
    await page.goto('/plans?status=draft,active&sort=employeeName&order=desc');
    const viewed = await shownNames(page);

    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menu').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this view' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel(/^Name/).fill('Open plans by name');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'View: Open plans by name' }).waitFor();

    // The same name again is refused in words, not lost.
    await page.goto('/plans?status=closed');
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Save current view…' }).click();
    await dialog.getByLabel(/^Name/).fill('Open plans by name');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('You already have a saved view with this name').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Applying the view from the unfiltered list restores its filters and sort.
    await page.goto('/plans');
    await shownNames(page);
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Open plans by name' }).click();
    await eventually(() => new URL(page.url()).searchParams.get('status')).toBe('draft,active');
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');
    await expectNames(page, viewed);
    await eventually(() => employeeHeader(page).getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: 'View: Open plans by name' }).click();
    await page.getByRole('menuitem', { name: /^Rename/ }).click();
    const rename = page.getByRole('dialog', { name: 'Rename the view' });
    await rename.getByLabel(/^Name/).fill('Drafts and active');
    await rename.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'View: Drafts and active' }).waitFor();

    await page.getByRole('button', { name: 'View: Drafts and active' }).click();
    await page.getByRole('menuitem', { name: /^Delete/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('button', { name: 'Saved views' }).waitFor();
    const left = await page.request.get('/api/v1/saved-views');
    expect((await left.json()).items).toEqual([]);
  });

  it('downloads the CSV of the rows shown', async () => {
    const page = await asHr();
    await page.goto('/plans?status=draft,active&sort=employeeName&order=asc');
    const names = await shownNames(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('plans.csv');
    const path = await download.path();
    const lines = readFileSync(path, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines.length).toBe(names.length + 1);
    // The same plans in the same order as on screen.
    for (const [index, name] of names.entries()) expect(lines[index + 1]).toContain(name);
    expect(lines.join('\n')).not.toMatch(/Closed|closed/);
  });

  it('at 375 px shows each plan as a card whose badges are whole and inside the screen', async () => {
    const page = await asHr({ width: 375, height: 812 });
    await page.goto('/plans');
    await shownNames(page);
    expect(await page.getByTestId('plans-table').count()).toBe(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    const badges = page.locator('[data-testid="status-badge"], [data-testid="risk-badge"]');
    const count = await badges.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) {
      const badge = badges.nth(i);
      const fit = await badge.evaluate((element) => {
        const label = element.querySelector('.mantine-Badge-label') ?? element;
        const box = element.getBoundingClientRect();
        return {
          isWhole: label.scrollWidth <= label.clientWidth + 1 && label.scrollHeight <= label.clientHeight + 1,
          isInside: box.left >= 0 && box.right <= window.innerWidth,
          text: element.textContent ?? '',
        };
      });
      expect(fit, fit.text).toMatchObject({ isWhole: true, isInside: true });
      expect(fit.text).not.toMatch(/…$/);
    }
    // The sort is a choice here, as the column headers are not shown.
    await chooseOption(page, 'Sort by', 'Employee');
    await eventually(() => new URL(page.url()).searchParams.get('sort')).toBe('employeeName');
    await settled(page);
    const names = await shownNames(page);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
