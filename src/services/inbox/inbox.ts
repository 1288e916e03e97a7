// Reads what may wait on the actor (open plans related to them, and what those plans still need) and lets the
// domain decide, through the access policy, which items are theirs.
import { and, eq, inArray, lte, type SQL } from 'drizzle-orm';
import { adjustments, approvals, checkIns, plans, signatures } from '../../db/schema/index.ts';
import { composeInbox, type InboxItem } from '../../domain/inbox.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { ServiceContext } from '../context.ts';
import { relatedPlansFilter } from '../plans/list-plans.ts';

const openStatuses = ['in_review', 'awaiting_acknowledgment', 'active', 'paused'];

/** How far ahead a scheduled check-in is read: the domain shows those due within a day. */
const checkInHorizonMs = 24 * 60 * 60 * 1000;

/** `timeZone` is the organisation's, read with the actor at authentication. */
export async function inboxOf(ctx: ServiceContext, timeZone: string): Promise<{ items: InboxItem[] }> {
  const { deps, actor } = ctx;
  const db = deps.database.db;
  const filters: (SQL | undefined)[] = [
    eq(plans.orgId, actor.orgId),
    inArray(plans.status, openStatuses),
    relatedPlansFilter(actor),
  ];
  const planRows = await db
    .select({
      id: plans.id,
      orgId: plans.orgId,
      status: plans.status,
      employeeUserId: plans.employeeUserId,
      managerUserId: plans.managerUserId,
      hrRepUserId: plans.hrRepUserId,
      mentorUserId: plans.mentorUserId,
      createdByUserId: plans.createdByUserId,
      header: plans.header,
      approvalRound: plans.approvalRound,
      majorVersion: plans.majorVersion,
      endDate: plans.endDate,
      outcomeRecommendation: plans.outcomeRecommendation,
    })
    .from(plans)
    .where(and(...filters));
  if (planRows.length === 0) return { items: [] };
  const ids = planRows.map((p) => p.id);
  const now = deps.now();
  const [approvalRows, signatureRows, adjustmentRows, checkInRows] = await Promise.all([
    db
      .select({ planId: approvals.planId, round: approvals.round, role: approvals.role })
      .from(approvals)
      .where(and(eq(approvals.orgId, actor.orgId), inArray(approvals.planId, ids))),
    db
      .select({
        id: signatures.id,
        planId: signatures.planId,
        version: signatures.version,
        role: signatures.role,
        isRefused: signatures.isRefused,
        witnessedAt: signatures.witnessedAt,
      })
      .from(signatures)
      .where(and(eq(signatures.orgId, actor.orgId), inArray(signatures.planId, ids))),
    db
      .select({ id: adjustments.id, planId: adjustments.planId, createdAt: adjustments.createdAt })
      .from(adjustments)
      .where(
        and(
          eq(adjustments.orgId, actor.orgId),
          inArray(adjustments.planId, ids),
          eq(adjustments.status, 'pending'),
        ),
      ),
    db
      .select({
        id: checkIns.id,
        planId: checkIns.planId,
        type: checkIns.type,
        scheduledAt: checkIns.scheduledAt,
      })
      .from(checkIns)
      .where(
        and(
          eq(checkIns.orgId, actor.orgId),
          inArray(checkIns.planId, ids),
          eq(checkIns.status, 'scheduled'),
          lte(checkIns.scheduledAt, new Date(now.getTime() + checkInHorizonMs).toISOString()),
        ),
      ),
  ]);
  const items = composeInbox(
    actor,
    {
      plans: planRows.map((p) => ({
        ...p,
        status: p.status as never,
        employeeName: p.header.employeeName,
        hasOutcomeRecommendation: p.outcomeRecommendation !== null,
      })),
      approvals: approvalRows,
      signatures: signatureRows,
      pendingAdjustments: adjustmentRows,
      dueCheckIns: checkInRows.map((c) => ({ ...c, scheduledAt: new Date(c.scheduledAt).toISOString() })),
    },
    now,
    todayIn(timeZone, now),
  );
  return { items };
}
