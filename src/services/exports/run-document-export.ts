// Runs one requested export in the background: renders the matching plans on every core, writes its progress
// to the export's row as it goes, stops when cancelled, and leaves one zip. A run cut short (the server
// stopped, the worker died) is retried by the queue and resumes without rendering finished files again.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { and, eq, lte } from 'drizzle-orm';
import { removeStoredFile, storeFile } from '../../db/repositories/stored-files.ts';
import { documentExports } from '../../db/schema/index.ts';
import {
  type ExportProgress,
  type ExportSummary,
  exportDocuments,
  zipName,
} from '../../documents/export/export-documents.ts';
import { loadActor } from '../auth/load-actor.ts';
import type { Deps } from '../context.ts';
import { exportDir, removeExportFiles } from './document-exports.ts';
import { planSource } from './plan-source.ts';

/** How long a finished export's zip is kept. */
export const exportKeepDays = 7;
const maxFailuresKept = 100;

export type ExportRunOptions = {
  /** The queue's signal: aborted when the server stops; the run is retried later and resumes. */
  signal?: AbortSignal;
  isLastAttempt?: boolean;
  /** Render threads; default every core. */
  workers?: number;
  /** How often progress is written to the export's row. */
  progressIntervalMs?: number;
};

export type ExportRunResult = 'succeeded' | 'failed' | 'cancelled' | 'not_runnable';

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 300);

const counts = (p: ExportProgress) => ({
  total: p.total,
  rendered: p.rendered,
  skipped: p.skipped,
  failed: p.failed,
  rate: p.rate,
  etaSeconds: p.etaSeconds === null ? null : Math.round(p.etaSeconds),
});

