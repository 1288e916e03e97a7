// Running an agreed plan: peer feedback through the one-time link, no account needed; an adjustment the
// manager proposes with its diff and HR approves with a reason, sending the plan back for acknowledgment.
import { describe, expect, it } from 'vitest';
import { feedbackToken } from '../src/services/running/secret-links.ts';
import { browserSuite, logins, screenshot, signIn } from './helpers/server.ts';
import { expectText, field } from './helpers/ui.ts';

const suite = browserSuite();
let planId = '';
let newEndDate = '';

async function as(email: string) {
  const s = await suite.open();
  await signIn(s.page, email);
  return s.page;
}

describe('peer feedback', () => {
  it('the manager asks a peer; the peer answers through the link; the answer shows on the plan', async () => {
    const page = await as(logins.manager);
    const active = (await (await page.request.get('/api/v1/plans?status=active')).json()) as {
      items: { id: string }[];
    };
    planId = active.items[0].id;
    await page.goto(`/plans/${planId}/metrics`);
    const form = page.getByRole('form', { name: 'Request feedback' });
    await field(form, 'Name').fill('Lucía Fernández');
    await field(form, 'Email').fill('lucia.fernandez@lumina.example');
    await form.getByRole('button', { name: 'Send request' }).click();
    await expectText(page, 'A feedback request was sent to Lucía Fernández.');
    const requests = (await (await page.request.get(`/api/v1/plans/${planId}/feedback-requests`)).json()) as {
      items: { id: string; name: string }[];
    };
    const request = requests.items.find((r) => r.name === 'Lucía Fernández');
    expect(request).toBeDefined();

    // The giver opens the emailed link in a browser with no session.
    const giver = await suite.open();
    const link = `/feedback/${feedbackToken(suite.app.secret, request?.id ?? '')}`;
    await giver.page.goto(link);
    await giver.page.getByRole('heading', { name: /Feedback on .+'s work/ }).waitFor();
    await giver.page.getByRole('button', { name: 'Send feedback' }).click();
    await giver.page.getByText('This field is required').first().waitFor();
    for (const group of await giver.page.getByRole('radiogroup').all()) {
      await group.getByText('4 – Very good').click();
    }
    for (const box of await giver.page.getByRole('textbox').all())
      await box.fill('Reviews are clearer every week.');
    await screenshot(giver.page, 'feedback-form');
    await giver.page.getByRole('button', { name: 'Send feedback' }).click();
    await giver.page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await giver.page.goto(link);
    await giver.page.getByText('This link has already been used or has expired.').waitFor();

    await page.reload();
    await page.getByRole('form', { name: 'Request feedback' }).waitFor();
    await page.getByText('Answered', { exact: true }).first().waitFor();
    await page.getByText('Reviews are clearer every week.').first().waitFor();
  });
});

describe('adjustments', () => {
  it('the manager proposes a two-week extension and sees the change before sending it', async () => {
    const page = await as(logins.manager);
    const active = (await (await page.request.get('/api/v1/plans?status=active')).json()) as {
      items: { id: string; endDate: string }[];
    };
    expect(active.items.length).toBeGreaterThan(0);
    expect(active.items[0].id).toBe(planId);
    const end = new Date(`${active.items[0].endDate}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 14);
    newEndDate = end.toISOString().slice(0, 10);

    await page.goto(`/plans/${planId}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Propose adjustment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Propose an adjustment' });
    await dialog.getByRole('button', { name: 'Propose adjustment' }).click();
    // Nothing changed and no reason yet: both are said.
    await dialog.getByText('No changes yet.').waitFor();
    await dialog.getByText('This field is required').waitFor();
    await field(dialog, 'Plan End Date').fill(newEndDate);
    await dialog.getByRole('cell', { name: 'End date' }).waitFor();
    await field(dialog, 'Reason').fill('Two weeks of sick leave in the middle of the plan.');
    await screenshot(page, 'adjustment-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Propose adjustment' }).click();
    await expectText(page, /The adjustment was (sent to HR for approval|applied and logged)\./);
  });

  it('HR finds it waiting on the home page, approves it with a reason and the plan goes back for acknowledgment', async () => {
    const page = await as(logins.hr);
    // The home page lists it under what waits on HR, and the count shows beside Home.
    const inbox = page.getByRole('region', { name: /^Waiting on you/ });
    const decide = inbox.locator(`a[href="/plans/${planId}/history#adjustments"]`);
    await decide.waitFor();
    expect(await decide.textContent()).toBe('Decide');
    await page
      .getByRole('navigation')
      .getByLabel(/\d+ waiting on you/)
      .waitFor();
    await decide.click();
    await page.waitForURL(new RegExp(`/plans/${planId}/history`));
    const pending = page.getByText('Waiting for HR');
    await pending.waitFor();
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve this adjustment?' });
    await field(dialog, 'Reason for your decision').fill('Leave documented; the extension is fair.');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expectText(page, 'The adjustment was approved.');
    await page
      .getByText(/^(Approved|Applied)$/)
      .first()
      .waitFor();
    await screenshot(page, 'plan-adjustments');
    await page.goto(`/plans/${planId}`);
    await expectText(page, 'Awaiting acknowledgment');
  });
});
