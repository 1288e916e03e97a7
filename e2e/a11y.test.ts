// Accessibility: axe-core finds no serious or critical violation on the main pages; every main page fits a
// 375 px wide screen; the app can be used from the keyboard alone.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { browserSuite, logins, screenshot, signIn } from './helpers/server.ts';
import { hasHorizontalScroll } from './helpers/ui.ts';

const suite = browserSuite();
/** The seeded plans, found through the API as HR sees them: one per status worth checking. */
const plans: Record<string, string> = {};

async function session(options: { width?: number } = {}): Promise<Page> {
  const s = await suite.open({ bypassCSP: true, ...options });
  return s.page;
}

/** Opens the path and waits for the page's heading (the lazily loaded page has rendered). */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page
    .getByText(/Loading…/)
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => {});
}

beforeAll(async () => {
  const page = await session();
  await signIn(page, logins.hr);
  const list = (await (await page.request.get('/api/v1/plans?limit=100')).json()) as {
    items: { id: string; status: string }[];
  };
  for (const plan of list.items) plans[plan.status] ??= plan.id;
});

describe('accessibility (axe-core: no serious or critical violations)', { timeout: 120_000 }, () => {
  it('the sign-in page, empty and with errors', async () => {
    const page = await session();
    await visit(page, '/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('This field is required').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('HR: home, plans, plan tabs, settings, notifications and administration', async () => {
    const page = await session();
    await signIn(page, logins.hr);
    const planId = plans.active ?? Object.values(plans)[0];
    const paths = [
      '/',
      '/plans',
      '/plans?status=closed',
      '/plans/new',
      ...[
        '',
        '/issues',
        '/metrics',
        '/development',
        '/support',
        '/timeline',
        '/check-ins',
        '/signatures',
        '/comments',
        '/history',
        '/documents',
      ].map((tab) => `/plans/${planId}${tab}`),
      '/notifications',
      '/settings',
      '/admin/employees',
      '/admin/templates',
    ];
    const found: string[] = [];
    for (const path of paths) {
      await visit(page, path);
      for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
    }
    expect(found).toEqual([]);
  });

  it('dialogs and menus: close plan, propose adjustment, language and account menus', async () => {
    const page = await session();
    await signIn(page, logins.hr);
    const found: string[] = [];
    const check = async (label: string) => {
      for (const v of await seriousViolations(page)) found.push(`${label}: ${v}`);
    };
    if (plans.active) {
      await visit(page, `/plans/${plans.active}`);
      await page.getByRole('button', { name: 'Close plan' }).click();
      await page.getByRole('dialog').waitFor();
      await check('close dialog');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'More actions' }).click();
      await page.getByRole('menuitem', { name: 'Propose adjustment' }).click();
      await page.getByRole('dialog').waitFor();
      await check('adjustment dialog');
      await page.keyboard.press('Escape');
    }
    await page.getByRole('button', { name: /Language:/ }).click();
    await page.getByRole('menu').waitFor();
    await check('language menu');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Account of/ }).click();
    await page.getByRole('menu').waitFor();
    await check('account menu');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Notifications/ }).click();
    await page.getByRole('dialog').waitFor();
    await check('notifications popover');
    expect(found).toEqual([]);
  });

  it('the manager, the employee and the mentor: their homes and plan pages', async () => {
    const found: string[] = [];
    for (const [email, paths] of [
      [logins.manager, ['/', `/plans/${plans.draft}`, `/plans/${plans.draft}/wizard/goals`]],
      [logins.employee, ['/', '/plans']],
      [logins.mentor, ['/', ...(plans.active ? [`/plans/${plans.active}`] : [])]],
    ] as const) {
      const page = await session();
      await signIn(page, email);
      for (const path of paths) {
        await visit(page, path);
        for (const v of await seriousViolations(page)) found.push(`${email} ${path}: ${v}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the public feedback page for an unknown link', async () => {
    const page = await session();
    await visit(page, '/feedback/not-a-real-token');
    await page.getByText('This feedback link is not valid').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('small screens (375 px)', { timeout: 120_000 }, () => {
  it('no main page scrolls sideways', async () => {
    const page = await session({ width: 375 });
    await visit(page, '/sign-in');
    const wide: string[] = [];
    if (await hasHorizontalScroll(page)) wide.push('/sign-in');
    await signIn(page, logins.hr);
    const planId = plans.active ?? Object.values(plans)[0];
    for (const path of [
      '/',
      '/plans',
      '/plans/new',
      `/plans/${planId}`,
      `/plans/${planId}/issues`,
      `/plans/${planId}/metrics`,
      `/plans/${planId}/development`,
      `/plans/${planId}/support`,
      `/plans/${planId}/timeline`,
      `/plans/${planId}/signatures`,
      `/plans/${planId}/history`,
      '/settings',
      '/admin/employees',
    ]) {
      await visit(page, path);
      if (await hasHorizontalScroll(page)) wide.push(path);
      if (path === '/') await screenshot(page, 'mobile-home-hr', { fullPage: false });
      if (path === `/plans/${planId}/metrics`)
        await screenshot(page, 'mobile-plan-metrics', { fullPage: false });
    }
    expect(wide).toEqual([]);
  });

  it('the navigation opens from the menu button', async () => {
    const page = await session({ width: 375 });
    await signIn(page, logins.manager);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Plans' })
      .click();
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
  });
});

describe('keyboard only', () => {
  it('signs in, skips to the content and opens a plan without a mouse', async () => {
    const page = await session();
    await visit(page, '/sign-in');
    await page.keyboard.press('Tab'); // the language menu
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('email');
    await page.keyboard.type(logins.manager);
    await page.keyboard.press('Tab');
    await page.keyboard.type('mejora-demo');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Hello/ }).waitFor();

    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab to the first plan link in the team's table and open it.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const href = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
      if (/^\/plans\/[0-9a-f-]{36}$/.test(href)) break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    // The tabs are reachable and switch with the arrow keys and Enter.
    await page.getByRole('tab', { name: 'Overview' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/issues$/);
  });
});
