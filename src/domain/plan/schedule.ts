// The check-in schedule of a plan: its support cadences turned into dated occurrences on the organisation's wall clock.
import { type CheckInType, checkInTypes } from './check-ins.ts';
import { addDays, daysBetween } from './dates.ts';
import type { Cadence } from './plan.ts';

/** The meetings between manager and employee; mentor sessions are the mentor's. */
export const managerMeetingTypes: readonly CheckInType[] = checkInTypes.filter(
  (type) => type !== 'mentor_session',
);

export type Occurrence = {
  type: CheckInType;
  /** Plan week, counted from the start date (1-based). */
  week: number;
  /** Local date and time in the organisation's time zone. */
  date: string;
  time: string;
  /** The UTC instant of that local date and time. */
  scheduledAt: string;
  durationMinutes: number;
};

export type ScheduleInput = {
  startDate: string;
  endDate: string;
  managerCheckIn: Cadence;
  /** Null when the plan has no mentor. */
  mentorSession: Cadence | null;
  timeZone: string;
};

const minuteMs = 60_000;
const dayMs = 86_400_000;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockAt(timeZone: string, ms: number): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour') % 24,
    minute: get('minute'),
    second: get('second'),
  };
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
function utcMsOf(c: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(c.year, c.month - 1, c.day);
  d.setUTCHours(c.hour, c.minute, c.second, 0);
  return d.getTime();
}

/** How far the zone's wall clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, ms: number): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return utcMsOf(wallClockAt(timeZone, whole)) - whole;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The instant a local date and time happen in an IANA time zone. When clocks go back and the time
 * happens twice, the first; when clocks jump forward over it, the time read with the offset from
 * before the jump (02:30 on a spring-forward night becomes 03:30), as calendar applications do.
 */
export function zonedDateTimeToInstant(date: string, time: string, timeZone: string): Date {
  const match = timePattern.exec(time);
  if (!match) throw new RangeError(`Not a time HH:MM: ${JSON.stringify(time)}`);
  const [year, month, day] = date.split('-').map(Number);
  const wall = utcMsOf({ year, month, day, hour: Number(match[1]), minute: Number(match[2]), second: 0 });
  if (addDays(date, 0) !== date) throw new RangeError(`Not a calendar date: ${date}`);
  const before = offsetAt(timeZone, wall - dayMs);
  const after = offsetAt(timeZone, wall + dayMs);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(timeZone, instant) === wall - instant)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

/** The local date, time (HH:MM) and ISO weekday (1 = Monday) of an instant in a time zone. */
export function localDateTime(
  instant: Date | string,
  timeZone: string,
): { date: string; time: string; weekday: number } {
  const c = wallClockAt(timeZone, new Date(instant).getTime());
  const date = `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`;
  return { date, time: `${pad(c.hour)}:${pad(c.minute)}`, weekday: isoWeekday(date) };
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday on or before a date. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** Whole or partial plan weeks between the start and the end date. */
export function planWeeks(startDate: string, endDate: string): number {
  return Math.max(1, Math.ceil((daysBetween(startDate, endDate) + 1) / 7));
}

/** What the manager's meeting of a week is: the last week's is the final evaluation, every fourth a review, every second an assessment. */
export function managerMeetingType(week: number, totalWeeks: number): CheckInType {
  if (week === totalWeeks) return 'final_evaluation';
  if (week % 4 === 0) return 'monthly_review';
  if (week % 2 === 0) return 'biweekly_assessment';
  return 'weekly_checkin';
}

function requireCadence(cadence: Cadence, what: string): void {
  if (!Number.isInteger(cadence.weekday) || cadence.weekday < 1 || cadence.weekday > 7)
    throw new RangeError(`${what}: weekday must be 1 (Monday) to 7 (Sunday): ${cadence.weekday}`);
  if (!timePattern.test(cadence.time)) throw new RangeError(`${what}: time must be HH:MM: ${cadence.time}`);
  if (!Number.isInteger(cadence.durationMinutes) || cadence.durationMinutes < 1)
    throw new RangeError(`${what}: duration must be a whole number of minutes: ${cadence.durationMinutes}`);
}

/**
 * Every occurrence of a plan from its cadences: the manager meets the employee on the check-in weekday of
 * every week (every second week when the cadence is bi-weekly, always in assessment, review and final
 * weeks); the mentor on the session weekday. Local times stay fixed across daylight-saving changes.
 */
export function generateSchedule(input: ScheduleInput): Occurrence[] {
  const { startDate, endDate, managerCheckIn, mentorSession, timeZone } = input;
  if (daysBetween(startDate, endDate) < 0) throw new RangeError(`Plan ends (${endDate}) before it starts`);
  requireCadence(managerCheckIn, 'Manager check-in');
  if (mentorSession) requireCadence(mentorSession, 'Mentor session');
  const totalWeeks = planWeeks(startDate, endDate);
  const occurrences: Occurrence[] = [];
  const add = (type: CheckInType, week: number, cadence: Cadence, isClamped: boolean) => {
    const weekStart = addDays(startDate, 7 * (week - 1));
    let date = addDays(weekStart, (cadence.weekday - isoWeekday(weekStart) + 7) % 7);
    if (daysBetween(date, endDate) < 0) {
      // A short last week may end before the weekday: the final evaluation then falls on the last day.
      if (!isClamped) return;
      date = endDate;
    }
    occurrences.push({
      type,
      week,
      date,
      time: cadence.time,
      scheduledAt: zonedDateTimeToInstant(date, cadence.time, timeZone).toISOString(),
      durationMinutes: cadence.durationMinutes,
    });
  };
  for (let week = 1; week <= totalWeeks; week++) {
    const type = managerMeetingType(week, totalWeeks);
    if (managerCheckIn.frequency === 'weekly' || type !== 'weekly_checkin') {
      add(type, week, managerCheckIn, type === 'final_evaluation');
    }
    if (mentorSession && (mentorSession.frequency === 'weekly' || week % 2 === 1)) {
      add('mentor_session', week, mentorSession, false);
    }
  }
  return occurrences.sort(
    (a, b) => a.scheduledAt.localeCompare(b.scheduledAt) || a.type.localeCompare(b.type),
  );
}

/** The end of an occurrence. */
export const endOf = (scheduledAt: string, durationMinutes: number): string =>
  new Date(new Date(scheduledAt).getTime() + durationMinutes * minuteMs).toISOString();
