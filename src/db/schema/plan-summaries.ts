// One row per plan with what the plans list and HR analytics read about it: who, when, status, outcome, and the
// facts its progress, risk, check-ins and support are computed from. The database keeps each row in step with
// the plan's own rows in the same transaction as the write (triggers in migration 0018_plan-summaries).
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const planSummaries = pgTable(
  'plan_summaries',
  {
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    status: text('status').notNull(),
    /** The status's place in the lifecycle (draft first): the list's status order. */
    statusRank: integer('status_rank').notNull(),
    employeeId: uuid('employee_id').notNull(),
    employeeName: text('employee_name').notNull(),
    department: text('department').notNull(),
    /** '' when the plan names no manager, so that it sorts first. */
    managerName: text('manager_name').notNull(),
    employeeUserId: uuid('employee_user_id'),
    managerUserId: uuid('manager_user_id'),
    hrRepUserId: uuid('hr_rep_user_id'),
    mentorUserId: uuid('mentor_user_id'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    durationWeeks: integer('duration_weeks').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    /** successful or unsuccessful for a closed plan, cancelled for a cancelled one, else null. */
    outcome: text('outcome'),
    /** Mean progress of the plan's metrics in percent; null without metrics. */
    progress: integer('progress'),
    hasLinkedMetric: boolean('has_linked_metric').notNull(),
    /** The lowest progress (0–1) among metrics linked to a focus area and not yet met; null: none. */
    unmetMinProgress: numeric('unmet_min_progress'),
    /** The worst latest rating of its focus areas: 0 on track, 1 at risk, 2 off track; null: none rated. */
    ratingRank: integer('rating_rank'),
    /** The earliest due date of open activities serving one of its focus areas. */
    overdueFrom: date('overdue_from', { mode: 'string' }),
    checkInsHeld: integer('check_ins_held').notNull(),
    checkInsMissed: integer('check_ins_missed').notNull(),
    mentorSessionsHeld: integer('mentor_sessions_held').notNull(),
    mentorSessionsMissed: integer('mentor_sessions_missed').notNull(),
    activitiesDone: integer('activities_done').notNull(),
    activitiesPlanned: integer('activities_planned').notNull(),
    /** Every focus area has a metric. */
    isMeasurable: boolean('is_measurable').notNull(),
    /** Every focus area has a dated example. */
    isDated: boolean('is_dated').notNull(),
    /** Days from sending for acknowledgment to the last of the three signatures; null until fully signed. */
    daysToFullSignature: doublePrecision('days_to_full_signature'),
    // The planned person as the directory has them now (kept in step by a trigger on employees, migration 0021):
    // the analytics count a plan in its person's current department and manager's group.
    /** The person is in the directory (not deactivated). */
    personIsActive: boolean('person_is_active').notNull().default(true),
    personDepartment: text('person_department'),
    /** The person's current manager (an employee id). */
    personManagerId: uuid('person_manager_id'),
    // What may wait on someone (the inbox's candidates and counts read these instead of each plan's rows).
    /** The manager's and HR's approvals of the current approval round. */
    isApprovedByManager: boolean('is_approved_by_manager').notNull().default(false),
    isApprovedByHr: boolean('is_approved_by_hr').notNull().default(false),
    /** Each role acted on the version that counts (for the employee, a refusal too). */
    isSignedByEmployee: boolean('is_signed_by_employee').notNull().default(false),
    isSignedByManager: boolean('is_signed_by_manager').notNull().default(false),
    isSignedByHr: boolean('is_signed_by_hr').notNull().default(false),
    /** Refusals on the version that counts that no HR person witnessed yet. */
    unwitnessedRefusals: integer('unwitnessed_refusals').notNull().default(0),
    pendingAdjustments: integer('pending_adjustments').notNull().default(0),
    /** The earliest check-in still scheduled (mentor sessions apart), and the earliest mentor session. */
    nextCheckInAt: timestamp('next_check_in_at', { withTimezone: true, mode: 'string' }),
    nextMentorSessionAt: timestamp('next_mentor_session_at', { withTimezone: true, mode: 'string' }),
    hasOutcomeRecommendation: boolean('has_outcome_recommendation').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId] }),
    // The plans list: one index per sort, each ending with the id that breaks ties.
    index('plan_summaries_end_idx').on(t.orgId, t.endDate, t.planId),
    index('plan_summaries_start_idx').on(t.orgId, t.startDate, t.planId),
    index('plan_summaries_employee_name_idx').on(t.orgId, t.employeeName, t.planId),
    index('plan_summaries_manager_name_idx').on(t.orgId, t.managerName, t.planId),
    index('plan_summaries_status_rank_idx').on(t.orgId, t.statusRank, t.planId),
    index('plan_summaries_progress_idx').on(t.orgId, sql`coalesce(${t.progress}, -1)`, t.planId),
    // Filters, in the list's default order (end date).
    index('plan_summaries_status_end_idx').on(t.orgId, t.status, t.endDate, t.planId),
    index('plan_summaries_department_end_idx').on(t.orgId, t.department, t.endDate, t.planId),
    index('plan_summaries_manager_idx').on(t.orgId, t.managerUserId),
    index('plan_summaries_hr_rep_idx').on(t.orgId, t.hrRepUserId),
    index('plan_summaries_employee_idx').on(t.orgId, t.employeeId),
  ],
);
