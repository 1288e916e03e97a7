// The consistency view: each manager's or department's use of plans set against the organisation's, with the
// statistical test that says whether a difference is more than chance. Counts come from one SQL aggregate;
// the arithmetic is the domain's (src/domain/analytics/consistency.ts).
import { sql } from 'drizzle-orm';
import type { ConsistencyView } from '../../contracts/analytics.ts';
import { assessConsistency, type GroupCounts } from '../../domain/analytics/consistency.ts';
import type { ServiceContext } from '../context.ts';
import { analyticsScope, selectRows } from './analytics-scope.ts';

export type ConsistencyQuery = { by: 'manager' | 'department'; limit?: number };

type Row = {
  is_total: boolean;
  key: string | null;
  label: string | null;
  headcount: number;
  people_with_plan: number;
  plans: number;
  median_weeks: number | null;
  successful: number;
  unsuccessful: number;
  cancelled: number;
  measurable: number;
  dated: number;
  done: number;
  planned: number;
  mentor_held: number;
};

export async function getConsistency(ctx: ServiceContext, query: ConsistencyQuery): Promise<ConsistencyView> {
  const scope = analyticsScope(ctx);
  const orgId = scope.orgId;
  const key = query.by === 'manager' ? sql`e.manager_id::text` : sql`e.department`;
  // People now in the directory, each with the counted plans (not drafts) of the actor's scope. The per-plan facts
  // (measurable, dated, support delivered) are read from the plans' summary rows, kept by the database.
  const rows = await selectRows<Row>(
    ctx.deps.database.db,
    sql`with facts as (
          select p.plan_id as id, p.employee_id, p.duration_weeks, p.outcome,
            p.is_measurable as measurable, p.is_dated as dated, p.activities_done as done,
            p.activities_planned as planned, p.mentor_sessions_held as mentor_held
          from plan_summaries p where ${scope.plans} and p.status <> 'draft'
        ),
        -- One row per person on a plan, so the join to the directory is one to one (no count(distinct)).
        people as (
          select f.employee_id, count(*) as plans,
            count(*) filter (where f.outcome = 'successful') as successful,
            count(*) filter (where f.outcome = 'unsuccessful') as unsuccessful,
            count(*) filter (where f.outcome = 'cancelled') as cancelled,
            count(*) filter (where f.measurable) as measurable,
            count(*) filter (where f.dated) as dated,
            sum(f.done) as done, sum(f.planned) as planned, sum(f.mentor_held) as mentor_held
          from facts f group by f.employee_id
        ),
        lengths as (
          select grouping(${key}) = 1 as is_total, ${key} as key,
            percentile_cont(0.5) within group (order by f.duration_weeks) as median_weeks
          from facts f join employees e on e.id = f.employee_id
          where e.org_id = ${orgId} and e.deactivated_at is null
          group by grouping sets ((${key}), ())
        ),
        counts as (
          select grouping(${key}) = 1 as is_total, ${key} as key,
            count(*)::int as headcount,
            count(pp.employee_id)::int as people_with_plan,
            coalesce(sum(pp.plans), 0)::int as plans,
            coalesce(sum(pp.successful), 0)::int as successful,
            coalesce(sum(pp.unsuccessful), 0)::int as unsuccessful,
            coalesce(sum(pp.cancelled), 0)::int as cancelled,
            coalesce(sum(pp.measurable), 0)::int as measurable,
            coalesce(sum(pp.dated), 0)::int as dated,
            coalesce(sum(pp.done), 0)::int as done,
            coalesce(sum(pp.planned), 0)::int as planned,
            coalesce(sum(pp.mentor_held), 0)::int as mentor_held
          from employees e left join people pp on pp.employee_id = e.id
          where e.org_id = ${orgId} and e.deactivated_at is null
          group by grouping sets ((${key}), ())
        ),
        groups as (
          select c.*, l.median_weeks from counts c
          left join lengths l on l.is_total = c.is_total and l.key is not distinct from c.key
        )
        select g.*, ${query.by === 'manager' ? sql`m.name` : sql`g.key`} as label from groups g
        ${query.by === 'manager' ? sql`left join employees m on m.org_id = ${orgId} and m.id = g.key::uuid` : sql``}
        where g.is_total or g.key is not null`,
  );
  const counts = (r: Row): GroupCounts => ({
    key: r.key ?? '',
    label: r.label ?? '',
    headcount: r.headcount,
    peopleWithPlan: r.people_with_plan,
    plans: r.plans,
    medianLengthWeeks: r.median_weeks === null ? null : Number(r.median_weeks),
    successful: r.successful,
    unsuccessful: r.unsuccessful,
    cancelled: r.cancelled,
    withMeasurableGoals: r.measurable,
    withDatedExamples: r.dated,
    activitiesDone: r.done,
    activitiesPlanned: r.planned,
    mentorSessionsHeld: r.mentor_held,
  });
  const total = rows.find((r) => r.is_total);
  const groups = rows.filter((r) => !r.is_total).map(counts);
  const result = assessConsistency(total ? counts(total) : emptyCounts, groups);
  // Flagged groups first, then the least likely by chance; suppressed groups last.
  const ordered = [...result.groups].sort((a, b) => {
    if (a.isSuppressed !== b.isSuppressed) return a.isSuppressed ? 1 : -1;
    if (a.isSuppressed || b.isSuppressed) return a.label.localeCompare(b.label);
    if (a.isFlagged !== b.isFlagged) return a.isFlagged ? -1 : 1;
    return a.rateTest.adjustedPValue - b.rateTest.adjustedPValue || a.label.localeCompare(b.label);
  });
  return {
    by: query.by,
    scope: scope.kind,
    asOf: ctx.deps.now().toISOString(),
    norm: result.norm,
    method: result.method,
    groupCount: ordered.length,
    flaggedCount: ordered.filter((g) => !g.isSuppressed && g.isFlagged).length,
    suppressedCount: ordered.filter((g) => g.isSuppressed).length,
    groups: query.limit === undefined ? ordered : ordered.slice(0, query.limit),
  };
}

const emptyCounts: GroupCounts = {
  key: '',
  label: '',
  headcount: 0,
  peopleWithPlan: 0,
  plans: 0,
  medianLengthWeeks: null,
  successful: 0,
  unsuccessful: 0,
  cancelled: 0,
  withMeasurableGoals: 0,
  withDatedExamples: 0,
  activitiesDone: 0,
  activitiesPlanned: 0,
  mentorSessionsHeld: 0,
};
