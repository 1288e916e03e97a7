// Procedure around a plan: HR's acceptances of readiness warnings, the employee's responses, appeals.
import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AppealDecision } from '../../domain/plan/appeals.ts';
import { organisationKey, sameOrganisation } from './keys.ts';
import { plans } from './plans.ts';

/** HR accepted a readiness warning with a reason: it no longer blocks sending the plan. */
export const readinessAcceptances = pgTable(
  'readiness_acceptances',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    code: text('code').notNull(),
    reason: text('reason').notNull(),
    acceptedByUserId: uuid('accepted_by_user_id').notNull(),
    acceptedByName: text('accepted_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('readiness_acceptances_plan_idx').on(t.orgId, t.planId),
    organisationKey('readiness_acceptances_pkey', t),
    sameOrganisation('readiness_acceptances_plan_id_fkey', t, t.planId, plans),
  ],
);

/** The employee's written responses: append-only, kept as written. */
export const planResponses = pgTable(
  'plan_responses',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    context: text('context').$type<'signing' | 'refusal' | 'any_time'>().notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_responses_plan_idx').on(t.orgId, t.planId, t.createdAt),
    organisationKey('plan_responses_pkey', t),
    sameOrganisation('plan_responses_plan_id_fkey', t, t.planId, plans),
  ],
);

/** An appeal against a plan's outcome, decided by an HR person other than the one who decided the outcome. */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    appellantUserId: uuid('appellant_user_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<'open' | 'decided'>().notNull(),
    /** Who decided the outcome appealed against: never the one who decides the appeal. */
    outcomeDecidedByUserId: uuid('outcome_decided_by_user_id').notNull(),
    decision: text('decision').$type<AppealDecision>(),
    decisionReason: text('decision_reason'),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedByName: text('decided_by_name'),
    newOutcome: text('new_outcome').$type<'successful' | 'unsuccessful'>(),
    newEndDate: date('new_end_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('appeals_plan_idx').on(t.orgId, t.planId),
    organisationKey('appeals_pkey', t),
    sameOrganisation('appeals_plan_id_fkey', t, t.planId, plans),
  ],
);
