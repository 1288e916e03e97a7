// The success-criteria checklist: its wording is plan content, ticking it is progress (who ticked, when).
import { and, eq, max } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { successCriteria } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

/** Adds a criterion at the end of the checklist. */
export async function insertSuccessCriterion(tx: Tx, plan: PlanRow, text: string): Promise<string> {
  const [{ value }] = await tx
    .select({ value: max(successCriteria.position) })
    .from(successCriteria)
    .where(and(eq(successCriteria.orgId, plan.orgId), eq(successCriteria.planId, plan.id)));
  const [row] = await tx
    .insert(successCriteria)
    .values({ orgId: plan.orgId, planId: plan.id, position: (value ?? -1) + 1, text })
    .returning({ id: successCriteria.id });
  return row.id;
}

const criterionScope = (plan: PlanRow, criterionId: string) =>
  and(
    eq(successCriteria.orgId, plan.orgId),
    eq(successCriteria.planId, plan.id),
    eq(successCriteria.id, criterionId),
  );

/** Rewords and/or ticks a criterion of this plan; false when the plan has no such criterion. */
export async function patchSuccessCriterion(
  tx: Tx,
  plan: PlanRow,
  criterionId: string,
  fields: Partial<typeof successCriteria.$inferInsert>,
): Promise<boolean> {
  const scope = criterionScope(plan, criterionId);
  if (Object.keys(fields).length === 0) {
    return (await tx.select({ id: successCriteria.id }).from(successCriteria).where(scope)).length > 0;
  }
  const updated = await tx
    .update(successCriteria)
    .set(fields)
    .where(scope)
    .returning({ id: successCriteria.id });
  return updated.length > 0;
}

/** Removes a criterion of this plan; false when the plan has no such criterion. */
export async function deleteSuccessCriterion(tx: Tx, plan: PlanRow, criterionId: string): Promise<boolean> {
  const removed = await tx
    .delete(successCriteria)
    .where(criterionScope(plan, criterionId))
    .returning({ id: successCriteria.id });
  return removed.length > 0;
}

export async function addSuccessCriterion(ctx: ServiceContext, planId: string, text: string) {
  const result = await writePlan(
    ctx,
    planId,
    { action: 'plan.update', auditAction: 'success_criterion.added', entityType: 'success_criterion' },
    (tx, plan) => insertSuccessCriterion(tx, plan, text),
  );
  return result.plan.successCriteria.find((c) => c.id === result.entityId)!;
}

export async function updateSuccessCriterion(
  ctx: ServiceContext,
  planId: string,
  criterionId: string,
  input: { text?: string; isMet?: boolean },
) {
  const isTick = input.text === undefined;
  const result = await writePlan(
    ctx,
    planId,
    {
      action: isTick ? 'plan.record_progress' : 'plan.update',
      auditAction: isTick ? 'success_criterion.ticked' : 'success_criterion.updated',
      entityType: 'success_criterion',
      isProgress: isTick,
      target: { kind: 'successCriterion', id: criterionId },
    },
    async (tx, plan) => {
      const tick =
        input.isMet === undefined
          ? {}
          : input.isMet
            ? { isMet: true, checkedByUserId: ctx.actor.userId, checkedAt: ctx.deps.now().toISOString() }
            : { isMet: false, checkedByUserId: null, checkedAt: null };
      const text = input.text === undefined ? {} : { text: input.text };
      if (!(await patchSuccessCriterion(tx, plan, criterionId, { ...text, ...tick })))
        throw notFound('Success criterion');
      return criterionId;
    },
  );
  return result.plan.successCriteria.find((c) => c.id === criterionId)!;
}

export async function removeSuccessCriterion(ctx: ServiceContext, planId: string, criterionId: string) {
  await writePlan(
    ctx,
    planId,
    {
      action: 'plan.update',
      auditAction: 'success_criterion.removed',
      entityType: 'success_criterion',
      target: { kind: 'successCriterion', id: criterionId },
    },
    async (tx, plan) => {
      if (!(await deleteSuccessCriterion(tx, plan, criterionId))) throw notFound('Success criterion');
      return criterionId;
    },
  );
}
