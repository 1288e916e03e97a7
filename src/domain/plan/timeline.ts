// The plan's phases, weekly tasks and milestones: the template's 12-week pattern stretched to the plan's length.
import type { PlanTemplate } from '../template/template.ts';
import { addDays, compareDates, daysBetween } from './dates.ts';

export type TimelineTask = { week: number; date: string; title: string };
export type TimelinePhase = {
  key: string;
  title: string;
  startWeek: number;
  endWeek: number;
  startDate: string;
  endDate: string;
  tasks: TimelineTask[];
  milestone: { title: string; week: number; date: string };
};
export type TimelineMilestone = { week: number; date: string; title: string };
export type Timeline = { phases: TimelinePhase[]; milestones: TimelineMilestone[] };

const requireWeeks = (n: number, what: string): void => {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`${what} must be a whole number of weeks >= 1: ${n}`);
};

/**
 * Splits durationWeeks between phases in proportion to the pattern, every phase keeping at least one week.
 * Phases whose share falls below one week get exactly one and drop out, the rest is shared again
 * among the others, until every remaining share is at least one week; the whole weeks left over then
 * go to the largest remainders (ties: the larger pattern phase, then the earlier one).
 * All arithmetic is on integers so that ties are exact.
 */
export function scaleWeeks(patternWeeks: number[], durationWeeks: number): number[] {
  if (patternWeeks.length === 0) throw new RangeError('The pattern needs at least one phase');
  for (const w of patternWeeks) requireWeeks(w, 'Pattern phase');
  requireWeeks(durationWeeks, 'Duration');
  if (durationWeeks < patternWeeks.length) {
    throw new RangeError(
      `${durationWeeks} weeks cannot hold ${patternWeeks.length} phases of at least a week`,
    );
  }

  const fixed = new Set<number>();
  let weeksLeft = durationWeeks;
  let patternLeft = patternWeeks.reduce((s, w) => s + w, 0);
  for (;;) {
    // A share p·R/S below one week is p·R < S.
    const small = patternWeeks
      .map((_w, i) => i)
      .filter((i) => !fixed.has(i) && patternWeeks[i] * weeksLeft < patternLeft);
    if (small.length === 0) break;
    for (const i of small) {
      fixed.add(i);
      weeksLeft -= 1;
      patternLeft -= patternWeeks[i];
    }
  }

  const result = patternWeeks.map((w, i) => (fixed.has(i) ? 1 : Math.floor((w * weeksLeft) / patternLeft)));
  let spare = durationWeeks - result.reduce((s, w) => s + w, 0);
  const byRemainder = patternWeeks
    .map((w, i) => ({ i, w, remainder: fixed.has(i) ? -1 : (w * weeksLeft) % patternLeft }))
    .filter((r) => r.remainder >= 0)
    .sort((a, b) => b.remainder - a.remainder || b.w - a.w || a.i - b.i);
  for (const r of byRemainder) {
    if (spare === 0) break;
    result[r.i] += 1;
    spare -= 1;
  }
  return result;
}

/** The last day of a plan of whole weeks. */
export function planEndDate(startDate: string, durationWeeks: number): string {
  requireWeeks(durationWeeks, 'Duration');
  return addDays(startDate, 7 * durationWeeks - 1);
}

/** Plan weeks are counted from the start date, not from calendar Mondays. */
export function weekStart(startDate: string, week: number): string {
  requireWeeks(week, 'Week');
  return addDays(startDate, 7 * (week - 1));
}

const weekEnd = (startDate: string, week: number): string => addDays(weekStart(startDate, week), 6);

/** Both ends count as plan days: `days` is the total length, `weeks` the whole weeks in it. */
export function reviewPeriod(startDate: string, endDate: string): { weeks: number; days: number } {
  const days = daysBetween(startDate, endDate) + 1;
  if (days < 1) throw new RangeError(`Plan ends (${endDate}) before it starts (${startDate})`);
  return { weeks: Math.floor(days / 7), days };
}

/** Reviews fall every `everyWeeks` weeks after the start; the plan's last day is the final review. */
export function nextReviewDate(startDate: string, endDate: string, today: string, everyWeeks = 4): string {
  requireWeeks(everyWeeks, 'Review interval');
  if (daysBetween(startDate, endDate) < 0) {
    throw new RangeError(`Plan ends (${endDate}) before it starts (${startDate})`);
  }
  const interval = 7 * everyWeeks;
  const k = Math.max(1, Math.ceil(daysBetween(startDate, today) / interval));
  const candidate = addDays(startDate, k * interval);
  return compareDates(candidate, endDate) > 0 ? endDate : candidate;
}

/**
 * Relative week (0-based) of task i of m in a phase of n weeks: spread evenly and rounded, so the first task
 * opens the phase, the last one closes it, order is kept, and no two tasks share a week while n >= m.
 */
const taskWeek = (i: number, m: number, n: number): number =>
  m === 1 ? 0 : Math.floor((2 * i * (n - 1) + (m - 1)) / (2 * (m - 1)));

