// Files that outlive a request (export zips today, attachments later), kept in the database in chunks so that
// every server behind a load balancer can serve them and none is ever held whole in memory.
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns.ts';
import { organisationKey, sameOrganisation } from './keys.ts';

export type StoredFilePurpose = 'export_zip';

export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    purpose: text('purpose').$type<StoredFilePurpose>().notNull(),
    contentType: text('content_type').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    chunkCount: integer('chunk_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_org_idx').on(t.orgId, t.purpose), organisationKey('stored_files_pkey', t)],
);

/** A file's bytes in order; each chunk is at most `storedFileChunkBytes`. */
export const storedFileChunks = pgTable(
  'stored_file_chunks',
  {
    fileId: uuid('file_id').notNull(),
    orgId: uuid('org_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.fileId, t.seq] }),
    sameOrganisation('stored_file_chunks_file_id_fkey', t, t.fileId, storedFiles).onDelete('cascade'),
  ],
);
