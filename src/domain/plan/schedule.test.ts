// Tests of schedule generation: cadences, plan lengths, and local times that survive daylight-saving changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import type { Cadence } from './plan.ts';
import {
  generateSchedule,
  isoWeekday,
  localDateTime,
  managerMeetingType,
  mondayOf,
  zonedDateTimeToInstant,
} from './schedule.ts';
import { planEndDate } from './timeline.ts';

const tuesday10: Cadence = { frequency: 'weekly', weekday: 2, time: '10:00', durationMinutes: 60 };
const thursday15: Cadence = { frequency: 'weekly', weekday: 4, time: '15:00', durationMinutes: 45 };
const madrid = 'Europe/Madrid';

const schedule = (
  startDate: string,
  weeks: number,
  overrides: Partial<Parameters<typeof generateSchedule>[0]> = {},
) =>
  generateSchedule({
    startDate,
    endDate: planEndDate(startDate, weeks),
    managerCheckIn: tuesday10,
    mentorSession: thursday15,
    timeZone: madrid,
    ...overrides,
  });

const countBy = (items: { type: string }[]) =>
  items.reduce<Record<string, number>>((acc, i) => {
    acc[i.type] = (acc[i.type] ?? 0) + 1;
    return acc;
  }, {});

describe('zonedDateTimeToInstant', () => {
  it('applies the winter and summer offsets of Madrid', () => {
    expect(zonedDateTimeToInstant('2027-01-12', '10:00', madrid).toISOString()).toBe(
      '2027-01-12T09:00:00.000Z',
    );
    expect(zonedDateTimeToInstant('2027-07-13', '10:00', madrid).toISOString()).toBe(
      '2027-07-13T08:00:00.000Z',
    );
    expect(zonedDateTimeToInstant('2027-07-13', '10:00', 'UTC').toISOString()).toBe(
      '2027-07-13T10:00:00.000Z',
    );
    expect(zonedDateTimeToInstant('2027-07-13', '10:00', 'Asia/Kolkata').toISOString()).toBe(
      '2027-07-13T04:30:00.000Z',
    );
  });

  it('moves a time skipped by spring-forward one hour later, and takes the first of a repeated time', () => {
    // 2027-03-28: Madrid jumps from 02:00 CET to 03:00 CEST.
    expect(zonedDateTimeToInstant('2027-03-28', '02:30', madrid).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(localDateTime('2027-03-28T01:30:00.000Z', madrid).time).toBe('03:30');
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice; the first is in summer time.
    expect(zonedDateTimeToInstant('2026-10-25', '02:30', madrid).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads back as the same wall-clock time in any zone, except inside a skipped hour', () => {
    const zones = [
      'Europe/Madrid',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
      'America/Santiago',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 30 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom(...zones),
        (day, hour, minute, zone) => {
          const date = addDays('2010-01-01', day);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const instant = zonedDateTimeToInstant(date, time, zone);
          const back = localDateTime(instant, zone);
          if (back.date === date && back.time === time) return;
          // Only a spring-forward gap may move it, and only forward, by at most one hour.
          const asked = Date.parse(`${date}T${time}:00Z`);
          const got = Date.parse(`${back.date}T${back.time}:00Z`);
          expect(got - asked).toBeGreaterThan(0);
          expect(got - asked).toBeLessThanOrEqual(3_600_000);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses a malformed time', () => {
    expect(() => zonedDateTimeToInstant('2027-01-12', '25:00', madrid)).toThrow(RangeError);
    expect(() => zonedDateTimeToInstant('2027-02-30', '10:00', madrid)).toThrow(RangeError);
  });
});

describe('generateSchedule', () => {
  it.each([
    [4, { weekly_checkin: 2, biweekly_assessment: 1, final_evaluation: 1, mentor_session: 4 }],
    [
      12,
      {
        weekly_checkin: 6,
        biweekly_assessment: 3,
        monthly_review: 2,
        final_evaluation: 1,
        mentor_session: 12,
      },
    ],
    [
      26,
      {
        weekly_checkin: 13,
        biweekly_assessment: 6,
        monthly_review: 6,
        final_evaluation: 1,
        mentor_session: 26,
      },
    ],
  ])(
    'a %i-week plan has one manager meeting a week and the final evaluation in the last week',
    (weeks, counts) => {
      const start = '2026-11-30';
      const items = schedule(start, weeks);
      expect(countBy(items)).toEqual(counts);
      const final = items.filter((i) => i.type === 'final_evaluation');
      expect(final).toHaveLength(1);
      expect(final[0].week).toBe(weeks);
      expect(final[0].date >= addDays(planEndDate(start, weeks), -6)).toBe(true);
      for (const item of items) {
        expect(item.date >= start && item.date <= planEndDate(start, weeks)).toBe(true);
        const local = localDateTime(item.scheduledAt, madrid);
        expect(local).toEqual({
          date: item.date,
          time: item.type === 'mentor_session' ? '15:00' : '10:00',
          weekday: item.type === 'mentor_session' ? 4 : 2,
        });
      }
    },
  );

  it('keeps a 10:00 check-in at 10:00 in Madrid across the March change; its UTC instant moves an hour', () => {
    // 2027-03-28 is the last Sunday of March.
    const items = schedule('2027-03-01', 12).filter((i) => i.type !== 'mentor_session');
    const before = items.find((i) => i.date === '2027-03-23')!;
    const after = items.find((i) => i.date === '2027-03-30')!;
    expect(before.scheduledAt).toBe('2027-03-23T09:00:00.000Z');
    expect(after.scheduledAt).toBe('2027-03-30T08:00:00.000Z');
    expect(localDateTime(before.scheduledAt, madrid).time).toBe('10:00');
    expect(localDateTime(after.scheduledAt, madrid).time).toBe('10:00');
  });

  it('and across the October change the other way', () => {
    // 2026-10-25 is the last Sunday of October.
    const items = schedule('2026-10-05', 4, { mentorSession: null });
    expect(items.map((i) => [i.date, i.scheduledAt])).toEqual([
      ['2026-10-06', '2026-10-06T08:00:00.000Z'],
      ['2026-10-13', '2026-10-13T08:00:00.000Z'],
      ['2026-10-20', '2026-10-20T08:00:00.000Z'],
      ['2026-10-27', '2026-10-27T09:00:00.000Z'],
    ]);
    expect(items.map((i) => i.type)).toEqual([
      'weekly_checkin',
      'biweekly_assessment',
      'weekly_checkin',
      'final_evaluation',
    ]);
  });

  it('a bi-weekly cadence still meets for every assessment, review and the final evaluation', () => {
    const items = schedule('2026-11-30', 12, {
      managerCheckIn: { ...tuesday10, frequency: 'biweekly' },
      mentorSession: { ...thursday15, frequency: 'biweekly' },
    });
    expect(countBy(items)).toEqual({
      biweekly_assessment: 3,
      monthly_review: 2,
      final_evaluation: 1,
      mentor_session: 6,
    });
  });

  it('holds its invariants for any start, length, weekday and zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3650 }).map((n) => addDays('2024-01-01', n)),
        fc.integer({ min: 1, max: 52 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('Europe/Madrid', 'America/New_York', 'UTC', 'Pacific/Auckland'),
        fc.boolean(),
        (start, weeks, weekday, zone, hasMentor) => {
          const end = planEndDate(start, weeks);
          const items = generateSchedule({
            startDate: start,
            endDate: end,
            managerCheckIn: { ...tuesday10, weekday },
            mentorSession: hasMentor ? thursday15 : null,
            timeZone: zone,
          });
          const manager = items.filter((i) => i.type !== 'mentor_session');
          expect(manager).toHaveLength(weeks);
          expect(manager.map((i) => i.type)).toEqual(
            Array.from({ length: weeks }, (_, i) => managerMeetingType(i + 1, weeks)),
          );
          expect(items.filter((i) => i.type === 'mentor_session')).toHaveLength(hasMentor ? weeks : 0);
          for (const [i, item] of items.entries()) {
            if (i > 0) expect(item.scheduledAt >= items[i - 1].scheduledAt).toBe(true);
            expect(item.date >= start && item.date <= end).toBe(true);
            if (item.type !== 'mentor_session') expect(isoWeekday(item.date)).toBe(weekday);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('mondayOf', () => {
  it('finds the Monday on or before a date', () => {
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
  });
});
