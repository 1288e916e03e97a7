// Single sign-on in the browser: the sign-in page offers "Sign in with …" for an organisation with an identity
// provider, and a person signs in through a real OpenID Connect provider's login page into Mejora.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/runtime.ts';
import { startIdentityProvider, type TestIdentityProvider } from '../test/auth/oidc-provider.ts';
import {
  ensureWebBuilt,
  keepFailureScreenshot,
  launchBrowser,
  logins,
  openSession,
  password,
  type Session,
  screenshot,
  webDist,
} from './helpers/server.ts';

/** A free loopback port: the identity provider must know Mejora's redirect URI before Mejora starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let mejora: { url: string; stop(): Promise<void> };
let dataDir: string;
let idp: TestIdentityProvider;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  await ensureWebBuilt();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  idp = await startIdentityProvider(`${url}/api/v1/auth/sso/callback`);
  dataDir = mkdtempSync(join(tmpdir(), 'mejora-e2e-sso-'));
  const config = loadConfig({
    ...process.env,
    MEJORA_DATA_DIR: dataDir,
    PORT: String(port),
    PUBLIC_URL: url,
    LOG_LEVEL: 'silent',
  });
  const server = await startServer(config, { webDir: webDist, print: () => {} });
  mejora = { url, stop: () => server.stop() };
  browser = await launchBrowser();

  // The HR administrator connects the identity provider through the API.
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: logins.hr, password }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const saved = await fetch(`${url}/api/v1/organization/sso`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({
      protocol: 'oidc',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      displayName: 'Lumina ID',
    }),
  });
  expect(saved.status).toBe(200);
  idp.accounts.set('lumina-employee-7', { email: logins.employee, email_verified: true, name: 'Employee' });
}, 300_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail')
    await keepFailureScreenshot(sessions.at(-1)?.page, context.task.name);
});

afterAll(async () => {
  for (const s of sessions) await s.context.close().catch(() => {});
  await browser?.close();
  await mejora?.stop();
  await idp?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('single sign-on in the browser', () => {
  it('signs an employee in through the organisation identity provider login page', async () => {
    const session = await openSession(browser, mejora.url);
    sessions.push(session);
    const { page } = session;
    await page.goto('/sign-in?org=lumina');
    const button = page.getByRole('link', { name: 'Sign in with Lumina ID' });
    await button.waitFor();
    await screenshot(page, 'sign-in-sso');
    await button.click();

    // The identity provider's own pages.
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('lumina-employee-7');
    await page.locator('input[name="password"]').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL((url) => url.href.startsWith(mejora.url));
    await page
      .getByRole('navigation', { name: /Main navigation|Navegación principal/ })
      .waitFor({ state: 'attached' });
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.user.email).toBe(logins.employee);
    expect(session.errors).toEqual([]);
  });

  it('shows no "Sign in with" button for an organisation without an identity provider', async () => {
    const session = await openSession(browser, mejora.url);
    sessions.push(session);
    const { page } = session;
    await page.goto('/sign-in?org=nobody-here');
    await page.getByLabel(/^Email/).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('link', { name: /Sign in with/ }).count()).toBe(0);
  });
});
