// The consistency view: each manager's or department's use of plans set against the organisation's, with the
// statistical test that says whether a difference is more than chance. Counts come from one SQL aggregate;
// the arithmetic is the domain's (src/domain/analytics/consistency.ts). The organisation-wide answer, every group
// ranked, or its first two hundred, is kept until its data changes (snapshots.ts); a shorter page is cut from it.
import { sql } from 'drizzle-orm';
import type { ConsistencyView } from '../../contracts/analytics.ts';
import { selectRows } from '../../db/sql.ts';
import { type GroupCounts, rankConsistency } from '../../domain/analytics/consistency.ts';
import type { ServiceContext } from '../context.ts';
import { type AnalyticsScope, analyticsScope } from './analytics-scope.ts';
import { rememberedAnswer } from './snapshots.ts';

/**
 * Groups of the stored first page (the web page's): a page up to this long is cut from it. The whole ranking of
 * 10,000 managers is 5.6 MB of JSON, which takes nearly as long to read back as to compute (0.15 s against 0.2 s);
 * its first two hundred groups are 0.12 MB.
 */
export const storedPageGroups = 200;

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
  if (scope.kind !== 'organization') return computeConsistency(ctx, scope, query);
  const { by, limit } = query;
  const isPage = limit !== undefined && limit <= storedPageGroups;
  const stored = await rememberedAnswer(
    ctx,
    isPage ? `consistency:${by}:first-${storedPageGroups}` : `consistency:${by}`,
    () => computeConsistency(ctx, scope, { by, limit: isPage ? storedPageGroups : undefined }),
  );
  // A page's groups are the first of the ranking, whatever its length.
  return limit === undefined ? stored : { ...stored, groups: stored.groups.slice(0, limit) };
}

async function computeConsistency(
  ctx: ServiceContext,
  scope: AnalyticsScope,
  query: ConsistencyQuery,
): Promise<ConsistencyView> {
  const orgId = scope.orgId;
  // Grouped by the manager's id as a uuid, or the department's name byte by byte: sorting thousands of keys as
  // text in the database's language collation took five times as long (180 ms against 35 ms at 100,000 people).
  // The groups' order is the domain's, after the tests, so the grouping's own order does not show.
  const key = query.by === 'manager' ? sql`f.manager` : sql`(f.department collate "C")`;
  // Headcounts per group and in all come from the table the database keeps (migration 0020_headcounts); the
  // plans' side reads the summaries of the actor's counted plans (not drafts), which carry each planned person's
  // current department and manager (migration 0021), so no statement reads the directory. Plans of people who
  // left are not counted, as they are not in any group's headcount.
  const rows = await selectRows<Row>(
    ctx.deps.database.db,
    sql`with facts as materialized (
          select p.plan_id as id, p.employee_id, p.person_department as department,
            p.person_manager_id as manager, p.duration_weeks,
            p.outcome, p.is_measurable as measurable, p.is_dated as dated, p.activities_done as done,
            p.activities_planned as planned, p.mentor_sessions_held as mentor_held
          from plan_summaries p
          where ${scope.plans} and p.status <> 'draft' and p.person_is_active
        ),
        groups as (
          select grouping(${key}) = 1 as is_total, ${key}::text as key,
            count(distinct f.employee_id)::int as people_with_plan,
            count(*)::int as plans,
            count(*) filter (where f.outcome = 'successful')::int as successful,
            count(*) filter (where f.outcome = 'unsuccessful')::int as unsuccessful,
            count(*) filter (where f.outcome = 'cancelled')::int as cancelled,
            count(*) filter (where f.measurable)::int as measurable,
            count(*) filter (where f.dated)::int as dated,
            coalesce(sum(f.done), 0)::int as done,
            coalesce(sum(f.planned), 0)::int as planned,
            coalesce(sum(f.mentor_held), 0)::int as mentor_held,
            percentile_cont(0.5) within group (order by f.duration_weeks) as median_weeks
          from facts f
          group by grouping sets ((${key}), ())
        ),
        heads as (
          select false as is_total, h.key, h.label, h.people as headcount from headcounts h
          where h.org_id = ${orgId} and h.kind = ${query.by}
          union all
          select true, null, null, coalesce(sum(h.people), 0)::int from headcounts h
          where h.org_id = ${orgId} and h.kind = 'department'
        )
        select hd.is_total, hd.key, hd.headcount,
          coalesce(g.people_with_plan, 0) as people_with_plan, coalesce(g.plans, 0) as plans,
          coalesce(g.successful, 0) as successful, coalesce(g.unsuccessful, 0) as unsuccessful,
          coalesce(g.cancelled, 0) as cancelled, coalesce(g.measurable, 0) as measurable,
          coalesce(g.dated, 0) as dated, coalesce(g.done, 0) as done, coalesce(g.planned, 0) as planned,
          coalesce(g.mentor_held, 0) as mentor_held, g.median_weeks,
          ${
            // A manager's name is kept on their headcount row (migration 0025): looking up 10,000 names by key
            // was half of this statement's time at 100,000 people.
            query.by === 'manager' ? sql`hd.label` : sql`hd.key`
          } as label
        from heads hd
        -- An equality on both sides (not "is not distinct from") so that thousands of managers join by hash.
        left join groups g on g.is_total = hd.is_total and coalesce(g.key, '') = coalesce(hd.key, '')
          and (g.is_total or g.key is not null)
        `,
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
  const result = rankConsistency(total ? counts(total) : emptyCounts, groups, query.limit);
  return {
    by: query.by,
    scope: scope.kind,
    asOf: ctx.deps.now().toISOString(),
    norm: result.norm,
    method: result.method,
    groupCount: result.groupCount,
    flaggedCount: result.flaggedCount,
    suppressedCount: result.suppressedCount,
    groups: result.groups,
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
