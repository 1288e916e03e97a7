// The evidence HR sees before closing a plan: metrics against targets, check-ins held against scheduled, support
// delivered (activities done, mentor sessions held), and the employee's responses.
import { and, eq } from 'drizzle-orm';
import { checkIns } from '../../db/schema/index.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { evaluateMetric } from '../../domain/plan/metrics.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { loadVisiblePlan, requirePlan } from '../plans/plan-access.ts';
import { organizationTimezone } from '../plans/present-plan.ts';

export async function getOutcomeEvidence(ctx: ServiceContext, planId: string) {
  return inTransaction(ctx.deps, async (tx) => {
    await requirePlan(tx, ctx.actor, planId, 'plan.read_outcome_evidence');
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId);
    const { plan } = aggregate;
    const now = ctx.deps.now();
    const today = todayIn(await organizationTimezone(tx, plan.orgId), now);
    const span = { startDate: plan.startDate, endDate: plan.endDate };
    const metrics = aggregate.metrics.map((m) => {
      const points = aggregate.measurements.filter((x) => x.metricId === m.id);
      const evaluation = evaluateMetric({ ...m, measurements: points }, span, today);
      return {
        id: m.id,
        name: m.name,
        unit: m.unit,
        direction: m.direction,
        baseline: m.baseline,
        target: m.target,
        current: evaluation.current,
        progress: evaluation.progress,
        isMet: evaluation.isMet,
        measurementCount: points.length,
      };
    });
    const rows = await tx
      .select({ type: checkIns.type, status: checkIns.status, scheduledAt: checkIns.scheduledAt })
      .from(checkIns)
      .where(and(eq(checkIns.orgId, plan.orgId), eq(checkIns.planId, planId)));
    // Scheduled = every check-in that was due by now and not cancelled; held = those that took place.
    const due = rows.filter(
      (r) =>
        r.status !== 'cancelled' && (r.status !== 'scheduled' || Date.parse(r.scheduledAt) <= now.getTime()),
    );
    const count = (isMentor: boolean) => {
      const own = due.filter((r) => (r.type === 'mentor_session') === isMentor);
      return { held: own.filter((r) => r.status === 'held').length, scheduled: own.length };
    };
    await appendActorEvent(tx, ctx, {
      action: 'plan.outcome_evidence_viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
    });
    return {
      metrics,
      checkIns: count(false),
      mentorSessions: count(true),
      activities: {
        done: aggregate.activities.filter((a) => a.status === 'done').length,
        total: aggregate.activities.length,
      },
      responses: (aggregate.responses ?? []).map(({ authorUserId: _a, ...r }) => r),
    };
  });
}
