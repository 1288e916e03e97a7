// When a manager leaves or moves: the plans HR must hand to someone else, and the hand-over itself. Under agreement
// the change is an adjustment HR decides at once, which the employee hears about; before that a direct change.
import { aliasedTable, and, eq, isNotNull, notInArray, or, sql } from 'drizzle-orm';
import { adjustments, employees, plans, users } from '../../db/schema/index.ts';
import { can } from '../../domain/access/policy.ts';
import { invalidField } from '../../domain/errors.ts';
import { isUnderAgreement } from '../../domain/plan/lifecycle.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notifyParties } from '../notifications/notify-parties.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { factsOf, requirePlan } from '../plans/plan-access.ts';
import { requirePlanUnchanged } from '../preconditions.ts';

export type Reassignment = {
  planId: string;
  status: string;
  employeeName: string;
  managerUserId: string;
  managerName: string | null;
  reason: 'account_deactivated' | 'left';
};

const managerRecords = aliasedTable(employees, 'manager_records');

/** Plans still running whose manager can no longer act: their account is deactivated or they left. */
export async function listReassignments(ctx: ServiceContext): Promise<Reassignment[]> {
  const { actor } = ctx;
  const rows = await ctx.deps.database.db
    .select({
      plan: plans,
      managerDisabledAt: users.disabledAt,
      managerLeftAt: managerRecords.deactivatedAt,
    })
    .from(plans)
    .innerJoin(users, and(eq(users.orgId, plans.orgId), eq(users.id, plans.managerUserId)))
    .leftJoin(
      managerRecords,
      and(eq(managerRecords.orgId, plans.orgId), eq(managerRecords.userId, plans.managerUserId)),
    )
    .where(
      and(
        eq(plans.orgId, actor.orgId),
        notInArray(plans.status, ['closed', 'cancelled']),
        or(isNotNull(users.disabledAt), isNotNull(managerRecords.deactivatedAt)),
      ),
    )
    .orderBy(sql`${plans.createdAt} asc`);
  const seen = new Set<string>();
  return rows
    .filter((r) => {
      // A manager with two directory records would list the plan twice.
      if (seen.has(r.plan.id)) return false;
      seen.add(r.plan.id);
      return can(actor, 'plan.reassign_manager', factsOf(r.plan as never));
    })
    .map((r) => ({
      planId: r.plan.id,
      status: r.plan.status,
      employeeName: r.plan.header.employeeName,
      managerUserId: r.plan.managerUserId!,
      managerName: r.plan.header.managerName,
      reason: r.managerDisabledAt ? 'account_deactivated' : 'left',
    }));
}

export async function reassignManager(
  ctx: ServiceContext,
  planId: string,
  input: { managerEmployeeId: string; reason: string },
) {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const plan = await requirePlan(tx, actor, planId, 'plan.reassign_manager', { isWrite: true });
    requirePlanUnchanged(ctx, plan);
    const [manager] = await tx
      .select({
        id: employees.id,
        name: employees.name,
        userId: employees.userId,
        deactivatedAt: employees.deactivatedAt,
        disabledAt: users.disabledAt,
      })
      .from(employees)
      .leftJoin(users, and(eq(users.orgId, employees.orgId), eq(users.id, employees.userId)))
      .where(and(eq(employees.orgId, actor.orgId), eq(employees.id, input.managerEmployeeId)));
    const at = 'body/managerEmployeeId';
    if (!manager) throw invalidField(at, 'no employee in this organisation has this id');
    if (manager.deactivatedAt) throw invalidField(at, 'this person has left');
    if (!manager.userId || manager.disabledAt)
      throw invalidField(at, 'this person cannot sign in: invite them first');
    if (manager.id === plan.employeeId || manager.userId === plan.employeeUserId)
      throw invalidField(at, 'the employee of the plan cannot be its manager');
    if (manager.userId === plan.managerUserId) throw invalidField(at, 'this person already manages the plan');
    const now = deps.now();
    const before = plan.header.managerName;
    await tx
      .update(plans)
      .set({ managerUserId: manager.userId, header: { ...plan.header, managerName: manager.name } })
      .where(and(eq(plans.orgId, actor.orgId), eq(plans.id, planId)));
    if (!isUnderAgreement(plan.status)) {
      // A draft or a plan in review has not been agreed on: the change is a plain edit, versioned and audited.
      const committed = await commitPlanChange(tx, ctx, planId, {
        action: 'plan.manager_changed',
        entityType: 'plan',
        reason: input.reason,
        digest: { fromUserId: plan.managerUserId, toUserId: manager.userId },
      });
      await notifyParties(tx, committed.aggregate.plan, 'plan.manager_changed', now, {
        managerName: manager.name,
      });
      return { planId, adjustmentId: null, version: committed.version };
    }
    // Under agreement: an adjustment HR decides at once. Who manages the plan is not what the employee agreed to,
    // so the signatures stand.
    const [adjustment] = await tx
      .insert(adjustments)
      .values({
        orgId: actor.orgId,
        planId,
        kind: 'major',
        status: 'approved',
        changes: { plan: { managerEmployeeId: manager.id } },
        summary: [{ path: 'manager', before, after: manager.name }] as never,
        reason: input.reason,
        proposedByUserId: actor.userId,
        decidedByUserId: actor.userId,
        decisionReason: input.reason,
        fromVersion: plan.version,
        createdAt: now.toISOString(),
        decidedAt: now.toISOString(),
      })
      .returning({ id: adjustments.id });
    const committed = await commitPlanChange(tx, ctx, planId, {
      action: 'plan.manager_changed',
      entityType: 'adjustment',
      entityId: adjustment.id,
      reason: input.reason,
      isMajorAllowed: true,
      isSignatureNeutral: true,
      digest: { fromUserId: plan.managerUserId, toUserId: manager.userId },
    });
    await tx
      .update(adjustments)
      .set({ toVersion: committed.version })
      .where(and(eq(adjustments.orgId, actor.orgId), eq(adjustments.id, adjustment.id)));
    await notifyParties(tx, committed.aggregate.plan, 'plan.manager_changed', now, {
      adjustmentId: adjustment.id,
      managerName: manager.name,
    });
    return { planId, adjustmentId: adjustment.id, version: committed.version };
  });
}
