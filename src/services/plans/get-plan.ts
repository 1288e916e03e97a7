// Reads a whole plan (every section, computed values included) and records the view in the audit trail.
import type { PlanView } from '../../contracts/plans.ts';
import { loadPlanAggregateWithZone } from '../../db/repositories/plan-repository.ts';
import { can } from '../../domain/access/policy.ts';
import { notFound } from '../../domain/errors.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { appendViewEvent } from '../audit/append-view-event.ts';
import type { ServiceContext } from '../context.ts';
import { canSee, factsOf } from './plan-access.ts';
import { presentMentorPlan, presentPlan } from './present-plan.ts';

export type PlanReadResult =
  | { kind: 'full'; plan: PlanView }
  | { kind: 'mentor'; plan: ReturnType<typeof presentMentorPlan> };

export async function getPlan(ctx: ServiceContext, planId: string): Promise<PlanReadResult> {
  const { deps, actor, meta } = ctx;
  // The plan, every section and the organisation's time zone in one statement; then the view is recorded.
  const loaded = await loadPlanAggregateWithZone(deps.database.db, actor.orgId, planId);
  if (!loaded || !canSee(actor, loaded.aggregate.plan)) throw notFound('Plan');
  const { aggregate, timezone } = loaded;
  const now = deps.now();
  const isFull = can(actor, 'plan.read', factsOf(aggregate.plan));
  const view = {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: isFull ? ('plan.viewed' as const) : ('plan.development_viewed' as const),
    entityType: 'plan',
    entityId: planId,
    planId,
    digest: { version: aggregate.plan.version },
  };
  // The view goes at the chain's head in one statement; views of the same plan arriving meanwhile share the next
  // commit (append-view-event.ts). The plan is answered once its view is recorded.
  await appendViewEvent(deps.database, meta, now, view);
  if (!isFull) return { kind: 'mentor', plan: presentMentorPlan(aggregate) };
  return { kind: 'full', plan: presentPlan(actor, aggregate, todayIn(timezone, now)) };
}
