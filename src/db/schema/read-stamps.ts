// Stamps that say whether what a plan's answer was composed from has changed since: one per plan, moved by every
// statement that writes the plan or one of its sections, and one per organisation for what its plans' answers
// read outside them: the people plans name (names, e-mail addresses, job titles) and the organisation's time zone. Statement-level triggers move them inside the writing transaction
// (migration 0027_plan-answer-stamps), whichever path wrote: a service, a job, an import or the CLI. A server
// keeps a plan's composed answer while both stamps (and the day) are those it was composed at.
import { bigint, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';

export const planStamps = pgTable(
  'plan_stamps',
  {
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    stamp: bigint('stamp', { mode: 'number' }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.planId] })],
);

export const organizationStamps = pgTable('organization_stamps', {
  orgId: uuid('org_id').primaryKey(),
  stamp: bigint('stamp', { mode: 'number' }).notNull().default(1),
});
