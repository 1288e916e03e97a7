// Sessions and guards: a session that ends sends you to sign in with a notice and back where you were;
// unsaved changes are not lost by a stray click; field errors from the server appear next to the fields.
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, password, screenshot, signIn } from './helpers/server.ts';
import { expectText, field } from './helpers/ui.ts';

const suite = browserSuite();

describe('sessions and guards', () => {
  it('explains a missing field and a wrong password on the sign-in page', async () => {
    const { page } = await suite.open();
    await page.goto('/plans');
    await page.waitForURL(/\/sign-in\?next=%2Fplans$/);
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByText('This field is required').count()).toBe(2);
    await field(page, 'Email').fill(logins.manager);
    await field(page, 'Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectText(page, 'The email or password is not correct.');
    await field(page, 'Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back to the page that was asked for.
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
  });

  it('a session that ends sends you to sign in with a notice, then back where you were', async () => {
    const { page, context } = await suite.open();
    await signIn(page, logins.manager);
    await context.clearCookies();
    // The next request answers 401: the plans list is not cached yet, so opening it asks the server.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Plans' })
      .click();
    await page.waitForURL(/\/sign-in\?.*expired=1/);
    await expectText(page, 'Your session has expired');
    await field(page, 'Email').fill(logins.manager);
    await field(page, 'Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const { page } = await suite.open();
    await signIn(page, logins.manager);
    await page.getByRole('link', { name: 'New plan' }).first().click();
    await field(page, 'Duration (weeks)').fill('10');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Plans' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Stay on this page' }).click();
    expect(page.url()).toMatch(/\/plans\/new$/);
    expect(await field(page, 'Duration (weeks)').inputValue()).toBe('10');
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Plans' })
      .click();
    await page
      .getByRole('dialog', { name: 'Leave without saving?' })
      .getByRole('button', { name: 'Leave and discard' })
      .click();
    await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
  });

  it('shows the server’s field errors next to the fields they name', async () => {
    const { page } = await suite.open();
    await signIn(page, logins.manager);
    const drafts = (await (await page.request.get('/api/v1/plans?status=draft')).json()) as {
      items: { id: string }[];
    };
    expect(drafts.items.length).toBeGreaterThan(0);
    await page.goto(`/plans/${drafts.items[0].id}/wizard/metrics`);
    const form = page.getByRole('region', { name: 'Add a metric' });
    await field(form, 'Name').fill('Tickets reopened');
    await field(form, 'Baseline').fill('5');
    await field(form, 'Target').fill('5');
    await form.getByRole('button', { name: 'Add metric' }).click();
    // Only the server knows a target equal to the baseline leaves nothing to improve.
    await form.getByText('must differ from the baseline').waitFor();
    expect(await field(form, 'Target').getAttribute('aria-invalid')).toBe('true');
    expect(await field(form, 'Name').getAttribute('aria-invalid')).not.toBe('true');
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    const { page } = await suite.open();
    await signIn(page, logins.hr);
    await page.goto('/settings');
    // Pictured before a token exists: a picture of a token, even a test one, looks like a leaked secret.
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    await screenshot(page, 'settings');
    await field(page, 'Token name').fill('HR reporting');
    await page.getByRole('button', { name: 'Create token' }).click();
    await expectText(page, 'Copy it now: it will not be shown again.');
    const token = await page.getByTestId('new-token').textContent();
    expect(token?.length ?? 0).toBeGreaterThan(20);
    const row = page.getByRole('row', { name: /HR reporting/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Revoke HR reporting' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expectText(page, 'The token was revoked.');
    await row.waitFor({ state: 'detached' });
  });

  it('signs out: back to the sign-in page, and the session is gone on the server too', async () => {
    const { page } = await suite.open();
    await signIn(page, logins.manager);
    await page.getByRole('button', { name: /Account of/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in\?signedOut=1$/);
    await expectText(page, 'You have signed out.');
    expect((await page.request.get('/api/v1/me')).status()).toBe(401);
    await page.goto('/plans');
    await page.waitForURL(/\/sign-in\?next=%2Fplans$/);
    expect(await page.getByText('Your session has expired').count()).toBe(0);
  });
});
