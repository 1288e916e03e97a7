// HR administration of the organisation: settings, the logo and user accounts in the browser.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { png } from '../test/helpers/images.ts';
import { seriousViolations } from './helpers/axe.ts';
import { browserSuite, logins, signIn } from './helpers/server.ts';
import { expectText, field } from './helpers/ui.ts';

const suite = browserSuite();

describe('organisation administration', () => {
  it('the HR administrator changes the retention period and adds an account that can sign in', async () => {
    const { page } = await suite.open({ bypassCSP: true });
    await signIn(page, logins.hr);
    await page.getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { name: 'Organisation and accounts', level: 1 }).waitFor();
    // The pointer left on the link it clicked would show its hover colours to the contrast check.
    await page.mouse.move(600, 600);
    expect(await seriousViolations(page)).toEqual([]);
    const retention = page.getByLabel('Retention (years)');
    await retention.fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectText(page, 'Settings saved.');
    const settings = await page.evaluate(() => fetch('/api/v1/organization').then((r) => r.json()));
    expect(settings.retentionYears).toBe(5);

    const contactForm = page.getByRole('form', { name: 'Add contact or link' });
    await field(contactForm, 'Label').fill('Employee Assistance Program');
    await field(contactForm, 'Email').fill('eap@lumina.example');
    await contactForm.getByRole('button', { name: 'Add contact or link' }).click();
    await page.getByRole('cell', { name: 'Employee Assistance Program', exact: true }).waitFor();
    const contacts = await page.evaluate(() => fetch('/api/v1/organization/contacts').then((r) => r.json()));
    expect(contacts.items.map((c: { label: string }) => c.label)).toEqual(['Employee Assistance Program']);

    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'Name').fill('Ana Auditora');
    await field(dialog, 'Email').fill('ana.auditora@lumina.example');
    // HR never types a password: the person is emailed an invitation to choose one.
    expect(await dialog.getByLabel(/^Password/).count()).toBe(0);
    await page.getByRole('button', { name: 'Create user' }).click();
    await expectText(page, 'Account for Ana Auditora created.');
    await page.getByRole('cell', { name: 'ana.auditora@lumina.example' }).waitFor();
    const mailDir = join(suite.app.dataDir, 'mail');
    await expect
      .poll(
        () =>
          existsSync(mailDir) &&
          readdirSync(mailDir).some((f) =>
            readFileSync(join(mailDir, f), 'utf8').includes('ana.auditora@lumina.example'),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    const login = await fetch(`${suite.app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana.auditora@lumina.example', password: 'a-long-password' }),
    });
    expect(login.status).toBe(401);
  });

  it('the HR administrator uploads a logo, sees it, is told why a bad file is refused, and removes it', async () => {
    const { page } = await suite.open({ bypassCSP: true });
    await signIn(page, logins.hr, { path: '/admin/organization' });
    await expectText(page, 'No logo yet');
    const chooser = page.locator('input[type="file"]');
    await chooser.setInputFiles({ name: 'lumina.png', mimeType: 'image/png', buffer: png(150, 50) });
    await expectText(page, 'Logo saved. New documents print it.');
    const preview = page.getByRole('img', { name: "The organisation's logo" });
    await preview.waitFor();
    expect(await preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(150);
    await expectText(page, '150 × 50 pixels');
    await page.mouse.move(600, 600);
    expect(await seriousViolations(page)).toEqual([]);

    await chooser.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
    await expectText(page, /The logo must be a PNG or JPEG image/);
    const kept = await page.evaluate(() => fetch('/api/v1/organization').then((r) => r.json()));
    expect(kept.logo).toMatchObject({ width: 150, height: 50 });

    await page.getByRole('button', { name: 'Remove logo' }).click();
    await expectText(page, 'Logo removed.');
    await expectText(page, 'No logo yet');
  });

  it('HR reads the analytics with the time they were computed', async () => {
    const { page } = await suite.open();
    await signIn(page, logins.hr, { path: '/analytics' });
    await page.getByRole('heading', { name: 'HR analytics', level: 1 }).waitFor();
    const overview = () => page.evaluate(() => fetch('/api/v1/analytics/overview').then((r) => r.json()));
    const first = await overview();
    await expectText(page, /Every plan of the organisation · Figures as of .+/);
    // Read again, the same answer is served: computed at the same moment.
    expect((await overview()).asOf).toBe(first.asOf);
  });

  it('a manager sees no organisation page', async () => {
    const other = await suite.open();
    await signIn(other.page, logins.manager);
    expect(await other.page.getByRole('link', { name: 'Organisation' }).count()).toBe(0);
    await other.page.goto('/admin/organization');
    await expectText(other.page, 'Only HR can see this page.');
  });
});
