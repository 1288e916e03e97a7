// Moves a plan through its lifecycle: submit, approve, reject, pause, resume, cancel, close.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { PlanView } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import {
  activities,
  adjustments,
  approvals,
  checkIns,
  focusAreas,
  notifications,
  plans,
} from '../../db/schema/index.ts';
import { can } from '../../domain/access/policy.ts';
import type { PlanChangeAction } from '../../domain/audit/events.ts';
import { conflict, invalid, invalidField } from '../../domain/errors.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';
import { closingProblems, isOverride, recommendationProblems } from '../../domain/plan/closing.ts';
import { addDays, daysBetween, todayIn } from '../../domain/plan/dates.ts';
import { allowedTransitions, type TransitionAction, transitions } from '../../domain/plan/lifecycle.ts';
import type { PlanOutcome } from '../../domain/plan/plan.ts';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { emptyRequiredFields } from '../../domain/plan/required-fields.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import { sealCheckpoint } from '../audit/seal-checkpoint.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { requireReady } from '../fairness/readiness.ts';
import { type NotificationKind, notifyParties } from '../notifications/notify-parties.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { factsOf, loadVisiblePlan } from '../plans/plan-access.ts';
import { organizationTimezone, presentPlan, readPlanAs, templatePrompts } from '../plans/present-plan.ts';
import { requirePlanUnchanged } from '../preconditions.ts';
import { sendCheckInInvitation } from '../running/check-in-invitations.ts';
import { hrOf } from '../running/notify-person.ts';

export type TransitionInput = {
  action: TransitionAction;
  reason?: string;
  comment?: string;
  outcome?: 'successful' | 'unsuccessful';
  summary?: string;
  overrideReason?: string;
  areaSummaries?: { focusAreaId: string; summary: string }[];
  completionSteps?: { text: string; isDone: boolean }[];
};

const pastTense: Record<TransitionAction, string> = {
  submit: 'submitted',
  approve: 'approved',
  reject: 'rejected',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'cancelled',
  close: 'closed',
  recommend: 'recommended an outcome for',
};

/** The audit event each transition writes (closing and recommending may write a more precise one). */
const transitionEvents: Record<TransitionAction, PlanChangeAction> = {
  submit: 'plan.submitted',
  approve: 'plan.approved',
  reject: 'plan.rejected',
  pause: 'plan.paused',
  resume: 'plan.resumed',
  cancel: 'plan.cancelled',
  close: 'plan.closed',
  recommend: 'plan.outcome_recommended',
};

const approvalState = (agg: PlanAggregate) => {
  const round = agg.approvals.filter((a) => a.round === agg.plan.approvalRound);
  return {
    hasManagerApproval: round.some((a) => a.role === 'manager'),
    hasHrApproval: round.some((a) => a.role === 'hr'),
  };
};

