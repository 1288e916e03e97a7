// Forms in the person's language: server validation messages translated by code with local dates, one date
// field typed as dd/mm/yyyy, round chart ticks, choosing the template's development activities, the wizard's
// steps on one line, a past meeting held at its own time, accommodation requests and the organisation's own
// contradictory demands.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isPercentUnit, niceScale } from '../web/src/ui/chart-scale.ts';
import {
  formatDateText,
  formatDateTimeText,
  parseDateText,
  parseDateTimeText,
} from '../web/src/ui/date-text.ts';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { expectText, field, hasHorizontalScroll } from './helpers/ui.ts';

const suite = browserSuite();

const daniel = 'daniel.ortega@lumina.example';

async function as(email: string, options: { width?: number; height?: number } = {}): Promise<Page> {
  const { page } = await suite.open(options);
  await signIn(page, email);
  return page;
}

type PlanSummary = { id: string; startDate?: string; endDate?: string };

async function firstPlan(page: Page, status: string) {
  const list = (await (await page.request.get(`/api/v1/plans?status=${status}`)).json()) as {
    items: PlanSummary[];
  };
  const plan = (await (await page.request.get(`/api/v1/plans/${list.items[0].id}`)).json()) as {
    id: string;
    header: { startDate: string; endDate: string };
    activities: { id: string; groupKey: string; title: string }[];
    status: string;
    procedure: { accommodation: { status: string; details: string } | null };
  };
  return plan;
}

async function chooseSpanish(page: Page) {
  if ((await page.getByRole('button', { name: /Idioma: Español/ }).count()) > 0) return;
  await page.getByRole('button', { name: /Language:/ }).click();
  await page.getByRole('menuitem', { name: 'Español' }).click();
  await page.getByRole('button', { name: /Idioma: Español/ }).waitFor();
}

const spanishDate = (iso: string) =>
  new Intl.DateTimeFormat('es-ES', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

describe('pure helpers behind the forms and charts', () => {
  it('reads dates typed day first or as YYYY-MM-DD, and refuses impossible or half-typed ones', () => {
    expect(parseDateText('07/12/2026')).toBe('2026-12-07');
    expect(parseDateText('7.12.2026')).toBe('2026-12-07');
    expect(parseDateText(' 2026-12-07 ')).toBe('2026-12-07');
    expect(parseDateText('31/02/2026')).toBeNull();
    expect(parseDateText('07/12/20')).toBeNull();
    expect(parseDateText('12/31/2026')).toBeNull();
    expect(formatDateText('2027-02-28')).toBe('28/02/2027');
    expect(parseDateTimeText('07/12/2026 9:05')).toBe('2026-12-07T09:05');
    expect(parseDateTimeText('2026-12-07T10:30')).toBe('2026-12-07T10:30');
    expect(parseDateTimeText('07/12/2026')).toBeNull();
    expect(parseDateTimeText('07/12/2026 24:00')).toBeNull();
    expect(formatDateTimeText('2026-12-07T10:30')).toBe('07/12/2026 10:30');
  });

  it('gives percentage charts round ticks within 0–100 and other charts round steps', () => {
    // What a metric from 58 % to 95 % with padding used to get: 6/31/56/101.
    expect(niceScale(6, 101, { isPercent: true }).ticks).toEqual([0, 25, 50, 75, 100]);
    expect(niceScale(52.5, 100.5, { isPercent: true }).ticks).toEqual([40, 60, 80, 100]);
    expect(niceScale(10, 18.5).ticks).toEqual([10, 12.5, 15, 17.5, 20]);
    for (const [min, max] of [
      [3, 17],
      [0.2, 0.9],
      [-40, 260],
      [1200, 1260],
    ]) {
      const { ticks, domain } = niceScale(min, max);
      expect(domain[0]).toBeLessThanOrEqual(min);
      expect(domain[1]).toBeGreaterThanOrEqual(max);
      const step = ticks[1] - ticks[0];
      expect(ticks.every((t, i) => i === 0 || Math.abs(t - ticks[i - 1] - step) < 1e-9)).toBe(true);
      const mantissa = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 2.5, 5]).toContain(Number(mantissa.toPrecision(6)));
    }
    expect(isPercentUnit('%')).toBe(true);
    expect(isPercentUnit('tickets')).toBe(false);
  });
});

