// How many items of each kind wait on the actor in the whole inbox, not just its first page: one aggregate
// query over the summary rows of the plans related to them (migration 0021 keeps there who approved and who
// acted on the version that counts), each kind counted by the same conditions the domain's inbox uses.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { planSummaries } from '../../db/schema/index.ts';
import { selectRows } from '../../db/sql.ts';
import type { Actor } from '../../domain/access/actor.ts';
import {
  type InboxKind,
  inboxKinds,
  inboxStatuses,
  runningStatuses,
  underAgreementStatuses,
} from '../../domain/inbox.ts';
import type { ServiceContext } from '../context.ts';
import { relatedSummariesFilter } from '../plans/list-plans.ts';

const s = planSummaries;

/** The domain's inbox statuses as conditions on a plan's summary row, for the counts and the inbox's candidates. */
export const isInInbox = inArray(s.status, [...inboxStatuses]);
export const isUnderAgreement = inArray(s.status, [...underAgreementStatuses]);
export const isRunning = inArray(s.status, [...runningStatuses]);

/**
 * The policy's relationships as SQL over the plan's summary row, for this actor (see `can` in domain/access/policy.ts):
 * its HR (an HR administrator for every plan, an HR representative for the plans assigned to them or that
 * they created), its manager, its employee once the plan is sent to them, and "not the actor's own plan".
 */
function relationsOf(actor: Actor) {
  const me = sql`${actor.userId}::uuid`;
  const isPlanHr: SQL = actor.roles.has('hr_admin')
    ? sql`true`
    : actor.roles.has('hr')
      ? sql`(${s.hrRepUserId} = ${me} or ${s.createdByUserId} = ${me})`
      : sql`false`;
  return {
    isPlanHr,
    isManager: sql`coalesce(${s.managerUserId} = ${me}, false)`,
    isMentor: sql`coalesce(${s.mentorUserId} = ${me}, false)`,
    isVisibleEmployee: sql`(coalesce(${s.employeeUserId} = ${me}, false)
      and ${s.status} not in ('draft', 'in_review'))`,
    isNotSelf: sql`${s.employeeUserId} is distinct from ${me}`,
  };
}

/** `today` and `horizon` as the inbox reads them: the organisation's date, and how far ahead a check-in shows. */
export async function inboxCounts(
  { deps, actor }: ServiceContext,
  today: string,
  horizon: string,
): Promise<Record<InboxKind, number>> {
  const { isPlanHr, isManager, isMentor, isVisibleEmployee, isNotSelf } = relationsOf(actor);
  const ended = sql`(${isRunning} and ${s.endDate} < ${today}::date)`;
  // Each check-in due within the horizon is an item: counted in the check-ins themselves, only for the plans
  // whose next one is due (the summary keeps the earliest scheduled of each kind).
  const dueCheckIns = (isMentorSession: boolean) => {
    const next = isMentorSession ? s.nextMentorSessionAt : s.nextCheckInAt;
    return sql`(case when ${next} <= ${horizon}::timestamptz then (select count(*) from check_ins c
      where c.org_id = ${s.orgId} and c.plan_id = ${s.planId} and c.status = 'scheduled'
        and c.scheduled_at <= ${horizon}::timestamptz
        and ${isMentorSession ? sql`c.type = 'mentor_session'` : sql`c.type <> 'mentor_session'`}) else 0 end)`;
  };
  const [row] = await selectRows<Record<InboxKind, string | number | null>>(
    deps.database.db,
    sql`select
      count(*) filter (where ${s.status} = 'in_review' and (
        (${isManager} and not ${s.isApprovedByManager})
        or (${isPlanHr} and ${isNotSelf} and not ${s.isApprovedByHr}))) as approve_plan,
      count(*) filter (where ${isUnderAgreement} and (
        (${isVisibleEmployee} and not ${s.isSignedByEmployee})
        or (${isManager} and not ${s.isSignedByManager})
        or (${isPlanHr} and ${isNotSelf} and not ${s.isSignedByHr}))) as sign_plan,
      coalesce(sum(${s.unwitnessedRefusals}) filter (where ${isUnderAgreement} and ${isPlanHr} and ${isNotSelf}), 0)
        as witness_refusal,
      coalesce(sum(${s.pendingAdjustments}) filter (where ${isPlanHr} and ${isNotSelf}), 0) as decide_adjustment,
      coalesce(sum(${dueCheckIns(false)}) filter (where ${isRunning} and ${isManager} and ${isNotSelf}), 0)
        as record_check_in,
      coalesce(sum(${dueCheckIns(true)}) filter (where ${isRunning} and ${isMentor}), 0) as record_mentor_session,
      count(*) filter (where ${ended} and not ${s.hasOutcomeRecommendation} and ${isManager}
        and ${isNotSelf}) as recommend_outcome,
      count(*) filter (where ${ended} and ${isPlanHr} and ${isNotSelf}) as close_plan
    from ${planSummaries}
    where ${and(eq(s.orgId, actor.orgId), isInInbox, relatedSummariesFilter(actor))}`,
  );
  return Object.fromEntries(inboxKinds.map((kind) => [kind, Number(row?.[kind] ?? 0)])) as Record<
    InboxKind,
    number
  >;
}
