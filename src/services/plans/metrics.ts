// Metrics of a plan (baseline, target, direction) and their measurements; the metric row writers that
// adjustments share with the direct endpoints.
import { and, eq, inArray, max } from 'drizzle-orm';
import type { MetricInput } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import { focusAreas, measurements, metrics } from '../../db/schema/index.ts';
import type { PlanChangeAction } from '../../domain/audit/events.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { checkMeasurementDate, checkMetric } from '../../domain/plan/sections.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

const spec = (auditAction: PlanChangeAction) => ({
  action: 'plan.update' as const,
  auditAction,
  entityType: 'metric',
});

/** The ids of this plan's focus areas: a metric may measure only one of them. */
async function focusAreaIdsOf(tx: Tx, plan: PlanRow): Promise<string[]> {
  const rows = await tx
    .select({ id: focusAreas.id })
    .from(focusAreas)
    .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id)));
  return rows.map((r) => r.id);
}

/** Adds a metric at the end, checked by the one metric rule (a real target, a focus area of this plan). */
export async function insertMetric(tx: Tx, plan: PlanRow, input: MetricInput, path: string): Promise<string> {
  checkMetric(input, await focusAreaIdsOf(tx, plan), path);
  const [{ value }] = await tx
    .select({ value: max(metrics.position) })
    .from(metrics)
    .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, plan.id)));
  const [row] = await tx
    .insert(metrics)
    .values({
      orgId: plan.orgId,
      planId: plan.id,
      position: (value ?? -1) + 1,
      ...input,
      focusAreaId: input.focusAreaId ?? null,
    })
    .returning({ id: metrics.id });
  return row.id;
}

/** Edits a metric of this plan, checked as a whole after the edit; false when the plan has no such metric. */
export async function patchMetric(
  tx: Tx,
  plan: PlanRow,
  metricId: string,
  input: Partial<MetricInput>,
  path: string,
): Promise<boolean> {
  const scope = and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, plan.id), eq(metrics.id, metricId));
  const [existing] = await tx.select().from(metrics).where(scope);
  if (!existing) return false;
  checkMetric(
    {
      baseline: input.baseline ?? existing.baseline,
      target: input.target ?? existing.target,
      focusAreaId: input.focusAreaId,
    },
    await focusAreaIdsOf(tx, plan),
    path,
  );
  if (Object.keys(input).length) await tx.update(metrics).set(input).where(scope);
  return true;
}

/** Removes a metric of this plan with its measurements; false when the plan has no such metric. */
export async function deleteMetric(tx: Tx, plan: PlanRow, metricId: string): Promise<boolean> {
  const removed = await tx
    .delete(metrics)
    .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, plan.id), eq(metrics.id, metricId)))
    .returning({ id: metrics.id });
  return removed.length > 0;
}

export async function addMetric(ctx: ServiceContext, planId: string, input: MetricInput) {
  const result = await writePlan(ctx, planId, spec('metric.added'), (tx, plan) =>
    insertMetric(tx, plan, input, 'body'),
  );
  return result.plan.metrics.find((m) => m.id === result.entityId)!;
}

export async function updateMetric(
  ctx: ServiceContext,
  planId: string,
  metricId: string,
  input: Partial<MetricInput>,
) {
  const result = await writePlan(
    ctx,
    planId,
    { ...spec('metric.updated'), target: { kind: 'metric', id: metricId } },
    async (tx, plan) => {
      if (!(await patchMetric(tx, plan, metricId, input, 'body'))) throw notFound('Metric');
      return metricId;
    },
  );
  return result.plan.metrics.find((m) => m.id === metricId)!;
}

export async function removeMetric(ctx: ServiceContext, planId: string, metricId: string) {
  await writePlan(
    ctx,
    planId,
    { ...spec('metric.removed'), target: { kind: 'metric', id: metricId } },
    async (tx, plan) => {
      if (!(await deleteMetric(tx, plan, metricId))) throw notFound('Metric');
      return metricId;
    },
  );
}

export type MeasurementInput = { date: string; value: number; source?: string | null; note?: string | null };

/** Records one or many measurements of a metric; a paused or finished plan takes none. */
export async function recordMeasurements(
  ctx: ServiceContext,
  planId: string,
  metricId: string,
  items: MeasurementInput[],
) {
  const result = await writePlan(
    ctx,
    planId,
    {
      action: 'plan.record_progress',
      auditAction: 'measurement.recorded',
      entityType: 'metric',
      isProgress: true,
    },
    async (tx, plan) => {
      if (plan.status === 'paused')
        throw conflict('The plan is paused: it accepts no measurements until resumed', ['resume']);
      const [metric] = await tx
        .select({ id: metrics.id })
        .from(metrics)
        .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, planId), eq(metrics.id, metricId)));
      if (!metric) throw notFound('Metric');
      for (const [i, item] of items.entries()) {
        checkMeasurementDate(item.date, plan, `body/${items.length > 1 ? `items/${i}/` : ''}date`);
      }
      await tx.insert(measurements).values(
        items.map((item) => ({
          orgId: plan.orgId,
          planId,
          metricId,
          date: item.date,
          value: item.value,
          source: item.source ?? null,
          note: item.note ?? null,
          recordedByUserId: ctx.actor.userId,
          createdAt: ctx.deps.now().toISOString(),
        })),
      );
      return metricId;
    },
  );
  return result.plan.metrics.find((m) => m.id === metricId)!;
}

export async function removeMeasurement(
  ctx: ServiceContext,
  planId: string,
  metricId: string,
  measurementId: string,
) {
  await writePlan(
    ctx,
    planId,
    {
      action: 'plan.record_progress',
      auditAction: 'measurement.removed',
      entityType: 'metric',
      isProgress: true,
    },
    async (tx, plan) => {
      const removed = await tx
        .delete(measurements)
        .where(
          and(
            eq(measurements.orgId, plan.orgId),
            eq(measurements.planId, planId),
            eq(measurements.metricId, metricId),
            inArray(measurements.id, [measurementId]),
          ),
        )
        .returning({ id: measurements.id });
      if (!removed.length) throw notFound('Measurement');
      return metricId;
    },
  );
}
