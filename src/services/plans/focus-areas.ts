// Focus areas of a plan (issue + goal): add, edit, remove, reorder.
import { and, eq, max } from 'drizzle-orm';
import type { FocusAreaInput } from '../../contracts/plans.ts';
import { focusAreas } from '../../db/schema/index.ts';
import { invalidField, notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

const spec = (auditAction: string) => ({
  action: 'plan.update' as const,
  auditAction,
  entityType: 'focus_area',
});

function checkDeadline(deadline: string | null | undefined, plan: { startDate: string; endDate: string }) {
  if (deadline && (deadline < plan.startDate || deadline > plan.endDate)) {
    throw invalidField('body/deadline', `must fall inside the plan (${plan.startDate} to ${plan.endDate})`);
  }
}

export async function addFocusArea(
  ctx: ServiceContext,
  planId: string,
  input: FocusAreaInput & { title: string },
) {
  const result = await writePlan(ctx, planId, spec('focus_area.added'), async (tx, plan) => {
    checkDeadline(input.deadline, plan);
    const [{ value }] = await tx
      .select({ value: max(focusAreas.position) })
      .from(focusAreas)
      .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, planId)));
    const [row] = await tx
      .insert(focusAreas)
      .values({
        orgId: plan.orgId,
        planId,
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
  });
  return result.plan.focusAreas.find((a) => a.id === result.entityId)!;
}

export async function updateFocusArea(
  ctx: ServiceContext,
  planId: string,
  areaId: string,
  input: FocusAreaInput,
) {
  const result = await writePlan(ctx, planId, spec('focus_area.updated'), async (tx, plan) => {
    checkDeadline(input.deadline, plan);
    const { position: _p, ...fields } = input;
    const scope = and(
      eq(focusAreas.orgId, plan.orgId),
      eq(focusAreas.planId, planId),
      eq(focusAreas.id, areaId),
    );
    // The position is changed by reordering: a body with only a position changes nothing here.
    const updated = Object.keys(fields).length
      ? await tx.update(focusAreas).set(fields).where(scope).returning({ id: focusAreas.id })
      : await tx.select({ id: focusAreas.id }).from(focusAreas).where(scope);
    if (!updated.length) throw notFound('Focus area');
    return areaId;
  });
  return result.plan.focusAreas.find((a) => a.id === areaId)!;
}

export async function removeFocusArea(ctx: ServiceContext, planId: string, areaId: string) {
  await writePlan(ctx, planId, spec('focus_area.removed'), async (tx, plan) => {
    const removed = await tx
      .delete(focusAreas)
      .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, planId), eq(focusAreas.id, areaId)))
      .returning({ id: focusAreas.id });
    if (!removed.length) throw notFound('Focus area');
    return areaId;
  });
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
