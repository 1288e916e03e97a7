// Where a metric stands against its target: gap, progress, status against the plan's clock, and a forecast.
import { compareDates, daysBetween } from './dates.ts';

/** The shortest stretch of measurements a forecast is drawn from. */
export const minForecastSpanDays = 7;

export type Direction = 'higher' | 'lower';
export type MetricStatus = 'onTrack' | 'atRisk' | 'offTrack';
export type MeasurementPoint = { date: string; value: number };
export type MetricEvaluation = {
  current: number;
  gap: number;
  isMet: boolean;
  progress: number;
  status: MetricStatus;
  forecast: { date: string; value: number; meetsTarget: boolean } | null;
};

/** How far progress may trail the share of the plan elapsed before the metric is at risk, then off track. */
const onTrackSlack = 0.1;
const atRiskSlack = 0.25;

/**
 * Four decimals hide float noise such as 0.30000000000000004 from people and from equality checks.
 * Halves round away from zero, so a lower-is-better metric rounds exactly like its mirror image.
 */
const round4 = (x: number): number => {
  const r = (Math.sign(x) * Math.round(Math.abs(x) * 1e4)) / 1e4;
  return r === 0 ? 0 : r;
};

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

const requireFinite = (x: number, what: string): void => {
  if (!Number.isFinite(x)) throw new RangeError(`${what} must be a finite number: ${x}`);
};

/**
 * Share of the plan's span behind us: 0 on the start date and before, 1 on the end date and after.
 * A plan that starts and ends on the same day is all ahead until that day, then all behind.
 */
export function elapsedShare(plan: { startDate: string; endDate: string }, today: string): number {
  const span = daysBetween(plan.startDate, plan.endDate);
  if (span < 0) throw new RangeError(`Plan ends (${plan.endDate}) before it starts (${plan.startDate})`);
  const elapsed = daysBetween(plan.startDate, today);
  if (span === 0) return elapsed >= 0 ? 1 : 0;
  return round4(clamp01(elapsed / span));
}

/** Ordinary least squares through (x, y), evaluated at x; null when the line is undetermined. */
const leastSquaresAt = (points: { x: number; y: number }[], x: number): number | null => {
  if (points.length < 2) return null;
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - meanY);
    sxx += (p.x - meanX) ** 2;
  }
  if (sxx === 0) return null;
  return meanY + (sxy / sxx) * (x - meanX);
};

const reaches = (direction: Direction, value: number, target: number): boolean =>
  direction === 'higher' ? value >= target : value <= target;

export function evaluateMetric(
  metric: { direction: Direction; baseline: number; target: number; measurements: MeasurementPoint[] },
  plan: { startDate: string; endDate: string },
  today: string,
): MetricEvaluation {
  const { direction, baseline, target, measurements } = metric;
  requireFinite(baseline, 'Baseline');
  requireFinite(target, 'Target');
  if (target === baseline) throw new RangeError('Target must differ from baseline');
  for (const m of measurements) requireFinite(m.value, `Measurement on ${m.date}`);

  // `>= 0` keeps the later of two entries on the same date: the array order is the order they were recorded.
  const latest = measurements.reduce<MeasurementPoint | null>(
    (best, m) => (best === null || compareDates(m.date, best.date) >= 0 ? m : best),
    null,
  );
  const current = latest === null ? baseline : latest.value;

  const rawGap = round4(direction === 'higher' ? target - current : current - target);
  const isMet = rawGap <= 0;
  const progress = round4(clamp01((current - baseline) / (target - baseline)));

  const elapsed = elapsedShare(plan, today);
  const status: MetricStatus = isMet
    ? 'onTrack'
    : progress >= round4(elapsed - onTrackSlack)
      ? 'onTrack'
      : progress >= round4(elapsed - atRiskSlack)
        ? 'atRisk'
        : 'offTrack';

  // The baseline anchors the trend at the start, so one measurement already gives a direction of travel.
  const points =
    measurements.length === 0
      ? []
      : [
          { x: 0, y: baseline },
          ...measurements.map((m) => ({ x: daysBetween(plan.startDate, m.date), y: m.value })),
        ];
  // Fewer than seven days of data say nothing about where a trend is going.
  const span = points.length ? Math.max(...points.map((p) => p.x)) - Math.min(...points.map((p) => p.x)) : 0;
  const line =
    span >= minForecastSpanDays ? leastSquaresAt(points, daysBetween(plan.startDate, plan.endDate)) : null;
  const projected = line;
  const forecast =
    projected === null
      ? null
      : {
          date: plan.endDate,
          value: round4(projected),
          meetsTarget: reaches(direction, round4(projected), target),
        };

  return { current: round4(current), gap: Math.max(0, rawGap), isMet, progress, status, forecast };
}
