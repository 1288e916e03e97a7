// Benchmark: HR analytics, the plans list and the HR home's data on a generated organisation in PostgreSQL,
// at the large (100,000 people, 20,000 plans) and medium (ten times less) sizes. The server and the load
// generator (autocannon) run in their own processes. The organisations are generated once and reused:
//   DATABASE_URL=postgres://…/mejora_scale_large node bin/mejora.js migrate && … node bin/mejora.js demo --size large
//   (the same with mejora_scale_medium and --size medium), then: node bench/analytics.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Load, measure, startProcess, stopProcess } from './lib/processes.ts';
import { adminUrl, arg } from './server-process.ts';

const seconds = Number(arg('seconds', '5'));
const connections = Number(arg('connections', '4'));
const sizes = arg('sizes', 'medium,large').split(',');
const targetMs = 100;

const databaseUrl = (name: string) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function hasGeneratedOrganization(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query(
      `select count(*)::int as n from employees where employee_number like 'gen-%'`,
    );
    return result.rows[0].n > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The user id of the manager with the most plans: the plans list's manager filter at its fullest. */
async function busiestManager(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(
      'select manager_user_id as id from plans group by manager_user_id order by count(*) desc limit 1',
    );
    return result.rows[0]?.id ?? undefined;
  } finally {
    await client.end();
  }
}

/**
 * One server on the size's organisation and its targets. The analytics pass runs a second server that computes
 * HR analytics on every read (ANALYTICS_MAX_AGE_SECONDS=0): what the first reader after a change waits for.
 */
type Pass = {
  env: Record<string, string>;
  includes?: (label: string) => boolean;
  suffix: string;
  /** While each target is measured, a plan of the organisation is written this often (ms). */
  writeEveryMs?: number;
};
const isAnalytics = (label: string) => label.startsWith('analytics') || label.startsWith('consistency');
const passes: Pass[] = [
  { env: {}, suffix: '' },
  { env: { ANALYTICS_MAX_AGE_SECONDS: '0' }, includes: isAnalytics, suffix: ', computed' },
  // An organisation that changes: every write discards the stored answers, and the next readers share one
  // computation.
  { env: {}, includes: isAnalytics, suffix: ', plan written 2×/s', writeEveryMs: 500 },
];

/**
 * Writes one plan of the organisation every `everyMs` until stopped, as any plan write does: its summary row is
 * rebuilt and the organisation's stored analytics are discarded. From the benchmark's own process, outside the
 * server's.
 */
async function planWriter(url: string, everyMs: number): Promise<() => Promise<number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(
    `select p.org_id, p.id from plans p join users u on u.org_id = p.org_id
     where u.email = 'hr@demo.mejora.dev' and p.status = 'active' limit 1`,
  );
  const plan = rows[0] as { org_id: string; id: string };
  let writes = 0;
  let running = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      await client.query('update plans set updated_at = now() where org_id = $1 and id = $2', [
        plan.org_id,
        plan.id,
      ]);
      writes++;
    });
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
    await client.end();
    return writes;
  };
}

async function benchSize(size: string): Promise<Map<string, Load>> {
  const results = new Map<string, Load>();
  for (const pass of passes) await benchPass(size, pass, results);
  return results;
}

