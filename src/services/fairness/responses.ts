// The employee's written responses: at signing, at refusal and at any time while the plan runs; kept as written.
import type { Executor } from '../../db/client.ts';
import { planResponses } from '../../db/schema/index.ts';
import { conflict } from '../../domain/errors.ts';
import type { PlanRow, ResponseRow } from '../../domain/plan/aggregate.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { loadVisiblePlan, requirePlan } from '../plans/plan-access.ts';
import { hrOf } from '../running/notify-person.ts';
import { notifyInApp } from './notify-in-app.ts';

export type ResponseContext = ResponseRow['context'];

/** Appends one response, audits it and tells the manager and HR; runs inside the caller's transaction. */
export async function recordResponse(
  tx: Executor,
  ctx: ServiceContext,
  plan: PlanRow,
  text: string,
  context: ResponseContext,
): Promise<Omit<ResponseRow, 'authorUserId'>> {
  const now = ctx.deps.now();
  const [row] = await tx
    .insert(planResponses)
    .values({
      orgId: plan.orgId,
      planId: plan.id,
      authorUserId: ctx.actor.userId,
      context,
      text,
      createdAt: now.toISOString(),
    })
    .returning();
  await appendActorEvent(tx, ctx, {
    action: 'plan.response_added',
    entityType: 'response',
    entityId: row.id,
    planId: plan.id,
    digest: { context, characters: text.length },
  });
  await notifyInApp(tx, plan, [plan.managerUserId, ...(await hrOf(tx, plan))], 'plan.response_added', now, {
    context,
  });
  return { id: row.id, text: row.text, context, createdAt: new Date(row.createdAt).toISOString() };
}

const respondable = new Set(['awaiting_acknowledgment', 'active', 'paused']);

export async function addResponse(ctx: ServiceContext, planId: string, input: { text: string }) {
  return inTransaction(ctx.deps, async (tx) => {
    await requirePlan(tx, ctx.actor, planId, 'plan.respond', { isWrite: true });
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId, { isLocking: true });
    const { plan } = aggregate;
    if (!respondable.has(plan.status))
      throw conflict(
        `A response is added while the plan awaits acknowledgment, is active or paused; it is ${plan.status}`,
        [],
      );
    let context: ResponseContext = 'any_time';
    if (plan.status === 'awaiting_acknowledgment') {
      const refused = aggregate.signatures.some(
        (s) => s.role === 'employee' && s.isRefused && s.version >= plan.majorVersion,
      );
      context = refused ? 'refusal' : 'signing';
    }
    return recordResponse(tx, ctx, plan, input.text, context);
  });
}
