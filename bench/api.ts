// Benchmark: the API's read path against the stack's limit, on both engines. The server, a bare reference
// server and the load generator (autocannon) each run in their own process; figures are ratios of one run, taken
// within rounds that measure every endpoint back to back, and reported as the rounds' medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Load, measure, startProcess, stopProcess } from './lib/processes.ts';
import { arg, freshPostgres } from './server-process.ts';

const seconds = Number(arg('seconds', '5'));
const connections = Number(arg('connections', '10'));
const rounds = Number(arg('rounds', '3'));
if (!Number.isInteger(rounds) || rounds < 1)
  throw new Error(`--rounds must be a whole number of at least 1, not ${rounds}`);

type Engine = 'pglite' | 'postgres';

/** An endpoint measured once per round. */
type Endpoint = { label: string; run: () => Promise<Load> };

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return { body: await response.json(), headers: response.headers };
}

/** The machine's load average over the last minute: figures from a busy machine are only comparable as ratios. */
const load1 = () => loadavg()[0].toFixed(2);

const row = (label: string, load: Load, ratio?: string) =>
  process.stdout.write(
    `  ${label.padEnd(44)} ${load.rate.toFixed(0).padStart(6)} /s  p50 ${String(load.p50).padStart(4)} ms` +
      `  p99 ${String(load.p99).padStart(4)} ms  max ${String(load.max).padStart(5)} ms` +
      `  errors ${load.errors}${ratio ? `  ${ratio}` : ''}  (load ${load1()})\n`,
  );

/** A demo user's session cookie and a bearer token of theirs, made through the API as a person would. */
async function signIn(url: string, email: string): Promise<{ cookie: string; token: string }> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'mejora-demo' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = await login.json();
  const token = await json(`${url}/api/v1/me/tokens`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'benchmark' }),
  });
  return { cookie, token: token.body.token };
}

