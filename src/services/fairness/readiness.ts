// The readiness check of a plan: computed from the stored plan, shown to its approvers, enforced when it is sent,
// and HR's acceptance of a warning with a written reason.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { plans, readinessAcceptances } from '../../db/schema/index.ts';
import { conflict, invalidField } from '../../domain/errors.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';
import { daysBetween, todayIn } from '../../domain/plan/dates.ts';
import {
  blockingItems,
  checkReadiness,
  emptyProcedure,
  type Readiness,
  type ReadinessPlan,
  usualLength,
} from '../../domain/plan/readiness.ts';
import { defaultTemplate } from '../../domain/template/default-templates.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { organizationSettings } from '../organization/fairness-settings.ts';
import { loadVisiblePlan, requirePlan } from '../plans/plan-access.ts';
import { templatePrompts } from '../plans/present-plan.ts';

/** Plans already sent count towards the usual length; drafts are not yet a decision. */
const sentStatuses = ['awaiting_acknowledgment', 'active', 'paused', 'closed'];

/**
 * The median length of the organisation's other sent plans for the same role family (the job title on the plan),
 * or null when there are too few to call any length usual.
 */
async function usualPlanDays(db: Executor, aggregate: PlanAggregate): Promise<number | null> {
  const { plan } = aggregate;
  const rows = await db
    .select({ startDate: plans.startDate, endDate: plans.endDate })
    .from(plans)
    .where(
      and(
        eq(plans.orgId, plan.orgId),
        ne(plans.id, plan.id),
        inArray(plans.status, sentStatuses),
        sql`${plans.header}->>'position' = ${plan.header.position}`,
      ),
    )
    .limit(1000);
  return usualLength(rows.map((r) => daysBetween(r.startDate, r.endDate) + 1));
}

/** The plan as the readiness check reads it. */
export function readinessPlanOf(aggregate: PlanAggregate): ReadinessPlan {
  const { plan } = aggregate;
  const content = plan.content;
  // Plans made before the template marked its support prompts hold them as values: the default prompts catch those.
  const prompts = defaultTemplate(plan.locale).support;
  const { mentor, hr, training } = content.support;
  return {
    locale: plan.locale,
    startDate: plan.startDate,
    endDate: plan.endDate,
    focusAreas: aggregate.focusAreas,
    metrics: aggregate.metrics,
    activities: aggregate.activities,
    checkInCadence: content.support.managerCheckIn ?? null,
    hasMentor: Boolean(plan.mentorUserId),
    support: {
      mentor: { ...mentor, placeholders: mentor.placeholders ?? prompts.mentor.placeholders },
      hr: { ...hr, placeholders: hr.placeholders ?? prompts.hr.placeholders },
      training: { ...training, placeholders: training.placeholders ?? prompts.training.placeholders },
    },
    procedure: plan.procedure ?? emptyProcedure,
    consequences: content.consequences ?? '',
  };
}

/** Computes the readiness of a loaded plan with the organisation's settings and HR's acceptances. */
export async function readinessOf(db: Executor, aggregate: PlanAggregate, now: Date): Promise<Readiness> {
  const { plan } = aggregate;
  const settings = await organizationSettings(db, plan.orgId);
  const acceptances = await db
    .select()
    .from(readinessAcceptances)
    .where(and(eq(readinessAcceptances.orgId, plan.orgId), eq(readinessAcceptances.planId, plan.id)));
  return checkReadiness(readinessPlanOf(aggregate), {
    today: todayIn(settings.timezone, now),
    minimumPlanDays: settings.minimumPlanDays,
    usualPlanDays: await usualPlanDays(db, aggregate),
    prompts: templatePrompts(),
    extraTerms: settings.wordingTerms,
    extraPairs: settings.wordingPairs,
    acceptances: acceptances.map((a) => ({
      code: a.code,
      reason: a.reason,
      acceptedByName: a.acceptedByName,
      acceptedAt: new Date(a.createdAt).toISOString(),
    })),
  });
}

/** Refuses to send the plan to the employee while an error or an unaccepted warning remains: 409 with the items. */
export async function requireReady(db: Executor, aggregate: PlanAggregate, now: Date): Promise<void> {
  const readiness = await readinessOf(db, aggregate, now);
  const blocking = blockingItems(readiness);
  if (blocking.length) {
    throw conflict(
      `The plan is not ready to be sent for acknowledgment: ${blocking.length} readiness item(s) remain. Fix each error; HR may accept a warning with a reason.`,
      undefined,
      { items: readiness.items, isReady: false },
    );
  }
}

export async function getReadiness(ctx: ServiceContext, planId: string): Promise<Readiness> {
  return inTransaction(ctx.deps, async (tx) => {
    await requirePlan(tx, ctx.actor, planId, 'plan.read_readiness');
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId);
    const readiness = await readinessOf(tx, aggregate, ctx.deps.now());
    await appendActorEvent(tx, ctx, {
      action: 'plan.readiness_viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
    });
    return readiness;
  });
}

/** Before the plan is sent, HR may accept a warning with a written reason; errors are never accepted. */
const acceptableStatuses = new Set(['draft', 'in_review']);

export async function acceptReadinessWarning(
  ctx: ServiceContext,
  planId: string,
  input: { code: string; reason: string },
): Promise<Readiness> {
  return inTransaction(ctx.deps, async (tx) => {
    const plan = await requirePlan(tx, ctx.actor, planId, 'plan.accept_readiness_warning', { isWrite: true });
    if (!acceptableStatuses.has(plan.status))
      throw conflict(`The plan is ${plan.status}: its readiness was settled when it was sent`, []);
    const now = ctx.deps.now();
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId);
    const before = await readinessOf(tx, aggregate, now);
    const items = before.items.filter((i) => i.code === input.code);
    if (items.length === 0)
      throw invalidField('body/code', `no readiness item of this plan has the code "${input.code}"`);
    if (items.some((i) => i.severity === 'error'))
      throw invalidField('body/code', 'an error cannot be accepted; fix it in the plan');
    if (items.every((i) => i.acceptance))
      throw conflict(`The warning "${input.code}" is already accepted`, [], { reason: 'already_accepted' });
    const [row] = await tx
      .insert(readinessAcceptances)
      .values({
        orgId: ctx.actor.orgId,
        planId,
        code: input.code,
        reason: input.reason,
        acceptedByUserId: ctx.actor.userId,
        acceptedByName: ctx.actor.name,
        createdAt: now.toISOString(),
      })
      .returning({ id: readinessAcceptances.id });
    await appendActorEvent(tx, ctx, {
      action: 'plan.readiness_warning_accepted',
      entityType: 'readiness_acceptance',
      entityId: row.id,
      planId,
      digest: { code: input.code, reason: input.reason },
    });
    return readinessOf(tx, aggregate, now);
  });
}
