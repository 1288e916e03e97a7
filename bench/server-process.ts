// Starts `mejora serve` as a child process for the load and crash harnesses, on a data dir and optionally a
// PostgreSQL database, and signs demo users in over HTTP.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const adminUrl = process.env.MEJORA_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A `--name=value` option of a benchmark's command line, or its default. */
export const arg = (name: string, fallback: string): string =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

/** A fresh, empty database on the local server: returns its URL. */
export async function freshPostgres(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export type ServerProcess = {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
};

export async function startServerProcess(options: {
  dataDir: string;
  databaseUrl?: string;
  port: number;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), 'bin/mejora.js', 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      MEJORA_DATA_DIR: options.dataDir,
      MEJORA_SECRET: 'soak-secret-soak-secret-soak-secret-0000',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TRUSTED_PROXIES: '127.0.0.1',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 300_000;
  let isExited = false;
  void exited.then(() => {
    isExited = true;
  });
  while (Date.now() < deadline && !isExited) {
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return { child, url, output: () => output, exited };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not start:\n${output.slice(-2000)}`);
}

export type Session = { cookie: string; csrf: string };

export async function signIn(url: string, email: string, address = '10.0.0.1'): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ email, password: 'mejora-demo' }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: (await response.json()).csrfToken };
}

// biome-ignore lint/suspicious/noExplicitAny: the harness reads loosely shaped JSON answers
export async function call<T = any>(
  url: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** The manager's demo reports each get a fresh draft plan with one metric (reports with an open plan are skipped). */
export async function createPlans(url: string, manager: Session, startDate: string, limit = 8) {
  const employees = await call(url, manager, 'GET', '/api/v1/employees?limit=100');
  const reports = employees.items.filter(
    (e: { managerName: string | null }) => e.managerName === 'Marta Navarro',
  );
  const plans: { id: string; metricId: string; focusAreaId: string }[] = [];
  for (const employee of reports) {
    if (plans.length >= limit) break;
    const plan = await call(url, manager, 'POST', '/api/v1/plans', {
      employeeId: employee.id,
      startDate,
      durationWeeks: 12,
    }).catch(() => null);
    if (!plan) continue;
    const metric = await call(url, manager, 'POST', `/api/v1/plans/${plan.id}/metrics`, {
      name: 'Quality score',
      unit: 'points',
      direction: 'higher',
      baseline: 50,
      target: 80,
      focusAreaId: plan.focusAreas[0].id,
    });
    plans.push({ id: plan.id, metricId: metric.id, focusAreaId: plan.focusAreas[0].id });
  }
  return plans;
}

export function lastMonday(now = new Date()): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
