// Loads a plan with all its rows in a fixed number of queries, whatever the plan's size.
import { and, eq, SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { PlanAggregate, PlanRow } from '../../domain/plan/aggregate.ts';
import type { Executor } from '../client.ts';
import { decodeRow, decodeRows, jsonRow, jsonRows, x } from '../json-rows.ts';
import { preparedStatement } from '../prepared.ts';
import {
  activities,
  appeals,
  approvals,
  contacts,
  employees,
  expenses,
  focusAreas,
  measurements,
  metrics,
  organizationStamps,
  organizations,
  planResponses,
  planStamps,
  plans,
  signatures,
  successCriteria,
  users,
} from '../schema/index.ts';

export async function findPlanRow(
  db: Executor,
  orgId: string,
  planId: string,
  isLocking = false,
): Promise<PlanRow | null> {
  const query = db
    .select()
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.id, planId)));
  const [row] = isLocking ? await query.for('update') : await query;
  return (row as PlanRow | undefined) ?? null;
}

/** The organisation's time zone, read with the plan (the plan's dates are days in that zone). */
export type PlanAggregateWithZone = {
  aggregate: PlanAggregate;
  timezone: string;
  /** What the plan was read at: its stamp and its organisation's. */
  stamps: PlanStamps;
};

/**
 * A plan's stamp and its organisation's (migration 0027): both unchanged means every row its answer reads is too.
 * An organisation whose people and time zone never changed has no stamp yet: 0.
 */
export type PlanStamps = { plan: number | null; organization: number };

/**
 * The plan and every row of it in one statement, whatever the plan's size: each section comes back as a
 * JSON array, decoded into what a select of its table gives. Locks nothing; a write locks the plan row first.
 */
export async function loadPlanAggregate(
  db: Executor,
  orgId: string,
  planId: string,
): Promise<PlanAggregate | null> {
  return (await loadPlanAggregateWithZone(db, orgId, planId))?.aggregate ?? null;
}

export async function loadPlanAggregateWithZone(
  db: Executor,
  orgId: string,
  planId: string,
): Promise<PlanAggregateWithZone | null> {
  const [row] = await aggregateStatement.execute(db, { orgId, planId });
  return row ? aggregateOf(row) : null;
}

const timezoneOf = (row: Record<string, unknown>): string => (row.timezone as string | null) ?? 'UTC';

