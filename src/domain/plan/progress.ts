// Where a running plan stands: time elapsed, progress per focus area, check-ins, cadence compliance and risk flags.
import type { CheckInStatus, CheckInType } from './check-ins.ts';
import { daysBetween } from './dates.ts';
import { type Direction, elapsedShare, evaluateMetric, type MetricStatus } from './metrics.ts';
import { managerMeetingTypes } from './schedule.ts';

export type RatingStatus = MetricStatus;
export type CheckInFacts = {
  id: string;
  type: CheckInType;
  status: CheckInStatus;
  scheduledAt: string;
  originalScheduledAt: string;
  ratings: { focusAreaId: string; rating: number; status: RatingStatus }[];
  overallRating: number | null;
};

export type ProgressInput = {
  today: string;
  /** The current instant, ISO. */
  now: string;
  plan: { startDate: string; endDate: string };
  focusAreas: { id: string; title: string; templateKey?: string | null }[];
  metrics: {
    id: string;
    name: string;
    focusAreaId: string | null;
    direction: Direction;
    baseline: number;
    target: number;
    measurements: { date: string; value: number }[];
  }[];
  checkIns: CheckInFacts[];
  activities: {
    id: string;
    title: string;
    groupKey?: ActivityGroup;
    status: 'todo' | 'in_progress' | 'done';
    dueDate: string | null;
  }[];
  feedback: { requested: number; received: number };
};

export type ActivityGroup = 'technical' | 'soft_skills' | 'professional';

/**
 * Which development-plan groups serve which of the template's focus areas. Activities carry no focus area of
 * their own; through this, an area with overdue activities is at least at risk. Custom areas have none.
 */
export const activityGroupsOfArea: Record<string, ActivityGroup[]> = {
  technical_skills: ['technical'],
  communication_collaboration: ['soft_skills'],
  quality_accuracy: ['professional'],
  timeliness_reliability: ['professional'],
};

export type RiskFlagKind =
  | 'missed_checkins_in_a_row'
  | 'forecast_misses_target'
  | 'overdue_activities'
  | 'no_recent_measurement';

export type RiskFlag = { flag: RiskFlagKind; detail: string };

export type Compliance = { due: number; heldOnTime: number; share: number | null };

export type Progress = {
  today: string;
  elapsedShare: number;
  /** Mean progress of the plan's metrics, 0..1; null without metrics. */
  overallProgress: number | null;
  focusAreas: {
    focusAreaId: string;
    title: string;
    status: RatingStatus | null;
    progress: number | null;
    latestRating: number | null;
    metrics: { metricId: string; name: string; status: MetricStatus; progress: number }[];
    activities: { total: number; done: number; overdue: number };
  }[];
  checkIns: { total: number; scheduled: number; held: number; missed: number; cancelled: number };
  activities: { total: number; done: number; overdue: number };
  feedback: { requested: number; received: number };
  cadenceCompliance: Compliance & { byType: Partial<Record<CheckInType, Compliance>> };
  ratingTrend: {
    focusAreaId: string;
    points: { checkInId: string; at: string; type: CheckInType; rating: number; status: RatingStatus }[];
  }[];
  overallRatingTrend: { checkInId: string; at: string; type: CheckInType; rating: number }[];
  riskFlags: RiskFlag[];
};

/** A meeting counts as on time when it took place within two days of its slot in the cadence. */
export const onTimeToleranceMs = 2 * 86_400_000;
/** Two weeks without a measurement is a risk. */
export const measurementGapDays = 14;

const rank: Record<RatingStatus, number> = { onTrack: 0, atRisk: 1, offTrack: 2 };
const worst = (statuses: RatingStatus[]): RatingStatus | null =>
  statuses.length ? statuses.reduce((a, b) => (rank[b] > rank[a] ? b : a)) : null;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const mean = (xs: number[]): number | null =>
  xs.length ? round4(xs.reduce((s, x) => s + x, 0) / xs.length) : null;

/** The status a rating stands for when none was chosen: 4–5 on track, 3 at risk, 1–2 off track. */
export const statusOfRating = (rating: number): RatingStatus =>
  rating >= 4 ? 'onTrack' : rating === 3 ? 'atRisk' : 'offTrack';

const ratio = (part: number, whole: number): Compliance => ({
  due: whole,
  heldOnTime: part,
  share: whole === 0 ? null : round4(part / whole),
});

