// A plan and its sections: focus areas, metrics, measurements, activities, criteria, contacts, expenses.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { OutcomeRecommendation } from '../../domain/plan/closing.ts';
import type { PlanContent, PlanHeader, PlanOutcome } from '../../domain/plan/plan.ts';
import type { PlanProcedure } from '../../domain/plan/readiness.ts';
import { employees } from './employees.ts';
import { organisationKey, sameOrganisation } from './keys.ts';
import { users } from './organizations.ts';

export const planTemplates = pgTable(
  'plan_templates',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    name: text('name').notNull(),
    locale: text('locale').$type<'en' | 'es'>().notNull(),
    version: integer('version').notNull(),
    basedOn: text('based_on').notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_templates_org_idx').on(t.orgId), organisationKey('plan_templates_pkey', t)],
);

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    employeeId: uuid('employee_id').notNull(),
    status: text('status').notNull(),
    locale: text('locale').$type<'en' | 'es'>().notNull(),
    templateId: text('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    durationWeeks: integer('duration_weeks').notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    employeeUserId: uuid('employee_user_id'),
    managerUserId: uuid('manager_user_id'),
    hrRepUserId: uuid('hr_rep_user_id'),
    mentorUserId: uuid('mentor_user_id'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    header: jsonb('header').$type<PlanHeader>().notNull(),
    /**
     * What the plans list's search (`q=`) reads: the header's employee name, position and department joined by a
     * line break (which no search text contains), kept by the database so a search reads one plain text column
     * (trigram index in migration 0022 where pg_trgm exists) instead of taking three fields apart per plan.
     */
    searchText: text('search_text').generatedAlwaysAs(
      sql`coalesce(header->>'employeeName', '') || E'\\n' || coalesce(header->>'position', '') || E'\\n' || coalesce(header->>'department', '')`,
    ),
    content: jsonb('content').$type<PlanContent>().notNull(),
    version: integer('version').notNull().default(1),
    approvalRound: integer('approval_round').notNull().default(1),
    /** The version of the last major change: signatures of earlier versions no longer count. */
    majorVersion: integer('major_version').notNull().default(1),
    /** Days the plan spent paused; resuming shifts the remaining schedule by them. */
    pausedDays: integer('paused_days').notNull().default(0),
    pausedAt: timestamp('paused_at', { withTimezone: true, mode: 'string' }),
    pauseReason: text('pause_reason'),
    outcome: jsonb('outcome').$type<PlanOutcome>(),
    /** The manager's recommended outcome while the plan runs; HR decides when closing. */
    outcomeRecommendation: jsonb('outcome_recommendation').$type<OutcomeRecommendation>(),
    /** The prior conversation, preferred language, accommodation and no-mentor reason; null: nothing recorded. */
    procedure: jsonb('procedure').$type<PlanProcedure>(),
    isAnonymised: boolean('is_anonymised').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('plans_org_created_idx').on(t.orgId, t.createdAt, t.id),
    index('plans_org_employee_idx').on(t.orgId, t.employeeId),
    index('plans_org_manager_idx').on(t.orgId, t.managerUserId),
    index('plans_org_status_idx').on(t.orgId, t.status),
    // The plans list's filters, each in the list's order (newest first).
    index('plans_org_status_created_idx').on(t.orgId, t.status, t.createdAt, t.id),
    index('plans_org_manager_created_idx').on(t.orgId, t.managerUserId, t.createdAt, t.id),
    index('plans_org_department_created_idx').on(
      t.orgId,
      sql`(${t.header}->>'department')`,
      t.createdAt,
      t.id,
    ),
    // HR representatives' analytics and lists.
    index('plans_org_hr_rep_idx').on(t.orgId, t.hrRepUserId),
    organisationKey('plans_pkey', t),
    sameOrganisation('plans_employee_id_fkey', t, t.employeeId, employees),
    sameOrganisation('plans_employee_user_id_fkey', t, t.employeeUserId, users),
    sameOrganisation('plans_manager_user_id_fkey', t, t.managerUserId, users),
    sameOrganisation('plans_hr_rep_user_id_fkey', t, t.hrRepUserId, users),
    sameOrganisation('plans_mentor_user_id_fkey', t, t.mentorUserId, users),
  ],
);

export type DatedExample = { date: string | null; text: string };

export const focusAreas = pgTable(
  'focus_areas',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    templateKey: text('template_key'),
    title: text('title').notNull(),
    goalTitle: text('goal_title').notNull(),
    issue: text('issue').notNull(),
    impact: text('impact').notNull(),
    examples: jsonb('examples').$type<DatedExample[]>().notNull(),
    requiredStandard: text('required_standard').notNull(),
    goal: text('goal').notNull(),
    measurement: text('measurement').notNull(),
    deadline: date('deadline', { mode: 'string' }),
    successCriteria: text('success_criteria').notNull(),
  },
  (t) => [
    index('focus_areas_plan_idx').on(t.orgId, t.planId),
    organisationKey('focus_areas_pkey', t),
    sameOrganisation('focus_areas_plan_id_fkey', t, t.planId, plans),
  ],
);

export const metrics = pgTable(
  'metrics',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    planId: uuid('plan_id').notNull(),
    focusAreaId: uuid('focus_area_id'),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction').$type<'higher' | 'lower'>().notNull(),
    baseline: doublePrecision('baseline').notNull(),
    target: doublePrecision('target').notNull(),
  },
  (t) => [
    index('metrics_plan_idx').on(t.orgId, t.planId),
    // Analytics: which focus areas have a metric.
    index('metrics_focus_area_idx').on(t.orgId, t.focusAreaId),
    organisationKey('metrics_pkey', t),
    sameOrganisation('metrics_plan_id_fkey', t, t.planId, plans),
    sameOrganisation('metrics_focus_area_id_fkey', t, t.focusAreaId, focusAreas).onDelete('set null'),
  ],
);

