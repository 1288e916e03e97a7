// How many items of each kind wait on the actor in the whole inbox, not just its first page: one aggregate
// query over the plans related to them, each kind counted by the same conditions the domain's inbox uses.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { plans } from '../../db/schema/index.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { type InboxKind, inboxKinds } from '../../domain/inbox.ts';
import { selectRows } from '../analytics/analytics-scope.ts';
import type { ServiceContext } from '../context.ts';
import { relatedPlansFilter } from '../plans/list-plans.ts';

const openStatuses = ['in_review', 'awaiting_acknowledgment', 'active', 'paused'];

/**
 * The policy's relationships as SQL over the plans row, for this actor (see `can` in domain/access/policy.ts):
 * its HR (an HR administrator for every plan, an HR representative for the plans assigned to them or that
 * they created), its manager, its employee once the plan is sent to them, and "not the actor's own plan".
 */
function relationsOf(actor: Actor) {
  const me = sql`${actor.userId}::uuid`;
  const isPlanHr: SQL = actor.roles.has('hr_admin')
    ? sql`true`
    : actor.roles.has('hr')
      ? sql`(${plans.hrRepUserId} = ${me} or ${plans.createdByUserId} = ${me})`
      : sql`false`;
  return {
    isPlanHr,
    isManager: sql`coalesce(${plans.managerUserId} = ${me}, false)`,
    isMentor: sql`coalesce(${plans.mentorUserId} = ${me}, false)`,
    isVisibleEmployee: sql`(coalesce(${plans.employeeUserId} = ${me}, false)
      and ${plans.status} not in ('draft', 'in_review'))`,
    isNotSelf: sql`${plans.employeeUserId} is distinct from ${me}`,
  };
}

/** `today` and `horizon` as the inbox reads them: the organisation's date, and how far ahead a check-in shows. */
export async function inboxCounts(
  { deps, actor }: ServiceContext,
  today: string,
  horizon: string,
): Promise<Record<InboxKind, number>> {
  const { isPlanHr, isManager, isMentor, isVisibleEmployee, isNotSelf } = relationsOf(actor);
  const underAgreement = sql`${plans.status} in ('awaiting_acknowledgment', 'active', 'paused')`;
  const running = sql`${plans.status} in ('active', 'paused')`;
  const ended = sql`(${running} and ${plans.endDate} < ${today}::date)`;
  const approved = (role: string) => sql`exists (select 1 from approvals a where a.org_id = ${plans.orgId}
    and a.plan_id = ${plans.id} and a.round = ${plans.approvalRound} and a.role = ${role})`;
  // A refusal is the employee's act on the version that counts, as a signature is.
  const signed = (role: string) => sql`exists (select 1 from signatures g where g.org_id = ${plans.orgId}
    and g.plan_id = ${plans.id} and g.version >= ${plans.majorVersion} and g.role = ${role})`;
  const dueCheckIns = (isMentorSession: boolean) => sql`(select count(*) from check_ins c
    where c.org_id = ${plans.orgId} and c.plan_id = ${plans.id} and c.status = 'scheduled'
      and c.scheduled_at <= ${horizon}::timestamptz
      and ${isMentorSession ? sql`c.type = 'mentor_session'` : sql`c.type <> 'mentor_session'`})`;
  const [row] = await selectRows<Record<InboxKind, string | number | null>>(
    deps.database.db,
    sql`select
      count(*) filter (where ${plans.status} = 'in_review' and (
        (${isManager} and not ${approved('manager')})
        or (${isPlanHr} and ${isNotSelf} and not ${approved('hr')}))) as approve_plan,
      count(*) filter (where ${underAgreement} and (
        (${isVisibleEmployee} and not ${signed('employee')})
        or (${isManager} and not ${signed('manager')})
        or (${isPlanHr} and ${isNotSelf} and not ${signed('hr')}))) as sign_plan,
      coalesce(sum((select count(*) from signatures g where g.org_id = ${plans.orgId} and g.plan_id = ${plans.id}
        and g.is_refused and g.witnessed_at is null and g.version >= ${plans.majorVersion}))
        filter (where ${underAgreement} and ${isPlanHr} and ${isNotSelf}), 0) as witness_refusal,
      coalesce(sum((select count(*) from adjustments j where j.org_id = ${plans.orgId} and j.plan_id = ${plans.id}
        and j.status = 'pending')) filter (where ${isPlanHr} and ${isNotSelf}), 0) as decide_adjustment,
      coalesce(sum(${dueCheckIns(false)}) filter (where ${running} and ${isManager} and ${isNotSelf}), 0)
        as record_check_in,
      coalesce(sum(${dueCheckIns(true)}) filter (where ${running} and ${isMentor}), 0) as record_mentor_session,
      count(*) filter (where ${ended} and ${plans.outcomeRecommendation} is null and ${isManager}
        and ${isNotSelf}) as recommend_outcome,
      count(*) filter (where ${ended} and ${isPlanHr} and ${isNotSelf}) as close_plan
    from ${plans}
    where ${and(eq(plans.orgId, actor.orgId), inArray(plans.status, openStatuses), relatedPlansFilter(actor))}`,
  );
  return Object.fromEntries(inboxKinds.map((kind) => [kind, Number(row?.[kind] ?? 0)])) as Record<
    InboxKind,
    number
  >;
}
