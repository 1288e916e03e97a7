// Document exports asked for through the API: HR administrators request one, follow its progress, cancel it,
// download its zip and delete it. The rendering itself runs in the background (run-document-export.ts).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { exportCreateBody, exportSchema } from '../../contracts/exports.ts';
import { findStoredFile, readStoredFile, removeStoredFile } from '../../db/repositories/stored-files.ts';
import { documentExports, users } from '../../db/schema/index.ts';
import type { AuditAction } from '../../domain/audit/events.ts';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

export type ExportRequest = z.output<typeof exportCreateBody>;
export type ExportView = z.infer<typeof exportSchema>;
type ExportRow = typeof documentExports.$inferSelect;

/** How many exports of one organisation may wait or run at once. */
export const maxActiveExports = 3;
/** How many exports the list shows. */
const listLimit = 50;

/**
 * Where an export is rendered: under this server's data directory, one folder per export. It is working space
 * only: the finished zip is kept in the database (`stored_files`), so any server can send it.
 */
export const exportDir = (config: Pick<Config, 'dataDir'>, exportId: string): string =>
  join(config.dataDir, 'exports', exportId);

export const removeExportFiles = (config: Pick<Config, 'dataDir'>, exportId: string): void =>
  rmSync(exportDir(config, exportId), { recursive: true, force: true });

/** An export holds every plan of the organisation it matches: only HR administrators run them. */
function requireExporter(ctx: ServiceContext): void {
  if (!ctx.actor.roles.has('hr_admin'))
    throw new DomainError('forbidden', 'Only HR administrators export plan documents');
}

function present(row: ExportRow, requestedBy: { id: string; name: string }): ExportView {
  const isDownloadable = row.status === 'succeeded';
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    locale: row.locale,
    statuses: row.statuses,
    departments: row.departments,
    requestedBy,
    total: row.total,
    rendered: row.rendered,
    skipped: row.skipped,
    failed: row.failed,
    rate: row.rate,
    etaSeconds: row.etaSeconds,
    failures: row.failures,
    zipBytes: row.zipBytes,
    zipSha256: row.zipSha256,
    downloadUrl: isDownloadable ? `/api/v1/exports/${row.id}/download` : null,
    error: row.error,
    isCancelRequested: row.cancelRequestedAt !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    startedAt: row.startedAt && new Date(row.startedAt).toISOString(),
    finishedAt: row.finishedAt && new Date(row.finishedAt).toISOString(),
    expiresAt: row.expiresAt && new Date(row.expiresAt).toISOString(),
  };
}

async function requesterNames(ctx: ServiceContext, rows: ExportRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.requestedByUserId))];
  if (ids.length === 0) return new Map();
  const found = await ctx.deps.database.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.orgId, ctx.actor.orgId), inArray(users.id, ids)));
  return new Map(found.map((u) => [u.id, u.name]));
}

async function presentAll(ctx: ServiceContext, rows: ExportRow[]): Promise<ExportView[]> {
  const names = await requesterNames(ctx, rows);
  return rows.map((row) =>
    present(row, { id: row.requestedByUserId, name: names.get(row.requestedByUserId) ?? '' }),
  );
}

const audit = (
  ctx: ServiceContext,
  tx: Parameters<typeof appendActorEvent>[0],
  action: AuditAction,
  exportId: string,
  digest?: Record<string, unknown>,
) => appendActorEvent(tx, ctx, { action, entityType: 'document_export', entityId: exportId, digest });

const ofOrg = (ctx: ServiceContext, exportId: string) =>
  and(eq(documentExports.id, exportId), eq(documentExports.orgId, ctx.actor.orgId));

export async function requestExport(ctx: ServiceContext, input: ExportRequest): Promise<ExportView> {
  requireExporter(ctx);
  const departments = [...new Set(input.departments.map((d) => d.trim()))];
  const statuses = [...new Set(input.statuses)];
  const row = await inTransaction(ctx.deps, async (tx) => {
    const active = await tx
      .select({ id: documentExports.id })
      .from(documentExports)
      .where(
        and(
          eq(documentExports.orgId, ctx.actor.orgId),
          inArray(documentExports.status, ['queued', 'running']),
        ),
      )
      .for('update');
    if (active.length >= maxActiveExports)
      throw conflict(
        `${active.length} exports are already waiting or running; wait for one to finish or cancel it`,
      );
    const [created] = await tx
      .insert(documentExports)
      .values({
        orgId: ctx.actor.orgId,
        requestedByUserId: ctx.actor.userId,
        format: input.format,
        locale: input.locale,
        statuses,
        departments,
        createdAt: ctx.deps.now().toISOString(),
      })
      .returning();
    await audit(ctx, tx, 'documents.export_requested', created.id, {
      format: input.format,
      locale: input.locale,
      statuses,
      departmentCount: departments.length,
    });
    return created;
  });
  ctx.deps.afterCommit?.('document_export');
  return present(row, { id: ctx.actor.userId, name: ctx.actor.name });
}

