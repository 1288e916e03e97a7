// Document exports in the browser: the HR administrator starts an export, watches it finish and downloads one zip
// holding the documents asked for; a manager has no exports page.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './helpers/axe.ts';
import { browserSuite, logins, screenshot, signIn } from './helpers/server.ts';
import { chooseOption, expectText } from './helpers/ui.ts';

const suite = browserSuite();

describe('document exports', () => {
  it('the HR administrator exports the active plans as PDFs and downloads the zip', async () => {
    const session = await suite.open({ bypassCSP: true });
    const { page } = session;
    await signIn(page, logins.hr);
    await page.getByRole('link', { name: 'Exports' }).click();
    await page.getByRole('heading', { name: 'Document exports', level: 1 }).waitFor();
    await expectText(page, 'No exports yet.');
    await page.mouse.move(600, 600);
    expect(await seriousViolations(page)).toEqual([]);

    const form = page.getByRole('form', { name: 'New export' });
    await chooseOption(form, 'Plan statuses', 'Active');
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Start export' }).click();
    await expectText(page, 'Export started.');

    const download = page.getByRole('link', { name: /^Download zip \(\d+ KB\)$/ });
    await download.waitFor({ timeout: 60_000 });
    await expectText(page, '1 of 1 plans');
    await expectText(page, 'Ready');
    await screenshot(page, 'exports');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toMatch(/^mejora-export-\d{4}-\d{2}-\d{2}-pdf-[0-9a-f]{8}\.zip$/);
    const listing = execFileSync('unzip', ['-Z1', await file.path()], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listing).toHaveLength(1);
    const active = await page.evaluate(() => fetch('/api/v1/plans?status=active').then((r) => r.json()));
    expect(active.items).toHaveLength(1);
    expect(listing[0]).toMatch(new RegExp(`^pip-[a-z-]+-${active.items[0].id}-v\\d+\\.pdf$`));
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete' }).click();
    await expectText(page, 'No exports yet.');
    expect(session.errors).toEqual([]);
  });

  it('a manager has no exports page', async () => {
    const other = await suite.open();
    await signIn(other.page, logins.manager);
    expect(await other.page.getByRole('link', { name: 'Exports' }).count()).toBe(0);
    await other.page.goto('/admin/exports');
    await expectText(other.page, 'Only HR administrators can export plan documents.');
  });
});
