// Finds a plan for an actor and checks the policy: what they may not see answers 404.
import type { Executor } from '../../db/client.ts';
import { findPlanRow, loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { can, type PlanAction, type PlanFacts, readNeededFor } from '../../domain/access/policy.ts';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import type { PlanAggregate, PlanRow } from '../../domain/plan/aggregate.ts';
import { isReadOnly } from '../../domain/plan/lifecycle.ts';

export const factsOf = (plan: PlanRow): PlanFacts => ({
  orgId: plan.orgId,
  status: plan.status,
  employeeUserId: plan.employeeUserId,
  managerUserId: plan.managerUserId,
  hrRepUserId: plan.hrRepUserId,
  mentorUserId: plan.mentorUserId,
  createdByUserId: plan.createdByUserId,
});

export const canSee = (actor: Actor, plan: PlanRow): boolean =>
  can(actor, 'plan.read', factsOf(plan)) || can(actor, 'plan.read_development', factsOf(plan));

/** May the actor see the part of the plan the action concerns (the whole plan, or a mentor's development plan)? */
export const canSeeFor = (actor: Actor, plan: PlanRow, action: PlanAction): boolean =>
  can(actor, readNeededFor(action), factsOf(plan));

/** 404 unless the actor may do this read: what an actor may not see does not exist for them. */
export function requireRead(actor: Actor, plan: PlanRow | null | undefined, action: PlanAction): PlanRow {
  if (!plan || !canSeeFor(actor, plan, action) || !can(actor, action, factsOf(plan))) throw notFound('Plan');
  return plan;
}

/**
 * Loads the plan (locked for update when writing) and requires the action: 404 when the actor cannot see what the
 * action concerns (a mentor and anything but the development plan), 403 when they see it but may not do this.
 */
export async function requirePlan(
  db: Executor,
  actor: Actor,
  planId: string,
  action: PlanAction,
  options: { isWrite?: boolean } = {},
): Promise<PlanRow> {
  const plan = await findPlanRow(db, actor.orgId, planId, options.isWrite ?? false);
  if (!plan || !canSeeFor(actor, plan, action)) throw notFound('Plan');
  if (!can(actor, action, factsOf(plan))) {
    throw new DomainError('forbidden', `You may see this plan but not do this (${action})`);
  }
  if (options.isWrite && isReadOnly(plan.status)) {
    throw conflict(`The plan is ${plan.status} and read-only`, []);
  }
  return plan;
}

/** Content edits are refused while HR and the manager review the plan. */
export function requireEditable(plan: PlanRow): void {
  if (plan.status === 'in_review') {
    throw conflict('The plan is in review; reject it back to draft to edit it', ['reject']);
  }
}

/**
 * Loads a whole plan the actor can read in full (lifecycle, signatures, adjustments); a mentor, who sees the
 * development plan only, gets 404. Locking its row first makes the writers of one plan take turns.
 */
export async function loadVisiblePlan(
  db: Executor,
  actor: Actor,
  planId: string,
  options: { isLocking?: boolean } = {},
): Promise<PlanAggregate> {
  if (options.isLocking) await findPlanRow(db, actor.orgId, planId, true);
  const aggregate = await loadPlanAggregate(db, actor.orgId, planId);
  if (!aggregate || !can(actor, 'plan.read', factsOf(aggregate.plan))) throw notFound('Plan');
  return aggregate;
}
