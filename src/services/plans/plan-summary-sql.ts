// A plan's risk today in SQL, by the rules of the plan page (src/domain/plan/progress.ts and metrics.ts), from
// the facts its summary row keeps (migration 0018_plan-summaries), so that lists can sort on it: the worst status
// of its focus areas, each the worst of its linked metrics' status against the time elapsed, its latest check-in
// rating, and "at risk" for overdue activities of the groups that serve it.
import { type SQL, sql } from 'drizzle-orm';
import { planSummaries } from '../../db/schema/index.ts';

/** The statuses in order of severity; a rank is an index into this. */
export const riskRanks = ['onTrack', 'atRisk', 'offTrack'] as const;

export const riskOfRank = (rank: number | null): (typeof riskRanks)[number] | null =>
  rank === null ? null : (riskRanks[Number(rank)] ?? null);

/** The plan's risk today as a rank (0 on track, 1 at risk, 2 off track; null: nothing measured or rated). */
export const planRiskRank = (today: string): SQL => {
  const facts = planSummaries;
  const day = sql`${today}::date`;
  const elapsed = sql`(case when ${facts.endDate} = ${facts.startDate}
      then (case when ${day} >= ${facts.startDate} then 1 else 0 end)
      else round(least(1, greatest(0, (${day} - ${facts.startDate})::numeric / (${facts.endDate} - ${facts.startDate}))), 4)
    end)`;
  return sql`greatest(
    case when not coalesce(${facts.hasLinkedMetric}, false) then null
      when ${facts.unmetMinProgress} is null then 0
      when ${facts.unmetMinProgress} >= round(${elapsed} - 0.1, 4) then 0
      when ${facts.unmetMinProgress} >= round(${elapsed} - 0.25, 4) then 1
      else 2 end,
    ${facts.ratingRank},
    case when ${facts.overdueFrom} < ${day} then 1 end)`;
};
