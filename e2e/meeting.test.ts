// Recording a meeting that already happened, and the confirmation that says what happens after submitting.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { expectText, field } from './helpers/ui.ts';

const suite = browserSuite();

async function as(email: string): Promise<Page> {
  const { page } = await suite.open();
  await signIn(page, email);
  return page;
}

async function firstPlan(page: Page, status: string): Promise<{ id: string; allowedActions?: string[] }> {
  const list = (await (await page.request.get(`/api/v1/plans?status=${status}`)).json()) as {
    items: { id: string }[];
  };
  return list.items[0];
}

describe('a meeting that already happened', () => {
  it('the manager records yesterday’s meeting as held in one go, and it shows as held with that date', async () => {
    const page = await as(logins.manager);
    const plan = await firstPlan(page, 'active');
    await page.goto(`/plans/${plan.id}/check-ins`);
    await page.getByRole('heading', { name: 'Add a check-in' }).waitFor();
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await field(page, 'Date and time').fill(`${yesterday}T10:30`);
    await page.getByRole('checkbox', { name: 'It already happened' }).check();
    await page.getByRole('button', { name: 'Record past meeting' }).click();
    await expectText(page, 'Past meeting recorded as held.');
    const day = new Date(`${yesterday}T00:00:00Z`);
    const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(day);
    const past = page.getByRole('region', { name: 'Held, missed or cancelled' });
    const card = past.getByText(`Weekly check-in · ${shown} 10:30`).first();
    await card.waitFor();
    const list = (await (await page.request.get(`/api/v1/plans/${plan.id}/check-ins`)).json()) as {
      items: { status: string; localDate: string; localTime: string }[];
    };
    const recorded = list.items.filter((c) => c.localDate === yesterday && c.localTime.startsWith('10:30'));
    expect(recorded.map((c) => c.status)).toEqual(['held']);
    await expect(past.getByText('Held', { exact: true }).count()).resolves.toBeGreaterThan(0);
  });

  it('a meeting marked as already happened with a future time is refused in words, nothing is added', async () => {
    const page = await as(logins.manager);
    const plan = await firstPlan(page, 'active');
    const before = (await (await page.request.get(`/api/v1/plans/${plan.id}/check-ins`)).json()) as {
      items: unknown[];
    };
    await page.goto(`/plans/${plan.id}/check-ins`);
    await page.getByRole('heading', { name: 'Add a check-in' }).waitFor();
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await field(page, 'Date and time').fill(`${tomorrow}T10:30`);
    await page.getByRole('checkbox', { name: 'It already happened' }).check();
    await page.getByRole('button', { name: 'Record past meeting' }).click();
    await expectText(page, 'A meeting that already happened needs a date and time in the past.');
    const after = (await (await page.request.get(`/api/v1/plans/${plan.id}/check-ins`)).json()) as {
      items: unknown[];
    };
    expect(after.items.length).toBe(before.items.length);
  });
});

describe('submitting a plan from the wizard', () => {
  it('shows what happens next; Cancel keeps the draft; Confirm submits it', async () => {
    const page = await as(logins.manager);
    const draft = await firstPlan(page, 'draft');
    await page.goto(`/plans/${draft.id}/wizard/review`);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    const dialog = page.getByRole('dialog', { name: 'Submit this plan for review?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/HR .*reviews the plan/);
    await expect(dialog.textContent()).resolves.toContain(
      'sees nothing until it is approved and sent for acknowledgment',
    );
    await expect(dialog.textContent()).resolves.toContain('go through adjustments');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const stillDraft = (await (await page.request.get(`/api/v1/plans/${draft.id}`)).json()) as {
      status: string;
    };
    expect(stillDraft.status).toBe('draft');
    expect(page.url()).toMatch(/\/wizard\/review$/);

    // Confirm sends the submission. This sample draft is not complete yet, so the server refuses it and
    // the wizard says why; the whole successful path is in plan-life.test.ts.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    const sent = page.waitForRequest(
      (request) => request.method() === 'POST' && request.url().endsWith(`/plans/${draft.id}/transitions`),
    );
    await dialog.getByRole('button', { name: 'Submit for review' }).click();
    expect((await sent).postDataJSON()).toMatchObject({ action: 'submit' });
    await dialog.waitFor({ state: 'detached' });
    await expectText(page, 'The plan could not be submitted');
  });
});