describe('in Spanish', { timeout: 120_000 }, () => {
  it('a check-in outside the plan is refused in Spanish, with the plan dates in the Spanish format', async () => {
    const page = await as(logins.hrRep);
    await chooseSpanish(page);
    const plan = await firstPlan(page, 'active');
    await page.goto(`/plans/${plan.id}/check-ins`);
    await page.getByRole('heading', { name: 'Añadir una reunión' }).waitFor();
    const after = new Date(`${plan.header.endDate}T00:00:00Z`);
    after.setUTCDate(after.getUTCDate() + 20);
    await field(page, 'Fecha y hora').fill(`${after.toISOString().slice(0, 10)}T10:30`);
    const answer = page.waitForResponse(
      (r) => r.url().endsWith(`/plans/${plan.id}/check-ins`) && r.status() === 422,
    );
    await page.getByRole('button', { name: 'Programar la reunión' }).click();
    const problem = (await (await answer).json()) as { errors: { code: string; params: object }[] };
    expect(problem.errors[0]).toMatchObject({
      code: 'date_outside_plan',
      params: { start: plan.header.startDate, end: plan.header.endDate },
    });
    const message = `Debe estar dentro del plan (${spanishDate(plan.header.startDate)} a ${spanishDate(plan.header.endDate)})`;
    await expectText(page, message);
    expect(await page.getByText('must fall within the plan').count()).toBe(0);
    expect(await page.getByText(plan.header.startDate).count()).toBe(0);
  });

  it('dates are typed and shown as dd/mm/aaaa, an impossible date is named, and the calendar speaks Spanish', async () => {
    const page = await as(logins.hrRep);
    await chooseSpanish(page);
    const plan = await firstPlan(page, 'active');
    await page.goto(`/plans/${plan.id}/metrics`);
    const date = field(page, 'Fecha').first();
    await date.waitFor();
    expect(await date.getAttribute('placeholder')).toBe('dd/mm/aaaa');
    // A text field, not the browser's own mm/dd/yyyy date input.
    expect((await date.getAttribute('type')) ?? 'text').toBe('text');
    await date.fill('3/2/2027');
    await date.blur();
    await expect.poll(() => date.inputValue()).toBe('03/02/2027');
    await date.fill('31/02/2027');
    await date.blur();
    await expectText(page, 'Introduzca una fecha como dd/mm/aaaa');
    await date.fill('15/01/2027');
    await page
      .getByRole('button', { name: /^Elegir Fecha en un calendario/ })
      .first()
      .click();
    await expectText(page, /enero 2027/i);
    await page.keyboard.press('Escape');
  });

  it('metric charts show dates as day and month and percentages on round ticks', async () => {
    const page = await as(logins.hrRep);
    await chooseSpanish(page);
    const plan = await firstPlan(page, 'active');
    await page.goto(`/plans/${plan.id}/metrics`);
    // A metric measured in %: Pull requests passing first review, Reopened fixes or Deadlines met.
    const chart = page
      .locator('figure')
      .filter({ hasText: /Reopened fixes|Pull requests passing first review|Deadlines met/ })
      .first();
    const ticks = chart.locator('.recharts-cartesian-axis-tick-value');
    await ticks.first().waitFor();
    await expect.poll(async () => (await ticks.allTextContents()).length).toBeGreaterThan(4);
    const texts = await ticks.allTextContents();
    // No dd/mm/yyyy beside "7 dic 2026" text: day and short month.
    expect(texts.some((t) => /\d{2}\/\d{2}\/\d{4}/.test(t))).toBe(false);
    expect(texts.some((t) => /^\d{1,2} [a-z]{3,4}\.?$/i.test(t.trim()))).toBe(true);
    const numbers = texts
      .map((t) => t.trim())
      .filter((t) => /^-?\d+$/.test(t))
      .map(Number);
    expect(numbers.length).toBeGreaterThan(2);
    expect(Math.max(...numbers)).toBeLessThanOrEqual(100);
    expect(numbers.every((n) => n % 5 === 0)).toBe(true);
  });
});

