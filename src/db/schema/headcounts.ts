// People now in the directory (not deactivated) per department and per manager, for HR analytics: one row per
// (organisation, kind, key) with at least one person. The database keeps the counts in step with `employees` in
// the same transaction as the write (statement-level triggers in migration 0020_headcounts), so the analytics
// read a few hundred rows instead of counting the whole directory.
import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

export const headcounts = pgTable(
  'headcounts',
  {
    orgId: uuid('org_id').notNull(),
    /** 'department' (key: the department's name) or 'manager' (key: the manager's employee id as text). */
    kind: text('kind').$type<'department' | 'manager'>().notNull(),
    key: text('key').notNull(),
    people: integer('people').notNull(),
    /** A manager's row: the manager's name now (migration 0025), so the analytics need not look each one up. */
    label: text('label'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.key] })],
);
