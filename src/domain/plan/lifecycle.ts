// The plan's lifecycle: which transitions exist from each status, and which this actor may take now.
import type { Actor } from '../access/actor.ts';
import { can, type PlanFacts, type PlanStatus } from '../access/policy.ts';

export const transitionActions = [
  'submit',
  'approve',
  'reject',
  'pause',
  'resume',
  'cancel',
  'close',
  'recommend',
] as const;
export type TransitionAction = (typeof transitionActions)[number];

/** The state machine: from each status, each action and where it leads. */
export const transitions: Record<PlanStatus, Partial<Record<TransitionAction, PlanStatus>>> = {
  draft: { submit: 'in_review', cancel: 'cancelled' },
  in_review: { approve: 'awaiting_acknowledgment', reject: 'draft', cancel: 'cancelled' },
  awaiting_acknowledgment: { cancel: 'cancelled' },
  active: { pause: 'paused', close: 'closed', cancel: 'cancelled', recommend: 'active' },
  paused: { resume: 'active', cancel: 'cancelled' },
  closed: {},
  cancelled: {},
};

export const isReadOnly = (status: PlanStatus): boolean => status === 'closed' || status === 'cancelled';

/** Statuses in which the plan was agreed on: its major content changes only through an approved adjustment. */
export const isUnderAgreement = (status: PlanStatus): boolean =>
  status === 'awaiting_acknowledgment' || status === 'active' || status === 'paused';

export type ApprovalState = { hasManagerApproval: boolean; hasHrApproval: boolean };

/** May this actor take this action on the plan now (status and permission both)? */
export function mayTransition(
  actor: Actor,
  plan: PlanFacts,
  action: TransitionAction,
  approvals: ApprovalState,
): boolean {
  if (!transitions[plan.status][action]) return false;
  switch (action) {
    case 'submit':
      return can(actor, 'plan.submit', plan);
    case 'approve':
    case 'reject': {
      const asManager = can(actor, 'plan.approve_as_manager', plan) && !approvals.hasManagerApproval;
      const asHr = can(actor, 'plan.approve_as_hr', plan) && !approvals.hasHrApproval;
      return action === 'approve'
        ? asManager || asHr
        : can(actor, 'plan.approve_as_manager', plan) || can(actor, 'plan.approve_as_hr', plan);
    }
    case 'pause':
    case 'resume':
      return can(actor, 'plan.pause', plan);
    case 'cancel':
      return can(actor, 'plan.cancel', plan);
    // The outcome is HR's decision (HR admin or the assigned HR representative) on the manager's recommendation.
    case 'close':
      return can(actor, 'plan.close', plan);
    case 'recommend':
      return can(actor, 'plan.recommend_outcome', plan);
  }
}

export function allowedTransitions(
  actor: Actor,
  plan: PlanFacts,
  approvals: ApprovalState,
): TransitionAction[] {
  return transitionActions.filter((a) => mayTransition(actor, plan, a, approvals));
}
