// The interface language belongs to the person, not to the browser: what HR chose does not follow the employee who
// signs in next on the same computer, and the employee's own choice is saved to their account and survives a
// reload.
import { describe, expect, it } from 'vitest';
import { browserSuite, logins, password, type Session, signIn } from './helpers/server.ts';
import { field } from './helpers/ui.ts';

const suite = browserSuite();
let session: Session | undefined;

/** What the server says the signed-in person's language is. */
const accountLanguage = async (s: Session): Promise<string> =>
  s.page.evaluate(async () => {
    const response = await fetch('/api/v1/me', { headers: { accept: 'application/json' } });
    return ((await response.json()) as { user: { locale: string } }).user.locale;
  });

const htmlLang = (s: Session) => s.page.evaluate(() => document.documentElement.lang);

describe('the language follows the person', { timeout: 120_000 }, () => {
  it("HR's Spanish stays HR's; the employee signing in next on the same browser sees their own English, then chooses Spanish for good", async () => {
    session = await suite.open();
    const { page } = session;

    await signIn(page, logins.hr);
    await page.getByRole('heading', { name: 'Hello, Helena' }).waitFor();
    await page.getByRole('button', { name: /Language:/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Hola, Helena' }).waitFor();
    expect(await htmlLang(session)).toBe('es');
    // Saved to HR's account, not only to this page.
    await expect.poll(() => accountLanguage(session!)).toBe('es');

    await page.getByRole('button', { name: 'Cuenta de Helena Ruiz' }).click();
    await page.getByRole('menuitem', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/sign-in/);

    // Same browser, same storage: the employee's account says English, so the app is in English.
    await signIn(page, logins.employee);
    await page.getByRole('heading', { name: 'Hello, Elena' }).waitFor();
    expect(await htmlLang(session)).toBe('en');
    expect(await accountLanguage(session)).toBe('en');

    // The employee chooses Spanish in Settings, which shows the same choice as the header.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await page.getByRole('main').getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    await field(page, 'Token name').fill('Informes');
    await page.getByRole('main').locator('label', { hasText: 'Español' }).click();
    await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
    // The page changes language in place: what was typed is still there.
    expect(await field(page, 'Nombre del token').inputValue()).toBe('Informes');
    await expect.poll(() => accountLanguage(session!)).toBe('es');

    await page.reload();
    await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
    expect(await page.getByRole('main').getByRole('radio', { name: 'Español' }).isChecked()).toBe(true);
    expect(await htmlLang(session)).toBe('es');
    expect(await page.getByRole('button', { name: /Idioma: Español/ }).count()).toBe(1);
    expect(await accountLanguage(session)).toBe('es');
    expect(session.errors).toEqual([]);
  });

  it('a choice made on the sign-in page applies to that page only: after sign-in the account decides', async () => {
    session = await suite.open();
    const { page } = session;
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: /Language:/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await htmlLang(session)).toBe('es');

    await field(page, 'Correo electrónico').fill(logins.manager);
    await field(page, 'Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await page.getByRole('heading', { name: 'Hello, Marta' }).waitFor();
    expect(await htmlLang(session)).toBe('en');
    expect(await accountLanguage(session)).toBe('en');
  });
});
