// `npm run crash`: kill -9 the embedded server at random moments during writes and during an export, restart
// it (twice as if it were PID 1 again, finding a lock with its own pid), and check that every acknowledged
// write is there, every plan reads whole, the audit chains verify and the export resumes with valid files.
// Options: --rounds=6 --seed=1.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  arg,
  call,
  createPlans,
  freePort,
  lastMonday,
  root,
  type ServerProcess,
  type Session,
  signIn,
  startServerProcess,
} from './server-process.ts';

const rounds = Number(arg('rounds', '6'));
let seed = Number(arg('seed', '1'));
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = mkdtempSync(join(tmpdir(), 'mejora-crash-'));
const port = await freePort();
let server!: ServerProcess;
const problems: string[] = [];
const figures: string[] = [];
const restartMs: number[] = [];

async function start(staleLock?: 'pid' | 'json'): Promise<void> {
  const started = Date.now();
  server = await startServerProcess({
    dataDir,
    port,
    nodeArgs: staleLock ? ['--import', './bench/stale-lock.ts'] : [],
    env: staleLock ? { MEJORA_STALE_LOCK: staleLock } : {},
  });
  restartMs.push(Date.now() - started);
}

async function kill(): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** What the writers were told was saved. */
type Acked = { criteria: Map<string, { planId: string; text: string }>; notes: Map<string, Set<string>> };

async function writeUntilKilled(
  url: string,
  session: Session,
  plans: { id: string; metricId: string }[],
  acked: Acked,
  round: number,
) {
  let isStopped = false;
  let n = 0;
  const writers = Array.from({ length: 20 }, async (_, w) => {
    const plan = plans[w % plans.length];
    while (!isStopped) {
      const i = n++;
      try {
        if (i % 2 === 0) {
          const text = `round ${round} writer ${w} criterion ${i}`;
          const created = await call(url, session, 'POST', `/api/v1/plans/${plan.id}/success-criteria`, {
            text,
          });
          acked.criteria.set(created.id, { planId: plan.id, text });
        } else {
          const note = `round ${round} writer ${w} measurement ${i}`;
          await call(url, session, 'POST', `/api/v1/plans/${plan.id}/metrics/${plan.metricId}/measurements`, {
            date: new Date().toISOString().slice(0, 10),
            value: 60,
            note,
          });
          const notes = acked.notes.get(plan.metricId) ?? new Set<string>();
          notes.add(note);
          acked.notes.set(plan.metricId, notes);
        }
      } catch {
        return; // the server is gone
      }
    }
  });
  await sleep(500 + random() * 3000);
  await kill();
  isStopped = true;
  await Promise.all(writers);
}

async function checkWrites(
  url: string,
  session: Session,
  plans: { id: string; metricId: string }[],
  acked: Acked,
) {
  let missing = 0;
  for (const plan of plans) {
    const full = await call(url, session, 'GET', `/api/v1/plans/${plan.id}`);
    if (!full.focusAreas?.length || !full.metrics?.length || !full.timeline?.phases?.length)
      problems.push(`plan ${plan.id} is not whole`);
    const criteria = new Map<string, string>(
      full.successCriteria.map((c: { id: string; text: string }) => [c.id, c.text]),
    );
    for (const [id, expected] of acked.criteria)
      if (expected.planId === plan.id && criteria.get(id) !== expected.text) missing++;
    const metric = full.metrics.find((m: { id: string }) => m.id === plan.metricId);
    const notes = new Set(metric?.measurements.map((m: { note: string | null }) => m.note) ?? []);
    for (const note of acked.notes.get(plan.metricId) ?? []) if (!notes.has(note)) missing++;
  }
  return missing;
}

