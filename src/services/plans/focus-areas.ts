// Focus areas of a plan (issue + goal): add, edit, remove, reorder. The row writers below are the only ones:
// adjustments write through them too, so a section is checked the same way whichever path changes it.
import { and, eq, max } from 'drizzle-orm';
import type { FocusAreaInput } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import { focusAreas, metrics } from '../../db/schema/index.ts';
import type { PlanChangeAction } from '../../domain/audit/events.ts';
import { invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { checkDeadline } from '../../domain/plan/sections.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

const spec = (auditAction: PlanChangeAction) => ({
  action: 'plan.update' as const,
  auditAction,
  entityType: 'focus_area',
});

/** Adds a focus area at the end; its deadline must fall inside the plan (default: the plan's end). */
export async function insertFocusArea(
  tx: Tx,
  plan: PlanRow,
  input: FocusAreaInput & { title: string },
  path: string,
): Promise<string> {
  checkDeadline(input.deadline, plan, `${path}/deadline`);
  const [{ value }] = await tx
    .select({ value: max(focusAreas.position) })
    .from(focusAreas)
    .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id)));
  const [row] = await tx
    .insert(focusAreas)
    .values({
      orgId: plan.orgId,
      planId: plan.id,
      position: (value ?? -1) + 1,
      templateKey: null,
      title: input.title,
      goalTitle: input.goalTitle ?? input.title,
      issue: input.issue ?? '',
      impact: input.impact ?? '',
      examples: input.examples ?? [],
      requiredStandard: input.requiredStandard ?? '',
      goal: input.goal ?? '',
      measurement: input.measurement ?? '',
      deadline: input.deadline ?? plan.endDate,
      successCriteria: input.successCriteria ?? '',
    })
    .returning({ id: focusAreas.id });
  return row.id;
}

/** Edits a focus area of this plan; false when the plan has no such area. */
export async function patchFocusArea(
  tx: Tx,
  plan: PlanRow,
  areaId: string,
  input: FocusAreaInput,
  path: string,
): Promise<boolean> {
  checkDeadline(input.deadline, plan, `${path}/deadline`);
  const { position: _p, ...fields } = input;
  const scope = and(
    eq(focusAreas.orgId, plan.orgId),
    eq(focusAreas.planId, plan.id),
    eq(focusAreas.id, areaId),
  );
  if (Object.keys(fields).length === 0) {
    return (await tx.select({ id: focusAreas.id }).from(focusAreas).where(scope)).length > 0;
  }
  const updated = await tx.update(focusAreas).set(fields).where(scope).returning({ id: focusAreas.id });
  return updated.length > 0;
}

/**
 * Removes a focus area and the metrics that measure it (their measurements go with them): a removed area's
 * metrics are not tracked any more. Earlier versions keep both. False when the plan has no such area.
 */
export async function deleteFocusArea(tx: Tx, plan: PlanRow, areaId: string): Promise<boolean> {
  await tx
    .delete(metrics)
    .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, plan.id), eq(metrics.focusAreaId, areaId)));
  const removed = await tx
    .delete(focusAreas)
    .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id), eq(focusAreas.id, areaId)))
    .returning({ id: focusAreas.id });
  return removed.length > 0;
}

export async function addFocusArea(
  ctx: ServiceContext,
  planId: string,
  input: FocusAreaInput & { title: string },
) {
  const result = await writePlan(ctx, planId, spec('focus_area.added'), (tx, plan) =>
    insertFocusArea(tx, plan, input, 'body'),
  );
  return result.plan.focusAreas.find((a) => a.id === result.entityId)!;
}

export async function updateFocusArea(
  ctx: ServiceContext,
  planId: string,
  areaId: string,
  input: FocusAreaInput,
) {
  const result = await writePlan(
    ctx,
    planId,
    { ...spec('focus_area.updated'), target: { kind: 'focusArea', id: areaId } },
    async (tx, plan) => {
      if (!(await patchFocusArea(tx, plan, areaId, input, 'body'))) throw notFound('Focus area');
      return areaId;
    },
  );
  return result.plan.focusAreas.find((a) => a.id === areaId)!;
}

export async function removeFocusArea(ctx: ServiceContext, planId: string, areaId: string) {
  await writePlan(
    ctx,
    planId,
    { ...spec('focus_area.removed'), target: { kind: 'focusArea', id: areaId } },
    async (tx, plan) => {
      if (!(await deleteFocusArea(tx, plan, areaId))) throw notFound('Focus area');
      return areaId;
    },
  );
}

export async function reorderFocusAreas(ctx: ServiceContext, planId: string, ids: string[]) {
  const result = await writePlan(ctx, planId, spec('focus_area.reordered'), async (tx, plan) => {
    const rows = await tx
      .select({ id: focusAreas.id })
      .from(focusAreas)
      .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, planId)));
    const existing = new Set(rows.map((r) => r.id));
    if (
      ids.length !== existing.size ||
      new Set(ids).size !== ids.length ||
      !ids.every((id) => existing.has(id))
    ) {
      throw invalidField('body/ids', 'must list every focus area of the plan exactly once');
    }
    for (const [position, id] of ids.entries()) {
      await tx
        .update(focusAreas)
        .set({ position })
        .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.id, id)));
    }
    return null;
  });
  return result.plan.focusAreas;
}
