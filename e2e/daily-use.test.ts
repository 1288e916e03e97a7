// Day-to-day use: an adjustment waits on HR's home and is decided on the plan's overview; the signatures tab after
// the change says who still signs and what changed; notifications say what happened, one line per plan in the bell
// and one card per plan on the notifications page;
// a plan that is over shows no review ahead of it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { expectText, field } from './helpers/ui.ts';

const suite = browserSuite();
let planId = '';
let employeeName = '';
let managerName = '';

async function as(email: string): Promise<Page> {
  const session = await suite.open();
  await signIn(session.page, email);
  return session.page;
}

/** Writes through the API as the page's signed-in person (with the session's CSRF token), expecting success. */
async function write(page: Page, path: string, body: unknown): Promise<Record<string, unknown>> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const response = await page.request.post(path, {
    data: body,
    headers: { 'x-csrf-token': me.csrfToken },
  });
  const text = await response.text();
  expect(response.ok(), `${path}: ${text}`).toBe(true);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function signThroughApi(page: Page, role: 'employee' | 'manager' | 'hr'): Promise<void> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { name: string } };
  const plan = (await (await page.request.get(`/api/v1/plans/${planId}`)).json()) as {
    acknowledgmentClauses: Record<string, { id: string }[]>;
  };
  await write(page, `/api/v1/plans/${planId}/signatures`, {
    role,
    typedName: me.user.name,
    clauses: plan.acknowledgmentClauses[role].map((clause) => clause.id),
  });
}

async function firstPlan(page: Page, status: string): Promise<{ id: string; endDate: string }> {
  const body = (await (await page.request.get(`/api/v1/plans?status=${status}`)).json()) as {
    items: { id: string; endDate: string }[];
  };
  expect(body.items.length, status).toBeGreaterThan(0);
  return body.items[0];
}

const signaturesAlert = (page: Page) =>
  page.getByRole('status').filter({ hasText: /Version \d+ of this plan/ });

describe('a plan that is over', { timeout: 120_000 }, () => {
  it('a cancelled or closed plan shows no next review date anywhere; a plan never paused says nothing of pausing', async () => {
    const page = await as(logins.hr);
    const draft = await firstPlan(page, 'draft');
    await write(page, `/api/v1/plans/${draft.id}/transitions`, {
      action: 'cancel',
      reason: 'The role was restructured before the plan started.',
    });
    const closed = await firstPlan(page, 'closed');
    for (const id of [draft.id, closed.id]) {
      await page.goto(`/plans/${id}`);
      const header = page.locator('section[aria-labelledby="plan-header"]');
      await header.waitFor();
      expect(await header.textContent()).not.toMatch(/Next review date|in \d+ days/i);
      expect(await header.textContent()).not.toMatch(/Paused since/i);
      await page.goto(`/plans/${id}/signatures`);
      const review = page.locator('section[aria-labelledby="plan-review"]');
      await review.waitFor();
      expect(await review.textContent()).not.toMatch(/Next review date/i);
    }
    const active = await firstPlan(page, 'active');
    await page.goto(`/plans/${active.id}`);
    const header = page.locator('section[aria-labelledby="plan-header"]');
    await header.waitFor();
    expect(await header.textContent()).toMatch(/Next review date/i);
    expect(await header.textContent()).not.toMatch(/Paused since/i);
  });
});

