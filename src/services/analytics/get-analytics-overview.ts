// HR analytics at a glance: plans by status, department, manager and month, outcomes, lengths, signing time,
// check-in compliance, support delivered and plans at risk; every figure one SQL aggregate over the plans' summary
// rows (plan_summaries, kept in step by the database), no plan loaded. The organisation-wide answer is kept until
// its data changes (snapshots.ts).
import { sql } from 'drizzle-orm';
import type { AnalyticsOverview } from '../../contracts/analytics.ts';
import { planStatuses } from '../../contracts/plans.ts';
import { selectRows } from '../../db/sql.ts';
import type { PlanStatus } from '../../domain/access/policy.ts';
import { minimumGroupSize } from '../../domain/analytics/consistency.ts';
import type { ServiceContext } from '../context.ts';
import { type AnalyticsScope, analyticsScope } from './analytics-scope.ts';
import { rememberedAnswer } from './snapshots.ts';

/** The managers the overview lists (most plans first); the consistency view lists every one. */
export const overviewManagerCount = 25;
/** Months the overview's time series covers, ending with the current one. */
export const overviewMonths = 24;

const share = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
const per100 = (plans: number, people: number) =>
  people > 0 ? Math.round((10_000 * plans) / people) / 100 : 0;

type GroupRow = { key: string; label: string | null; headcount: number; plans: number };

type Totals = { [S in PlanStatus as `status_${S}`]: number } & {
  plans: number;
  headcount: number;
  median_weeks: number | null;
  successful: number;
  unsuccessful: number;
  cancelled: number;
  median_days_to_sign: number | null;
  signed_plans: number;
  held: number;
  due: number;
  mentor_held: number;
  mentor_due: number;
  activities_done: number;
  activities_planned: number;
  at_risk: number;
  active: number;
};

export async function getAnalyticsOverview(ctx: ServiceContext): Promise<AnalyticsOverview> {
  const scope = analyticsScope(ctx);
  if (scope.kind !== 'organization') return computeOverview(ctx, scope);
  return rememberedAnswer(ctx, 'overview', () => computeOverview(ctx, scope));
}

async function computeOverview(ctx: ServiceContext, scope: AnalyticsScope): Promise<AnalyticsOverview> {
  const db = ctx.deps.database.db;
  const now = ctx.deps.now();
  const nowIso = now.toISOString();
  const firstMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (overviewMonths - 1), 1))
    .toISOString()
    .slice(0, 10);
  const orgId = scope.orgId;
  // Plans that left draft are counted as used; a draft is still the manager's intention.
  const isCounted = sql`p.status <> 'draft'`;
  const counted = sql`${scope.plans} and ${isCounted}`;

  // Every plan-level figure in one pass over the scope's summary rows (each with its own filter), the months,
  // departments and managers in one statement each: four statements, run side by side.
  const [totalRows, monthRows, departmentRows, managerRows] = await Promise.all([
    selectRows<Totals>(
      db,
      sql`select ${sql.join(
        planStatuses.map(
          (status) =>
            sql`count(*) filter (where p.status = ${status})::int as ${sql.identifier(`status_${status}`)}`,
        ),
        sql`, `,
      )},
          count(*) filter (where ${isCounted})::int as plans,
          (select coalesce(sum(h.people), 0)::int from headcounts h
            where h.org_id = ${orgId} and h.kind = 'department') as headcount,
          percentile_cont(0.5) within group (order by p.duration_weeks) filter (where ${isCounted}) as median_weeks,
          count(*) filter (where ${isCounted} and p.outcome = 'successful')::int as successful,
          count(*) filter (where ${isCounted} and p.outcome = 'unsuccessful')::int as unsuccessful,
          count(*) filter (where ${isCounted} and p.outcome = 'cancelled')::int as cancelled,
          percentile_cont(0.5) within group (order by p.days_to_full_signature)
            filter (where ${isCounted} and p.days_to_full_signature is not null) as median_days_to_sign,
          count(*) filter (where ${isCounted} and p.days_to_full_signature is not null)::int as signed_plans,
          -- Held and missed check-ins from the plans' summaries; those still scheduled whose time has come, from
          -- the check-ins themselves (a short range of the (org, status, scheduled_at) index).
          coalesce(sum(p.check_ins_held), 0)::int as held,
          (coalesce(sum(p.check_ins_held + p.check_ins_missed), 0) + (select count(*) from check_ins c
            where ${scope.rowsOf('c')} and c.status = 'scheduled' and c.scheduled_at <= ${nowIso}::timestamptz))::int as due,
          coalesce(sum(p.mentor_sessions_held), 0)::int as mentor_held,
          (coalesce(sum(p.mentor_sessions_held + p.mentor_sessions_missed), 0) + (select count(*) from check_ins c
            where ${scope.rowsOf('c')} and c.status = 'scheduled' and c.type = 'mentor_session'
              and c.scheduled_at <= ${nowIso}::timestamptz))::int as mentor_due,
          coalesce(sum(p.activities_done) filter (where ${isCounted}), 0)::int as activities_done,
          coalesce(sum(p.activities_planned) filter (where ${isCounted}), 0)::int as activities_planned,
          count(*) filter (where p.status = 'active' and exists (select 1 from risk_flags r
            where r.org_id = p.org_id and r.plan_id = p.plan_id))::int as at_risk,
          count(*) filter (where p.status = 'active')::int as active
        from plan_summaries p where ${scope.plans}`,
    ),
    // Months as numbers (year × 12 + month − 1), named here: formatting each plan's date as text in SQL took
    // three times as long as the rest of the statement.
    selectRows<{ month: number; started: number; closed: number }>(
      db,
      sql`select month, sum(started)::int as started, sum(closed)::int as closed from (
            select (extract(year from p.start_date) * 12 + extract(month from p.start_date) - 1)::int as month,
              1 as started, 0 as closed
            from plan_summaries p where ${counted} and p.start_date >= ${firstMonth}::date and p.start_date <= ${nowIso}::date
            union all
            select (extract(year from p.closed_at at time zone 'UTC') * 12
              + extract(month from p.closed_at at time zone 'UTC') - 1)::int, 0, 1
            from plan_summaries p where ${scope.plans} and p.closed_at >= ${firstMonth}::date
          ) x group by month`,
    ),
    groupRows(db, 'department', counted, orgId, null),
    groupRows(db, 'manager', counted, orgId, overviewManagerCount),
  ]);
  const totals = totalRows[0];
  if (!totals) throw new Error('the overview aggregate returned no row');
  const group = (row: GroupRow) =>
    row.headcount < minimumGroupSize
      ? {
          key: row.key,
          label: row.label ?? '',
          isSuppressed: true as const,
          headcount: null,
          plans: null,
          plansPer100: null,
        }
      : {
          key: row.key,
          label: row.label ?? '',
          isSuppressed: false as const,
          headcount: row.headcount,
          plans: row.plans,
          plansPer100: per100(row.plans, row.headcount),
        };
  const { held, due, activities_done: done, activities_planned: planned } = totals;
  return {
    scope: scope.kind,
    asOf: nowIso,
    headcount: totals.headcount,
    plans: totals.plans,
    plansPer100: per100(totals.plans, totals.headcount),
    byStatus: planStatuses
      .map((status) => ({ status, plans: totals[`status_${status}`] }))
      .filter((row) => row.plans > 0)
      .sort((a, b) => a.status.localeCompare(b.status)),
    byMonth: fillMonths(firstMonth, overviewMonths, monthRows),
    byDepartment: departmentRows.map(group),
    byManager: managerRows.map(group),
    outcomes: {
      successful: totals.successful,
      unsuccessful: totals.unsuccessful,
      cancelled: totals.cancelled,
    },
    medianLengthWeeks: totals.median_weeks === null ? null : Number(totals.median_weeks),
    signing: {
      plans: totals.signed_plans,
      medianDaysToFullSignature:
        totals.median_days_to_sign === null ? null : Math.round(Number(totals.median_days_to_sign) * 10) / 10,
    },
    checkIns: { held, due, share: share(held, due) },
    support: {
      activitiesDone: done,
      activitiesPlanned: planned,
      share: share(done, planned),
      mentorSessionsHeld: totals.mentor_held,
      mentorSessionsDue: totals.mentor_due,
    },
    atRisk: { plans: totals.at_risk, activePlans: totals.active },
  };
}

