// Reads a whole plan (every section, computed values included) and records the view in the audit trail.
import type { PlanView } from '../../contracts/plans.ts';
import type { Database } from '../../db/client.ts';
import {
  loadPlanAggregateWithZone,
  type PlanAggregateWithZone,
  type PlanStamps,
} from '../../db/repositories/plan-repository.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { can } from '../../domain/access/policy.ts';
import { notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { AuditInput } from '../audit/append-audit-event.ts';
import { appendViewEvent } from '../audit/append-view-event.ts';
import type { ServiceContext } from '../context.ts';
import { canSee, factsOf } from './plan-access.ts';
import { presentMentorPlan, presentPlan } from './present-plan.ts';

export type PlanReadResult =
  | { kind: 'full'; plan: PlanView }
  | { kind: 'mentor'; plan: ReturnType<typeof presentMentorPlan> };

export async function getPlan(ctx: ServiceContext, planId: string): Promise<PlanReadResult> {
  return (
    await composeRead(ctx, await loadPlanAggregateWithZone(ctx.deps.database.db, ctx.actor.orgId, planId))
  ).result;
}

/** A read's answer as the HTTP body it is sent as, with the plan's revision for its ETag. */
export type PlanAnswer = { body: Buffer; revision: number | null };

/**
 * The plan as its HTTP body. A server keeps the answers it composed, per plan and reader, and sends one again
 * while the plan's stamps (migration 0027) and the day in the organisation's time zone are those it was composed
 * at: the view's audit event is then written on that condition, in one statement, and nothing else is read. The
 * policy is asked on every read all the same, and every read is recorded in the audit trail before it is answered.
 */
export async function getPlanAnswer(
  ctx: ServiceContext,
  planId: string,
  serialize: (result: PlanReadResult) => string,
): Promise<PlanAnswer> {
  const { deps, actor, meta } = ctx;
  const answers = keptAnswersOf(deps.database);
  const key = `${actor.orgId} ${planId} ${readerOf(actor)}`;
  const kept = answers.get(key);
  if (kept) {
    const now = deps.now();
    // The policy is asked of the kept plan row: while the stamps hold, it is the plan's row as it is now (when
    // they moved, the view below is not written and the plan is read whole again).
    const isFull = can(actor, 'plan.read', factsOf(kept.plan));
    const isSeen = canSee(actor, kept.plan) && isFull === kept.isFull;
    if (isSeen && todayIn(kept.timezone, now) === kept.today) {
      // One statement: the view is written only if the plan's stamps are still those the answer was composed at.
      const view = viewOf(actor, kept.plan, isFull);
      if (await appendViewEvent(deps.database, meta, now, view, kept.stamps)) {
        // Most recently used last: the first key is the one to forget when the map is full.
        answers.delete(key);
        answers.set(key, kept);
        return kept.answer;
      }
    }
    answers.delete(key);
  }
  const whole = await loadPlanAggregateWithZone(deps.database.db, actor.orgId, planId);
  const read = await composeRead(ctx, whole);
  const answer: PlanAnswer = {
    body: Buffer.from(serialize(read.result)),
    revision: 'revision' in read.result.plan ? read.result.plan.revision : null,
  };
  if (read.stamps.plan !== null) {
    if (answers.size >= keptAnswersLimit) answers.delete(answers.keys().next().value as string);
    answers.set(key, {
      stamps: read.stamps,
      timezone: read.timezone,
      today: read.today,
      plan: read.plan,
      isFull: read.isFull,
      answer,
    });
  }
  return answer;
}

/** How many answers a server keeps per database: at ~25 KB a plan, about 12 MB. */
const keptAnswersLimit = 500;

type KeptAnswer = {
  stamps: PlanStamps;
  /** The organisation's time zone and the day in it when composed: the answer's computed values are that day's. */
  timezone: string;
  today: string;
  plan: PlanRow;
  isFull: boolean;
  answer: PlanAnswer;
};

/** Per database (tests run several in one process): answers by organisation, plan and reader, oldest first. */
const keptAnswers = new WeakMap<Database, Map<string, KeptAnswer>>();

function keptAnswersOf(database: Database): Map<string, KeptAnswer> {
  let answers = keptAnswers.get(database);
  if (!answers) {
    answers = new Map();
    keptAnswers.set(database, answers);
  }
  return answers;
}

/** Lets go of every answer this server kept of a plan, for every reader. */
export function forgetPlanAnswers(database: Database, planId: string): void {
  const answers = keptAnswers.get(database);
  if (!answers) return;
  for (const [key, kept] of answers) if (kept.plan.id === planId) answers.delete(key);
}

/** Everything about the reader that the policy reads: who they are, their roles and their own record. */
const readerOf = (actor: Actor): string =>
  `${actor.userId} ${[...actor.roles].sort().join(',')} ${actor.employeeId ?? ''}`;

const viewOf = (actor: Actor, plan: PlanRow, isFull: boolean): AuditInput => ({
  orgId: actor.orgId,
  actorUserId: actor.userId,
  action: isFull ? 'plan.viewed' : 'plan.development_viewed',
  entityType: 'plan',
  entityId: plan.id,
  planId: plan.id,
  digest: { version: plan.version },
});

/** Asks the policy of the loaded plan, records the view and composes the answer. */
async function composeRead(ctx: ServiceContext, loaded: PlanAggregateWithZone | null) {
  const { deps, actor, meta } = ctx;
  if (!loaded || !canSee(actor, loaded.aggregate.plan)) throw notFound('Plan');
  const { aggregate, timezone, stamps } = loaded;
  const now = deps.now();
  const today = todayIn(timezone, now);
  const isFull = can(actor, 'plan.read', factsOf(aggregate.plan));
  // The view goes at the chain's head in one statement; views of the same plan arriving meanwhile share the next
  // commit (append-view-event.ts). The plan is answered once its view is recorded.
  await appendViewEvent(deps.database, meta, now, viewOf(actor, aggregate.plan, isFull));
  const result: PlanReadResult = isFull
    ? { kind: 'full', plan: presentPlan(actor, aggregate, today) }
    : { kind: 'mentor', plan: presentMentorPlan(aggregate) };
  return { result, plan: aggregate.plan, isFull, stamps, timezone, today };
}