describe('an adjustment waiting for a decision', { timeout: 180_000 }, () => {
  it('the manager proposes one; the overview offers no decision to the manager', async () => {
    const page = await as(logins.manager);
    const active = await firstPlan(page, 'active');
    planId = active.id;
    const end = new Date(`${active.endDate}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 14);
    await write(page, `/api/v1/plans/${planId}/adjustments`, {
      reason: 'Two weeks of leave in the middle of the plan.',
      changes: { plan: { endDate: end.toISOString().slice(0, 10) } },
    });
    const plan = (await (await page.request.get(`/api/v1/plans/${planId}`)).json()) as {
      header: { employeeName: string };
    };
    employeeName = plan.header.employeeName;
    await page.goto(`/plans/${planId}`);
    await page.locator('section[aria-labelledby="plan-header"]').waitFor();
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    expect(await page.getByRole('region', { name: 'An adjustment waits for your decision' }).count()).toBe(0);
  });

  it('HR sees it counted and listed on the home page', async () => {
    const page = await as(logins.hr);
    const card = page.locator('.stat-card').filter({ hasText: 'Adjustments to decide' });
    await expect
      .poll(async () => card.textContent(), { timeout: 15_000 })
      .toMatch(/Adjustments to decide\s*1$/);
    const list = page.getByRole('region', { name: 'Adjustments to decide' });
    await list.getByText(`Decide on an adjustment to the plan for ${employeeName}`).waitFor();
    expect(await list.getByRole('link', { name: 'Review and decide' }).getAttribute('href')).toBe(
      `/plans/${planId}`,
    );
    // The navigation and the inbox's title count the whole inbox, as the server counts it, not its first page.
    const inbox = (await (await page.request.get('/api/v1/me/inbox?limit=1')).json()) as {
      items: unknown[];
      counts: Record<string, number>;
    };
    const total = Object.values(inbox.counts).reduce((sum, count) => sum + count, 0);
    expect(inbox.counts.decide_adjustment).toBe(1);
    expect(total).toBeGreaterThanOrEqual(inbox.items.length);
    await page.getByLabel(`${total} waiting on you`).first().waitFor();
    await page.getByRole('heading', { name: `Waiting on you (${total})` }).waitFor();
  });

  it("the notification of the plan's HR representative opens the overview, where Approve is", async () => {
    const page = await as(logins.hrRep);
    // The bell's line for the plan says what happened and opens the overview, where the decision is.
    await page.getByRole('button', { name: /^Notifications, news about \d+ plans?$/ }).click();
    const line = page
      .locator('.notification-item')
      .filter({ hasText: `proposed an adjustment to the plan for ${employeeName}` });
    await line.waitFor();
    await line.click();
    await page.waitForURL(new RegExp(`/plans/${planId}$`));
    const banner = page.getByRole('region', { name: 'An adjustment waits for your decision' });
    await banner.waitFor();
    await banner.getByText('Two weeks of leave in the middle of the plan.').waitFor();
    await banner.getByRole('cell', { name: /End date/i }).waitFor();
    await banner.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve this adjustment?' });
    await field(dialog, 'Reason for your decision').fill('Leave documented; the extension is fair.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expectText(page, 'The adjustment was approved.');
    await banner.waitFor({ state: 'detached' });
    await expectText(page, 'Awaiting acknowledgment');
  });
});

describe('the signatures tab after a change', { timeout: 180_000 }, () => {
  it('names the three who must sign again and shows the voided signatures as earlier ones only', async () => {
    const page = await as(logins.hr);
    await page.goto(`/plans/${planId}/signatures`);
    await expect
      .poll(async () => signaturesAlert(page).textContent(), { timeout: 15_000 })
      .toMatch(/waiting for the signature of the employee, the manager,? and HR\.$/);
    expect(await page.getByText('Signed an earlier version', { exact: true }).count()).toBe(3);
    expect(await page.getByText('Signed', { exact: true }).count()).toBe(0);
  });

  it('the manager sees what changed since the version they signed, signs, and the banner then names the others', async () => {
    const page = await as(logins.manager);
    const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { name: string } };
    await page.goto(`/plans/${planId}/signatures`);
    // The plan's header offers the same action: the one of the Signatures tab is meant.
    await page
      .getByRole('tabpanel', { name: 'Signatures' })
      .getByRole('button', { name: 'Sign as manager' })
      .click();
    const dialog = page.getByRole('dialog');
    const changes = dialog.getByRole('region', { name: /^What changed since version \d+$/ });
    await changes.waitFor();
    await changes.getByRole('cell', { name: /End date/i }).waitFor();
    for (const box of await dialog.getByRole('checkbox').all()) await box.check();
    managerName = me.user.name;
    await field(dialog, 'Type your full name').fill(me.user.name);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expectText(page, 'Your signature was recorded.');

    const hr = await as(logins.hr);
    await hr.goto(`/plans/${planId}/signatures`);
    await expect
      .poll(async () => signaturesAlert(hr).textContent(), { timeout: 15_000 })
      .toMatch(/waiting for the signature of the employee and HR\.$/);
    const manager = hr.locator('section[aria-labelledby="ack-manager"]');
    await manager.getByText('Signed', { exact: true }).waitFor();
    const employee = hr.locator('section[aria-labelledby="ack-employee"]');
    await employee.getByText('Signed an earlier version', { exact: true }).waitFor();
    expect(await employee.getByText('Signed', { exact: true }).count()).toBe(0);
  });
});

describe('notifications', { timeout: 180_000 }, () => {
  it('each says what happened and links to where to act; the bell shows one line per plan', async () => {
    const hr = await as(logins.hr);
    for (let i = 1; i <= 12; i++)
      await write(hr, `/api/v1/plans/${planId}/comments`, { body: `Note ${i} on the extension.` });

    // The employee and HR sign the changed plan, which makes it active again.
    await signThroughApi(hr, 'hr');
    // The demo's running plan is Daniel Ortega's; his account has the demo password.
    expect(employeeName).toBe('Daniel Ortega');
    await signThroughApi(await as('daniel.ortega@lumina.example'), 'employee');

    // Feedback from a peer: its notification once read "There is news about the plan for …".
    const manager = await as(logins.manager);
    const request = await write(manager, `/api/v1/plans/${planId}/feedback-requests`, {
      name: 'Lucía Fernández',
      email: 'lucia.fernandez@lumina.example',
      kind: 'peer',
    });
    const { feedbackToken } = await import('../src/services/running/secret-links.ts');
    const token = feedbackToken(suite.app.secret, String(request.id));
    const form = (await (await manager.request.get(`/api/v1/feedback/${token}`)).json()) as {
      questions: { id: string; kind: 'rating' | 'comment' }[];
    };
    // The giver has no account: a browser with no session answers.
    const giver = await suite.open();
    const answered = await giver.page.request.post(`/api/v1/feedback/${token}`, {
      data: {
        answers: form.questions.map((q) =>
          q.kind === 'rating'
            ? { questionId: q.id, rating: 4 }
            : { questionId: q.id, comment: 'Reviews are clearer every week.' },
        ),
      },
    });
    expect(answered.status(), await answered.text()).toBe(201);

    // The page shows one card per plan: the newest sentence links to where to act, with how many events and when.
    await manager.goto('/notifications');
    const cards = manager.locator('.notification-group');
    const card = cards.filter({ hasText: employeeName });
    const feedback = card.getByRole('link', { name: `Feedback on ${employeeName} arrived for the plan.` });
    await feedback.waitFor();
    expect(await feedback.getAttribute('href')).toBe(`/plans/${planId}/metrics`);
    expect(await card.count()).toBe(1);
    const cardText = (await card.textContent()) ?? '';
    const events = Number(/(\d+) notifications, \d+ unread/.exec(cardText)?.[1]);
    expect(events).toBeGreaterThanOrEqual(13);
    // One sentence per plan on the page: the comments and signatures are inside the card, not rows of their own.
    expect(
      await manager.getByRole('link', { name: `commented on the plan for ${employeeName}.` }).count(),
    ).toBe(0);
    expect(await cards.count()).toBeLessThan(events);
    // Opened, the card lists the plan's events one by one, each with its own place to act.
    await card.getByRole('button', { name: `Show the ${events} events` }).click();
    const list = card.getByRole('list', { name: 'Events of this plan, newest first' });
    expect(await list.getByRole('listitem').count()).toBe(events);
    const comment = list.getByRole('link', { name: `commented on the plan for ${employeeName}.` }).first();
    expect(await comment.getAttribute('href')).toBe(`/plans/${planId}/comments`);
    const signed = list
      .getByRole('link', { name: `${managerName} signed the plan for ${employeeName} as manager.` })
      .first();
    expect(await signed.getAttribute('href')).toBe(`/plans/${planId}/signatures`);
    expect(await manager.locator('main').textContent()).not.toMatch(/There is news/);
    // Marking the card read marks all of its events read at once.
    await card.getByRole('button', { name: 'Mark as read' }).click();
    await expect.poll(async () => card.getAttribute('data-unread'), { timeout: 15_000 }).toBeNull();
    expect(await card.textContent()).toMatch(new RegExp(`${events} notifications, 0 unread`));
    // A new comment makes the plan news again, for the bell below.
    await write(hr, `/api/v1/plans/${planId}/comments`, { body: 'One more note on the extension.' });
    await manager.reload();
    await manager.locator('.notification-group[data-unread]').filter({ hasText: employeeName }).waitFor();

    // Over a dozen events about this plan are one line in the bell, and the bell counts plans, not events.
    const plans = (await (await manager.request.get('/api/v1/plans')).json()) as { items: unknown[] };
    const bell = manager.getByRole('button', { name: /^Notifications, news about \d+ plans?$/ });
    const label = (await bell.getAttribute('aria-label')) ?? '';
    const unreadPlans = Number(/(\d+)/.exec(label)?.[1]);
    expect(unreadPlans).toBeGreaterThan(0);
    expect(unreadPlans).toBeLessThanOrEqual(plans.items.length);
    await bell.click();
    const lines = manager.locator('.notification-item');
    await lines.first().waitFor();
    const texts = await lines.allTextContents();
    expect(texts.filter((text) => text.includes(employeeName))).toHaveLength(1);
    expect(texts.join('\n')).not.toMatch(/There is news/);
    const line = lines.filter({ hasText: employeeName });
    expect(await line.textContent()).toMatch(/(1[3-9]|[2-9]\d) notifications, 1 unread/);
    // Opening the line marks the plan's notifications read: the bell has one plan fewer.
    await line.click();
    await manager.waitForURL(new RegExp(`/plans/${planId}`));
    await expect
      .poll(async () => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe(
        unreadPlans - 1 === 1
          ? 'Notifications, news about 1 plan'
          : `Notifications, news about ${unreadPlans - 1} plans`,
      );
  });
});

describe('removing several development activities', { timeout: 120_000 }, () => {
  it('the manager selects activities, confirms, and they are removed together; select all picks every one', async () => {
    const manager = await as(logins.manager);
    const employees = (await (
      await manager.request.get(`/api/v1/employees?q=${encodeURIComponent(logins.employee)}`)
    ).json()) as { items: { id: string; email: string }[] };
    const employee = employees.items.find((e) => e.email === logins.employee);
    expect(employee).toBeDefined();
    const draft = await write(manager, '/api/v1/plans', {
      employeeId: employee?.id,
      startDate: new Date().toISOString().slice(0, 10),
      durationWeeks: 12,
      locale: 'en',
    });
    const id = String(draft.id);
    for (const title of ['Removal course one', 'Removal course two', 'Removal course three'])
      await write(manager, `/api/v1/plans/${id}/activities`, {
        groupKey: 'technical',
        section: 'Courses',
        title,
      });
    const activitiesOf = async () =>
      (
        (await (await manager.request.get(`/api/v1/plans/${id}`)).json()) as {
          activities: { title: string }[];
        }
      ).activities;
    const before = await activitiesOf();

    await manager.goto(`/plans/${id}/development`);
    const removeButton = manager.getByRole('button', { name: /^Remove selected \(\d+\)$/ });
    await removeButton.waitFor();
    expect(await removeButton.isDisabled()).toBe(true);
    await manager.getByRole('checkbox', { name: 'Select for removal: Removal course one' }).check();
    await manager.getByRole('checkbox', { name: 'Select for removal: Removal course three' }).check();
    await manager.getByRole('button', { name: 'Remove selected (2)' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Remove 2 activities?' });
    await dialog.waitFor();
    // One request removes both.
    const removals: string[] = [];
    manager.on('request', (request) => {
      if (request.url().includes('/activities')) removals.push(`${request.method()} ${request.url()}`);
    });
    await dialog.getByRole('button', { name: 'Remove 2 activities' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await manager
      .getByRole('checkbox', { name: 'Select for removal: Removal course one' })
      .waitFor({ state: 'detached' });
    expect(removals).toEqual([
      expect.stringMatching(/^POST .*\/api\/v1\/plans\/[^/]+\/activities\/removals$/),
    ]);
    expect(
      await manager.getByRole('checkbox', { name: 'Select for removal: Removal course two' }).count(),
    ).toBe(1);
    const after = await activitiesOf();
    expect(after.map((a) => a.title)).toEqual(
      before.map((a) => a.title).filter((t) => t !== 'Removal course one' && t !== 'Removal course three'),
    );

    // Select all picks every activity left; the button counts them.
    await manager.getByRole('checkbox', { name: 'Select all activities' }).check();
    await manager.getByRole('button', { name: `Remove selected (${after.length})` }).waitFor();
    expect(await manager.locator('.activity-select input:checked').count()).toBe(after.length);
    // Cancelling removes nothing.
    await manager.getByRole('button', { name: `Remove selected (${after.length})` }).click();
    await manager.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect((await activitiesOf()).length).toBe(after.length);

    // An agreed plan changes its activities through an adjustment: its Development tab offers no removal.
    const active = await firstPlan(manager, 'active');
    await manager.goto(`/plans/${active.id}/development`);
    await manager.getByRole('progressbar').first().waitFor();
    expect(await manager.getByRole('checkbox', { name: 'Select all activities' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: /^Remove selected/ }).count()).toBe(0);
  });
});
