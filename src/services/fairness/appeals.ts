// Appeals against a plan's outcome: lodged by the employee within the organisation's period, decided by an HR
// person other than the one who decided the outcome: upheld, changed, or the plan extended.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { appeals, plans, roleMemberships, users } from '../../db/schema/index.ts';
import { conflict, DomainError, invalid, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { type AppealDecision, appealDeadline, appealDecisionProblems } from '../../domain/plan/appeals.ts';
import { daysBetween, todayIn } from '../../domain/plan/dates.ts';
import type { PlanOutcome } from '../../domain/plan/plan.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { organizationSettings } from '../organization/fairness-settings.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { requirePlan } from '../plans/plan-access.ts';
import { scheduleCheckIns } from '../running/schedule-check-ins.ts';
import { notifyInApp } from './notify-in-app.ts';

export type AppealView = {
  id: string;
  planId: string;
  reason: string;
  status: 'open' | 'decided';
  createdAt: string;
  decision: AppealDecision | null;
  decisionReason: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  newOutcome: 'successful' | 'unsuccessful' | null;
  newEndDate: string | null;
};

const viewOf = (row: typeof appeals.$inferSelect): AppealView => ({
  id: row.id,
  planId: row.planId,
  reason: row.reason,
  status: row.status,
  createdAt: new Date(row.createdAt).toISOString(),
  decision: row.decision,
  decisionReason: row.decisionReason,
  decidedByName: row.decidedByName,
  decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
  newOutcome: row.newOutcome,
  newEndDate: row.newEndDate,
});

/** Every HR administrator, and the plan's HR representative: the people who may take the appeal. */
async function appealHandlers(tx: Tx, plan: PlanRow): Promise<string[]> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(
      roleMemberships,
      and(eq(roleMemberships.userId, users.id), eq(roleMemberships.orgId, users.orgId)),
    )
    .where(and(eq(users.orgId, plan.orgId), eq(roleMemberships.role, 'hr_admin')));
  return [...admins.map((a) => a.id), ...(plan.hrRepUserId ? [plan.hrRepUserId] : [])];
}

export async function lodgeAppeal(ctx: ServiceContext, planId: string, input: { reason: string }) {
  return inTransaction(ctx.deps, async (tx) => {
    await requirePlan(tx, ctx.actor, planId, 'plan.appeal');
    const plan = (await findPlanRow(tx, ctx.actor.orgId, planId, true)) as PlanRow;
    const outcome = plan.outcome;
    if (plan.status !== 'closed' || !outcome || outcome.outcome === 'cancelled')
      throw conflict(
        `An appeal is lodged against a plan's outcome once it is closed; the plan is ${plan.status}`,
        [],
      );
    const settings = await organizationSettings(tx, plan.orgId);
    const now = ctx.deps.now();
    const today = todayIn(settings.timezone, now);
    const deadline = appealDeadline(
      todayIn(settings.timezone, new Date(outcome.decidedAt)),
      settings.appealWorkingDays,
    );
    if (today > deadline)
      throw conflict(
        `The period to appeal ended on ${deadline} (${settings.appealWorkingDays} working days)`,
        [],
        {
          reason: 'appeal_period_ended',
          deadline,
        },
      );
    const [open] = await tx
      .select({ id: appeals.id })
      .from(appeals)
      .where(and(eq(appeals.orgId, plan.orgId), eq(appeals.planId, planId), eq(appeals.status, 'open')));
    if (open)
      throw conflict('An appeal of this plan is already waiting for a decision', [], {
        reason: 'appeal_open',
      });
    const [row] = await tx
      .insert(appeals)
      .values({
        orgId: plan.orgId,
        planId,
        appellantUserId: ctx.actor.userId,
        reason: input.reason,
        status: 'open',
        outcomeDecidedByUserId: outcome.decidedByUserId,
        createdAt: now.toISOString(),
      })
      .returning();
    await appendActorEvent(tx, ctx, {
      action: 'plan.appealed',
      entityType: 'appeal',
      entityId: row.id,
      planId,
      digest: { outcome: outcome.outcome, deadline },
    });
    // The one who decided the outcome hears of it too, but may not decide it.
    await notifyInApp(tx, plan, await appealHandlers(tx, plan), 'appeal.lodged', now, { appealId: row.id });
    return viewOf(row);
  });
}

export type AppealDecisionInput = {
  decision: AppealDecision;
  reason: string;
  outcome?: 'successful' | 'unsuccessful' | undefined;
  summary?: string | undefined;
  endDate?: string | undefined;
};

