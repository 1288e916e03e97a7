// Times the directory import of a generated file (default 10,000 people with managers, listed leaves first) on
// the embedded engine and on PostgreSQL: preview, apply, and the same file again. Prints seconds and memory.
// node bench/directory-import.ts [--rows=10000] [--engines=pglite,postgres]
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase } from '../src/db/client.ts';
import { organizations } from '../src/db/schema/index.ts';
import { noRequest } from '../src/services/context.ts';
import { applyDirectoryImport, previewDirectoryImport } from '../src/services/directory/import-directory.ts';
import { arg, freshPostgres } from './server-process.ts';

const rows = Number(arg('rows', '10000'));
const engineNames = arg('engines', 'pglite,postgres').split(',');
const scratch = mkdtempSync(join(tmpdir(), 'mejora-bench-directory-'));
const file = join(scratch, 'directory.csv');

const lines = ['Employee number,Email,Name,Job title,Department,Manager number,Hire date,Language,Roles'];
for (let i = rows; i >= 1; i--) {
  const manager = i === 1 ? '' : `E${Math.floor(i / 8) || 1}`;
  lines.push(
    `E${i},person${i}@bench.example,Person ${i},Analyst,Dept ${i % 40},${manager},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 3 ? 'en' : 'es'},employee`,
  );
}
writeFileSync(file, `${lines.join('\n')}\n`);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, (performance.now() - start) / 1000];
}

async function bench(engine: string, database: Database) {
  const orgId = randomUUID();
  await database.db.insert(organizations).values({
    id: orgId,
    orgId,
    name: 'Bench',
    slug: `bench-${orgId.slice(0, 8)}`,
    settings: { timezone: 'UTC', retentionYears: 7, defaultLocale: 'en' },
  });
  const importer = { orgId, userId: null, name: 'bench', employeeId: null, isHrAdmin: true };
  const deps = { database, now: () => new Date() };
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const [preview, previewSeconds] = await timed(() =>
    previewDirectoryImport(deps, importer, createReadStream(file), { isDeactivatingMissing: false }),
  );
  const [, applySeconds] = await timed(() => applyDirectoryImport(deps, importer, noRequest, preview.id));
  const [again, againSeconds] = await timed(() =>
    previewDirectoryImport(deps, importer, createReadStream(file), { isDeactivatingMissing: false }),
  );
  const [, reapplySeconds] = await timed(() => applyDirectoryImport(deps, importer, noRequest, again.id));
  console.log(
    `${engine.padEnd(8)} ${rows} rows: preview ${previewSeconds.toFixed(1)} s, apply ${applySeconds.toFixed(1)} s; ` +
      `same file again: preview ${againSeconds.toFixed(1)} s (${again.counts.unchanged} unchanged), apply ${reapplySeconds.toFixed(1)} s; ` +
      `process memory ${mb(rssBefore)} → peak ${mb(peakRss)}`,
  );
}

try {
  for (const engine of engineNames) {
    const database =
      engine === 'postgres'
        ? await openDatabase({ databaseUrl: await freshPostgres('mejora_bench_directory') })
        : await openDatabase({ dataDir: join(scratch, 'data') });
    try {
      await bench(engine, database);
    } finally {
      await database.close();
    }
  }
} finally {
  clearInterval(sampler);
  rmSync(scratch, { recursive: true, force: true });
}