try {
  await start();
  let url = server.url;
  const manager = await signIn(url, 'manager@demo.mejora.dev', '10.0.2.1');
  const hr = await signIn(url, 'hr@demo.mejora.dev', '10.0.2.2');
  const plans = await createPlans(url, manager, lastMonday());
  const acked: Acked = { criteria: new Map(), notes: new Map() };

  // Writes, killed at random moments; every other restart finds a lock with its own pid.
  for (let round = 1; round <= rounds; round++) {
    await writeUntilKilled(url, manager, plans, acked, round);
    await start(round % 3 === 1 ? 'pid' : round % 3 === 2 ? 'json' : undefined);
    url = server.url;
    const missing = await checkWrites(url, manager, plans, acked);
    if (missing) problems.push(`round ${round}: ${missing} acknowledged writes missing`);
  }
  const writes = acked.criteria.size + [...acked.notes.values()].reduce((s, n) => s + n.size, 0);
  figures.push(
    `${rounds} kills during writes: ${writes} acknowledged writes, all present: ${!problems.length}`,
  );

  // An export, killed while it renders.
  const requested = await call(url, hr, 'POST', '/api/v1/exports', { format: 'pdf' });
  let before = await call(url, hr, 'GET', `/api/v1/exports/${requested.id}`);
  const waitUntil = Date.now() + 120_000;
  while (
    !(before.status === 'running' && before.rendered >= 1) &&
    before.status !== 'succeeded' &&
    Date.now() < waitUntil
  ) {
    await sleep(10);
    before = await call(url, hr, 'GET', `/api/v1/exports/${requested.id}`);
  }
  if (before.status === 'succeeded') problems.push('the export finished before it could be killed');
  await kill();
  const killedAt = Date.now();
  await start('pid');
  // From the moment the restarted server answers: how long its boot takes is the restart figure below.
  const restartedAt = Date.now();
  url = server.url;
  let after = await call(url, hr, 'GET', `/api/v1/exports/${requested.id}`);
  let resumedMs: number | null = null;
  const doneBy = Date.now() + 300_000;
  while (after.status !== 'succeeded' && after.status !== 'failed' && Date.now() < doneBy) {
    if (resumedMs === null && (after.skipped > 0 || after.rendered > 0) && after.status === 'running')
      resumedMs = Date.now() - restartedAt;
    await sleep(200);
    after = await call(url, hr, 'GET', `/api/v1/exports/${requested.id}`);
  }
  resumedMs ??= Date.now() - restartedAt;
  if (after.status !== 'succeeded') problems.push(`the export ended ${after.status}`);
  if (resumedMs > 15_000) problems.push(`the export resumed only after ${resumedMs} ms`);
  let files = 0;
  if (after.status === 'succeeded') {
    const response = await fetch(`${url}/api/v1/exports/${requested.id}/download`, {
      headers: { cookie: hr.cookie },
    });
    const zip = Buffer.from(await response.arrayBuffer());
    if (createHash('sha256').update(zip).digest('hex') !== after.zipSha256)
      problems.push('the zip does not match its hash');
    const zipPath = join(dataDir, 'export.zip');
    writeFileSync(zipPath, zip);
    // Every entry a whole PDF (zipfile checks the CRCs).
    const check = spawnSync('python3', [
      '-c',
      'import sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nbad=z.testzip()\nn=[i for i in z.namelist() if i.endswith(".pdf")]\nok=all(z.read(i)[:5]==b"%PDF-" and b"%%EOF" in z.read(i)[-1024:] for i in n)\nprint(len(n), bad is None and ok)',
      zipPath,
    ]);
    const [count, isValid] = check.stdout.toString().trim().split(' ');
    files = Number(count);
    if (isValid !== 'True') problems.push(`the zip is not valid: ${check.stdout}${check.stderr}`);
    if (files !== after.total - after.failed)
      problems.push(`the zip has ${files} PDFs for ${after.total} plans`);
  }
  figures.push(
    `export killed at ${before.rendered}/${before.total} files: resumed ${(resumedMs / 1000).toFixed(1)} s after the restarted server answered (${((restartedAt - killedAt) / 1000).toFixed(0)} s after the kill) (${after.skipped} not rendered again), ${files} valid PDFs`,
  );
  const missing = await checkWrites(url, manager, plans, acked);
  if (missing) problems.push(`after the export: ${missing} acknowledged writes missing`);
  server.child.kill('SIGTERM');
  await server.exited;

  // The audit chains, checked by the command line on the data dir.
  const verify = spawnSync(process.execPath, ['bin/mejora.js', 'audit', 'verify'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', MEJORA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
  });
  figures.push(
    `mejora audit verify: ${verify.stdout.toString().trim().replace(/\n/g, '; ')} (exit ${verify.status})`,
  );
  if (verify.status !== 0) problems.push('the audit chains do not verify');
  const sorted = [...restartMs].sort((a, b) => a - b);
  figures.push(
    `restarts: ${restartMs.length}, time to answer /api/health median ${sorted[Math.floor(sorted.length / 2)]} ms, max ${sorted.at(-1)} ms`,
  );
} catch (error) {
  problems.push(`harness stopped: ${(error as Error).message}\n${server?.output().slice(-1500) ?? ''}`);
} finally {
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
for (const line of figures) process.stdout.write(`${line}\n`);
for (const problem of problems) process.stdout.write(`PROBLEM: ${problem}\n`);
process.exitCode = problems.length ? 1 : 0;
