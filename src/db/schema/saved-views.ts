// Saved views of the plans list: a person's named filters and sort, to open the list as they left it.
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisationKey } from './keys.ts';

/** One named list query of one person; only its owner reads or changes it. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    ownerUserId: uuid('owner_user_id').notNull(),
    name: text('name').notNull(),
    /** The plans list query (filters and sort), as the saved-view contract validates it. */
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('saved_views_owner_name_idx').on(t.orgId, t.ownerUserId, t.name),
    organisationKey('saved_views_pkey', t),
  ],
);
