// Document exports: a background job that renders many plans and leaves one zip to download.
import { z } from 'zod';
import { shortText, uuid } from './common.ts';
import { localeSchema, planStatus } from './plans.ts';

export const exportStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'expired'] as const;

export const exportCreateBody = z
  .object({
    format: z.enum(['pdf', 'docx'], { message: 'must be pdf or docx' }).default('pdf'),
    /** Every plan in this language; omitted or null = each plan in its own. */
    locale: localeSchema.nullable().default(null),
    /** Plan statuses to include; empty = every status. */
    statuses: z.array(planStatus).max(10).default([]),
    /** Departments to include (case-insensitive); empty = every department. */
    departments: z.array(shortText(120)).max(50, 'at most 50 departments').default([]),
  })
  .strict()
  .meta({ id: 'ExportRequest' });

export const exportSchema = z
  .object({
    id: uuid,
    status: z.enum(exportStatuses),
    format: z.enum(['pdf', 'docx']),
    locale: localeSchema.nullable(),
    statuses: z.array(z.string()),
    departments: z.array(z.string()),
    requestedBy: z.object({ id: uuid, name: z.string() }),
    /** Plans matching the filters; null until the export starts. */
    total: z.number().int().nullable(),
    rendered: z.number().int(),
    /** Finished before an interruption and not rendered again. */
    skipped: z.number().int(),
    failed: z.number().int(),
    /** Files per second while running. */
    rate: z.number().nullable(),
    etaSeconds: z.number().int().nullable(),
    failures: z.array(z.object({ planId: uuid, message: z.string() })),
    zipBytes: z.number().int().nullable(),
    zipSha256: z.string().nullable(),
    /** Relative link to the zip once the export has succeeded, until it expires. */
    downloadUrl: z.string().nullable(),
    error: z.string().nullable(),
    isCancelRequested: z.boolean(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Export' });