export async function transitionPlan(
  ctx: ServiceContext,
  planId: string,
  input: TransitionInput,
): Promise<PlanView> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId, { isLocking: true });
    const { plan } = aggregate;
    requirePlanUnchanged(ctx, plan);
    const allowed = allowedTransitions(actor, factsOf(plan), approvalState(aggregate));
    if (!allowed.includes(input.action)) {
      const reason = transitions[plan.status][input.action]
        ? `You may not ${input.action} this plan`
        : `A plan that is ${plan.status} cannot be ${pastTense[input.action]}`;
      throw conflict(`${reason}. Allowed now: ${allowed.join(', ') || 'nothing'}`, allowed, {
        planStatus: plan.status,
      });
    }
    const now = deps.now();
    const today = todayIn(await organizationTimezone(tx, actor.orgId), now);
    const requireReason = () => {
      if (!input.reason?.trim()) throw invalidField('body/reason', `a reason is required to ${input.action}`);
      return input.reason.trim();
    };
    let next = transitions[plan.status][input.action]!;
    let notification: NotificationKind | null;
    const set: Partial<typeof plans.$inferInsert> = {};
    let auditAction = transitionEvents[input.action];
    let auditReason = input.reason ?? null;
    let auditDigest: Record<string, unknown> = {};

    switch (input.action) {
      case 'submit': {
        checkComplete(readPlanAs(actor, aggregate, today));
        // The submitter's own approval counts for each role they hold on this plan.
        await recordApprovals(tx, ctx, aggregate, input.comment ?? null);
        const state = approvalState(await loadVisiblePlan(tx, ctx.actor, planId));
        if (state.hasManagerApproval && state.hasHrApproval) next = 'awaiting_acknowledgment';
        notification = next === 'awaiting_acknowledgment' ? 'plan.sent_for_acknowledgment' : 'plan.submitted';
        break;
      }
      case 'approve': {
        await recordApprovals(tx, ctx, aggregate, input.comment ?? null);
        const state = approvalState(await loadVisiblePlan(tx, ctx.actor, planId));
        next = state.hasManagerApproval && state.hasHrApproval ? 'awaiting_acknowledgment' : 'in_review';
        notification = next === 'awaiting_acknowledgment' ? 'plan.sent_for_acknowledgment' : 'plan.approved';
        break;
      }
      case 'reject':
        set.approvalRound = plan.approvalRound + 1;
        requireReason();
        notification = 'plan.rejected';
        break;
      case 'pause':
        Object.assign(set, pauseFields(now, requireReason()));
        notification = 'plan.paused';
        break;
      case 'resume': {
        Object.assign(set, await resumeFields(tx, ctx, aggregate, today));
        notification = 'plan.resumed';
        break;
      }
      case 'cancel':
        set.outcome = outcomeOf(ctx, 'cancelled', input.summary ?? '', requireReason(), [], []);
        set.closedAt = now.toISOString();
        notification = 'plan.cancelled';
        break;
      case 'close': {
        const [finalEvaluation] = await tx
          .select({ id: checkIns.id })
          .from(checkIns)
          .where(
            and(
              eq(checkIns.orgId, plan.orgId),
              eq(checkIns.planId, planId),
              eq(checkIns.type, 'final_evaluation'),
              eq(checkIns.status, 'held'),
            ),
          )
          .limit(1);
        const evidence = { isFinalEvaluationHeld: Boolean(finalEvaluation) };
        const request = {
          outcome: input.outcome,
          summary: input.summary,
          overrideReason: input.overrideReason,
        };
        const problems = closingProblems(request, evidence);
        if (problems.length || !input.outcome || !input.summary)
          throw invalid(problems, 'The plan cannot be closed this way: see the fields listed');
        const overrideReason = isOverride(request, evidence) ? (input.overrideReason ?? '').trim() : null;
        const areaSummaries = (input.areaSummaries ?? []).map((s, i) => {
          const area = aggregate.focusAreas.find((a) => a.id === s.focusAreaId);
          if (!area)
            throw invalidField(
              `body/areaSummaries/${i}/focusAreaId`,
              'no focus area of this plan has this id',
            );
          return { focusAreaId: area.id, title: area.title, summary: s.summary };
        });
        // Completion steps are ticked by the person who did them, never assumed done.
        const steps =
          input.completionSteps ?? plan.content.completion.steps.map((text) => ({ text, isDone: false }));
        set.outcome = {
          ...outcomeOf(ctx, input.outcome, input.summary.trim(), null, areaSummaries, steps),
          recommendation: await recommendationOf(tx, plan.orgId, planId),
          overrideReason,
        };
        set.closedAt = now.toISOString();
        notification = 'plan.closed';
        auditDigest = { outcome: input.outcome, isFinalEvaluationHeld: evidence.isFinalEvaluationHeld };
        if (overrideReason) {
          auditAction = 'plan.closed_with_override';
          auditReason = overrideReason;
          auditDigest.overrideReason = overrideReason;
        }
        break;
      }
      case 'recommend': {
        const problems = recommendationProblems(input);
        if (problems.length || !input.outcome || !input.summary)
          throw invalid(problems, 'The recommendation is incomplete: see the fields listed');
        set.outcomeRecommendation = {
          outcome: input.outcome,
          summary: input.summary.trim(),
          recommendedByUserId: actor.userId,
          recommendedByName: actor.name,
          recommendedAt: now.toISOString(),
        };
        // HR decides: the recommendation goes to HR, not to the employee.
        notification = null;
        await notifyHrOfRecommendation(tx, aggregate.plan, now, actor.name, input.outcome);
        auditAction = 'plan.outcome_recommended';
        auditDigest = { outcome: input.outcome };
        break;
      }
    }
    // The plan reaches the employee only when its readiness check passes (or HR accepted each warning left).
    if (next === 'awaiting_acknowledgment' && plan.status !== 'awaiting_acknowledgment')
      await requireReady(tx, aggregate, now);
    await tx
      .update(plans)
      .set({ ...set, status: next })
      .where(and(eq(plans.orgId, plan.orgId), eq(plans.id, planId)));
    const committed = await commitPlanChange(tx, ctx, planId, {
      action: auditAction,
      entityType: 'plan',
      reason: auditReason,
      isMajorAllowed: true,
      isSignatureNeutral: true,
      digest: { from: plan.status, to: next, ...auditDigest },
    });
    if (notification) {
      await notifyParties(tx, committed.aggregate.plan, notification, now, {
        action: input.action,
        by: actor.name,
        ...(input.reason ? { reason: input.reason } : {}),
      });
    }
    if (next === 'closed' || next === 'cancelled') {
      // What was still scheduled will not happen; the invitations sent for it are withdrawn.
      const withdrawn = await tx
        .update(checkIns)
        .set({ status: 'cancelled', reason: `plan ${next}`, updatedAt: now.toISOString() })
        .where(
          and(eq(checkIns.orgId, plan.orgId), eq(checkIns.planId, planId), eq(checkIns.status, 'scheduled')),
        )
        .returning();
      const invited = withdrawn.filter((c) => c.invitationSequence !== null);
      if (invited.length) {
        const timeZone = await organizationTimezone(tx, plan.orgId);
        for (const checkIn of invited)
          await sendCheckInInvitation(tx, committed.aggregate.plan, checkIn, 'CANCEL', now, timeZone);
      }
      // A plan's record is sealed when it ends, so nothing can later roll its chain back unnoticed.
      await sealCheckpoint(tx, ctx.meta, actor.orgId, now);
    }
    return presentPlan(actor, committed.aggregate, today);
  });
}

