// `npm run soak`: 200 clients for 60 s against the server on each engine (a child process; the load in
// another), then every acknowledged write read back. Prints median, p99, max, errors and timeouts per engine,
// and how long the server's event loop was held up. Options: --seconds=60 --clients=200 --engine=pglite|postgres.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/services/demo/seed-demo.ts';
import {
  arg,
  call,
  createPlans,
  freePort,
  freshPostgres,
  lastMonday,
  root,
  type Session,
  signIn,
  startServerProcess,
} from './server-process.ts';
import type { SoakPlan, SoakResult } from './soak-load.ts';

const seconds = Number(arg('seconds', '60'));
const clients = Number(arg('clients', '200'));
const engines = arg('engine', 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

async function soak(engine: 'pglite' | 'postgres'): Promise<boolean> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-soak-'));
  const loopReport = join(dataDir, 'loop.json');
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    databaseUrl = await freshPostgres('mejora_soak');
    const database = await openDatabase({ databaseUrl });
    await seedDemo(database.db);
    await database.close();
  }
  const server = await startServerProcess({
    dataDir,
    databaseUrl,
    port: await freePort(),
    nodeArgs: ['--import', './bench/loop-delay.ts'],
    env: { MEJORA_LOOP_REPORT: loopReport },
  });
  try {
    const url = server.url;
    const sessions: Session[] = [];
    for (let i = 0; i < 4; i++)
      sessions.push(await signIn(url, 'manager@demo.mejora.dev', `10.0.1.${i + 1}`));
    const plans = await createPlans(url, sessions[0], lastMonday());
    const criteria: SoakPlan['criteria'] = [];
    for (let client = 0; client < clients; client++) {
      const planId = plans[client % plans.length].id;
      const created = await call(url, sessions[0], 'POST', `/api/v1/plans/${planId}/success-criteria`, {
        text: `client ${client} write 0`,
      });
      criteria.push({ planId, id: created.id });
    }
    const planFile = join(dataDir, 'soak-plan.json');
    writeFileSync(
      planFile,
      JSON.stringify({
        url,
        seconds,
        clients,
        sessions,
        plans,
        criteria,
        date: new Date().toISOString().slice(0, 10),
      } satisfies SoakPlan),
    );
    const load = spawn(process.execPath, ['bench/soak-load.ts', planFile], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    load.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    await new Promise((resolve) => load.once('exit', resolve));
    const result = JSON.parse(stdout) as SoakResult;

    // Every acknowledged write, read back: present, and not replaced by an older one.
    let lost = 0;
    let overwritten = 0;
    for (const [index, plan] of plans.entries()) {
      const full = await call(url, sessions[0], 'GET', `/api/v1/plans/${plan.id}`);
      const texts = new Map<string, string>(
        full.successCriteria.map((c: { id: string; text: string }) => [c.id, c.text]),
      );
      for (const [client, own] of criteria.entries()) {
        if (own.planId !== plan.id) continue;
        const written = Number(/write (\d+)$/.exec(texts.get(own.id) ?? '')?.[1] ?? -1);
        const { acked, sent } = result.criteria[client];
        if (written < acked || written > sent) overwritten++;
      }
      const metric = full.metrics.find((m: { id: string }) => m.id === plan.metricId);
      const notes = new Set(metric.measurements.map((m: { note: string | null }) => m.note));
      for (const note of result.measurements[index]) if (!notes.has(note)) lost++;
    }
    const sorted = [...result.latenciesMs].sort((a, b) => a - b);
    const median = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const max = sorted.at(-1) ?? 0;
    const over5s = sorted.filter((ms) => ms > 5000).length;
    const acknowledged =
      result.criteria.reduce((sum, c) => sum + c.acked, 0) +
      result.measurements.reduce((s, m) => s + m.length, 0);
    server.child.kill('SIGTERM');
    await server.exited;
    const loop = (() => {
      try {
        return JSON.parse(readFileSync(loopReport, 'utf8'));
      } catch {
        return null;
      }
    })();
    const line = (label: string, value: string | number) =>
      process.stdout.write(`  ${label.padEnd(34)} ${value}\n`);
    process.stdout.write(`${engine}: ${clients} clients, ${seconds} s, ${plans.length} plans\n`);
    line('requests', `${result.requests} (${(result.requests / seconds).toFixed(0)}/s)`);
    line('median / p99 / max (ms)', `${median.toFixed(0)} / ${p99.toFixed(0)} / ${max.toFixed(0)}`);
    line('over 5 s / timeouts (30 s) / errors', `${over5s} / ${result.timeouts} / ${result.errors}`);
    for (const sample of result.errorSamples) line('  error', sample);
    line(
      'acknowledged writes read back',
      `${acknowledged}: ${lost} missing, ${overwritten} overwritten by older`,
    );
    if (loop) line('event-loop delay p50 / p99 / max (ms)', `${loop.p50Ms} / ${loop.p99Ms} / ${loop.maxMs}`);
    return (
      result.errors === 0 &&
      result.timeouts === 0 &&
      over5s === 0 &&
      lost === 0 &&
      overwritten === 0 &&
      p99 <= 3 * median
    );
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

let isPassing = true;
for (const engine of engines) isPassing = (await soak(engine)) && isPassing;
process.exitCode = isPassing ? 0 : 1;
