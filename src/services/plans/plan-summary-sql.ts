// A plan's progress and risk in SQL, by the rules of the plan page (src/domain/plan/progress.ts and metrics.ts),
// so that lists can filter and sort on them: progress is the mean progress of the plan's metrics; risk is the
// worst status of its focus areas, each the worst of its linked metrics' status against the time elapsed, its
// latest check-in rating, and "at risk" for overdue activities of the groups that serve it.
import { type SQL, sql } from 'drizzle-orm';
import { plans } from '../../db/schema/index.ts';
import { activityGroupsOfArea } from '../../domain/plan/progress.ts';

/** The statuses in order of severity; a rank is an index into this. */
export const riskRanks = ['onTrack', 'atRisk', 'offTrack'] as const;

export const riskOfRank = (rank: number | null): (typeof riskRanks)[number] | null =>
  rank === null ? null : (riskRanks[Number(rank)] ?? null);

/** (template key, activity group) pairs: which activities serve which template focus areas. */
const areaGroupPairs = sql.raw(
  Object.entries(activityGroupsOfArea)
    .flatMap(([area, groups]) => groups.map((group) => `('${area}', '${group}')`))
    .join(', '),
);

/**
 * The facts progress and risk are drawn from that do not change with the calendar, for the plan in `plans`:
 * `progress` (0–100, null without metrics), `has_linked_metric`, `unmet_min_progress` (the lowest progress,
 * 0–1, among linked metrics not yet met), `rating_rank` (the worst latest rating status of its focus areas)
 * and `overdue_from` (the earliest due date of open activities that serve one of its focus areas).
 */
export const planFacts = (planId: SQL, orgId: SQL): SQL => sql`
  select mf.progress, mf.has_linked_metric, mf.unmet_min_progress,
    (select max(lr.rank)::int from focus_areas fa
       cross join lateral (
         select case r.value->>'status' when 'onTrack' then 0 when 'atRisk' then 1 else 2 end as rank
         from check_ins c cross join lateral jsonb_array_elements(c.ratings) with ordinality as r(value, n)
         where c.org_id = fa.org_id and c.plan_id = fa.plan_id and c.status = 'held'
           and r.value->>'focusAreaId' = fa.id::text
         order by c.scheduled_at desc, r.n desc limit 1) lr
       where fa.org_id = ${orgId} and fa.plan_id = ${planId}) as rating_rank,
    (select min(a.due_date) from activities a
       where a.org_id = ${orgId} and a.plan_id = ${planId} and a.status <> 'done' and a.due_date is not null
         and exists (select 1 from focus_areas fa
           where fa.org_id = a.org_id and fa.plan_id = a.plan_id
             and (fa.template_key, a.group_key) in (values ${areaGroupPairs}))) as overdue_from
  from (
    select round(round(avg(mp.progress), 4) * 100)::int as progress,
      coalesce(bool_or(mp.focus_area_id is not null), false) as has_linked_metric,
      min(mp.progress) filter (where mp.focus_area_id is not null and not mp.is_met) as unmet_min_progress
    from (${metricProgress(planId, orgId)}) mp) mf`;

/** Each metric's progress (0–1, four decimals) and whether it is met, from its latest measurement. */
const metricProgress = (planId: SQL, orgId: SQL): SQL => sql`
  select m.focus_area_id,
    round(least(1, greatest(0, (cur.value - m.baseline) / (m.target - m.baseline)))::numeric, 4) as progress,
    round((case when m.direction = 'higher' then m.target - cur.value else cur.value - m.target end)::numeric, 4)
      <= 0 as is_met
  from metrics m
  cross join lateral (
    select coalesce(
      (select x.value from measurements x
        where x.org_id = m.org_id and x.plan_id = m.plan_id and x.metric_id = m.id
        order by x.date desc, x.created_at desc limit 1),
      m.baseline) as value) cur
  where m.org_id = ${orgId} and m.plan_id = ${planId}`;

/** The plan's risk today as a rank (0 on track, 1 at risk, 2 off track; null: nothing measured or rated). */
export const planRiskRank = (facts: SQL, today: string): SQL => {
  const day = sql`${today}::date`;
  const elapsed = sql`(case when ${plans.endDate} = ${plans.startDate}
      then (case when ${day} >= ${plans.startDate} then 1 else 0 end)
      else round(least(1, greatest(0, (${day} - ${plans.startDate})::numeric / (${plans.endDate} - ${plans.startDate}))), 4)
    end)`;
  return sql`greatest(
    case when not coalesce(${facts}.has_linked_metric, false) then null
      when ${facts}.unmet_min_progress is null then 0
      when ${facts}.unmet_min_progress >= round(${elapsed} - 0.1, 4) then 0
      when ${facts}.unmet_min_progress >= round(${elapsed} - 0.25, 4) then 1
      else 2 end,
    ${facts}.rating_rank,
    case when ${facts}.overdue_from < ${day} then 1 end)`;
};
