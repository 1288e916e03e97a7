// The one check of If-Match for a use case: claim the row it writes, then compare revisions (412 when stale).
import type { Executor } from '../db/client.ts';
import { claimRevision, type RevisionedKind } from '../db/repositories/revisions.ts';
import { notFound } from '../domain/errors.ts';
import { requireUnchanged } from '../domain/revision.ts';
import type { ServiceContext } from './context.ts';

const names: Record<RevisionedKind, string> = {
  plan: 'Plan',
  focusArea: 'Focus area',
  metric: 'Metric',
  activity: 'Activity',
  successCriterion: 'Success criterion',
  contact: 'Contact',
  checkIn: 'Check-in',
  employee: 'Employee',
  user: 'User',
  organization: 'Organization',
  template: 'Template',
};

export type WriteTarget = { kind: RevisionedKind; id: string; planId?: string };

/**
 * Call inside the use case's transaction after the access check and before the first write: locks the
 * target row, moves its revision (so every write changes the ETag), and refuses a stale If-Match.
 * Returns the revision the row had before this write.
 */
export async function claimUnchanged(
  tx: Executor,
  ctx: ServiceContext,
  target: WriteTarget,
): Promise<number> {
  const revision = await claimRevision(tx, target.kind, ctx.actor.orgId, target.id, target.planId);
  if (revision === null) throw notFound(names[target.kind]);
  requireUnchanged(ctx.ifMatch, revision, names[target.kind].toLowerCase());
  return revision;
}

/**
 * Plan-level writes (transitions, signatures, refusals, adjustments) compare If-Match with the plan's
 * revision on the row they have already locked; the write itself moves the revision (commitPlanChange).
 */
export function requirePlanUnchanged(ctx: ServiceContext, plan: { revision: number }): void {
  requireUnchanged(ctx.ifMatch, plan.revision, 'plan');
}
