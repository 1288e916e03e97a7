// Bulk export of plan documents: plans are read page by page, rendered on every core by worker threads and
// streamed to files; a manifest lets an interrupted export resume, and one bad plan never stops the rest.
import { once } from 'node:events';
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ZipArchive } from 'archiver';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { fileSlug } from '../file-slug.ts';
import type { LogoFile } from '../logo-image.ts';
import type { RenderTask } from './export-worker.ts';
import {
  appendManifest,
  type ManifestEntry,
  partialSuffix,
  readManifest,
  removePartials,
} from './manifest.ts';
import { RenderPool } from './render-pool.ts';

export type ExportFormat = 'pdf' | 'docx';

/** A plan to export; loaded only when it has to be rendered. */
export type PlanEntry = {
  planId: string;
  version: number;
  employeeName: string;
  load(): Promise<PlanReadModel>;
  /** The logo of the plan's organisation, printed in the header; absent or null = none. */
  logo?(): Promise<LogoFile | null>;
};

/** Where plans come from, page by page: never the whole list in memory. */
export type PlanSource = {
  count(): Promise<number>;
  pages(): AsyncIterable<PlanEntry[]>;
};

export type ExportProgress = {
  total: number;
  /** Rendered in this run. */
  rendered: number;
  /** Finished in an earlier run. */
  skipped: number;
  failed: number;
  /** Files per second over the recent renders. */
  rate: number;
  /** Seconds left at that rate; null until there is a rate. */
  etaSeconds: number | null;
};

export type ExportFailure = { planId: string; message: string };

export type ExportOptions = {
  source: PlanSource;
  outDir: string;
  format: ExportFormat;
  /** Render in this language; null = each plan's own. */
  locale?: 'en' | 'es' | null;
  /** Also pack every finished file into `<outDir>/mejora-documents.zip`. */
  isZip?: boolean;
  /** Render threads; default every core. */
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
};

export type ExportSummary = ExportProgress & {
  failures: ExportFailure[];
  /** Files in the output directory at the end, from this run and earlier ones. */
  files: number;
  zipPath: string | null;
  isInterrupted: boolean;
  elapsedMs: number;
  /** Highest resident set size of the process seen during the export, bytes. */
  peakRss: number;
  /** Highest heap a render thread reported, bytes. */
  peakWorkerHeap: number;
  /** Render threads replaced after dying (their plan was retried once on the new thread). */
  threadRestarts: number;
};

export const zipName = 'mejora-documents.zip';

const slug = (name: string): string => fileSlug(name).slice(0, 60) || 'plan';

/** "pip-elena-martin-1f2e3d4c-v3.pdf"; the id keeps namesakes apart, the version tells revisions apart. */
export function exportFileName(
  entry: Pick<PlanEntry, 'planId' | 'version' | 'employeeName'>,
  format: ExportFormat,
  locale: string | null,
): string {
  return `pip-${slug(entry.employeeName)}-${entry.planId}-v${entry.version}${locale ? `-${locale}` : ''}.${format}`;
}

/** Files per second over the last renders, for a rate that follows the present rather than the whole run. */
function rateMeter(window = 50) {
  const times: number[] = [];
  return {
    tick(at: number): void {
      times.push(at);
      if (times.length > window) times.shift();
    },
    rate(now: number): number {
      if (times.length < 2) return 0;
      const span = (now - times[0]) / 1000;
      return span > 0 ? (times.length - 1) / span : 0;
    },
  };
}

async function zipFiles(outDir: string, files: string[]): Promise<string> {
  const path = join(outDir, zipName);
  const partial = `${path}${partialSuffix}`;
  // PDFs and DOCX files are compressed already: stored entries make the zip fast and cost little space.
  const archive = new ZipArchive({ store: true });
  const output = createWriteStream(partial);
  const closed = once(output, 'close');
  const failed = new Promise<never>((_, reject) => {
    archive.on('error', reject);
    output.on('error', reject);
  });
  archive.pipe(output);
  for (const file of files) {
    // One entry at a time: the archive's queue, like the files, stays out of memory.
    const added = once(archive, 'entry');
    archive.file(join(outDir, file), { name: file });
    await Promise.race([added, failed]);
  }
  await Promise.race([archive.finalize(), failed]);
  await Promise.race([closed, failed]);
  renameSync(partial, path);
  return path;
}

export async function exportDocuments(options: ExportOptions): Promise<ExportSummary> {
  const started = Date.now();
  const { source, outDir, format } = options;
  const locale = options.locale ?? null;
  mkdirSync(outDir, { recursive: true });
  removePartials(outDir);
  // Only the file name per key is kept: the manifest's lines stay on disk.
  const finished = new Map([...readManifest(outDir)].map(([key, entry]) => [key, entry.file]));
  const total = await source.count();
  const failures: ExportFailure[] = [];
  const meter = rateMeter();
  let rendered = 0;
  let skipped = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  sampler.unref();

  const progress = (): ExportProgress => {
    const rate = meter.rate(Date.now());
    const left = Math.max(0, total - rendered - skipped - failures.length);
    return {
      total,
      rendered,
      skipped,
      failed: failures.length,
      rate,
      etaSeconds: rate > 0 ? left / rate : null,
    };
  };
  const report = (): void => options.onProgress?.(progress());

  const pool = new RenderPool(options.workers ?? availableParallelism());
  const inFlight = new Set<Promise<void>>();
  let nextId = 0;
  let isInterrupted = false;
  try {
    pages: for await (const page of source.pages()) {
      for (const entry of page) {
        if (options.signal?.aborted) {
          isInterrupted = true;
          break pages;
        }
        const key = `${entry.planId}.${format}.${locale ?? 'own'}`;
        const file = exportFileName(entry, format, locale);
        if (finished.get(key) === file) {
          skipped++;
          report();
          continue;
        }
        await pool.room();
        if (options.signal?.aborted) {
          isInterrupted = true;
          break pages;
        }
        let plan: PlanReadModel;
        let logo: LogoFile | null;
        try {
          plan = await entry.load();
          logo = (await entry.logo?.()) ?? null;
        } catch (error) {
          failures.push({ planId: entry.planId, message: `cannot be read: ${messageOf(error)}` });
          report();
          continue;
        }
        const task: RenderTask = { id: nextId++, plan, logo, format, locale, path: join(outDir, file) };
        const job = pool.run(task).then((result) => {
          if (result.isOk) {
            const line: ManifestEntry = {
              key,
              planId: entry.planId,
              version: entry.version,
              file,
              bytes: result.bytes,
              sha256: result.sha256,
              at: new Date().toISOString(),
            };
            appendManifest(outDir, line);
            finished.set(key, file);
            rendered++;
            meter.tick(Date.now());
          } else {
            failures.push({ planId: entry.planId, message: result.message });
          }
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          report();
        });
        inFlight.add(job);
        job.finally(() => inFlight.delete(job));
      }
    }
    await Promise.all(inFlight);
  } finally {
    await Promise.all(inFlight);
    await pool.close();
    clearInterval(sampler);
  }
  const files = [...finished.values()].sort();
  const zipPath = options.isZip && !isInterrupted ? await zipFiles(outDir, files) : null;
  return {
    ...progress(),
    failures,
    files: files.length,
    zipPath,
    isInterrupted,
    elapsedMs: Date.now() - started,
    peakRss: Math.max(peakRss, process.memoryUsage().rss),
    peakWorkerHeap: pool.peakWorkerHeap,
    threadRestarts: pool.restarts,
  };
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message.split('\n')[0] : String(error);