function aggregateOf(row: Record<string, unknown>): PlanAggregateWithZone | null {
  const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
  const planJson = json(row.plan) as Record<string, unknown> | null;
  if (!planJson) return null;
  const plan = decodeRow(plans, planJson) as PlanRow;
  const areaRows = decodeRows(focusAreas, row.focus_areas);
  const metricRows = decodeRows(metrics, row.metrics);
  const measurementRows = decodeRows(measurements, row.measurements);
  const activityRows = decodeRows(activities, row.activities);
  const criteriaRows = decodeRows(successCriteria, row.success_criteria);
  const contactRows = decodeRows(contacts, row.contacts);
  const expenseRows = decodeRows(expenses, row.expenses);
  const approvalRows = decodeRows(approvals, row.approvals);
  const signatureRows = decodeRows(signatures, row.signatures);
  const responseRows = decodeRows(planResponses, row.responses);
  const appealRows = decodeRows(appeals, row.appeals);
  const peopleRows = json(row.people) as PlanAggregate['people'];
  const aggregate: PlanAggregate = {
    plan,
    focusAreas: areaRows,
    metrics: metricRows,
    measurements: measurementRows,
    activities: activityRows,
    successCriteria: criteriaRows,
    contacts: contactRows,
    expenses: expenseRows,
    approvals: approvalRows,
    signatures: signatureRows,
    responses: responseRows.map((r) => ({
      id: r.id,
      authorUserId: r.authorUserId,
      context: r.context,
      text: r.text,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    appeals: appealRows.map(({ orgId: _o, planId: _p, ...a }) => ({
      ...a,
      createdAt: new Date(a.createdAt).toISOString(),
      decidedAt: a.decidedAt ? new Date(a.decidedAt).toISOString() : null,
    })),
    people: peopleRows,
  };
  return { aggregate, timezone: timezoneOf(row), stamps: stampsOf(row) };
}

/** A plan's stamps as they are now, without the plan, in one statement. */
export async function readPlanStamps(db: Executor, orgId: string, planId: string): Promise<PlanStamps> {
  const [row] = await stampsStatement.execute(db, { orgId, planId });
  return stampsOf(row ?? {});
}

const stampsStatement = preparedStatement<{ orgId: string; planId: string }>(
  'mejora_plan_stamps',
  () => sql`select ${stampColumns(sql.placeholder('orgId'), sql.placeholder('planId'))}`,
);

/** The plan's stamp and its organisation's as the columns `plan_stamp` and `organization_stamp`. */
const stampColumns = (orgId: SQLWrapper, planId: SQLWrapper): SQL =>
  sql`(select s.stamp from ${planStamps} s where s.org_id = ${orgId}::uuid and s.plan_id = ${planId}::uuid)
      as plan_stamp,
    (select s.stamp from ${organizationStamps} s where s.org_id = ${orgId}::uuid) as organization_stamp`;

const stampsOf = (row: Record<string, unknown>): PlanStamps => ({
  plan: row.plan_stamp === null || row.plan_stamp === undefined ? null : Number(row.plan_stamp),
  organization: Number(row.organization_stamp ?? 0),
});

/** The aggregate's statement, built once: the same text every time, so PostgreSQL keeps it prepared. */
const aggregateStatement = preparedStatement<{ orgId: string; planId: string }>('mejora_plan_aggregate', () =>
  aggregateSql(),
);

/** The plan and its sections as columns, each a JSON array; with its stamps, read in the same snapshot. */
function aggregateSql(): SQL {
  const orgId = sql.placeholder('orgId');
  const planId = sql.placeholder('planId');
  const ofPlan = (t: { orgId: PgColumn; planId: PgColumn }) =>
    sql`${x(t.orgId)} = ${orgId} and ${x(t.planId)} = ${planId}`;
  const rows = (section: PgTable & { orgId: PgColumn; planId: PgColumn }, ...orderBy: (PgColumn | SQL)[]) =>
    jsonRows(
      section,
      ofPlan(section),
      orderBy.map((key) => (key instanceof SQL ? key : x(key))),
    );
  // Signatures made at the same instant (one person signing for several roles in a meeting, or a test's clock) are
  // listed in the order the plan asks for them; the primary key is no guide (an id is random).
  const signatureOrder = sql`case ${x(signatures.role)} when 'employee' then 0 when 'manager' then 1 else 2 end`;
  // Everyone the plan names: its people, who ticked a criterion, who approved.
  const people = sql`(select coalesce(json_agg(t), '[]'::json) from (
      select u.id as "userId", u.name, u.email, e.job_title as "jobTitle"
      from ${users} u left join ${employees} e on e.user_id = u.id and e.org_id = u.org_id
      where u.org_id = ${orgId} and u.id in (
        select unnest(array[p.manager_user_id, p.hr_rep_user_id, p.mentor_user_id, p.created_by_user_id, p.employee_user_id])
          from ${plans} p where p.org_id = ${orgId} and p.id = ${planId}
        union select c.checked_by_user_id from ${successCriteria} c where c.org_id = ${orgId} and c.plan_id = ${planId}
        union select a.user_id from ${approvals} a where a.org_id = ${orgId} and a.plan_id = ${planId})
    ) as t)`;
  return sql`select
      ${jsonRow(plans, sql`${x(plans.orgId)} = ${orgId} and ${x(plans.id)} = ${planId}`)} as plan,
      ${rows(focusAreas, focusAreas.position)} as focus_areas,
      ${rows(metrics, metrics.position)} as metrics,
      ${rows(measurements, measurements.date, measurements.createdAt)} as measurements,
      ${rows(activities, activities.position)} as activities,
      ${rows(successCriteria, successCriteria.position)} as success_criteria,
      ${rows(contacts, contacts.position)} as contacts,
      ${rows(expenses, expenses.date)} as expenses,
      ${rows(approvals, approvals.createdAt)} as approvals,
      ${rows(signatures, signatures.signedAt, signatureOrder)} as signatures,
      ${rows(planResponses, planResponses.createdAt, planResponses.id)} as responses,
      ${rows(appeals, appeals.createdAt, appeals.id)} as appeals,
      ${people} as people,
      ${stampColumns(orgId, planId)},
      (select o.settings ->> 'timezone' from ${organizations} o where o.id = ${orgId}) as timezone`;
}