export const measurements = pgTable(
  'measurements',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    metricId: uuid('metric_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    value: doublePrecision('value').notNull(),
    source: text('source'),
    note: text('note'),
    recordedByUserId: uuid('recorded_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('measurements_plan_idx').on(t.orgId, t.planId, t.date),
    organisationKey('measurements_pkey', t),
    sameOrganisation('measurements_metric_id_fkey', t, t.metricId, metrics).onDelete('cascade'),
  ],
);

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    groupKey: text('group_key').$type<'technical' | 'soft_skills' | 'professional'>().notNull(),
    section: text('section').notNull(),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status').$type<'todo' | 'in_progress' | 'done'>().notNull().default('todo'),
    evidence: text('evidence'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('activities_plan_idx').on(t.orgId, t.planId),
    organisationKey('activities_pkey', t),
    sameOrganisation('activities_plan_id_fkey', t, t.planId, plans),
  ],
);

export const successCriteria = pgTable(
  'success_criteria',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    planId: uuid('plan_id').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    isMet: boolean('is_met').notNull().default(false),
    checkedByUserId: uuid('checked_by_user_id'),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('success_criteria_plan_idx').on(t.orgId, t.planId),
    organisationKey('success_criteria_pkey', t),
    sameOrganisation('success_criteria_plan_id_fkey', t, t.planId, plans),
  ],
);

/** Contacts and resource links; plan_id null = the organisation's defaults. */
export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    planId: uuid('plan_id'),
    kind: text('kind').$type<'contact' | 'resource'>().notNull(),
    key: text('key'),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    location: text('location'),
    url: text('url'),
    instructions: text('instructions'),
  },
  (t) => [
    index('contacts_plan_idx').on(t.orgId, t.planId),
    organisationKey('contacts_pkey', t),
    sameOrganisation('contacts_plan_id_fkey', t, t.planId, plans),
  ],
);

export const expenses = pgTable(
  'expenses',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    amount: doublePrecision('amount').notNull(),
  },
  (t) => [
    index('expenses_plan_idx').on(t.orgId, t.planId),
    organisationKey('expenses_pkey', t),
    sameOrganisation('expenses_plan_id_fkey', t, t.planId, plans),
  ],
);

export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    documentHash: text('document_hash').notNull(),
    /** Hash of the parts whose change needs HR approval and new signatures. */
    majorHash: text('major_hash').notNull(),
    reason: text('reason'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plan_versions_plan_version_idx').on(t.orgId, t.planId, t.version),
    organisationKey('plan_versions_pkey', t),
    sameOrganisation('plan_versions_plan_id_fkey', t, t.planId, plans),
  ],
);

export const approvals = pgTable(
  'approvals',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    round: integer('round').notNull(),
    role: text('role').$type<'manager' | 'hr'>().notNull(),
    userId: uuid('user_id').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('approvals_round_role_idx').on(t.orgId, t.planId, t.round, t.role),
    organisationKey('approvals_pkey', t),
    sameOrganisation('approvals_plan_id_fkey', t, t.planId, plans),
  ],
);

export const signatures = pgTable(
  'signatures',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    role: text('role').$type<'employee' | 'manager' | 'hr'>().notNull(),
    userId: uuid('user_id').notNull(),
    signerName: text('signer_name').notNull(),
    typedName: text('typed_name'),
    clauses: jsonb('clauses').$type<string[]>().notNull(),
    documentHash: text('document_hash').notNull(),
    isRefused: boolean('is_refused').notNull().default(false),
    response: text('response'),
    witnessUserId: uuid('witness_user_id'),
    witnessName: text('witness_name'),
    witnessStatement: text('witness_statement'),
    witnessedAt: timestamp('witnessed_at', { withTimezone: true, mode: 'string' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('signatures_plan_idx').on(t.orgId, t.planId),
    organisationKey('signatures_pkey', t),
    sameOrganisation('signatures_plan_id_fkey', t, t.planId, plans),
  ],
);

export const adjustments = pgTable(
  'adjustments',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    kind: text('kind').$type<'minor' | 'major' | 'pause'>().notNull(),
    status: text('status').$type<'pending' | 'approved' | 'rejected' | 'applied'>().notNull(),
    changes: jsonb('changes').$type<Record<string, unknown>>().notNull(),
    summary: jsonb('summary').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
    proposedByUserId: uuid('proposed_by_user_id').notNull(),
    decidedByUserId: uuid('decided_by_user_id'),
    decisionReason: text('decision_reason'),
    fromVersion: integer('from_version').notNull(),
    toVersion: integer('to_version'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('adjustments_plan_idx').on(t.orgId, t.planId),
    organisationKey('adjustments_pkey', t),
    sameOrganisation('adjustments_plan_id_fkey', t, t.planId, plans),
  ],
);

export const planComments = pgTable(
  'plan_comments',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    planId: uuid('plan_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    authorName: text('author_name').notNull(),
    kind: text('kind').$type<'comment' | 'response'>().notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_comments_plan_idx').on(t.orgId, t.planId),
    organisationKey('plan_comments_pkey', t),
    sameOrganisation('plan_comments_plan_id_fkey', t, t.planId, plans),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    planId: uuid('plan_id'),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt),
    organisationKey('notifications_pkey', t),
  ],
);
