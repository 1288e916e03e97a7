// When a person leaves: their record is kept, their account stops, their running plan pauses and HR is told.
import { and, eq, isNull, ne, notInArray, or } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { apiTokens, employees, notifications, plans, sessions, users } from '../../db/schema/index.ts';
import type { PlanStatus } from '../../domain/access/policy.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { transitions } from '../../domain/plan/lifecycle.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { noRequest, type RequestMeta } from '../context.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { hrOf } from '../running/notify-person.ts';

/** The reason a leaver's plans are paused with, as HR reads it in the plan's history. */
export const leaverPauseReason = 'left the company';

export type Deactivation = {
  orgId: string;
  employeeId: string;
  /** Who deactivates: the HR person (their user id and name), or the directory itself (userId null: CLI, SCIM). */
  actor: { userId: string | null; name: string };
  /** Why, for the audit trail: "directory import", "SCIM active=false", "HR". Never personal data. */
  reason: string;
  /** Defaults to now. */
  at?: Date;
  /** The request that caused it, for the audit trail; defaults to none. */
  meta?: RequestMeta;
};

export type DeactivationResult = {
  /** False when the person was already deactivated: nothing was changed. */
  isChanged: boolean;
  /** Plans of the person (as employee) paused now. */
  pausedPlanIds: string[];
  /** Plans of the person (as employee) still open but not running (draft, review, awaiting signatures): HR decides. */
  openPlanIds: string[];
  /** Open plans the person managed: HR reassigns them (GET /api/v1/directory/reassignments). */
  managedPlanIds: string[];
};

const finished: PlanStatus[] = ['closed', 'cancelled'];

/**
 * Deactivates one person inside the caller's transaction: sets their leaving date, disables their account and
 * ends its sessions and API tokens, pauses each active plan where they are the employee (audited in the plan's
 * chain, reason "left the company") and tells HR in the app. Plans they manage are returned for HR to reassign.
 * Calling it again for a person already deactivated changes nothing.
 */
export async function deactivatePerson(tx: Tx, input: Deactivation): Promise<DeactivationResult> {
  const { orgId, employeeId, actor } = input;
  const at = input.at ?? new Date();
  const meta = input.meta ?? noRequest;
  const none: DeactivationResult = {
    isChanged: false,
    pausedPlanIds: [],
    openPlanIds: [],
    managedPlanIds: [],
  };
  const [person] = await tx
    .update(employees)
    .set({ deactivatedAt: at, updatedAt: at })
    .where(and(eq(employees.orgId, orgId), eq(employees.id, employeeId), isNull(employees.deactivatedAt)))
    .returning({ id: employees.id, userId: employees.userId });
  if (!person) return none;

  if (person.userId) {
    await tx
      .update(users)
      .set({ disabledAt: at })
      .where(and(eq(users.orgId, orgId), eq(users.id, person.userId), isNull(users.disabledAt)));
    await tx
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, person.userId), isNull(sessions.revokedAt)));
    await tx
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(
        and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, person.userId), isNull(apiTokens.revokedAt)),
      );
  }
  await appendAuditEvent(tx, meta, at, {
    orgId,
    actorUserId: actor.userId,
    action: 'employee.deactivated',
    entityType: 'employee',
    entityId: employeeId,
    digest: { reason: input.reason, isAccountDisabled: Boolean(person.userId) },
  });

  const own = await tx
    .select({ id: plans.id, status: plans.status })
    .from(plans)
    .where(and(eq(plans.orgId, orgId), eq(plans.employeeId, employeeId), notInArray(plans.status, finished)));
  const result: DeactivationResult = {
    isChanged: true,
    pausedPlanIds: [],
    openPlanIds: [],
    managedPlanIds: [],
  };
  const ctx = { deps: { now: () => at }, actor: { orgId, userId: actor.userId }, meta };
  for (const { id } of own) {
    const plan = (await findPlanRow(tx, orgId, id, true))!;
    const next = transitions[plan.status].pause;
    if (plan.status === 'active' && next) {
      await tx
        .update(plans)
        .set({ status: next, pausedAt: at.toISOString(), pauseReason: leaverPauseReason })
        .where(and(eq(plans.orgId, orgId), eq(plans.id, id)));
      await commitPlanChange(tx, ctx, id, {
        action: 'plan.paused',
        entityType: 'plan',
        reason: leaverPauseReason,
        isMajorAllowed: true,
        isSignatureNeutral: true,
        digest: { from: plan.status, to: next, cause: 'employee.deactivated', by: input.reason },
      });
      result.pausedPlanIds.push(id);
      await tellHr(tx, { ...plan, status: next }, at, 'plan.employee_left', { isPaused: true });
    } else {
      result.openPlanIds.push(id);
      await tellHr(tx, plan, at, 'plan.employee_left', { isPaused: false });
    }
  }

  if (person.userId) {
    const managed = await tx
      .select({ id: plans.id })
      .from(plans)
      .where(
        and(
          eq(plans.orgId, orgId),
          eq(plans.managerUserId, person.userId),
          notInArray(plans.status, finished),
          or(isNull(plans.employeeId), ne(plans.employeeId, employeeId)),
        ),
      );
    for (const { id } of managed) {
      result.managedPlanIds.push(id);
      await tellHr(tx, (await findPlanRow(tx, orgId, id))!, at, 'plan.manager_left', {});
    }
  }
  return result;
}

/** An in-app notification to the plan's HR representative, or the HR administrators: names as notifications carry. */
async function tellHr(tx: Tx, plan: PlanRow, at: Date, kind: string, payload: Record<string, unknown>) {
  const recipients = await hrOf(tx, plan);
  if (recipients.length === 0) return;
  await tx.insert(notifications).values(
    recipients.map((userId) => ({
      orgId: plan.orgId,
      userId,
      planId: plan.id,
      kind,
      payload: { employeeName: plan.header.employeeName, status: plan.status, ...payload },
      createdAt: at.toISOString(),
    })),
  );
}