async function benchEngine(engine: Engine): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-bench-'));
  const env: Record<string, string> = { MEJORA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' };
  if (engine === 'postgres') env.DATABASE_URL = await freshPostgres('mejora_bench');
  const cli = ['bin/mejora.js'];
  // The demo organisation, grown by the small generated one (1,000 people, 200 plans) so that readers can each
  // read a plan of their own.
  const commands = [...(engine === 'postgres' ? [['migrate']] : []), ['demo', '--size', 'small']];
  for (const command of commands) {
    const { child } = await startProcess(
      [...cli, ...command],
      env,
      (line) => (line ? true : undefined),
      600_000,
    );
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
  const server = await startProcess(
    [...cli, 'serve'],
    env,
    (line) => line.match(/is running on .*: (http\S+)/)?.[1],
  );
  const startReference = (referenceEnv: Record<string, string>) =>
    startProcess(['bench/reference-server.ts'], referenceEnv, (line) =>
      line.startsWith('{') ? (JSON.parse(line) as { url: string; path: string }) : undefined,
    );
  const reference = await startReference(
    engine === 'postgres' ? { DATABASE_URL: env.DATABASE_URL as string } : {},
  );
  // Mejora runs PGlite on a thread of its own, so that its work never holds up the requests: the same bare
  // select served that way is the reference "served the same way".
  const threadReference = engine === 'pglite' ? await startReference({ REFERENCE_PGLITE_THREAD: '1' }) : null;
  try {
    const url = server.value;
    const { cookie, token } = await signIn(url, 'manager@demo.mejora.dev');
    const bearer = { authorization: `Bearer ${token}` };
    const hr = await signIn(url, 'hr@demo.mejora.dev');
    const hrBearer = { authorization: `Bearer ${hr.token}` };
    const active = await json(`${url}/api/v1/plans?status=active&limit=${connections}`, {
      headers: hrBearer,
    });
    const ownPlans = active.body.items.map((p: { id: string }) => `/api/v1/plans/${p.id}`);
    for (const path of ownPlans) await json(`${url}${path}`, { headers: hrBearer });
    const plans = await json(`${url}/api/v1/plans?limit=25`, { headers: bearer });
    const planId =
      plans.body.items.find((p: { status: string }) => p.status === 'active')?.id ?? plans.body.items[0].id;

    const load = (target: string, headers?: Record<string, string>) =>
      measure(target, { connections, seconds, headers });
    process.stdout.write(
      `${engine} (${connections} connections, ${seconds} s each, ${rounds} rounds; ${cpus().length} cores, load ${load1()}):\n`,
    );
    const endpoint = (label: string, run: () => Promise<Load>): Endpoint => ({ label, run });
    const bare = endpoint(`bare Fastify + ${engine} row by primary key`, () =>
      load(`${reference.value.url}${reference.value.path}`),
    );
    const ownThread = threadReference
      ? endpoint('the same, PGlite on its own thread', () =>
          load(`${threadReference.value.url}${threadReference.value.path}`),
        )
      : null;
    const meBearer = endpoint('GET /api/v1/me (bearer)', () => load(`${url}/api/v1/me`, bearer));
    const meCookie = endpoint('GET /api/v1/me (cookie)', () => load(`${url}/api/v1/me`, { cookie }));
    const ownPlanReads = endpoint(`GET /api/v1/plans/{id}, each reader a plan (${ownPlans.length})`, () =>
      measure(url, { connections, seconds, headers: hrBearer, paths: ownPlans }),
    );
    const onePlanReads = endpoint(`GET /api/v1/plans/{id}, ${connections} readers of one plan`, () =>
      load(`${url}/api/v1/plans/${planId}`, bearer),
    );
    const endpoints = [
      bare,
      ...(ownThread ? [ownThread] : []),
      endpoint('GET /api/health', () => load(`${url}/api/health`)),
      meBearer,
      meCookie,
      ownPlanReads,
      onePlanReads,
      endpoint('GET /api/v1/plans?limit=25', () => load(`${url}/api/v1/plans?limit=25`, bearer)),
    ];
    // The machine's speed drifts within a run (other tenants of its cores): each round measures every endpoint
    // once, back to back, and a ratio is taken within its round; the medians of the rounds are reported.
    const loadsOf = new Map<Endpoint, Load[]>(endpoints.map((e) => [e, []]));
    for (let round = 0; round < rounds; round++) {
      for (const e of endpoints) loadsOf.get(e)?.push(await e.run());
      process.stdout.write(`  round ${round + 1} of ${rounds} measured (load ${load1()})\n`);
    }
    const loads = (e: Endpoint): Load[] => loadsOf.get(e) ?? [];
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    };
    /** The median over rounds of `of`'s rate over `base`'s in the same round, with the rounds' range. */
    const ratio = (of: Endpoint, base: Endpoint, name: string) => {
      const baseLoads = loads(base);
      const each = loads(of).map((load, round) => load.rate / baseLoads[round].rate);
      const range =
        each.length > 1 ? ` (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})` : '';
      return `${median(each).toFixed(2)}× ${name}${range}`;
    };
    const medianLoad = (e: Endpoint): Load => {
      const of = (key: keyof Load) => median(loads(e).map((load) => load[key]));
      return {
        requests: of('requests'),
        rate: of('rate'),
        p50: of('p50'),
        p90: of('p90'),
        p97_5: of('p97_5'),
        p99: of('p99'),
        max: Math.max(...loads(e).map((load) => load.max)),
        errors: loads(e).reduce((sum, load) => sum + load.errors, 0),
      };
    };
    const notes = new Map<Endpoint, string>([[bare, '(reference)']]);
    if (ownThread) notes.set(ownThread, '(reference, as Mejora serves it)');
    for (const me of [meBearer, meCookie])
      notes.set(
        me,
        ownThread
          ? `${ratio(me, bare, 'reference')}, ${ratio(me, ownThread, 'own-thread reference')}`
          : ratio(me, bare, 'reference'),
      );
    for (const reads of [ownPlanReads, onePlanReads]) notes.set(reads, ratio(reads, meBearer, '/me'));
    process.stdout.write(
      '  medians of the rounds (rates, percentiles; max is the highest, errors the sum):\n',
    );
    for (const e of endpoints) row(e.label, medianLoad(e), notes.get(e) ?? '');
  } finally {
    await stopProcess(reference.child);
    if (threadReference) await stopProcess(threadReference.child);
    await stopProcess(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const engines: Engine[] = process.argv.includes('--pglite-only')
  ? ['pglite']
  : process.argv.includes('--postgres-only')
    ? ['postgres']
    : ['pglite', 'postgres'];
for (const engine of engines) await benchEngine(engine);