async function benchPass(size: string, pass: Pass, results: Map<string, Load>): Promise<void> {
  const url = databaseUrl(arg(`${size}-db`, `mejora_scale_${size}`));
  if (!(await hasGeneratedOrganization(url))) {
    process.stdout.write(
      `${size}: no generated organisation at ${url} (run mejora demo --size ${size}); skipped\n`,
    );
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-bench-'));
  const env = { MEJORA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: url, ...pass.env };
  const server = await startProcess(
    ['bin/mejora.js', 'serve'],
    env,
    (line) => line.match(/is running on .*: (http\S+)/)?.[1],
    600_000,
  );
  try {
    const base = server.value;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'hr@demo.mejora.dev', password: 'mejora-demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = await login.json();
    const tokenResponse = await fetch(`${base}/api/v1/me/tokens`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'analytics benchmark' }),
    });
    const headers = { authorization: `Bearer ${(await tokenResponse.json()).token}` };
    const busiest = await (await fetch(`${base}/api/v1/analytics/overview`, { headers })).json();
    const managerId = await busiestManager(url);
    const department =
      busiest.byDepartment.find((d: { isSuppressed: boolean }) => !d.isSuppressed)?.label ?? 'Sales';
    const targets: [string, string][] = [
      ['analytics overview', '/api/v1/analytics/overview'],
      ['consistency by department', '/api/v1/analytics/consistency?by=department'],
      ['consistency by manager (first 50)', '/api/v1/analytics/consistency?by=manager&limit=50'],
      ['plans: status filter, by end date', '/api/v1/plans?status=active&limit=25'],
      ['plans: department filter', `/api/v1/plans?department=${encodeURIComponent(department)}&limit=25`],
      ['plans: search', '/api/v1/plans?q=garc&limit=25'],
      ...(managerId
        ? ([['plans: manager filter', `/api/v1/plans?managerId=${managerId}&limit=25`]] as [string, string][])
        : []),
      [
        'plans: 2 statuses, by progress desc',
        '/api/v1/plans?status=active,paused&sort=progress&order=desc&limit=25',
      ],
      ['plans: 2 statuses, by risk desc', '/api/v1/plans?status=active,paused&sort=risk&order=desc&limit=25'],
      ['plans: all, by employee name', '/api/v1/plans?sort=employeeName&limit=25'],
      [
        'plans: department, by end date desc',
        `/api/v1/plans?department=${encodeURIComponent(department)}&sort=endDate&order=desc&limit=25`,
      ],
      ['HR inbox (first page, 50)', '/api/v1/me/inbox'],
      ['HR inbox (first 10)', '/api/v1/me/inbox?limit=10'],
      ['HR home: approvals (100)', '/api/v1/plans?status=in_review&limit=100'],
      ['HR home: active plans (100)', '/api/v1/plans?status=active&limit=100'],
      ['HR home: all plans (10)', '/api/v1/plans?limit=10'],
    ];
    process.stdout.write(
      `${size}${pass.suffix ? ` (analytics${pass.suffix})` : ''} (${busiest.headcount} people, ` +
        `${busiest.plans} plans; ${connections} connections, ${seconds} s each):\n`,
    );
    for (const [target, path] of targets) {
      if (pass.includes && !pass.includes(target)) continue;
      const label = pass.suffix ? `${target}${pass.suffix}` : target;
      const stopWriting = pass.writeEveryMs ? await planWriter(url, pass.writeEveryMs) : null;
      const load = await measure(`${base}${path}`, { connections, seconds, headers });
      const writes = stopWriting ? await stopWriting() : null;
      results.set(label, load);
      if (load.requests === 0) {
        process.stdout.write(`  ${label.padEnd(52)} no answer within ${seconds} s\n`);
        continue;
      }
      process.stdout.write(
        `  ${label.padEnd(52)} ${load.rate.toFixed(0).padStart(5)} /s  p50 ${String(load.p50).padStart(4)} ms` +
          `  p97.5 ${String(load.p97_5).padStart(5)} ms  max ${String(load.max).padStart(5)} ms  errors ${load.errors}` +
          `${writes === null ? '' : `  (${writes} plan writes)`}` +
          `${load.p97_5 <= targetMs ? '' : `  (above ${targetMs} ms)`}\n`,
      );
    }
  } finally {
    await stopProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const bySize = new Map<string, Map<string, Load>>();
for (const size of sizes) bySize.set(size, await benchSize(size));
const large = bySize.get('large');
const medium = bySize.get('medium');
if (large?.size && medium?.size) {
  process.stdout.write('growth, large ÷ medium at p97.5 (sub-linear: at most 5× for ten times the data):\n');
  for (const [label, load] of large) {
    const base = medium.get(label);
    if (!base?.requests || !load.requests) continue;
    const ratio = load.p97_5 / Math.max(1, base.p97_5);
    process.stdout.write(`  ${label.padEnd(52)} ${ratio.toFixed(2)}×\n`);
  }
}
