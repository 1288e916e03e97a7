// Reads what may wait on the actor (open plans related to them where something is still owed, narrowed in SQL,
// and what those plans still need) and lets the domain decide, through the access policy, which items are theirs.
import { and, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { adjustments, approvals, checkIns, plans, signatures } from '../../db/schema/index.ts';
import { composeInbox, type InboxItem } from '../../domain/inbox.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { ServiceContext } from '../context.ts';
import { relatedPlansFilter } from '../plans/list-plans.ts';

const openStatuses = ['in_review', 'awaiting_acknowledgment', 'active', 'paused'];

/** How far ahead a scheduled check-in is read: the domain shows those due within a day. */
const checkInHorizonMs = 24 * 60 * 60 * 1000;

/**
 * Plans where something may wait on someone: an approval round not complete, signatures missing or a refusal
 * not witnessed, an adjustment to decide, an end date passed while running, a check-in due within the horizon.
 * A superset of what the domain puts in an inbox (it decides who owes what), so that the rest of the reads
 * concern those plans only, not every open plan.
 */
function waitingOnSomeone(today: string, horizon: string): SQL {
  return sql`(
    (${plans.status} = 'in_review' and (select count(distinct a.role) from approvals a
      where a.org_id = ${plans.orgId} and a.plan_id = ${plans.id} and a.round = ${plans.approvalRound}) < 2)
    or (${plans.status} in ('awaiting_acknowledgment', 'active', 'paused') and (
      (select count(distinct g.role) from signatures g where g.org_id = ${plans.orgId} and g.plan_id = ${plans.id}
        and g.version >= ${plans.majorVersion} and not g.is_refused) < 3
      or exists (select 1 from signatures g where g.org_id = ${plans.orgId} and g.plan_id = ${plans.id}
        and g.version >= ${plans.majorVersion} and g.is_refused and g.witnessed_at is null)))
    or exists (select 1 from adjustments j where j.org_id = ${plans.orgId} and j.plan_id = ${plans.id}
      and j.status = 'pending')
    or (${plans.status} in ('active', 'paused') and (${plans.endDate} < ${today}::date
      or exists (select 1 from check_ins c where c.org_id = ${plans.orgId} and c.plan_id = ${plans.id}
        and c.status = 'scheduled' and c.scheduled_at <= ${horizon}::timestamptz))))`;
}

/** `timeZone` is the organisation's, read with the actor at authentication. */
export async function inboxOf(ctx: ServiceContext, timeZone: string): Promise<{ items: InboxItem[] }> {
  const { deps, actor } = ctx;
  const db = deps.database.db;
  const now = deps.now();
  const today = todayIn(timeZone, now);
  const horizon = new Date(now.getTime() + checkInHorizonMs).toISOString();
  const filters: (SQL | undefined)[] = [
    eq(plans.orgId, actor.orgId),
    inArray(plans.status, openStatuses),
    relatedPlansFilter(actor),
    waitingOnSomeone(today, horizon),
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
          lte(checkIns.scheduledAt, horizon),
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
    today,
  );
  return { items };
}
