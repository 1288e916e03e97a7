// Settings shows the person's email choices and their private calendar link: a changed digest frequency is kept
// across a reload and by the account, and regenerating the calendar link makes the old one stop working.
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, type Session, signIn } from './helpers/server.ts';
import { chooseOption } from './helpers/ui.ts';

const suite = browserSuite();
let session: Session | undefined;

/** What the API says about the signed-in person: digest frequency and calendar feed URL. */
const account = async (s: Session) =>
  s.page.evaluate(async () => {
    const headers = { accept: 'application/json' };
    const me = (await (await fetch('/api/v1/me', { headers })).json()) as { calendarFeedUrl: string };
    const preferences = (await (await fetch('/api/v1/me/notification-preferences', { headers })).json()) as {
      digestFrequency: string;
    };
    return { digestFrequency: preferences.digestFrequency, calendarFeedUrl: me.calendarFeedUrl };
  });

/** The status the calendar feed answers at this URL's path on the running app, bypassing the browser's cache. */
const feedStatus = async (s: Session, url: string) =>
  s.page.evaluate(async (path) => (await fetch(path, { cache: 'no-store' })).status, new URL(url).pathname);

describe('email and calendar settings', { timeout: 180_000 }, () => {
  it('keeps the digest frequency across a reload, and a regenerated calendar link replaces the old one', async () => {
    session = await suite.open();
    const { page } = session;
    await signIn(page, logins.employee);
    await page.goto(`${suite.app.url}/settings`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const email = page.getByRole('region', { name: 'Email' });
    await email.waitFor();
    expect((await account(session)).digestFrequency).toBe('daily');

    await chooseOption(email, 'Digest', 'Weekly (Mondays)');
    await page.getByText('Preferences saved').first().waitFor();
    await expect.poll(async () => (await account(session!)).digestFrequency).toBe('weekly');

    await page.reload();
    const emailAfter = page.getByRole('region', { name: 'Email' });
    await emailAfter.waitFor();
    expect(
      await emailAfter
        .getByRole('textbox', { name: 'Digest' })
        .or(emailAfter.getByRole('combobox', { name: 'Digest' }))
        .first()
        .inputValue(),
    ).toBe('Weekly (Mondays)');
    expect((await account(session)).digestFrequency).toBe('weekly');

    // The calendar section shows the same private link as the API, and the link answers.
    const calendar = page.getByRole('region', { name: 'Calendar' });
    const oldUrl = (await account(session)).calendarFeedUrl;
    expect(await calendar.getByTestId('calendar-feed-url').textContent()).toBe(oldUrl);
    expect(await calendar.getByRole('button', { name: 'Copy' }).count()).toBe(1);
    expect(await feedStatus(session, oldUrl)).toBe(200);

    await calendar.getByRole('button', { name: 'Regenerate link' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate the calendar link?' });
    await dialog.getByText(/The old link stops working/).waitFor();
    await dialog.getByRole('button', { name: 'Regenerate link' }).click();
    await page.getByText('New calendar link ready; the old one no longer works').first().waitFor();

    await expect.poll(async () => (await account(session!)).calendarFeedUrl).not.toBe(oldUrl);
    const newUrl = (await account(session)).calendarFeedUrl;
    await expect.poll(() => calendar.getByTestId('calendar-feed-url').textContent()).toBe(newUrl);
    expect(await feedStatus(session, newUrl)).toBe(200);
    expect(await feedStatus(session, oldUrl)).toBe(404);
    expect(session.errors).toEqual([]);
  });
});
