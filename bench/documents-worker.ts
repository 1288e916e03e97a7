// One benchmark worker: builds its share of sample plans, waits for the start signal, renders them as PDFs.
import { parentPort, workerData } from 'node:worker_threads';
import { renderPlanPdf } from '../src/documents/plan-pdf.ts';
import { samplePlan } from '../test/fixtures/sample-plan.ts';

export type WorkerTask = { seeds: number[]; warmup: number };
export type WorkerReady = { type: 'ready' };
export type WorkerResult = {
  type: 'done';
  rendered: number;
  pages: number;
  bytes: number;
  elapsedMs: number;
  /** CPU time of this worker's thread while it rendered: what a PDF costs, however busy the machine is. */
  cpuMs: number;
  /** Process-wide: worker threads share the process, so this is the RSS the whole process reached. */
  peakRss: number;
  /** This worker's own V8 heap. */
  peakHeapUsed: number;
};

/** Pages of a pdfkit PDF: one `/Type /Page` dictionary per page, never inside a compressed stream. */
export const pageCount = (pdf: Buffer): number =>
  pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0;

/** Seeds alternate languages and signature states so that no two plans print alike. */
export const planForSeed = (seed: number) =>
  samplePlan({ locale: seed % 2 === 0 ? 'en' : 'es', seed, isSigned: seed % 3 === 0 });

if (parentPort) {
  const port = parentPort;
  const task = workerData as WorkerTask;
  const plans = task.seeds.map(planForSeed);
  for (const plan of plans.slice(0, task.warmup)) await renderPlanPdf(plan);

  let peakRss = 0;
  let peakHeapUsed = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
  };

  port.once('message', async () => {
    let pages = 0;
    let bytes = 0;
    const started = performance.now();
    const cpuStarted = process.threadCpuUsage();
    for (let i = 0; i < plans.length; i++) {
      const pdf = await renderPlanPdf(plans[i]);
      pages += pageCount(pdf);
      bytes += pdf.length;
      if (i % 10 === 0) sample();
    }
    const elapsedMs = performance.now() - started;
    const cpu = process.threadCpuUsage(cpuStarted);
    sample();
    const result: WorkerResult = {
      type: 'done',
      rendered: plans.length,
      pages,
      bytes,
      elapsedMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRss,
      peakHeapUsed,
    };
    port.postMessage(result);
  });
  const ready: WorkerReady = { type: 'ready' };
  port.postMessage(ready);
}