export function computeProgress(input: ProgressInput): Progress {
  const { today, plan } = input;
  const nowMs = Date.parse(input.now);
  const byTime = [...input.checkIns].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const held = byTime.filter((c) => c.status === 'held');

  const evaluated = input.metrics.map((m) => ({
    metric: m,
    evaluation: evaluateMetric(
      { ...m, measurements: [...m.measurements].sort((a, b) => a.date.localeCompare(b.date)) },
      plan,
      today,
    ),
  }));

  const ratingTrend = input.focusAreas.map((area) => ({
    focusAreaId: area.id,
    points: held.flatMap((c) =>
      c.ratings
        .filter((r) => r.focusAreaId === area.id)
        .map((r) => ({
          checkInId: c.id,
          at: c.scheduledAt,
          type: c.type,
          rating: r.rating,
          status: r.status,
        })),
    ),
  }));

  const isOverdue = (a: ProgressInput['activities'][number]) =>
    a.status !== 'done' && a.dueDate !== null && daysBetween(a.dueDate, today) > 0;
  const overdue = input.activities.filter(isOverdue);

  const focusAreas = input.focusAreas.map((area) => {
    const groups = area.templateKey ? (activityGroupsOfArea[area.templateKey] ?? []) : [];
    const ownActivities = input.activities.filter((a) => a.groupKey && groups.includes(a.groupKey));
    const ownOverdue = ownActivities.filter(isOverdue).length;
    const linked = evaluated.filter((e) => e.metric.focusAreaId === area.id);
    const points = ratingTrend.find((t) => t.focusAreaId === area.id)!.points;
    const latest = points.at(-1) ?? null;
    return {
      focusAreaId: area.id,
      title: area.title,
      status: worst([
        ...linked.map((e) => e.evaluation.status),
        ...(latest ? [latest.status] : []),
        ...(ownOverdue ? (['atRisk'] as const) : []),
      ]),
      progress: mean(linked.map((e) => e.evaluation.progress)),
      latestRating: latest?.rating ?? null,
      metrics: linked.map((e) => ({
        metricId: e.metric.id,
        name: e.metric.name,
        status: e.evaluation.status,
        progress: e.evaluation.progress,
      })),
      activities: {
        total: ownActivities.length,
        done: ownActivities.filter((a) => a.status === 'done').length,
        overdue: ownOverdue,
      },
    };
  });

  const count = (status: CheckInFacts['status']) => byTime.filter((c) => c.status === status).length;

  // Compliance: the manager's meetings whose slot has come, and how many took place within two days of it.
  const due = byTime.filter(
    (c) =>
      managerMeetingTypes.includes(c.type) &&
      c.status !== 'cancelled' &&
      Date.parse(c.originalScheduledAt) <= nowMs,
  );
  const isOnTime = (c: CheckInFacts) =>
    c.status === 'held' &&
    Math.abs(Date.parse(c.scheduledAt) - Date.parse(c.originalScheduledAt)) <= onTimeToleranceMs;
  const byType: Partial<Record<CheckInType, Compliance>> = {};
  for (const type of managerMeetingTypes) {
    const ofType = due.filter((c) => c.type === type);
    if (ofType.length) byType[type] = ratio(ofType.filter(isOnTime).length, ofType.length);
  }

  const riskFlags: RiskFlag[] = [];
  const decided = byTime.filter(
    (c) => managerMeetingTypes.includes(c.type) && (c.status === 'held' || c.status === 'missed'),
  );
  if (decided.some((c, i) => i > 0 && c.status === 'missed' && decided[i - 1].status === 'missed')) {
    riskFlags.push({ flag: 'missed_checkins_in_a_row', detail: 'Two check-ins in a row were missed' });
  }
  const missing = evaluated.filter(
    (e) => e.evaluation.forecast && !e.evaluation.forecast.meetsTarget && !e.evaluation.isMet,
  );
  if (missing.length) {
    riskFlags.push({
      flag: 'forecast_misses_target',
      detail: `Forecast misses the target: ${missing.map((e) => e.metric.name).join(', ')}`,
    });
  }
  if (overdue.length) {
    riskFlags.push({
      flag: 'overdue_activities',
      detail: `${overdue.length} development activities are overdue`,
    });
  }
  const lastMeasured = input.metrics
    .flatMap((m) => m.measurements.map((x) => x.date))
    .filter((d) => daysBetween(d, today) >= 0)
    .sort()
    .at(-1);
  if (
    input.metrics.length > 0 &&
    daysBetween(plan.startDate, today) >= measurementGapDays &&
    (!lastMeasured || daysBetween(lastMeasured, today) >= measurementGapDays)
  ) {
    riskFlags.push({
      flag: 'no_recent_measurement',
      detail: lastMeasured
        ? `No measurement since ${lastMeasured}`
        : `No measurement in the ${measurementGapDays} days since the start`,
    });
  }

  return {
    today,
    elapsedShare: elapsedShare(plan, today),
    overallProgress: mean(evaluated.map((e) => e.evaluation.progress)),
    focusAreas,
    checkIns: {
      total: byTime.length,
      scheduled: count('scheduled'),
      held: count('held'),
      missed: count('missed'),
      cancelled: count('cancelled'),
    },
    activities: {
      total: input.activities.length,
      done: input.activities.filter((a) => a.status === 'done').length,
      overdue: overdue.length,
    },
    feedback: input.feedback,
    cadenceCompliance: { ...ratio(due.filter(isOnTime).length, due.length), byType },
    ratingTrend,
    overallRatingTrend: held
      .filter((c) => c.overallRating !== null)
      .map((c) => ({ checkInId: c.id, at: c.scheduledAt, type: c.type, rating: c.overallRating! })),
    riskFlags,
  };
}
