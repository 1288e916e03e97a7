// The smoke path in Spanish: switch the sign-in page, sign in, choose Spanish for the account, draft a plan in
// Spanish, see Spanish labels, localised dates, and the choice kept across a reload.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  keepFailureScreenshot,
  launchBrowser,
  logins,
  openSession,
  password,
  type RunningApp,
  type Session,
  screenshot,
  startApp,
} from './helpers/server.ts';
import { chooseOption, expectText, field, planIdFromUrl } from './helpers/ui.ts';

let app: RunningApp;
let browser: Browser;
let session: Session;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  session = await openSession(browser, app.url);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await keepFailureScreenshot(session?.page, context.task.name);
});

afterAll(async () => {
  await session?.context.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

describe('en español', () => {
  it('switches the sign-in page to Spanish and explains a wrong password in Spanish', async () => {
    const { page } = session;
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: /Language:/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await screenshot(page, 'sign-in-es');

    await field(page, 'Correo electrónico').fill(logins.manager);
    await field(page, 'Contraseña').fill('not-the-password');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    await expectText(page, 'El correo electrónico o la contraseña no son correctos.');
  });

  it('signs in in the account’s language (English), chooses Spanish for the account and shows the home page and navigation in Spanish', async () => {
    const { page } = session;
    await field(page, 'Contraseña').fill(password);
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    // The choice on the sign-in page was for that page; signed in, the account's language applies.
    await page.getByRole('heading', { name: 'Hello, Marta' }).waitFor();
    await page.getByRole('button', { name: /Language:/ }).click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Hola, Marta' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    for (const label of ['Inicio', 'Planes', 'Nuevo plan', 'Notificaciones', 'Configuración']) {
      await nav.getByRole('link', { name: label }).waitFor();
    }
    await page.getByRole('heading', { name: 'Planes de mi equipo' }).waitFor();
    await screenshot(page, 'home-manager-es');
  });

  it('drafts a plan in Spanish with the wizard', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Nuevo plan' }).first().click();
    await page.getByRole('heading', { name: 'Nuevo Plan de Mejora de Rendimiento' }).waitFor();
    await chooseOption(page, 'Empleado', /Irene Delgado/, 'Irene');
    await page.getByRole('main').locator('label', { hasText: 'Español' }).click();
    await chooseOption(page, 'Representante de RR. HH.', 'Helena Ruiz');
    await page.getByRole('button', { name: 'Crear el borrador y continuar' }).click();
    await page.waitForURL(/\/wizard\/focus-areas$/);
    await page.getByRole('region', { name: 'Problemas de rendimiento', exact: true }).waitFor();
    // The template is the Spanish one: labels from the interface, titles from the plan.
    await field(page, 'Problema de rendimiento').first().waitFor();
    await page.getByRole('heading', { name: /^Área de mejora 1:/ }).waitFor();
    await screenshot(page, 'wizard-focus-areas-es');
    const planId = planIdFromUrl(page.url());

    await page.getByRole('button', { name: 'Guardar y salir' }).click();
    await page.waitForURL(new RegExp(`/plans/${planId}$`));
    for (const tab of [
      'Resumen',
      'Problemas y objetivos',
      'Métricas y progreso',
      'Plan de desarrollo',
      'Firmas',
    ]) {
      await page.getByRole('tab', { name: tab }).waitFor();
    }
    await page.getByText('Borrador', { exact: true }).first().waitFor();
    // Dates in Spanish, e.g. "23 de noviembre de 2026".
    await page
      .getByText(/^\d{1,2} de [a-záéíóú]+ de \d{4}$/)
      .first()
      .waitFor();
    await page.getByRole('heading', { name: 'Resumen del plan', exact: false }).first().waitFor();
    await screenshot(page, 'plan-overview-es');
  });

  it('keeps Spanish after a reload, and switches back to English in the settings', async () => {
    const { page } = session;
    await page.reload();
    await page.getByRole('tab', { name: 'Resumen' }).waitFor();
    await page.getByRole('link', { name: 'Configuración' }).first().click();
    await page.getByRole('heading', { name: 'Configuración' }).waitFor();
    await page.getByRole('main').locator('label', { hasText: 'English' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('mejora.language'))).toBe('en');
    const me = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).user.locale);
    expect(me).toBe('en');
    expect(session.errors).toEqual([]);
  });
});