export async function listExports(ctx: ServiceContext): Promise<ExportView[]> {
  requireExporter(ctx);
  const rows = await ctx.deps.database.db
    .select()
    .from(documentExports)
    .where(eq(documentExports.orgId, ctx.actor.orgId))
    .orderBy(desc(documentExports.createdAt), desc(documentExports.id))
    .limit(listLimit);
  return presentAll(ctx, rows);
}

export async function getExport(ctx: ServiceContext, exportId: string): Promise<ExportView> {
  requireExporter(ctx);
  const [row] = await ctx.deps.database.db.select().from(documentExports).where(ofOrg(ctx, exportId));
  if (!row) throw notFound('Export');
  return (await presentAll(ctx, [row]))[0];
}

/** A waiting export is cancelled at once; a running one stops at its next plan and removes its files. */
export async function cancelExport(ctx: ServiceContext, exportId: string): Promise<ExportView> {
  requireExporter(ctx);
  const row = await inTransaction(ctx.deps, async (tx) => {
    const [found] = await tx.select().from(documentExports).where(ofOrg(ctx, exportId)).for('update');
    if (!found) throw notFound('Export');
    if (found.status !== 'queued' && found.status !== 'running')
      throw conflict(`The export has ${found.status === 'succeeded' ? 'finished' : found.status}`, [
        'delete',
      ]);
    const now = ctx.deps.now().toISOString();
    const changes =
      found.status === 'queued'
        ? { status: 'cancelled' as const, cancelRequestedAt: now, finishedAt: now }
        : { cancelRequestedAt: found.cancelRequestedAt ?? now };
    const [updated] = await tx
      .update(documentExports)
      .set(changes)
      .where(eq(documentExports.id, found.id))
      .returning();
    await audit(ctx, tx, 'documents.export_cancelled', found.id);
    return updated;
  });
  return (await presentAll(ctx, [row]))[0];
}

/** Removes a finished export and its zip; a waiting or running one must be cancelled first. */
export async function deleteExport(ctx: ServiceContext, exportId: string): Promise<void> {
  requireExporter(ctx);
  await inTransaction(ctx.deps, async (tx) => {
    const [found] = await tx.select().from(documentExports).where(ofOrg(ctx, exportId)).for('update');
    if (!found) throw notFound('Export');
    if (found.status === 'queued' || found.status === 'running')
      throw conflict('The export is still running: cancel it first', ['cancel']);
    await tx
      .delete(documentExports)
      .where(and(eq(documentExports.orgId, ctx.actor.orgId), eq(documentExports.id, found.id)));
    if (found.zipFileId) await removeStoredFile(tx, ctx.actor.orgId, found.zipFileId);
    await audit(ctx, tx, 'documents.export_deleted', found.id);
  });
  removeExportFiles(ctx.deps.config, exportId);
}

/** The zip of a finished export, for download; each download is recorded. */
export async function openExportZip(ctx: ServiceContext, exportId: string) {
  requireExporter(ctx);
  const row = await inTransaction(ctx.deps, async (tx) => {
    const [found] = await tx.select().from(documentExports).where(ofOrg(ctx, exportId));
    if (!found) throw notFound('Export');
    if (found.status === 'expired')
      throw new DomainError('gone', 'The export has expired and its zip was removed; run it again');
    if (found.status !== 'succeeded')
      throw conflict(`The export is ${found.status}; its zip is ready once it has succeeded`);
    await audit(ctx, tx, 'documents.export_downloaded', found.id);
    return found;
  });
  const file = row.zipFileId
    ? await findStoredFile(ctx.deps.database.db, ctx.actor.orgId, row.zipFileId)
    : null;
  if (!file) throw new DomainError('gone', 'The zip of this export is no longer kept; run it again');
  const day = new Date(row.createdAt).toISOString().slice(0, 10);
  return {
    fileName: `mejora-export-${day}-${row.format}-${row.id.slice(0, 8)}.zip`,
    bytes: file.bytes,
    stream: readStoredFile(ctx.deps.database.db, ctx.actor.orgId, file),
  };
}
