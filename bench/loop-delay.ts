// Preloaded into a server under load (`node --import ./bench/loop-delay.ts`): measures how long the main
// thread's event loop is held up, and writes the figures to MEJORA_LOOP_REPORT when the process exits.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const report = process.env.MEJORA_LOOP_REPORT;
if (report) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  process.on('exit', () => {
    histogram.disable();
    writeFileSync(
      report,
      JSON.stringify({
        meanMs: ms(histogram.mean),
        p50Ms: ms(histogram.percentile(50)),
        p99Ms: ms(histogram.percentile(99)),
        maxMs: ms(histogram.max),
      }),
    );
  });
}
