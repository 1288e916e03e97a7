// Benchmark: full-plan reads per second (each one audited) on both engines, and audit appends across plans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { type Running, startServer } from '../src/runtime.ts';

const seconds = Number(process.argv.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 5);
const concurrency = 16;

type Session = { cookie: string; csrf: string };

async function signIn(url: string, email: string): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify({ email, password: 'mejora-demo' }),
  });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: (await response.json()).csrfToken };
}

async function call(url: string, s: Session, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status >= 400)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function run(label: string, fn: () => Promise<unknown>): Promise<number> {
  const end = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        await fn();
        done++;
      }
    }),
  );
  const rate = done / seconds;
  process.stdout.write(`  ${label.padEnd(52)} ${rate.toFixed(0).padStart(7)} /s\n`);
  return rate;
}

async function benchEngine(engine: 'pglite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-bench-'));
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query('drop database if exists mejora_bench with (force)');
    await admin.query('create database mejora_bench');
    await admin.end();
    databaseUrl = 'postgres://postgres@127.0.0.1:5432/mejora_bench';
  }
  const config = loadConfig({
    MEJORA_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  let running: Running | undefined;
  try {
    running = await startServer(config, { print: () => {} });
    if (engine === 'postgres') {
      const { seedDemo } = await import('../src/services/demo/seed-demo.ts');
      await seedDemo(running.database.db);
    }
    const url = running.url;
    const manager = await signIn(url, 'manager@demo.mejora.dev');
    const employees = await call(url, manager, 'GET', '/api/v1/employees?limit=100');
    const reports = employees.items.filter(
      (e: { managerName: string | null }) => e.managerName === 'Marta Navarro',
    );
    const plans: string[] = [];
    for (const [i, e] of reports.entries()) {
      const plan = await call(url, manager, 'POST', '/api/v1/plans', {
        employeeId: e.id,
        startDate: '2026-11-30',
        durationWeeks: 12,
      });
      const metric = await call(url, manager, 'POST', `/api/v1/plans/${plan.id}/metrics`, {
        name: 'Quality score',
        unit: 'points',
        direction: 'higher',
        baseline: 50,
        target: 80,
        focusAreaId: plan.focusAreas[0].id,
      });
      await call(url, manager, 'POST', `/api/v1/plans/${plan.id}/metrics/${metric.id}/measurements`, {
        items: Array.from({ length: 10 }, (_, d) => ({
          date: `2026-12-${String(d + 1).padStart(2, '0')}`,
          value: 50 + d + i,
        })),
      });
      plans.push(plan.id);
    }
    process.stdout.write(
      `${engine} (${concurrency} concurrent clients, ${seconds} s each, ${plans.length} plans):\n`,
    );
    let next = 0;
    await run('GET /api/v1/plans/{id} across plans (audited view)', () =>
      call(url, manager, 'GET', `/api/v1/plans/${plans[next++ % plans.length]}`),
    );
    await run('GET /api/v1/plans/{id} same plan (one chain)', () =>
      call(url, manager, 'GET', `/api/v1/plans/${plans[0]}`),
    );
    await run('GET /api/v1/plans (list)', () => call(url, manager, 'GET', '/api/v1/plans?limit=25'));
    await run('GET /api/health', () => fetch(`${url}/api/health`).then((r) => r.json()));
  } finally {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const engines = process.argv.includes('--pglite-only')
  ? (['pglite'] as const)
  : (['pglite', 'postgres'] as const);
for (const engine of engines) await benchEngine(engine);
