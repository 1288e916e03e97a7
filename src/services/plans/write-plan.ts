// The shape of every plan write: load and lock, check the policy and status, change rows, commit a version.
import type { Tx } from '../../db/client.ts';
import type { PlanAction } from '../../domain/access/policy.ts';
import type { PlanChangeAction } from '../../domain/audit/events.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { PlanReadModel } from '../../domain/plan/read-model.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { claimUnchanged, type WriteTarget } from '../preconditions.ts';
import { commitPlanChange } from './commit-plan-change.ts';
import { requireEditable, requirePlan } from './plan-access.ts';
import { organizationTimezone, readPlanAs } from './present-plan.ts';

export type WriteSpec = {
  /** The policy action required. */
  action: PlanAction;
  /** The audit action recorded. */
  auditAction: PlanChangeAction;
  entityType: string;
  /** Progress writes (ticks, statuses, measurements) are allowed while the plan is in review. */
  isProgress?: boolean;
  /** The row an update or removal writes: claimed and checked against the request's If-Match. */
  target?: Omit<WriteTarget, 'planId'>;
};

export async function writePlan(
  ctx: ServiceContext,
  planId: string,
  spec: WriteSpec,
  change: (tx: Tx, plan: PlanRow) => Promise<string | null>,
): Promise<{ plan: PlanReadModel; entityId: string | null }> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const plan = await requirePlan(tx, actor, planId, spec.action, { isWrite: true });
    if (!spec.isProgress) requireEditable(plan);
    if (spec.target) await claimUnchanged(tx, ctx, { ...spec.target, planId });
    const entityId = await change(tx, plan);
    const committed = await commitPlanChange(tx, ctx, planId, {
      action: spec.auditAction,
      entityType: spec.entityType,
      entityId,
    });
    const today = todayIn(await organizationTimezone(tx, actor.orgId), deps.now());
    return { plan: readPlanAs(actor, committed.aggregate, today), entityId };
  });
}
