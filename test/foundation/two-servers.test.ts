// Two Mejora servers on one PostgreSQL, as behind a load balancer: a file one of them made (an export's zip) is
// sent by the other, from the database, not from a disk; and an export whose server dies half-way is taken over
// and finished by the other. Real servers in their own processes, killed with SIGKILL.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import { generateOrganization } from '../../src/services/demo/generate-organization.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { engines } from '../helpers/engines.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { demo } from '../helpers/http.ts';
import { waitFor } from '../running/smtp-receiver.ts';

const root = new URL('../..', import.meta.url).pathname;
const adminUrl = inject('postgresAdminUrl');
const name = `mejora_t_two_${randomBytes(4).toString('hex')}`;
const databaseUrl = withDatabase(adminUrl, name);
const dirs: string[] = [];
const servers: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

type Server = { url: string; process: ChildProcess; dataDir: string };

/** `mejora serve` in its own process, with its own data directory, on the shared database. */
async function startServer(): Promise<Server> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-two-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['bin/mejora.js', 'serve', '--port', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      MEJORA_DATA_DIR: dataDir,
      MEJORA_SECRET: 'two-servers-secret-two-servers-secret-00',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  servers.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    () =>
      fetch(`${url}/api/health`)
        .then((r) => r.status)
        .catch(() => 0),
    (status) => status === 200,
    60_000,
  );
  return { url, process: child, dataDir };
}

/** Signs in as HR on one server; the session works on every server, since it lives in the database. */
async function hrSession(url: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demo.hr, password: 'mejora-demo' }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (server: string, method: string, path: string, body?: unknown) =>
    fetch(`${server}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

type ExportView = {
  id: string;
  status: string;
  rendered: number;
  total: number;
  zipBytes: number;
  zipSha256: string;
};

describe.runIf(engines.includes('postgres'))('two servers on one PostgreSQL', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl, isMigrating: false });
    const config = loadConfig({
      NODE_ENV: 'test',
      MEJORA_SECRET: 'two-servers-secret-two-servers-secret-00',
    });
    await seedDemo(database.db, { isForced: true, timezone: config.timezone });
    await seedDemoPlans({ database, config, now: () => new Date() });
    // Enough plans that an export is still rendering when its server is killed.
    await generateOrganization(database.db, 'small', () => {});
    await database.close();
  }, 240_000);

  afterAll(async () => {
    for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('the second server sends the zip the first made, and finishes the export the first left when it died', async () => {
    const first = await startServer();
    const as = await hrSession(first.url);

    // A small export, made and finished by the first server.
    const small = (await (
      await as(first.url, 'POST', '/api/v1/exports', { statuses: ['closed'] })
    ).json()) as ExportView;
    const made = await waitFor(
      async () => (await (await as(first.url, 'GET', `/api/v1/exports/${small.id}`)).json()) as ExportView,
      (e) => e.status === 'succeeded' || e.status === 'failed',
      120_000,
    );
    expect(made.status).toBe('succeeded');

    // A large one: the first server dies (SIGKILL) once it has rendered a few files.
    const large = (await (await as(first.url, 'POST', '/api/v1/exports', {})).json()) as ExportView;
    await waitFor(
      async () => (await (await as(first.url, 'GET', `/api/v1/exports/${large.id}`)).json()) as ExportView,
      (e) => e.status === 'running' && e.rendered >= 3,
      120_000,
    );
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    // Nothing of the first server's disk is left to serve from.
    rmSync(first.dataDir, { recursive: true, force: true });

    const second = await startServer();
    const started = Date.now();

    // The zip the first server made comes from the second, byte for byte.
    const zip = await as(second.url, 'GET', `/api/v1/exports/${small.id}/download`);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const bytes = Buffer.from(await zip.arrayBuffer());
    expect(bytes.length).toBe(made.zipBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(made.zipSha256);

    // The export the first server left half-way is taken over and finished by the second.
    const resumed = await waitFor(
      async () => (await (await as(second.url, 'GET', `/api/v1/exports/${large.id}`)).json()) as ExportView,
      (e) => e.status === 'succeeded' || e.status === 'failed',
      240_000,
    );
    expect(resumed.status).toBe('succeeded');
    expect(resumed.rendered + (resumed as ExportView & { skipped: number; failed: number }).failed).toBe(
      resumed.total,
    );
    const full = await as(second.url, 'GET', `/api/v1/exports/${large.id}/download`);
    expect(full.status).toBe(200);
    const fullBytes = Buffer.from(await full.arrayBuffer());
    expect(createHash('sha256').update(fullBytes).digest('hex')).toBe(resumed.zipSha256);
    process.stdout.write(
      `two servers: the export resumed and finished ${((Date.now() - started) / 1000).toFixed(1)} s after the second server answered\n`,
    );
  }, 600_000);
});
