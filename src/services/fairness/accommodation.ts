// An accommodation request: recorded by the employee (or HR on their behalf), it pauses the plan and tells HR that
// a request waits, never what it says; HR's resolution resumes a plan paused for it.
import { and, eq } from 'drizzle-orm';
import type { PlanView } from '../../contracts/plans.ts';
import { plans } from '../../db/schema/index.ts';
import { conflict } from '../../domain/errors.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { AccommodationResolution, PlanProcedure } from '../../domain/plan/readiness.ts';
import { emptyProcedure } from '../../domain/plan/readiness.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { pauseFields, resumeFields } from '../lifecycle/transition-plan.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { loadVisiblePlan, requirePlan } from '../plans/plan-access.ts';
import { organizationTimezone, presentPlan } from '../plans/present-plan.ts';
import { hrOf, notifyPerson } from '../running/notify-person.ts';

/** What everyone who sees the plan's pause reason reads: nothing of the request itself. */
export const accommodationPauseReason = 'paused for an accommodation request';

const pausable = new Set(['active', 'awaiting_acknowledgment']);
const requestable = new Set(['draft', 'in_review', 'awaiting_acknowledgment', 'active', 'paused']);

export async function requestAccommodation(
  ctx: ServiceContext,
  planId: string,
  input: { details: string },
): Promise<PlanView> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    await requirePlan(tx, actor, planId, 'plan.request_accommodation', { isWrite: true });
    const aggregate = await loadVisiblePlan(tx, actor, planId, { isLocking: true });
    const { plan } = aggregate;
    if (!requestable.has(plan.status))
      throw conflict(`An accommodation request cannot be recorded on a plan that is ${plan.status}`, []);
    const procedure: PlanProcedure = plan.procedure ?? emptyProcedure;
    const current = procedure.accommodation;
    if (current?.status === 'requested' && !current.resolution)
      throw conflict('An accommodation request already waits for HR: HR resolves it first', []);
    const now = deps.now();
    const pausedFrom = pausable.has(plan.status)
      ? (plan.status as 'active' | 'awaiting_acknowledgment')
      : null;
    const accommodation = {
      status: 'requested' as const,
      details: input.details,
      pausedFrom,
      resolution: null,
    };
    await tx
      .update(plans)
      .set({
        procedure: { ...procedure, accommodation },
        ...(pausedFrom ? { ...pauseFields(now, accommodationPauseReason), status: 'paused' as const } : {}),
      })
      .where(and(eq(plans.orgId, plan.orgId), eq(plans.id, planId)));
    const committed = await commitPlanChange(tx, ctx, planId, {
      action: 'plan.accommodation_requested',
      entityType: 'plan',
      reason: null,
      isMajorAllowed: true,
      isSignatureNeutral: true,
      digest: {
        from: plan.status,
        to: pausedFrom ? 'paused' : plan.status,
        characters: input.details.length,
      },
    });
    // HR learns that a request waits and where: the request's words stay in Mejora.
    for (const userId of await hrOf(tx, plan)) {
      if (userId === actor.userId) continue;
      await notifyPerson(tx, committed.aggregate.plan, {
        userId,
        dedupeKey: `accommodation:${planId}:${now.toISOString()}`,
        kind: 'plan.accommodation_requested',
        params: {},
        at: now,
      });
    }
    const today = todayIn(await organizationTimezone(tx, actor.orgId), now);
    return presentPlan(actor, committed.aggregate, today);
  });
}

export async function resolveAccommodation(
  ctx: ServiceContext,
  planId: string,
  input: { decision: AccommodationResolution['decision']; note: string },
): Promise<PlanView> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    await requirePlan(tx, actor, planId, 'plan.resolve_accommodation', { isWrite: true });
    const aggregate = await loadVisiblePlan(tx, actor, planId, { isLocking: true });
    const { plan } = aggregate;
    const procedure: PlanProcedure = plan.procedure ?? emptyProcedure;
    const current = procedure.accommodation;
    if (current?.status !== 'requested' || current.resolution)
      throw conflict('No accommodation request waits on this plan', []);
    if (plan.status === 'closed' || plan.status === 'cancelled')
      throw conflict(`The plan is ${plan.status}: its accommodation request can no longer be resolved`, []);
    const now = deps.now();
    const today = todayIn(await organizationTimezone(tx, actor.orgId), now);
    // The plan resumes only when it is still paused for this request (not for another reason HR gave since).
    const isResuming =
      Boolean(current.pausedFrom) &&
      plan.status === 'paused' &&
      plan.pauseReason === accommodationPauseReason;
    const resumed = isResuming ? await resumeFields(tx, ctx, aggregate, today) : {};
    const resolution: AccommodationResolution = {
      decision: input.decision,
      note: input.note.trim(),
      decidedByName: actor.name,
      decidedAt: now.toISOString(),
    };
    await tx
      .update(plans)
      .set({
        procedure: { ...procedure, accommodation: { ...current, resolution } },
        ...resumed,
        ...(isResuming && current.pausedFrom ? { status: current.pausedFrom } : {}),
      })
      .where(and(eq(plans.orgId, plan.orgId), eq(plans.id, planId)));
    const committed = await commitPlanChange(tx, ctx, planId, {
      action: 'plan.accommodation_resolved',
      entityType: 'plan',
      reason: null,
      isMajorAllowed: true,
      isSignatureNeutral: true,
      digest: {
        decision: input.decision,
        from: plan.status,
        to: isResuming ? current.pausedFrom : plan.status,
      },
    });
    return presentPlan(actor, committed.aggregate, today);
  });
}