/**
 * Headcount (people now in the directory) and plans per department or per manager. Headcounts come from the
 * table the database keeps (migration 0020_headcounts), not from counting the directory; the plans' side reads
 * the summaries of the counted plans, which carry each planned person's current department and manager
 * (migration 0021).
 */
function groupRows(
  db: ServiceContext['deps']['database']['db'],
  kind: 'department' | 'manager',
  counted: ReturnType<typeof sql>,
  orgId: string,
  limit: number | null,
): Promise<GroupRow[]> {
  const isManager = kind === 'manager';
  // Managers are grouped by their id as a uuid and named as text only once grouped.
  const key = isManager ? sql`p.person_manager_id` : sql`p.person_department`;
  const planned = sql`select ${key} as key, count(*)::int as plans
      from plan_summaries p
      where ${counted} and p.person_is_active and ${key} is not null
      group by ${key}`;
  // Managers: only those with plans are listed (the busiest first), so the plans' side leads.
  return selectRows<GroupRow>(
    db,
    isManager
      ? sql`select t.key, t.label, t.headcount, t.plans
          from (select h.key, h.label, h.people as headcount, g.plans from (${planned}) g
            join headcounts h on h.org_id = ${orgId} and h.kind = 'manager' and h.key = g.key::text
            order by g.plans desc, h.key
            limit ${limit ?? overviewManagerCount}) t
          order by t.plans desc, t.key`
      : sql`select h.key, h.key as label, h.people as headcount, coalesce(g.plans, 0)::int as plans
          from headcounts h left join (${planned}) g on g.key = h.key
          where h.org_id = ${orgId} and h.kind = 'department'
          order by plans desc, h.key`,
  );
}

function fillMonths(
  first: string,
  months: number,
  rows: { month: number; started: number; closed: number }[],
) {
  const byMonth = new Map(rows.map((r) => [Number(r.month), r]));
  const [year, month] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: months }, (_, i) => {
    const date = new Date(Date.UTC(year, month - 1 + i, 1));
    const key = date.toISOString().slice(0, 7);
    const row = byMonth.get(date.getUTCFullYear() * 12 + date.getUTCMonth());
    return { month: key, started: row?.started ?? 0, closed: row?.closed ?? 0 };
  });
}
