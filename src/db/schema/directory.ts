// Directory imports: the preview of a file, kept until HR applies it, and what applying it did.
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ImportPlan } from '../../domain/directory/plan-import.ts';
import { organisationKey } from './keys.ts';

export const directoryImports = pgTable(
  'directory_imports',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    isDeactivatingMissing: boolean('is_deactivating_missing').notNull().default(false),
    /** The directory's state when the preview was made: applying refuses when it moved on. */
    fingerprint: text('fingerprint').notNull(),
    /** The planned rows, the people to deactivate, the problems and the counts. */
    plan: jsonb('plan').$type<ImportPlan>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }),
    appliedByUserId: uuid('applied_by_user_id'),
  },
  (t) => [
    index('directory_imports_org_idx').on(t.orgId, t.createdAt),
    organisationKey('directory_imports_pkey', t),
  ],
);
