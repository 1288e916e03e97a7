// Loads a plan with all its rows in a fixed number of queries, whatever the plan's size.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PlanAggregate, PlanRow } from '../../domain/plan/aggregate.ts';
import type { Executor } from '../client.ts';
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
  planResponses,
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

/**
 * Runs the queries one after another: a transaction holds one connection, and node-postgres no longer
 * accepts overlapping queries on one client. Outside transactions callers pass isParallel to use the pool.
 */
async function inOrderOrParallel<T extends readonly (() => Promise<unknown>)[]>(
  thunks: T,
  isParallel: boolean,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (isParallel) return Promise.all(thunks.map((t) => t())) as never;
  const results: unknown[] = [];
  for (const thunk of thunks) results.push(await thunk());
  return results as never;
}

export async function loadPlanAggregate(
  db: Executor,
  orgId: string,
  planId: string,
  options: { isParallel?: boolean } = {},
): Promise<PlanAggregate | null> {
  const plan = await findPlanRow(db, orgId, planId);
  if (!plan) return null;
  const byPlan = <T extends { orgId: unknown; planId: unknown }>(t: T) =>
    and(eq(t.orgId as never, orgId), eq(t.planId as never, planId));
  const [
    areaRows,
    metricRows,
    measurementRows,
    activityRows,
    criteriaRows,
    contactRows,
    expenseRows,
    approvalRows,
    signatureRows,
    responseRows,
    appealRows,
  ] = await inOrderOrParallel(
    [
      () => db.select().from(focusAreas).where(byPlan(focusAreas)).orderBy(asc(focusAreas.position)),
      () => db.select().from(metrics).where(byPlan(metrics)).orderBy(asc(metrics.position)),
      () =>
        db
          .select()
          .from(measurements)
          .where(byPlan(measurements))
          .orderBy(asc(measurements.date), asc(measurements.createdAt)),
      () => db.select().from(activities).where(byPlan(activities)).orderBy(asc(activities.position)),
      () =>
        db
          .select()
          .from(successCriteria)
          .where(byPlan(successCriteria))
          .orderBy(asc(successCriteria.position)),
      () => db.select().from(contacts).where(byPlan(contacts)).orderBy(asc(contacts.position)),
      () => db.select().from(expenses).where(byPlan(expenses)).orderBy(asc(expenses.date)),
      () => db.select().from(approvals).where(byPlan(approvals)).orderBy(asc(approvals.createdAt)),
      () => db.select().from(signatures).where(byPlan(signatures)).orderBy(asc(signatures.signedAt)),
      () =>
        db
          .select()
          .from(planResponses)
          .where(byPlan(planResponses))
          .orderBy(asc(planResponses.createdAt), asc(planResponses.id)),
      () => db.select().from(appeals).where(byPlan(appeals)).orderBy(asc(appeals.createdAt)),
    ] as const,
    options.isParallel ?? false,
  );
  const userIds = new Set<string>(
    [
      plan.managerUserId,
      plan.hrRepUserId,
      plan.mentorUserId,
      plan.createdByUserId,
      plan.employeeUserId,
    ].filter((x): x is string => Boolean(x)),
  );
  for (const c of criteriaRows) if (c.checkedByUserId) userIds.add(c.checkedByUserId);
  for (const a of approvalRows) userIds.add(a.userId);
  const people = userIds.size
    ? await db
        .select({ userId: users.id, name: users.name, email: users.email, jobTitle: employees.jobTitle })
        .from(users)
        .leftJoin(employees, and(eq(employees.userId, users.id), eq(employees.orgId, users.orgId)))
        .where(and(eq(users.orgId, orgId), inArray(users.id, [...userIds])))
    : [];
  return {
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
    people,
  };
}