describe('the wizard', { timeout: 120_000 }, () => {
  it('chooses the development activities that apply by group, removes the rest in one go', async () => {
    const page = await as(logins.manager);
    const draft = await firstPlan(page, 'draft');
    expect(draft.activities.length).toBeGreaterThan(3);
    const groups = [...new Set(draft.activities.map((a) => a.groupKey))];
    const dropped = draft.activities.filter((a) => a.groupKey === groups[0]);
    await page.goto(`/plans/${draft.id}/wizard/development`);
    const chooser = page.getByRole('region', { name: 'Which activities apply?' });
    await chooser.waitFor();
    await expect(chooser.textContent()).resolves.toContain(
      `${draft.activities.length} of ${draft.activities.length} activities apply`,
    );
    const groupBox = page.getByRole('checkbox', { name: /^All of / }).first();
    await groupBox.uncheck();
    const kept = draft.activities.length - dropped.length;
    await expect(chooser.textContent()).resolves.toContain(
      `${kept} of ${draft.activities.length} activities apply`,
    );
    // One item of the next group is unticked on its own, then ticked again.
    const other = draft.activities.find((a) => a.groupKey !== groups[0]);
    if (other) {
      const item = page.getByRole('checkbox', { name: `${other.title} applies` });
      await item.uncheck();
      await item.check();
    }
    await chooser.getByRole('button', { name: /Remove \d+ activit/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(dropped[0].title);
    await dialog.getByRole('button', { name: /Remove \d+ activit/ }).click();
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });
    await expect
      .poll(async () => (await firstPlan(page, 'draft')).activities.length, { timeout: 30_000 })
      .toBe(kept);
    const left = (await firstPlan(page, 'draft')).activities;
    expect(left.some((a) => a.groupKey === groups[0])).toBe(false);
    if (other) expect(left.some((a) => a.id === other.id)).toBe(true);
  });

  it('keeps the seven steps on one line at 1366 px, and shows "step N of 7" at 375 px', async () => {
    const page = await as(logins.manager, { width: 1366, height: 768 });
    const draft = await firstPlan(page, 'draft');
    await page.goto(`/plans/${draft.id}/wizard/goals`);
    const steps = page.locator('.mantine-Stepper-step');
    await steps.first().waitFor();
    expect(await steps.count()).toBe(7);
    const tops = await steps.evaluateAll((els) =>
      els.map((el) => Math.round(el.getBoundingClientRect().top)),
    );
    expect(new Set(tops).size).toBe(1);
    // Nothing clipped: the last step ends inside the steps' own box.
    const fits = await page
      .locator('.mantine-Stepper-steps')
      .evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits).toBe(true);
    const lastRight = await steps.last().evaluate((el) => el.getBoundingClientRect().right);
    const frameRight = await page
      .locator('.mantine-Stepper-steps')
      .evaluate((el) => el.getBoundingClientRect().right);
    expect(lastRight).toBeLessThanOrEqual(frameRight + 1);

    const medium = await as(logins.manager, { width: 1280, height: 800 });
    await medium.goto(`/plans/${draft.id}/wizard/goals`);
    const mediumSteps = medium.locator('.mantine-Stepper-steps');
    await medium.getByText('Step 4 of 7').or(mediumSteps).first().waitFor();
    if ((await mediumSteps.count()) > 0)
      expect(await mediumSteps.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    expect(await hasHorizontalScroll(page)).toBe(false);

    const small = await as(logins.manager, { width: 375, height: 740 });
    await small.goto(`/plans/${draft.id}/wizard/goals`);
    await small.getByText('Step 4 of 7').waitFor();
    expect(await small.locator('.mantine-Stepper-step').count()).toBe(0);
    expect(await hasHorizontalScroll(small)).toBe(false);
  });
});

