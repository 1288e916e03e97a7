// The success-criteria checklist: its wording is plan content, ticking it is progress (who ticked, when).
import { and, eq, max } from 'drizzle-orm';
import { successCriteria } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

export async function addSuccessCriterion(ctx: ServiceContext, planId: string, text: string) {
  const result = await writePlan(
    ctx,
    planId,
    { action: 'plan.update', auditAction: 'success_criterion.added', entityType: 'success_criterion' },
    async (tx, plan) => {
      const [{ value }] = await tx
        .select({ value: max(successCriteria.position) })
        .from(successCriteria)
        .where(and(eq(successCriteria.orgId, plan.orgId), eq(successCriteria.planId, planId)));
      const [row] = await tx
        .insert(successCriteria)
        .values({ orgId: plan.orgId, planId, position: (value ?? -1) + 1, text })
        .returning({ id: successCriteria.id });
      return row.id;
    },
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
      const updated = await tx
        .update(successCriteria)
        .set({ ...(input.text === undefined ? {} : { text: input.text }), ...tick })
        .where(
          and(
            eq(successCriteria.orgId, plan.orgId),
            eq(successCriteria.planId, planId),
            eq(successCriteria.id, criterionId),
          ),
        )
        .returning({ id: successCriteria.id });
      if (!updated.length) throw notFound('Success criterion');
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
      const removed = await tx
        .delete(successCriteria)
        .where(
          and(
            eq(successCriteria.orgId, plan.orgId),
            eq(successCriteria.planId, planId),
            eq(successCriteria.id, criterionId),
          ),
        )
        .returning({ id: successCriteria.id });
      if (!removed.length) throw notFound('Success criterion');
      return criterionId;
    },
  );
}
