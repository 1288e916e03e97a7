// The rules of each section of a plan, checked the same way by the direct endpoints and by adjustments:
// the plan's length, focus-area deadlines, metrics. Each names the field it refuses (paths are the caller's).
import { invalidField } from '../errors.ts';
import { daysBetween } from './dates.ts';

export type PlanSpan = { startDate: string; endDate: string };

/** A plan on its own lasts 4 to 26 weeks; an agreed plan may be extended to a year. */
export const planLengthLimits = {
  draft: { minWeeks: 4, maxWeeks: 26 },
  extension: { minWeeks: 1, maxWeeks: 52 },
} as const;

/** The plan's length in whole weeks from the start date to an end date, within the limits. */
export function planLengthWeeks(
  startDate: string,
  endDate: string,
  limits: { minWeeks: number; maxWeeks: number },
  path: string,
): number {
  const days = daysBetween(startDate, endDate) + 1;
  if (days <= 0) throw invalidField(path, 'must be after the start date');
  if (days % 7 !== 0) throw invalidField(path, 'must end a whole number of weeks after the start date');
  const weeks = days / 7;
  if (weeks < limits.minWeeks || weeks > limits.maxWeeks)
    throw invalidField(path, `the plan must last ${limits.minWeeks} to ${limits.maxWeeks} weeks`);
  return weeks;
}

/** A goal's deadline falls inside the plan. */
export function checkDeadline(deadline: string | null | undefined, span: PlanSpan, path: string): void {
  if (deadline && (deadline < span.startDate || deadline > span.endDate)) {
    throw invalidField(path, `must fall inside the plan (${span.startDate} to ${span.endDate})`);
  }
}

/** A metric moves from its baseline to a different target, and belongs to a focus area of its own plan. */
export function checkMetric(
  metric: { baseline: number; target: number; focusAreaId?: string | null },
  focusAreaIds: readonly string[],
  path: string,
): void {
  if (metric.baseline === metric.target)
    throw invalidField(`${path}/target`, 'must differ from the baseline, or there is nothing to improve');
  if (metric.focusAreaId && !focusAreaIds.includes(metric.focusAreaId))
    throw invalidField(`${path}/focusAreaId`, 'no focus area of this plan has this id');
}

/** A measurement is taken on or before the plan's last day (earlier ones record the starting point). */
export function checkMeasurementDate(date: string, span: PlanSpan, path: string): void {
  if (date > span.endDate) throw invalidField(path, `must be on or before the plan's end (${span.endDate})`);
}
