// The last answer of each organisation-wide analytics view (the overview, consistency by manager or department),
// kept so that HR's repeated reads cost one row instead of an aggregate over every plan. A statement-level trigger
// removes an organisation's answers whenever its plans' summaries, its directory or its risk flags change
// (migration 0024_analytics-snapshots), so a stored answer is never older than the data it was computed from by
// more than the view's maximum age (ANALYTICS_MAX_AGE_SECONDS, for figures that move with the clock alone).
import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const analyticsSnapshots = pgTable(
  'analytics_snapshots',
  {
    orgId: uuid('org_id').notNull(),
    /** 'overview', or 'consistency:manager' / 'consistency:department' (every group) with ':first-200' (a page). */
    view: text('view').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'string' }).notNull(),
    body: jsonb('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.view] })],
);
