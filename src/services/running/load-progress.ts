// Gathers what progress is computed from: the plan's rows, its check-ins and its feedback.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import { checkIns, feedbackRequests } from '../../db/schema/index.ts';
import type { PlanAggregate, PlanRow } from '../../domain/plan/aggregate.ts';
import { computeProgress, type Progress } from '../../domain/plan/progress.ts';
import type { CheckInRow } from './present-check-in.ts';

export type PlanProgress = { aggregate: PlanAggregate; checkIns: CheckInRow[]; progress: Progress };

export async function loadProgress(
  db: Executor,
  plan: Pick<PlanRow, 'orgId' | 'id'>,
  now: Date,
  today: string,
): Promise<PlanProgress> {
  const aggregate = (await loadPlanAggregate(db, plan.orgId, plan.id))!;
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.orgId, plan.orgId), eq(checkIns.planId, plan.id)))
    .orderBy(asc(checkIns.scheduledAt));
  const feedback = await db
    .select({ usedAt: feedbackRequests.usedAt })
    .from(feedbackRequests)
    .where(and(eq(feedbackRequests.orgId, plan.orgId), eq(feedbackRequests.planId, plan.id)));
  const progress = computeProgress({
    today,
    now: now.toISOString(),
    plan: { startDate: aggregate.plan.startDate, endDate: aggregate.plan.endDate },
    focusAreas: aggregate.focusAreas.map((a) => ({ id: a.id, title: a.title, templateKey: a.templateKey })),
    metrics: aggregate.metrics.map((m) => ({
      ...m,
      measurements: aggregate.measurements
        .filter((x) => x.metricId === m.id)
        .map((x) => ({ date: x.date, value: x.value })),
    })),
    checkIns: rows.map((c) => ({
      id: c.id,
      type: c.type,
      status: c.status,
      scheduledAt: new Date(c.scheduledAt).toISOString(),
      originalScheduledAt: new Date(c.originalScheduledAt).toISOString(),
      ratings: c.ratings,
      overallRating: c.overallRating,
    })),
    activities: aggregate.activities,
    feedback: { requested: feedback.length, received: feedback.filter((f) => f.usedAt).length },
  });
  return { aggregate, checkIns: rows, progress };
}