export function buildTimeline(
  pattern: PlanTemplate['timeline'],
  startDate: string,
  durationWeeks: number,
): Timeline {
  const patternWeeks = pattern.phases.map((p) => p.weeks);
  const scaled = scaleWeeks(patternWeeks, durationWeeks);

  let weeksBefore = 0;
  const phases: TimelinePhase[] = pattern.phases.map((p, index) => {
    const n = scaled[index];
    const startWeek = weeksBefore + 1;
    const endWeek = weeksBefore + n;
    weeksBefore = endWeek;
    return {
      key: p.key,
      title: p.title,
      startWeek,
      endWeek,
      startDate: weekStart(startDate, startWeek),
      endDate: weekEnd(startDate, endWeek),
      tasks: p.tasks.map((title, i) => {
        const week = startWeek + taskWeek(i, p.tasks.length, n);
        return { week, date: weekStart(startDate, week), title };
      }),
      milestone: { title: p.milestone, week: endWeek, date: weekEnd(startDate, endWeek) },
    };
  });

  const patternTotal = patternWeeks.reduce((s, w) => s + w, 0);
  const scaledWeek = (w: number): number => {
    // Weeks past the pattern's end have no phase to scale within; they close the plan.
    if (w > patternTotal) return durationWeeks;
    let patternBefore = 0;
    for (let j = 0; j < patternWeeks.length; j++) {
      if (w <= patternBefore + patternWeeks[j]) {
        // Week r of p within a phase maps to week ceil(r·n/p) of its n scaled weeks, so a phase's last
        // pattern week stays its last week.
        const r = w - patternBefore;
        return phases[j].startWeek - 1 + Math.ceil((r * scaled[j]) / patternWeeks[j]);
      }
      patternBefore += patternWeeks[j];
    }
    return durationWeeks;
  };
  const milestones = pattern.keyMilestones
    .map((m) => {
      const week = scaledWeek(m.week);
      return { week, date: weekEnd(startDate, week), title: m.title };
    })
    .sort((a, b) => a.week - b.week);

  return { phases, milestones };
}

/** Every date of the timeline moved by a number of days (a new start date, same length). */
export function shiftTimeline(timeline: Timeline, days: number): Timeline {
  return mapTimelineDates(timeline, (d) => addDays(d, days));
}

/** Every date of the timeline through `move` (weeks unchanged): for shifts such as resuming a pause. */
export function mapTimelineDates(timeline: Timeline, move: (date: string) => string): Timeline {
  return {
    phases: timeline.phases.map((p) => ({
      ...p,
      startDate: move(p.startDate),
      endDate: move(p.endDate),
      tasks: p.tasks.map((t) => ({ ...t, date: move(t.date) })),
      milestone: { ...p.milestone, date: move(p.milestone.date) },
    })),
    milestones: timeline.milestones.map((m) => ({ ...m, date: move(m.date) })),
  };
}

export type TimelineSpan = { startDate: string; endDate: string; durationWeeks: number };

/**
 * The timeline after the plan's dates change. Before the plan has started (a draft, or `today` on or before
 * the start) it is rebuilt from the pattern for the new length, or only shifted when it was edited by hand
 * and keeps its length. Once started, what is done (dated before today) keeps its date, and what is still
 * scheduled is stretched (or shrunk) between today and the new end, order kept, the last day on the new end.
 */
export function rescheduleTimeline(input: {
  timeline: Timeline;
  pattern: PlanTemplate['timeline'];
  isEdited: boolean;
  from: TimelineSpan;
  to: { startDate: string; durationWeeks: number };
  /** Null when nothing of the plan can be done yet (a draft). */
  today: string | null;
}): Timeline {
  const { timeline, pattern, isEdited, from, to, today } = input;
  const endDate = planEndDate(to.startDate, to.durationWeeks);
  const hasStarted = today !== null && to.startDate === from.startDate && today > from.startDate;
  if (!hasStarted) {
    if (isEdited && to.durationWeeks === from.durationWeeks)
      return shiftTimeline(timeline, daysBetween(from.startDate, to.startDate));
    return buildTimeline(pattern, to.startDate, to.durationWeeks);
  }
  const before = daysBetween(today, from.endDate);
  const after = daysBetween(today, endDate);
  const move = (d: string): string => {
    if (d < today) return d;
    if (before <= 0) return addDays(d, daysBetween(from.endDate, endDate));
    const moved = addDays(today, Math.round((daysBetween(today, d) * after) / before));
    return compareDates(moved, endDate) > 0 ? endDate : moved;
  };
  const weekOf = (d: string): number =>
    Math.min(to.durationWeeks, Math.max(1, Math.floor(daysBetween(to.startDate, d) / 7) + 1));
  const moved = mapTimelineDates(timeline, move);
  const lastPhase = moved.phases.length - 1;
  return {
    phases: moved.phases.map((p, i) => {
      const phaseEnd = i === lastPhase ? endDate : p.endDate;
      return {
        ...p,
        startWeek: weekOf(p.startDate),
        endWeek: weekOf(phaseEnd),
        endDate: phaseEnd,
        tasks: p.tasks.map((t) => ({ ...t, week: weekOf(t.date) })),
        milestone: { ...p.milestone, week: weekOf(p.milestone.date) },
      };
    }),
    milestones: moved.milestones.map((m) => ({ ...m, week: weekOf(m.date) })),
  };
}