export async function decideAppeal(ctx: ServiceContext, appealId: string, input: AppealDecisionInput) {
  return inTransaction(ctx.deps, async (tx) => {
    const [appeal] = await tx
      .select()
      .from(appeals)
      .where(and(eq(appeals.orgId, ctx.actor.orgId), eq(appeals.id, appealId)))
      .for('update');
    if (!appeal) throw notFound('Appeal');
    try {
      await requirePlan(tx, ctx.actor, appeal.planId, 'plan.decide_appeal');
    } catch (error) {
      // Whoever may not see the plan may not know its appeal exists either.
      if (error instanceof DomainError && error.code === 'not_found') throw notFound('Appeal');
      throw error;
    }
    if (appeal.outcomeDecidedByUserId === ctx.actor.userId)
      throw new DomainError(
        'forbidden',
        'You decided the outcome appealed against: another HR person decides the appeal',
      );
    if (appeal.status !== 'open')
      throw conflict('This appeal is already decided', [], { reason: 'already_decided' });
    const plan = (await findPlanRow(tx, ctx.actor.orgId, appeal.planId, true)) as PlanRow;
    const outcome = plan.outcome as PlanOutcome;
    const settings = await organizationSettings(tx, plan.orgId);
    const now = ctx.deps.now();
    const today = todayIn(settings.timezone, now);
    const problems = appealDecisionProblems(input, {
      outcome: outcome.outcome,
      endDate: plan.endDate,
      today,
    });
    if (problems.length) throw invalid(problems, 'The decision is incomplete: see the fields listed');

    const decided = {
      status: 'decided' as const,
      decision: input.decision,
      decisionReason: input.reason.trim(),
      decidedByUserId: ctx.actor.userId,
      decidedByName: ctx.actor.name,
      decidedAt: now.toISOString(),
      newOutcome: input.decision === 'changed' ? (input.outcome ?? null) : null,
      newEndDate: input.decision === 'extended' ? (input.endDate ?? null) : null,
    };
    const [row] = await tx.update(appeals).set(decided).where(eq(appeals.id, appeal.id)).returning();
    const scope = and(eq(plans.orgId, plan.orgId), eq(plans.id, plan.id));
    if (input.decision === 'changed' && input.outcome) {
      const changed: PlanOutcome = {
        ...outcome,
        outcome: input.outcome,
        summary: input.summary?.trim() || outcome.summary,
        decidedByUserId: ctx.actor.userId,
        decidedByName: ctx.actor.name,
        decidedAt: now.toISOString(),
        reason: `Changed on appeal: ${input.reason.trim()}`,
      };
      await tx.update(plans).set({ outcome: changed }).where(scope);
    }
    if (input.decision === 'extended' && input.endDate) {
      // Reopened as active with a new end date: what was agreed stands, the time to meet it is longer.
      const durationWeeks = Math.ceil((daysBetween(plan.startDate, input.endDate) + 1) / 7);
      await tx
        .update(plans)
        .set({
          status: 'active',
          endDate: input.endDate,
          durationWeeks,
          outcome: null,
          outcomeRecommendation: null,
          closedAt: null,
        })
        .where(scope);
      const reopened = (await findPlanRow(tx, plan.orgId, plan.id)) as PlanRow;
      await scheduleCheckIns(tx, reopened, now, ctx.meta);
    }
    if (input.decision === 'upheld') {
      await appendActorEvent(tx, ctx, {
        action: 'appeal.decided',
        entityType: 'appeal',
        entityId: appeal.id,
        planId: plan.id,
        digest: { decision: input.decision },
      });
    } else {
      await commitPlanChange(tx, ctx, plan.id, {
        action: 'appeal.decided',
        entityType: 'appeal',
        entityId: appeal.id,
        reason: input.reason.trim(),
        isMajorAllowed: true,
        isSignatureNeutral: true,
        digest: {
          decision: input.decision,
          ...(decided.newOutcome ? { outcome: decided.newOutcome } : {}),
          ...(decided.newEndDate ? { endDate: decided.newEndDate } : {}),
        },
      });
    }
    const current = (await findPlanRow(tx, plan.orgId, plan.id)) as PlanRow;
    await notifyInApp(
      tx,
      current,
      [plan.employeeUserId, plan.managerUserId, plan.hrRepUserId, appeal.outcomeDecidedByUserId],
      'appeal.decided',
      now,
      { appealId: appeal.id, decision: input.decision },
    );
    return viewOf(row);
  });
}