/** Records an approval for each role the actor holds on the plan and that has not approved in this round. */
async function recordApprovals(
  tx: Tx,
  ctx: ServiceContext,
  aggregate: PlanAggregate,
  comment: string | null,
) {
  const { plan } = aggregate;
  const state = approvalState(aggregate);
  const facts = factsOf(plan);
  const roles: ('manager' | 'hr')[] = [];
  if (can(ctx.actor, 'plan.approve_as_manager', facts) && !state.hasManagerApproval) roles.push('manager');
  if (can(ctx.actor, 'plan.approve_as_hr', facts) && !state.hasHrApproval) roles.push('hr');
  for (const role of roles) {
    await tx.insert(approvals).values({
      orgId: plan.orgId,
      planId: plan.id,
      round: plan.approvalRound,
      role,
      userId: ctx.actor.userId,
      comment,
      createdAt: ctx.deps.now().toISOString(),
    });
  }
}

function checkComplete(view: PlanReadModel): void {
  const errors: { path: string; message: string }[] = [];
  if (view.focusAreas.length === 0)
    errors.push({ path: 'focusAreas', message: 'add at least one focus area' });
  if (view.metrics.length === 0) errors.push({ path: 'metrics', message: 'add at least one metric' });
  // Every required field still empty, or still showing its template prompt, each with its path. Plans made
  // before the template marked its support prompts hold them as values: the default prompts catch those.
  const prompts = defaultTemplate(view.locale).support;
  const { mentor, hr, training } = view.support;
  const support = {
    mentor: { ...mentor, placeholders: mentor.placeholders ?? prompts.mentor.placeholders },
    hr: { ...hr, placeholders: hr.placeholders ?? prompts.hr.placeholders },
    training: { ...training, placeholders: training.placeholders ?? prompts.training.placeholders },
  };
  errors.push(
    ...emptyRequiredFields(
      { focusAreas: view.focusAreas, hasMentor: Boolean(view.header.mentorUserId), support },
      templatePrompts(),
    ).map(({ path, message }) => ({ path, message })),
  );
  for (const area of view.focusAreas) {
    for (const finding of area.smart.findings.filter((f) => f.severity === 'error')) {
      errors.push({
        path: `focusAreas/${area.id}/${finding.criterion}`,
        message: `${area.title}: ${finding.message}`,
      });
    }
  }
  if (errors.length)
    throw invalid(
      errors,
      'The plan is not ready to submit: fill in the fields and fix the SMART errors listed',
    );
}

async function recommendationOf(tx: Tx, orgId: string, planId: string) {
  const [row] = await tx
    .select({ recommendation: plans.outcomeRecommendation })
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.id, planId)));
  return row?.recommendation ?? null;
}

async function notifyHrOfRecommendation(
  tx: Tx,
  plan: PlanAggregate['plan'],
  at: Date,
  by: string,
  outcome: 'successful' | 'unsuccessful',
) {
  const recipients = await hrOf(tx, plan);
  if (recipients.length === 0) return;
  await tx.insert(notifications).values(
    recipients.map((userId) => ({
      orgId: plan.orgId,
      userId,
      planId: plan.id,
      kind: 'plan.outcome_recommended',
      payload: { employeeName: plan.header.employeeName, status: plan.status, by, outcome },
      createdAt: at.toISOString(),
    })),
  );
}

