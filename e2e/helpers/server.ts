// End-to-end harness: builds the web app once, starts the real server on a fresh database, drives Chromium.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/runtime.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const webDist = join(root, 'web', 'dist');
const lockDir = join(tmpdir(), 'mejora-e2e-web-build.lock');

export const password = 'mejora-demo';
export const logins = {
  hr: 'hr@demo.mejora.dev',
  hrRep: 'hr.rep@demo.mejora.dev',
  manager: 'manager@demo.mejora.dev',
  employee: 'employee@demo.mejora.dev',
  mentor: 'mentor@demo.mejora.dev',
  auditor: 'auditor@demo.mejora.dev',
} as const;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newestMtime(join(path, entry)));
  return latest;
}

/** Whether web/dist is older than anything it is built from. */
function isWebStale(): boolean {
  const index = join(webDist, 'index.html');
  if (!existsSync(index)) return true;
  const sources = [
    join(root, 'web', 'src'),
    join(root, 'web', 'index.html'),
    join(root, 'web', 'vite.config.ts'),
  ];
  return Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Builds web/dist when stale; test files run in parallel, so one builds while the others wait. */
export async function ensureWebBuilt(): Promise<void> {
  while (isWebStale()) {
    try {
      mkdirSync(lockDir);
    } catch {
      // Another file is building; a lock older than three minutes was abandoned.
      const lockedAt = statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > 180_000) rmSync(lockDir, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (!isWebStale()) return;
      const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
      const result = spawnSync(
        process.execPath,
        [vite, 'build', '--config', join(root, 'web', 'vite.config.ts')],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
      return;
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
}

/** The running server: its address, its secret (to mint the links it would email), and how to stop it. */
/** `dataDir`: the server's data directory (outgoing mail is written under its mail/ without SMTP). */
export type RunningApp = { url: string; secret: string; dataDir: string; stop(): Promise<void> };

/** The real server, in this process, on a fresh copy of the run's embedded database seeded with the demo organisation. */
export async function startApp(): Promise<RunningApp> {
  // web/dist was built by the run's global setup (global-setup.ts).
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-e2e-'));
  // The run's seeded data directory (global-setup.ts), copied before the configuration reads its secret.
  const template = inject('e2eDataTemplate');
  if (template) cpSync(template, dataDir, { recursive: true });
  const config = loadConfig({
    // Every browser of a test file signs in from 127.0.0.1, many times a minute on a quick machine.
    SIGN_IN_TRIES_PER_MINUTE: '1000',
    ...process.env,
    MEJORA_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    const server = await startServer(config, { webDir: webDist, print: () => {} });
    return {
      url: server.url,
      secret: config.secret,
      dataDir,
      stop: async () => {
        await server.stop();
        cleanUp();
      },
    };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export type Session = { context: BrowserContext; page: Page; errors: string[] };

/** A fresh browser context (no cookies, no storage) and page; page errors are collected. */
export async function openSession(
  browser: Browser,
  baseURL: string,
  options: { width?: number; height?: number; locale?: string; bypassCSP?: boolean } = {},
): Promise<Session> {
  const context = await browser.newContext({
    baseURL,
    // axe-core (also run from the life-of-a-plan test) is injected as an inline script, which the server's CSP rightly forbids.
    bypassCSP: options.bypassCSP ?? false,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
    timezoneId: 'UTC',
    // The app honours reduced motion: no transitions to wait for.
    reducedMotion: 'reduce',
  });
  // A busy shared machine can take tens of seconds to render a page: waits give it time, tests still fail on a wrong page.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
      errors.push(message.text());
  });
  return { context, page, errors };
}

/** Signs in through the sign-in page and waits for the signed-in shell. */
export async function signIn(page: Page, email: string, options: { path?: string } = {}): Promise<void> {
  await page.goto(options.path ?? '/');
  await page.getByLabel(/^(Email|Correo electrónico)/).fill(email);
  await page.getByLabel(/^(Password|Contraseña)/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
  await page
    .getByRole('navigation', { name: /Main navigation|Navegación principal/ })
    .waitFor({ state: 'attached' });
}

export const isScreenshotRun = process.env.MEJORA_SCREENSHOTS === '1';

/** Saves docs/screenshots/<name>.png when MEJORA_SCREENSHOTS=1. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (!isScreenshotRun) return;
  const dir = join(root, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => {});
  // Toasts come and go; they would hide the header in the pictures.
  const hideToasts = await page.addStyleTag({
    content: '.mantine-Notifications-root { display: none !important; }',
  });
  // A full-page picture of a scrolled page draws the fixed header mid-way.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? true });
  await hideToasts.evaluate((style) => (style as Element).remove());
}

/** Monday of this week (UTC) as YYYY-MM-DD, so "today" falls inside a plan starting then. */
export function thisMonday(): string {
  const now = new Date();
  const day = now.getUTCDay() || 7;
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (day - 1)));
  return monday.toISOString().slice(0, 10);
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** On a failed test, keeps a picture of the page it ended on (in the temp dir) to see why. */
export async function keepFailureScreenshot(
  page: Page | undefined,
  testName: string,
): Promise<string | null> {
  if (!page || page.isClosed()) return null;
  const dir = join(tmpdir(), 'mejora-e2e-failures');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${testName.replace(/[^\w-]+/g, '-').slice(0, 80)}.png`);
  await page.screenshot({ path, fullPage: true }).catch(() => {});
  return path;
}

export type BrowserSuite = {
  readonly app: RunningApp;
  /** Every session opened so far, in order. */
  readonly sessions: readonly Session[];
  /** A new browser context signed in as nobody yet; closed after the file's tests. */
  open(options?: Parameters<typeof openSession>[2]): Promise<Session>;
};

/**
 * Starts the app and Chromium before a test file's tests, and stops both and every session after them. A failed
 * test leaves a picture of the last session's page.
 */
export function browserSuite(): BrowserSuite {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await keepFailureScreenshot(sessions.at(-1)?.page, context.task.name);
  });
  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  });
  return {
    get app() {
      if (!app) throw new Error('the app starts in beforeAll');
      return app;
    },
    sessions,
    open: async (options) => {
      if (!browser || !app) throw new Error('the browser starts in beforeAll');
      const session = await openSession(browser, app.url, options);
      sessions.push(session);
      return session;
    },
  };
}
