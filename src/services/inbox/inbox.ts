// Reads what may wait on the actor (open plans related to them where something is still owed, narrowed in SQL,
// and what those plans still need) and lets the domain decide, through the access policy, which items are theirs.
import { and, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../contracts/common.ts';
import { adjustments, approvals, checkIns, planSummaries, plans, signatures } from '../../db/schema/index.ts';
import { selectRows } from '../../db/sql.ts';
import { invalidField } from '../../domain/errors.ts';
import { composeInbox, type InboxFacts, type InboxItem, type InboxKind } from '../../domain/inbox.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { ServiceContext } from '../context.ts';
import { relatedSummariesFilter } from '../plans/list-plans.ts';
import { inboxCounts, isInInbox, isRunning, isUnderAgreement } from './inbox-counts.ts';

/** How far ahead a scheduled check-in is read: the domain shows those due within a day. */
const checkInHorizonMs = 24 * 60 * 60 * 1000;

const s = planSummaries;

/**
 * Whether a check-in due may wait on the actor: the domain gives it to the plan's manager (a mentor session to
 * its mentor) only, so for anyone else a due check-in neither makes a plan a candidate nor dates it.
 */
const mayOweCheckIn = (userId: string): SQL =>
  sql`(${s.managerUserId} = ${userId} or ${s.mentorUserId} = ${userId})`;

/** The plan's next scheduled check-in or mentor session when it falls within the horizon, else null. */
const nextDueCheckIn = (horizon: string): SQL =>
  sql`(case when least(${s.nextCheckInAt}, ${s.nextMentorSessionAt}) <= ${horizon}::timestamptz
    then least(${s.nextCheckInAt}, ${s.nextMentorSessionAt}) end)`;

/**
 * Plans where something may wait on someone: an approval round not complete, a role that has not acted on the
 * version that counts or a refusal not witnessed, an adjustment to decide, an end date passed while running, a
 * check-in due within the horizon. A superset of what the domain puts in an inbox (it decides who owes what), read
 * from the plans' summary rows (migration 0021), so that the rest of the reads concern those plans only.
 */
function waitingOnSomeone(today: string, horizon: string, dueCheckIn: SQL): SQL {
  return sql`(
    (${s.status} = 'in_review' and not (${s.isApprovedByManager} and ${s.isApprovedByHr}))
    or (${isUnderAgreement} and (
      not (${s.isSignedByEmployee} and ${s.isSignedByManager} and ${s.isSignedByHr}) or ${s.unwitnessedRefusals} > 0))
    or ${s.pendingAdjustments} > 0
    or (${isRunning} and (${s.endDate} < ${today}::date
      or (${dueCheckIn} and ${nextDueCheckIn(horizon)} is not null))))`;
}

/** Items a page of the inbox holds at most unless asked for fewer. */
export const inboxPageSize = 50;

export type InboxQuery = { limit?: number; cursor?: string };

const cursorSchema = z.object({ d: z.string(), n: z.string(), id: z.string().uuid() });

/**
 * The plans waiting on someone, the most urgent first: those with something dated (an end date passed while
 * running, a check-in due within the horizon) by their earliest date, then the rest, each group by the
 * employee's name. Read in SQL a batch at a time after the cursor, so that an HR administrator with thousands of
 * plans waiting reads the first page's plans only.
 */
type Candidate = {
  id: string;
  org_id: string;
  status: string;
  employee_user_id: string | null;
  manager_user_id: string | null;
  hr_rep_user_id: string | null;
  mentor_user_id: string | null;
  created_by_user_id: string;
  approval_round: number;
  major_version: number;
  end_date: string;
  has_outcome_recommendation: boolean;
  employee_name: string;
  urgent_at: string;
};

/** `timeZone` is the organisation's, read with the actor at authentication. */
export async function inboxOf(
  ctx: ServiceContext,
  timeZone: string,
  query: InboxQuery = {},
): Promise<{ items: InboxItem[]; nextCursor: string | null; counts: Record<InboxKind, number> }> {
  const { deps, actor } = ctx;
  const db = deps.database.db;
  const now = deps.now();
  const today = todayIn(timeZone, now);
  const horizon = new Date(now.getTime() + checkInHorizonMs).toISOString();
  const limit = query.limit ?? inboxPageSize;
  let after = decodeCursor(query.cursor, cursorSchema);
  if (query.cursor && !after) throw invalidField('querystring/cursor', 'is not a cursor this API returned');
  // Twice the page's plans per batch: most plans read give the actor one item or more.
  const batch = limit * 2;
  const pagePlans = new Set<string>();
  const pageItems: InboxItem[] = [];
  const pageFacts: InboxFacts[] = [];
  let nextCursor: string | null = null;
  for (;;) {
    const candidates = await selectRows<Candidate>(
      db,
      sql`select x.*, p.approval_round, p.major_version from (
            select ${s.planId} as id, ${s.orgId} as org_id, ${s.status} as status,
              ${s.employeeUserId} as employee_user_id, ${s.managerUserId} as manager_user_id,
              ${s.hrRepUserId} as hr_rep_user_id, ${s.mentorUserId} as mentor_user_id,
              ${s.createdByUserId} as created_by_user_id, ${s.endDate}::text as end_date,
              ${s.hasOutcomeRecommendation} as has_outcome_recommendation, ${s.employeeName} as employee_name,
              coalesce(to_char(least(
                case when ${isRunning} and ${s.endDate} < ${today}::date
                  then ${s.endDate}::timestamp at time zone 'UTC' end,
                case when ${isRunning} and ${mayOweCheckIn(actor.userId)} then ${nextDueCheckIn(horizon)} end)
                at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '9999-12-31T00:00:00.000000') as urgent_at
            from ${planSummaries}
            where ${and(
              eq(s.orgId, actor.orgId),
              isInInbox,
              relatedSummariesFilter(actor),
              waitingOnSomeone(today, horizon, mayOweCheckIn(actor.userId)),
            )}
          ) x
          join ${plans} p on p.org_id = x.org_id and p.id = x.id
          ${after ? sql`where (x.urgent_at, x.employee_name, x.id) > (${after.d}, ${after.n}, ${after.id}::uuid)` : sql``}
          order by x.urgent_at, x.employee_name, x.id
          limit ${batch + 1}`,
    );
    const read = candidates.slice(0, batch);
    const facts = await factsOf(ctx, read, horizon);
    const composed = new Map<string, InboxItem[]>();
    for (const item of composeInbox(actor, facts, now, today)) {
      const list = composed.get(item.planId);
      if (list) list.push(item);
      else composed.set(item.planId, [item]);
    }
    pageFacts.push(facts);
    let isFull = false;
    for (const plan of read) {
      const items = composed.get(plan.id) ?? [];
      if (pageItems.length + items.length > limit && pageItems.length > 0) {
        isFull = true;
        break;
      }
      pagePlans.add(plan.id);
      pageItems.push(...items);
      after = { d: plan.urgent_at, n: plan.employee_name, id: plan.id };
    }
    const hasMorePlans = isFull || candidates.length > batch;
    if (hasMorePlans && (isFull || pageItems.length >= limit)) {
      nextCursor = encodeCursor(after);
      break;
    }
    if (!hasMorePlans) break;
  }
  // The page's items in the inbox's own order (dated by date, then the rest), from the facts already read.
  const onPage = <T extends { planId: string }>(rows: readonly T[]) =>
    rows.filter((r) => pagePlans.has(r.planId));
  const items = composeInbox(
    actor,
    {
      plans: pageFacts.flatMap((f) => f.plans.filter((p) => pagePlans.has(p.id))),
      approvals: pageFacts.flatMap((f) => onPage(f.approvals)),
      signatures: pageFacts.flatMap((f) => onPage(f.signatures)),
      pendingAdjustments: pageFacts.flatMap((f) => onPage(f.pendingAdjustments)),
      dueCheckIns: pageFacts.flatMap((f) => onPage(f.dueCheckIns)),
    },
    now,
    today,
  );
  // The whole inbox's counts: the first page alone would stop at its limit.
  return { items, nextCursor, counts: await inboxCounts(ctx, today, horizon) };
}

/** The facts the domain decides the inbox from: the plans, their approvals, signatures, pending adjustments
 * and check-ins due within the horizon. */
async function factsOf(
  { deps, actor }: ServiceContext,
  candidates: Candidate[],
  horizon: string,
): Promise<InboxFacts> {
  if (candidates.length === 0) {
    return { plans: [], approvals: [], signatures: [], pendingAdjustments: [], dueCheckIns: [] };
  }
  const db = deps.database.db;
  const ids = candidates.map((p) => p.id);
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
  return {
    plans: candidates.map((p) => ({
      id: p.id,
      orgId: p.org_id,
      status: p.status as never,
      employeeUserId: p.employee_user_id,
      managerUserId: p.manager_user_id,
      hrRepUserId: p.hr_rep_user_id,
      mentorUserId: p.mentor_user_id,
      createdByUserId: p.created_by_user_id,
      approvalRound: p.approval_round,
      majorVersion: p.major_version,
      endDate: p.end_date,
      employeeName: p.employee_name,
      hasOutcomeRecommendation: p.has_outcome_recommendation,
    })),
    approvals: approvalRows,
    signatures: signatureRows,
    pendingAdjustments: adjustmentRows,
    dueCheckIns: checkInRows.map((c) => ({ ...c, scheduledAt: new Date(c.scheduledAt).toISOString() })),
  };
}
