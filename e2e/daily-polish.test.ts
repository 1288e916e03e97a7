// Small-screen layout, readable danger menus, plan header facts that fit the plan's state, a sign-in page that asks
// nothing of the server it knows will be refused, and a chart library that loads only with a chart.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, signIn } from './helpers/server.ts';

const suite = browserSuite();

type Rgba = [number, number, number, number];
const parseColor = (text: string): Rgba => {
  const parts = (text.match(/[\d.]+/g) ?? []).map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
};
const luminance = ([r, g, b]: Rgba) => {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const over = (top: Rgba, below: Rgba): Rgba => {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a)).concat(1) as Rgba;
};
function contrast(foreground: Rgba, background: Rgba): number {
  const fg = over(foreground, background);
  const [light, dark] = [luminance(fg), luminance(background)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The text colour and the colour actually behind it (backgrounds stacked from the page up), as computed. */
async function colorsOf(page: Page, selector: string): Promise<{ color: string; backgrounds: string[] }> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const backgrounds: string[] = [];
      for (let node: Element | null = element; node; node = node.parentElement)
        backgrounds.push(getComputedStyle(node).backgroundColor);
      return { color: getComputedStyle(element).color, backgrounds };
    });
}

async function planOf(page: Page, status: string): Promise<string> {
  const response = await page.request.get(`/api/v1/plans?status=${status}`);
  const body = (await response.json()) as { items: { id: string }[] };
  expect(body.items.length).toBeGreaterThan(0);
  return body.items[0].id;
}

describe('plan header facts', { timeout: 120_000 }, () => {
  it('a closed plan has no next review date and a plan never paused says nothing about pausing', async () => {
    const { page } = await suite.open();
    await signIn(page, logins.hr);
    await page.goto(`/plans/${await planOf(page, 'closed')}`);
    const closedHeader = page.locator('#plan-header');
    await closedHeader.waitFor();
    expect((await closedHeader.textContent()) ?? '').not.toMatch(/next review/i);
    expect((await closedHeader.textContent()) ?? '').not.toMatch(/paused since/i);

    await page.goto(`/plans/${await planOf(page, 'active')}`);
    const activeHeader = page.locator('#plan-header');
    await activeHeader.waitFor();
    expect((await activeHeader.textContent()) ?? '').not.toMatch(/paused since/i);
  });
});

describe('375 px wide', { timeout: 120_000 }, () => {
  it('status badges are whole, the plan tabs stay on one row and a red menu item stays readable on hover', async () => {
    const { page } = await suite.open({ width: 375, height: 800 });
    await signIn(page, logins.manager);
    await page.locator('.status-badge').first().waitFor();
    const cut = await page
      .locator('.status-badge .mantine-Badge-label')
      .evaluateAll((labels) =>
        labels.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.textContent),
      );
    expect(cut).toEqual([]);

    await page.goto(`/plans/${await planOf(page, 'active')}`);
    const tabs = page.getByRole('tablist').first().getByRole('tab');
    await tabs.first().waitFor();
    const tops = await tabs.evaluateAll((all) =>
      all.map((tab) => Math.round(tab.getBoundingClientRect().top)),
    );
    expect(tops.length).toBeGreaterThan(3);
    expect(new Set(tops).size).toBe(1);

    // The account menu's "Sign out" is the red item every user has.
    await page.locator('.account-button').click();
    const signOut = page.getByRole('menuitem', { name: 'Sign out' });
    await signOut.hover();
    const { color, backgrounds } = await colorsOf(page, '.menu-item-danger');
    // The first opaque background from the item outwards is what the text is read against.
    let behind: Rgba = [255, 255, 255, 1];
    for (const bg of backgrounds.reverse()) {
      const parsed = parseColor(bg);
      if (bg !== 'rgba(0, 0, 0, 0)') behind = over(parsed, behind);
    }
    expect(contrast(parseColor(color), behind)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('what the browser loads', { timeout: 120_000 }, () => {
  it('the sign-in page asks nothing that answers 401, and a reload keeps the person signed in', async () => {
    const { page, errors } = await suite.open();
    const refused: string[] = [];
    const meCalls: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 401) refused.push(response.url());
      if (new URL(response.url()).pathname === '/api/v1/me') meCalls.push(response.url());
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(refused).toEqual([]);
    expect(meCalls).toEqual([]);
    // The session cookie itself stays out of the page's reach.
    expect(await page.evaluate(() => document.cookie)).not.toContain('mejora_session');

    await signIn(page, logins.employee);
    await page.reload();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor({ state: 'attached' });
    expect(meCalls.length).toBeGreaterThan(0);

    await page.locator('.account-button').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const before = meCalls.length;
    refused.length = 0;
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(meCalls.length).toBe(before);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the chart library is fetched only when a chart is on screen', async () => {
    const { page } = await suite.open();
    const scripts = new Map<string, string>();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script')
        scripts.set(response.url(), await response.text().catch(() => ''));
    });
    const chartCode = () => [...scripts.values()].some((code) => code.includes('recharts-wrapper'));
    await signIn(page, logins.manager);
    const planId = await planOf(page, 'active');
    await page.goto(`/plans/${planId}`);
    await page.locator('#plan-header').waitFor();
    await page.waitForLoadState('networkidle');
    expect(chartCode()).toBe(false);

    await page.getByRole('tab', { name: 'Metrics' }).click();
    await page.getByRole('tabpanel').first().waitFor();
    await page.waitForLoadState('networkidle');
    // The library arrives exactly when a chart is drawn.
    const charts = await page.locator('.recharts-wrapper').count();
    await expect.poll(chartCode).toBe(charts > 0);
  }, 120_000);
});