describe('a meeting recorded after it happened', () => {
  it('says it was held at the meeting’s own time, and when it was recorded apart', async () => {
    const page = await as(logins.manager);
    const plan = await firstPlan(page, 'active');
    await page.goto(`/plans/${plan.id}/check-ins`);
    await page.getByRole('heading', { name: 'Add a check-in' }).waitFor();
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const when = field(page, 'Date and time');
    await when.fill(`${twoDaysAgo}T09:15`);
    await when.blur();
    await expect.poll(() => when.inputValue()).toBe(`${twoDaysAgo.split('-').reverse().join('/')} 09:15`);
    await page.getByRole('checkbox', { name: 'It already happened' }).check();
    await page.getByRole('button', { name: 'Record past meeting' }).click();
    await expectText(page, 'Past meeting recorded as held.');
    const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${twoDaysAgo}T00:00:00Z`),
    );
    const past = page.getByRole('region', { name: 'Held, missed or cancelled' });
    const card = past
      .getByRole('article')
      .filter({ hasText: `Weekly check-in · ${shown} 09:15` })
      .first();
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(`held ${shown} 09:15`);
    const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(),
    );
    expect(text).toContain(`recorded ${today}`);
    expect(text).not.toContain(`held ${today}`);
  });
});

describe('an accommodation request', { timeout: 120_000 }, () => {
  it('the employee asks, the manager learns only that one waits, HR reads it and resolves it', async () => {
    const employee = await as(daniel);
    const plan = await firstPlan(employee, 'active');
    await employee.goto(`/plans/${plan.id}`);
    // HR and the employee open the form from a button; the manager is not offered it.
    await employee.getByRole('button', { name: 'Request an accommodation' }).click();
    const ask = field(employee, 'Request an accommodation');
    await ask.waitFor();
    await employee.getByRole('button', { name: 'Send the request to HR' }).click();
    await expectText(employee, 'This field is required');
    const words = 'I need the weekly check-ins moved to mornings for medical appointments.';
    await ask.fill(words);
    await employee.getByRole('button', { name: 'Send the request to HR' }).click();
    await expectText(employee, 'Accommodation request sent to HR.');
    await employee.getByText('Waiting for HR').waitFor();
    await employee.getByText(words).waitFor();

    const manager = await as(logins.manager);
    await manager.goto(`/plans/${plan.id}`);
    await manager.getByText('Waiting for HR').waitFor();
    await manager.getByText(/What it says is confidential/).waitFor();
    expect(await manager.getByText(words).count()).toBe(0);
    expect(await manager.getByRole('button', { name: 'Resolve the request' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: /accommodation request/ }).count()).toBe(0);

    const hr = await as(logins.hr);
    await hr.goto(`/plans/${plan.id}`);
    await hr.getByText(words).waitFor();
    await hr.getByRole('button', { name: 'Resolve the request' }).click();
    await expectText(hr, 'This field is required');
    await hr.getByRole('radio', { name: 'Granted' }).check();
    await field(hr, 'HR’s note').fill('Check-ins move to 9:00 from next week.');
    await hr.getByRole('button', { name: 'Resolve the request' }).click();
    await expectText(hr, 'Accommodation request resolved.');
    await hr.getByText('Granted', { exact: true }).waitFor();
    const after = await firstPlan(hr, 'active');
    expect(after.id).toBe(plan.id);
  });
});

describe('the organisation’s contradictory demands', { timeout: 120_000 }, () => {
  it('HR adds pairs in Settings: the same demand twice and a repeated pair are named; a server refusal shows beside the field; a good pair is saved', async () => {
    const page = await as(logins.hr);
    await page.goto('/settings');
    const section = page.getByRole('region', { name: 'Contradictory demands' });
    await section.waitFor();
    await section.getByRole('button', { name: 'Add a pair' }).click();
    await field(section, 'First demand of pair 1').fill('Work independently');
    await field(section, 'Second demand of pair 1').fill('work  independently');
    await section.getByRole('button', { name: 'Save pairs' }).click();
    await section.getByText('The two demands are the same; a pair needs two different ones').waitFor();

    await field(section, 'Second demand of pair 1').fill('Clear every decision with your manager');
    await section.getByRole('button', { name: 'Add a pair' }).click();
    await field(section, 'First demand of pair 2').fill('clear every decision with your manager');
    await field(section, 'Second demand of pair 2').fill('Work independently');
    await section.getByRole('button', { name: 'Save pairs' }).click();
    await section.getByText('This pair is already listed as pair 1').waitFor();

    // A phrase with no word passes the form and is refused by the server, which names the field.
    await field(section, 'First demand of pair 2').fill('!!!');
    await field(section, 'Second demand of pair 2').fill('???');
    await section.getByRole('button', { name: 'Save pairs' }).click();
    await section.getByText('This value is not valid').first().waitFor();

    await section.getByRole('button', { name: 'Remove pair 2' }).click();
    await field(section, 'Suggestion for pair 1').fill(
      'Agree which decisions need your manager and which do not.',
    );
    await section.getByRole('button', { name: 'Save pairs' }).click();
    await expectText(page, 'Contradictory demands saved.');
    const org = (await (await page.request.get('/api/v1/organization')).json()) as {
      wordingPairs: { first: string; second: string; suggestion?: string }[];
    };
    expect(org.wordingPairs).toEqual([
      {
        first: 'Work independently',
        second: 'Clear every decision with your manager',
        suggestion: 'Agree which decisions need your manager and which do not.',
      },
    ]);
  });
});