function outcomeOf(
  ctx: ServiceContext,
  outcome: PlanOutcome['outcome'],
  summary: string,
  reason: string | null,
  areaSummaries: PlanOutcome['areaSummaries'],
  completionSteps: PlanOutcome['completionSteps'],
): PlanOutcome {
  return {
    outcome,
    summary,
    areaSummaries,
    completionSteps,
    decidedByUserId: ctx.actor.userId,
    decidedByName: ctx.actor.name,
    decidedAt: ctx.deps.now().toISOString(),
    reason,
  };
}

/** Resuming shifts everything still ahead (timeline, deadlines, due dates) by the days spent paused. */
async function shiftRemaining(tx: Tx, aggregate: PlanAggregate, pausedOn: string, days: number) {
  if (days === 0) return;
  const { plan } = aggregate;
  const move = (d: string) => (d >= pausedOn ? addDays(d, days) : d);
  const content = structuredClone(plan.content);
  content.timeline = {
    phases: content.timeline.phases.map((p) => ({
      ...p,
      startDate: move(p.startDate),
      endDate: move(p.endDate),
      tasks: p.tasks.map((t) => ({ ...t, date: move(t.date) })),
      milestone: { ...p.milestone, date: move(p.milestone.date) },
    })),
    milestones: content.timeline.milestones.map((m) => ({ ...m, date: move(m.date) })),
  };
  await tx.update(plans).set({ content }).where(eq(plans.id, plan.id));
  for (const area of aggregate.focusAreas) {
    if (area.deadline && area.deadline >= pausedOn) {
      await tx
        .update(focusAreas)
        .set({ deadline: addDays(area.deadline, days) })
        .where(eq(focusAreas.id, area.id));
    }
  }
  for (const activity of aggregate.activities) {
    if (activity.dueDate && activity.dueDate >= pausedOn && activity.status !== 'done') {
      await tx
        .update(activities)
        .set({ dueDate: addDays(activity.dueDate, days) })
        .where(eq(activities.id, activity.id));
    }
  }
  await tx
    .update(checkIns)
    .set({ scheduledAt: sql`${checkIns.scheduledAt} + make_interval(days => ${days})` })
    .where(
      and(
        eq(checkIns.orgId, plan.orgId),
        eq(checkIns.planId, plan.id),
        eq(checkIns.status, 'scheduled'),
        gte(checkIns.scheduledAt, pausedOn),
      ),
    );
}

/** What pausing sets on a plan (the lifecycle's pause and an accommodation request share it). */
export function pauseFields(now: Date, reason: string): { pausedAt: string; pauseReason: string } {
  return { pausedAt: now.toISOString(), pauseReason: reason };
}

/**
 * Resuming moves everything still ahead and the end date by the days spent paused, and records the pause as an
 * applied adjustment; returns the fields to set on the plan (the lifecycle's resume and an accommodation
 * request's resolution share it).
 */
export async function resumeFields(tx: Tx, ctx: ServiceContext, aggregate: PlanAggregate, today: string) {
  const { actor } = ctx;
  const { plan } = aggregate;
  const now = ctx.deps.now();
  const pausedOn = todayIn(
    await organizationTimezone(tx, actor.orgId),
    new Date(plan.pausedAt ?? now.toISOString()),
  );
  const days = Math.max(0, daysBetween(pausedOn, today));
  await shiftRemaining(tx, aggregate, pausedOn, days);
  await tx.insert(adjustments).values({
    orgId: plan.orgId,
    planId: plan.id,
    kind: 'pause',
    status: 'applied',
    changes: { pausedOn, resumedOn: today, days },
    summary: [`paused ${days} days: end date ${plan.endDate} → ${addDays(plan.endDate, days)}`],
    reason: plan.pauseReason ?? 'leave of absence',
    proposedByUserId: actor.userId,
    decidedByUserId: actor.userId,
    fromVersion: plan.version,
    toVersion: plan.version + (days > 0 ? 1 : 0),
    createdAt: now.toISOString(),
    decidedAt: now.toISOString(),
  });
  return {
    pausedAt: null,
    pauseReason: null,
    pausedDays: plan.pausedDays + days,
    endDate: addDays(plan.endDate, days),
  };
}
