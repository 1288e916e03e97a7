// An HR administrator invites a person from the employee page; the person opens the emailed link, chooses a
// password and is signed in. "Forgot password?" answers without saying whether the address has an account.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { expectText, field } from './helpers/ui.ts';

const suite = browserSuite();

/** The set-password link of the newest .eml to this address (quoted-printable undone). */
async function linkInMailTo(address: string): Promise<string> {
  const dir = join(suite.app.dataDir, 'mail');
  const until = Date.now() + 20_000;
  for (;;) {
    const files = existsSync(dir) ? readdirSync(dir).sort().reverse() : [];
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8')
        .replace(/=\r?\n/g, '')
        .replace(/=3D/g, '=');
      if (text.includes(address)) {
        const match = text.match(/https?:\/\/[^\s"<]+\/set-password#token=ot_[\w-]{43}/);
        if (match) return match[0];
      }
    }
    if (Date.now() > until) throw new Error(`no invitation email to ${address} in ${dir}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('invitations', () => {
  it('HR invites a person from the employee page, and the emailed link lets them choose a password and sign in', async () => {
    const hr = await suite.open();
    await signIn(hr.page, logins.hr, { path: '/admin/employees' });
    await field(hr.page, 'Search employees').fill('Carolina');
    await hr.page.getByRole('button', { name: /^Edit Carolina/ }).click();
    const panel = hr.page.getByRole('region', { name: 'Account' });
    await panel.getByText('No account').waitFor();
    await panel.getByText('Signs in with: not set').waitFor();
    await panel.getByRole('button', { name: 'Invite' }).click();
    await expectText(hr.page, /Invitation sent to Carolina/);
    await panel.getByText('Invited, not yet accepted').waitFor();
    const email = await hr.page.getByRole('textbox', { name: /^Email/ }).inputValue();
    const link = await linkInMailTo(email);
    expect(new URL(link).origin).not.toBe('');

    const person = await suite.open();
    await person.page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
    await person.page.getByRole('heading', { name: 'Set your password' }).waitFor();
    // The token leaves the address bar at once.
    expect(person.page.url()).not.toContain('token');
    await field(person.page, 'New password').fill('short');
    await field(person.page, 'Repeat the password').fill('short');
    await person.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expectText(person.page, 'Must be at least 12 characters');
    await field(person.page, 'New password').fill('Carolina chose this');
    await field(person.page, 'Repeat the password').fill('Carolina chose this');
    await person.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await person.page.waitForURL((url) => url.pathname === '/');
    await person.page
      .getByRole('button', { name: /Carolina/ })
      .first()
      .waitFor();
    expect(person.errors).toEqual([]);
  }, 120_000);

  it('"Forgot password?" says the same for any address', async () => {
    const { page } = await suite.open();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Forgot password?' }).waitFor();
    await field(page, 'Email').fill('nobody@example.com');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expectText(page, /If an account uses this address/);
  }, 60_000);
});
