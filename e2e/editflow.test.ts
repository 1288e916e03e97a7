// Editing flows in the browser: every server error on "Save as held" reaches the person, in words, even
// when it names a field with no input on screen; the mentor's session form offers no private notes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { field } from './helpers/ui.ts';

const suite = browserSuite();

async function as(email: string): Promise<Page> {
  const s = await suite.open();
  await signIn(s.page, email);
  return s.page;
}

async function activePlanId(page: Page): Promise<string> {
  const active = (await (await page.request.get('/api/v1/plans?status=active')).json()) as {
    items: { id: string }[];
  };
  return active.items[0].id;
}

/** Adds a check-in of this type an hour ago and opens its "Record as held" form. */
async function openHeldForm(page: Page, planId: string, type?: string) {
  await page.goto(`/plans/${planId}/check-ins`);
  await page.getByRole('heading', { name: 'Add a check-in' }).waitFor();
  if (type) {
    await field(page, 'Type').first().click();
    await page.getByRole('option', { name: type }).click();
  }
  const anHourAgo = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
  await field(page, 'Date and time').fill(anHourAgo);
  await page.getByRole('button', { name: 'Schedule check-in' }).click();
  await page.getByRole('heading', { name: 'Due now' }).waitFor();
  await page.getByRole('button', { name: 'Record as held' }).first().click();
  return page.getByRole('form', { name: /^Record: / });
}

describe('recording a check-in as held', () => {
  it('lists a server error on a field with no input on screen (measurements/0/date) above the form, in words', async () => {
    const page = await as(logins.manager);
    const planId = await activePlanId(page);
    const form = await openHeldForm(page, planId);
    await field(form, 'Notes').fill('Held in the meeting room.');
    await form.getByRole('textbox', { name: 'Reopened fixes (%)' }).fill('7');
    // The form has no date input for a measurement: the request carries a date the server refuses.
    await page.route('**/api/v1/check-ins/*', async (route) => {
      const request = route.request();
      if (request.method() !== 'PATCH') return route.continue();
      const body = JSON.parse(request.postData() ?? '{}');
      for (const m of body.measurements ?? []) m.date = '2099-01-01';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await form.getByRole('button', { name: 'Save as held' }).click();
    const alert = form.getByTestId('check-in-errors');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('Not saved');
    expect(text).toMatch(/Measurement of Reopened fixes, date: must be on or before the plan's end/);
    // Nothing was recorded: the form is still open.
    expect(await form.getByRole('button', { name: 'Save as held' }).isVisible()).toBe(true);
  }, 120_000);
});

describe('the mentor session form', () => {
  it('offers notes but no private notes (manager and HR only) to the mentor session it records', async () => {
    const page = await as(logins.manager);
    const planId = await activePlanId(page);
    await page.goto(`/plans/${planId}/check-ins`);
    await page.getByRole('heading', { name: 'Add a check-in' }).waitFor();
    await field(page, 'Type').first().click();
    await page.getByRole('option', { name: 'Mentor session' }).click();
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
    await field(page, 'Date and time').fill(anHourAgo);
    await page.getByRole('button', { name: 'Schedule check-in' }).click();
    const card = page
      .getByRole('article')
      .filter({ hasText: 'Mentor session' })
      .filter({ has: page.getByRole('button', { name: 'Record as held' }) })
      .first();
    await card.getByRole('button', { name: 'Record as held' }).click();
    const form = page.getByRole('form', { name: 'Record: Mentor session' });
    await field(form, 'Notes').waitFor();
    expect(await form.getByText('Private notes').count()).toBe(0);
    expect(await form.getByText('never shown to the employee or the mentor').count()).toBe(0);
  }, 120_000);
});