export async function runDocumentExport(
  deps: Deps,
  exportId: string,
  options: ExportRunOptions = {},
): Promise<ExportRunResult> {
  const db = deps.database.db;
  const byId = eq(documentExports.id, exportId);
  // Claim it: only a waiting export, or one whose earlier run was cut short, is run.
  const row = await db.transaction(async (tx) => {
    const [found] = await tx.select().from(documentExports).where(byId).for('update');
    if (!found || (found.status !== 'queued' && found.status !== 'running')) return null;
    const now = deps.now().toISOString();
    if (found.cancelRequestedAt) {
      await tx.update(documentExports).set({ status: 'cancelled', finishedAt: now }).where(byId);
      return null;
    }
    const [claimed] = await tx
      .update(documentExports)
      .set({ status: 'running', startedAt: found.startedAt ?? now })
      .where(byId)
      .returning();
    return claimed;
  });
  if (!row) return 'not_runnable';
  // The plans are read as the HR administrator who asked for them sees them, and each read is theirs: one who has
  // since left, or is no longer an HR administrator of the organisation, has the export fail rather than run.
  const requester = await loadActor(db, row.requestedByUserId);
  if (!requester || requester.orgId !== row.orgId || !requester.roles.has('hr_admin')) {
    await db
      .update(documentExports)
      .set({
        status: 'failed',
        error: 'The HR administrator who asked for this export can no longer export plan documents',
        finishedAt: deps.now().toISOString(),
      })
      .where(byId);
    return 'failed';
  }

  const outDir = exportDir(deps.config, row.id);
  const cancel = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
  let latest: ExportProgress | null = null;
  let saving: Promise<void> | null = null;
  const save = async (): Promise<void> => {
    if (saving || !latest) return;
    const progress = latest;
    saving = (async () => {
      const [after] = await db
        .update(documentExports)
        .set(counts(progress))
        .where(byId)
        .returning({ cancelRequestedAt: documentExports.cancelRequestedAt });
      if (!after || after.cancelRequestedAt) cancel.abort();
    })()
      .catch(() => {})
      .finally(() => {
        saving = null;
      });
    return saving;
  };
  const timer = setInterval(() => void save(), options.progressIntervalMs ?? 1000);
  timer.unref();

  let summary: ExportSummary;
  try {
    summary = await exportDocuments({
      source: planSource(
        deps,
        { kind: 'requester', actor: requester, exportId: row.id },
        { statuses: row.statuses, departments: row.departments },
      ),
      outDir,
      format: row.format,
      locale: row.locale,
      isZip: true,
      workers: options.workers,
      signal,
      onProgress: (progress) => {
        latest = progress;
      },
    });
  } catch (error) {
    clearInterval(timer);
    await saving;
    if (!options.isLastAttempt) throw error;
    await db
      .update(documentExports)
      .set({ status: 'failed', error: firstLine(error), finishedAt: deps.now().toISOString() })
      .where(byId);
    removeExportFiles(deps.config, row.id);
    return 'failed';
  } finally {
    clearInterval(timer);
  }
  await saving;

  if (summary.isInterrupted) {
    if (cancel.signal.aborted) {
      await db
        .update(documentExports)
        .set({ ...counts(summary), status: 'cancelled', finishedAt: deps.now().toISOString(), rate: null })
        .where(byId);
      removeExportFiles(deps.config, row.id);
      return 'cancelled';
    }
    // The server is stopping: the queue runs the export again later, from where it stopped.
    throw new Error('the export was interrupted and resumes on the next run');
  }

  // The zip goes into the database, so any server can send it; the working files on this server's disk (the
  // single files, the resume manifest and the zip) are then removed.
  const zipPath = join(outDir, zipName);
  const finishedAt = deps.now();
  await db.transaction(async (tx) => {
    const file = await storeFile(
      tx,
      { orgId: row.orgId, purpose: 'export_zip', contentType: 'application/zip' },
      createReadStream(zipPath),
    );
    const [after] = await tx
      .update(documentExports)
      .set({
        ...counts(summary),
        rate: summary.elapsedMs > 0 ? summary.rendered / (summary.elapsedMs / 1000) : null,
        etaSeconds: null,
        status: 'succeeded',
        failures: summary.failures.slice(0, maxFailuresKept),
        zipBytes: file.bytes,
        zipSha256: file.sha256,
        zipFileId: file.id,
        finishedAt: finishedAt.toISOString(),
        expiresAt: new Date(finishedAt.getTime() + exportKeepDays * 86_400_000).toISOString(),
      })
      .where(and(eq(documentExports.orgId, row.orgId), byId))
      .returning({ id: documentExports.id });
    // Deleted while it ran: nothing is left behind.
    if (!after) await removeStoredFile(tx, row.orgId, file.id);
  });
  removeExportFiles(deps.config, row.id);
  return 'succeeded';
}

/** Waiting exports, oldest first: the job runner hands each to the export queue. */
export async function queuedExports(deps: Deps): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: documentExports.id })
    .from(documentExports)
    .where(eq(documentExports.status, 'queued'))
    .orderBy(documentExports.createdAt)
    .limit(100);
  return rows.map((r) => r.id);
}

/** Exports marked running: after a crash on the embedded engine, those whose run was cut short. */
export async function runningExports(deps: Deps): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: documentExports.id })
    .from(documentExports)
    .where(eq(documentExports.status, 'running'))
    .limit(100);
  return rows.map((r) => r.id);
}

/** Removes the zips of exports past their keeping time; the rows stay, marked expired. */
export async function expireExports(deps: Deps): Promise<number> {
  const now = deps.now().toISOString();
  return deps.database.db.transaction(async (tx) => {
    const expired = await tx
      .select({ id: documentExports.id, orgId: documentExports.orgId, zipFileId: documentExports.zipFileId })
      .from(documentExports)
      .where(and(eq(documentExports.status, 'succeeded'), lte(documentExports.expiresAt, now)))
      .for('update');
    for (const row of expired) {
      await tx
        .update(documentExports)
        .set({ status: 'expired', zipBytes: null, zipFileId: null })
        .where(and(eq(documentExports.orgId, row.orgId), eq(documentExports.id, row.id)));
      if (row.zipFileId) await removeStoredFile(tx, row.orgId, row.zipFileId);
    }
    for (const { id } of expired) removeExportFiles(deps.config, id);
    return expired.length;
  });
}
