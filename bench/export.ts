// Benchmark of the bulk export: N generated plans rendered on every core to a temporary directory.
// Prints files per second, the CPU time per file (steadier than files per second when other work shares the machine)
// and the peak memory (the process's RSS, sampled, and the render threads' own heaps).
// Runs under the same main-thread memory flag as `mejora documents export`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportDocuments } from '../src/documents/export/export-documents.ts';
import { samplePlanSource } from '../test/fixtures/sample-plan-source.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    workers: { type: 'string', default: String(availableParallelism()) },
    format: { type: 'string', default: 'pdf' },
    zip: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const semiSpaceFlag = '--max-semi-space-size=4';
if (!process.execArgv.includes(semiSpaceFlag)) {
  const run = spawnSync(process.execPath, [semiSpaceFlag, import.meta.filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}
const count = Number(args.count);
const workers = Number(args.workers);
const format = args.format === 'docx' ? 'docx' : 'pdf';
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const outDir = mkdtempSync(join(tmpdir(), 'mejora-export-bench-'));

let lastLine = 0;
const cpuBefore = process.cpuUsage();
const summary = await exportDocuments({
  source: samplePlanSource(count),
  outDir,
  format,
  isZip: args.zip,
  workers,
  onProgress: (p) => {
    const done = p.rendered + p.skipped + p.failed;
    if (done - lastLine >= Math.max(100, count / 20) || done === p.total) {
      lastLine = done;
      process.stdout.write(
        `  ${done}/${p.total}  ${p.rate.toFixed(1)} files/s  rss ${mb(process.memoryUsage().rss)} MB\n`,
      );
    }
  },
});
const seconds = summary.elapsedMs / 1000;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  [
    `export of ${count} generated plans as ${format.toUpperCase()}, ${workers} render threads (${availableParallelism()} cores)`,
    `  files:            ${summary.rendered} rendered, ${summary.failed} failed${summary.zipPath ? ', zipped' : ''}`,
    `  thread restarts:  ${summary.threadRestarts}`,
    `  time:             ${seconds.toFixed(1)} s`,
    `  throughput:       ${(summary.rendered / seconds).toFixed(1)} files/s`,
    `  CPU per file:     ${((cpu.user + cpu.system) / 1000 / Math.max(1, summary.rendered)).toFixed(1)} ms (every thread of the process)`,
    `  peak RSS:         ${mb(summary.peakRss)} MB (whole process, sampled every 200 ms)`,
    `  peak thread heap: ${mb(summary.peakWorkerHeap)} MB (largest heap a render thread reported)`,
    '',
  ].join('\n'),
);
if (!args.keep) rmSync(outDir, { recursive: true, force: true });
else process.stdout.write(`  output kept in ${outDir}\n`);
