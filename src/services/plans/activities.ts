// Development activities: the checklists of training, with status, due date and evidence.
import { and, eq, inArray, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { activityBody, activityCreateBody } from '../../contracts/plans.ts';
import { activities } from '../../db/schema/index.ts';
import { can } from '../../domain/access/policy.ts';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { factsOf } from './plan-access.ts';
import { writePlan } from './write-plan.ts';

type ActivityInput = z.infer<typeof activityBody>;

export async function addActivity(
  ctx: ServiceContext,
  planId: string,
  input: z.infer<typeof activityCreateBody>,
) {
  const result = await writePlan(
    ctx,
    planId,
    { action: 'plan.update', auditAction: 'activity.added', entityType: 'activity' },
    async (tx, plan) => {
      const [{ value }] = await tx
        .select({ value: max(activities.position) })
        .from(activities)
        .where(and(eq(activities.orgId, plan.orgId), eq(activities.planId, planId)));
      const [row] = await tx
        .insert(activities)
        .values({
          orgId: plan.orgId,
          planId,
          position: (value ?? -1) + 1,
          groupKey: input.groupKey,
          section: input.section,
          title: input.title,
          dueDate: input.dueDate ?? null,
          status: input.status ?? 'todo',
          evidence: input.evidence ?? null,
          completedAt: input.status === 'done' ? ctx.deps.now().toISOString() : null,
        })
        .returning({ id: activities.id });
      return row.id;
    },
  );
  return result.plan.activities.find((a) => a.id === result.entityId)!;
}

/** The employee ticks off training (status, evidence); editing what the activity is stays with manager and HR. */
export async function updateActivity(
  ctx: ServiceContext,
  planId: string,
  activityId: string,
  input: ActivityInput,
) {
  const isProgressOnly = Object.keys(input).every(
    (k) => k === 'status' || k === 'evidence' || k === 'dueDate',
  );
  const result = await writePlan(
    ctx,
    planId,
    {
      action: isProgressOnly ? 'plan.update_activity' : 'plan.update',
      auditAction: 'activity.updated',
      entityType: 'activity',
      isProgress: isProgressOnly,
      target: { kind: 'activity', id: activityId },
    },
    async (tx, plan) => {
      if (input.dueDate !== undefined && !can(ctx.actor, 'plan.update', factsOf(plan))) {
        throw new DomainError('forbidden', 'Only the manager or HR may change due dates');
      }
      const [existing] = await tx
        .select()
        .from(activities)
        .where(
          and(eq(activities.orgId, plan.orgId), eq(activities.planId, planId), eq(activities.id, activityId)),
        );
      if (!existing) throw notFound('Activity');
      const completedAt =
        input.status === undefined
          ? existing.completedAt
          : input.status === 'done'
            ? (existing.completedAt ?? ctx.deps.now().toISOString())
            : null;
      await tx
        .update(activities)
        .set({ ...input, completedAt })
        .where(eq(activities.id, activityId));
      return activityId;
    },
  );
  return result.plan.activities.find((a) => a.id === activityId)!;
}

export async function removeActivity(ctx: ServiceContext, planId: string, activityId: string) {
  await writePlan(
    ctx,
    planId,
    {
      action: 'plan.update',
      auditAction: 'activity.removed',
      entityType: 'activity',
      target: { kind: 'activity', id: activityId },
    },
    async (tx, plan) => {
      const removed = await tx
        .delete(activities)
        .where(
          and(eq(activities.orgId, plan.orgId), eq(activities.planId, planId), eq(activities.id, activityId)),
        )
        .returning({ id: activities.id });
      if (!removed.length) throw notFound('Activity');
      return activityId;
    },
  );
}

/** Removes several activities in one transaction and one version; an id not of the plan refuses them all. */
export async function removeActivities(ctx: ServiceContext, planId: string, ids: string[]) {
  await writePlan(
    ctx,
    planId,
    { action: 'plan.update', auditAction: 'activity.removed', entityType: 'activity' },
    async (tx, plan) => {
      const rows = await tx
        .select({ id: activities.id })
        .from(activities)
        .where(
          and(eq(activities.orgId, plan.orgId), eq(activities.planId, planId), inArray(activities.id, ids)),
        );
      const known = new Set(rows.map((row) => row.id));
      const errors = ids.flatMap((id, index) =>
        !known.has(id)
          ? [{ path: `body/ids/${index}`, message: 'no activity of this plan has this id' }]
          : ids.indexOf(id) !== index
            ? [{ path: `body/ids/${index}`, message: 'this activity is listed twice' }]
            : [],
      );
      if (errors.length) throw invalid(errors);
      await tx
        .delete(activities)
        .where(
          and(eq(activities.orgId, plan.orgId), eq(activities.planId, planId), inArray(activities.id, ids)),
        );
      return ids.length === 1 ? ids[0] : null;
    },
  );
}
