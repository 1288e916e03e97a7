// Metrics of a plan (baseline, target, direction) and their measurements.
import { and, eq, inArray, max } from 'drizzle-orm';
import type { MetricInput } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import { focusAreas, measurements, metrics } from '../../db/schema/index.ts';
import { conflict, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import type { ServiceContext } from '../context.ts';
import { writePlan } from './write-plan.ts';

const spec = (auditAction: string) => ({ action: 'plan.update' as const, auditAction, entityType: 'metric' });

async function checkFocusArea(tx: Tx, plan: PlanRow, focusAreaId: string | null | undefined) {
  if (!focusAreaId) return;
  const [row] = await tx
    .select({ id: focusAreas.id })
    .from(focusAreas)
    .where(
      and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id), eq(focusAreas.id, focusAreaId)),
    );
  if (!row) throw invalidField('body/focusAreaId', 'no focus area of this plan has this id');
}

const sameTarget = () =>
  invalidField('body/target', 'must differ from the baseline, or there is nothing to improve');

export async function addMetric(ctx: ServiceContext, planId: string, input: MetricInput) {
  if (input.baseline === input.target) throw sameTarget();
  const result = await writePlan(ctx, planId, spec('metric.added'), async (tx, plan) => {
    await checkFocusArea(tx, plan, input.focusAreaId);
    const [{ value }] = await tx
      .select({ value: max(metrics.position) })
      .from(metrics)
      .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, planId)));
    const [row] = await tx
      .insert(metrics)
      .values({
        orgId: plan.orgId,
        planId,
        position: (value ?? -1) + 1,
        ...input,
        focusAreaId: input.focusAreaId ?? null,
      })
      .returning({ id: metrics.id });
    return row.id;
  });
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
      const [existing] = await tx
        .select()
        .from(metrics)
        .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, planId), eq(metrics.id, metricId)));
      if (!existing) throw notFound('Metric');
      if ((input.baseline ?? existing.baseline) === (input.target ?? existing.target)) throw sameTarget();
      await checkFocusArea(tx, plan, input.focusAreaId);
      await tx.update(metrics).set(input).where(eq(metrics.id, metricId));
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
      const removed = await tx
        .delete(metrics)
        .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, planId), eq(metrics.id, metricId)))
        .returning({ id: metrics.id });
      if (!removed.length) throw notFound('Metric');
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
        if (item.date > plan.endDate) {
          throw invalidField(
            `body/${items.length > 1 ? `items/${i}/` : ''}date`,
            `must be on or before the plan's end (${plan.endDate})`,
          );
        }
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
