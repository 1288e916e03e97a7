// Document exports requested from the API: the request, its progress while it runs, and the zip it leaves.
import { bigint, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from './files.ts';
import { organisationKey, sameOrganisation } from './keys.ts';

export type DocumentExportStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired';
export type DocumentExportFailure = { planId: string; message: string };

export const documentExports = pgTable(
  'document_exports',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    requestedByUserId: uuid('requested_by_user_id').notNull(),
    status: text('status').$type<DocumentExportStatus>().notNull().default('queued'),
    format: text('format').$type<'pdf' | 'docx'>().notNull(),
    /** Render every plan in this language; null = each plan's own. */
    locale: text('locale').$type<'en' | 'es'>(),
    /** Plan statuses to include; empty = all. */
    statuses: jsonb('statuses').$type<string[]>().notNull().default([]),
    /** Departments to include (case-insensitive); empty = all. */
    departments: jsonb('departments').$type<string[]>().notNull().default([]),
    total: integer('total'),
    rendered: integer('rendered').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** Files per second over the recent renders, while running. */
    rate: real('rate'),
    etaSeconds: integer('eta_seconds'),
    /** The plans that could not be exported (the first hundred), with why. */
    failures: jsonb('failures').$type<DocumentExportFailure[]>().notNull().default([]),
    zipBytes: bigint('zip_bytes', { mode: 'number' }),
    zipSha256: text('zip_sha256'),
    /** The zip, kept in the database so that any server can send it. */
    zipFileId: uuid('zip_file_id'),
    /** Why the export as a whole failed. */
    error: text('error'),
    /** Set while running: the worker stops at the next plan. */
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    /** The zip is removed at this time. */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('document_exports_org_idx').on(t.orgId, t.createdAt),
    index('document_exports_status_idx').on(t.status),
    organisationKey('document_exports_pkey', t),
    sameOrganisation('document_exports_zip_file_id_fkey', t, t.zipFileId, storedFiles).onDelete('set null'),
  ],
);
