// Tests of the timeline: scaling the 12-week pattern, phase and task placement, milestones and review dates.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanTemplate } from '../template/template.ts';
import { addDays, compareDates, daysBetween } from './dates.ts';
import {
  buildTimeline,
  nextReviewDate,
  planEndDate,
  rescheduleTimeline,
  reviewPeriod,
  scaleWeeks,
  type Timeline,
  weekStart,
} from './timeline.ts';

type Pattern = PlanTemplate['timeline'];

/** The seed's pattern, with task titles that say where they belong. */
const seed: Pattern = {
  phases: [
    { key: 'p1', title: 'Assessment', weeks: 2, tasks: ['p1.1', 'p1.2'], milestone: 'm1' },
    { key: 'p2', title: 'Skills', weeks: 4, tasks: ['p2.1', 'p2.2', 'p2.3', 'p2.4'], milestone: 'm2' },
    { key: 'p3', title: 'Practice', weeks: 4, tasks: ['p3.1', 'p3.2', 'p3.3', 'p3.4'], milestone: 'm3' },
    { key: 'p4', title: 'Evaluation', weeks: 2, tasks: ['p4.1', 'p4.2'], milestone: 'm4' },
  ],
  keyMilestones: [2, 4, 6, 8, 10, 12].map((week) => ({ week, title: `k${week}` })),
};
const start = '2025-01-06';

const patternArb: fc.Arbitrary<Pattern> = fc
  .array(fc.record({ weeks: fc.integer({ min: 1, max: 6 }), taskCount: fc.integer({ min: 1, max: 7 }) }), {
    minLength: 1,
    maxLength: 6,
  })
  .chain((phases) => {
    const total = phases.reduce((s, p) => s + p.weeks, 0);
    return fc
      .uniqueArray(fc.integer({ min: 1, max: total + 3 }), { minLength: 1, maxLength: 8 })
      .map((weeks) => ({
        phases: phases.map((p, i) => ({
          key: `p${i + 1}`,
          title: `Phase ${i + 1}`,
          weeks: p.weeks,
          tasks: Array.from({ length: p.taskCount }, (_, t) => `p${i + 1}.${t + 1}`),
          milestone: `m${i + 1}`,
        })),
        keyMilestones: [...weeks].sort((a, b) => a - b).map((week) => ({ week, title: `k${week}` })),
      }));
  });
const patternWithDurationArb = patternArb.chain((pattern) =>
  fc.integer({ min: pattern.phases.length, max: 26 }).map((duration) => ({ pattern, duration })),
);

const summary = (t: Timeline) =>
  t.phases.map((p) => ({
    weeks: [p.startWeek, p.endWeek],
    dates: [p.startDate, p.endDate],
    tasks: p.tasks.map((task) => `${task.title}@${task.week}`),
    milestone: `${p.milestone.title}@${p.milestone.week}:${p.milestone.date}`,
  }));

describe('scaleWeeks', () => {
  it('returns the pattern unchanged at its own length', () => {
    expect(scaleWeeks([2, 4, 4, 2], 12)).toEqual([2, 4, 4, 2]);
    expect(scaleWeeks([3, 1, 5], 9)).toEqual([3, 1, 5]);
  });

  it('scales the seed pattern to common plan lengths', () => {
    expect(scaleWeeks([2, 4, 4, 2], 4)).toEqual([1, 1, 1, 1]);
    expect(scaleWeeks([2, 4, 4, 2], 6)).toEqual([1, 2, 2, 1]);
    expect(scaleWeeks([2, 4, 4, 2], 8)).toEqual([1, 3, 3, 1]);
    expect(scaleWeeks([2, 4, 4, 2], 10)).toEqual([2, 3, 3, 2]);
    expect(scaleWeeks([2, 4, 4, 2], 24)).toEqual([4, 8, 8, 4]);
    expect(scaleWeeks([2, 4, 4, 2], 26)).toEqual([4, 9, 9, 4]);
  });

  it('gives spare weeks to the largest remainder, then the larger phase, then the earlier one', () => {
    // Quotas 1.5, 3, 3, 1.5: one week spare, the first of the two equal halves takes it.
    expect(scaleWeeks([2, 4, 4, 2], 9)).toEqual([2, 3, 3, 1]);
    // Quotas 2.4, 3.6: the larger remainder wins.
    expect(scaleWeeks([2, 3], 6)).toEqual([2, 4]);
    // Quotas 1.5 and 2.5 leave equal remainders: the larger pattern phase wins, wherever it stands.
    expect(scaleWeeks([3, 5], 4)).toEqual([1, 3]);
    expect(scaleWeeks([5, 3], 4)).toEqual([3, 1]);
    // Quotas of 1.25 each: the earliest phase takes the spare week.
    expect(scaleWeeks([1, 1, 1, 1], 5)).toEqual([2, 1, 1, 1]);
  });

  it('keeps every phase at least one week even when its share is smaller', () => {
    // [1, 10] at 2 weeks: the small phase's share is 2/11 of a week.
    expect(scaleWeeks([1, 10], 2)).toEqual([1, 1]);
    // [1, 1, 10] at 5: the two small phases take a week each, the large one the other three.
    expect(scaleWeeks([1, 1, 10], 5)).toEqual([1, 1, 3]);
  });

  it('throws when the plan has fewer weeks than phases, or on malformed input', () => {
    expect(() => scaleWeeks([2, 4, 4, 2], 3)).toThrow(RangeError);
    expect(() => scaleWeeks([], 4)).toThrow(RangeError);
    expect(() => scaleWeeks([2, 0, 2], 4)).toThrow(RangeError);
    expect(() => scaleWeeks([2, 4], 5.5)).toThrow(RangeError);
  });

  it('sums to the duration with at least a week per phase, for every duration from 4 to 26', () => {
    for (let duration = 4; duration <= 26; duration++) {
      const weeks = scaleWeeks([2, 4, 4, 2], duration);
      expect(weeks.reduce((s, w) => s + w, 0)).toBe(duration);
      expect(Math.min(...weeks)).toBeGreaterThanOrEqual(1);
    }
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 4, max: 26 }),
        (pattern, duration) => {
          const weeks = scaleWeeks(pattern, duration);
          expect(weeks).toHaveLength(pattern.length);
          expect(weeks.reduce((s, w) => s + w, 0)).toBe(duration);
          for (const w of weeks) {
            expect(Number.isInteger(w)).toBe(true);
            expect(w).toBeGreaterThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('keeps the order of phase sizes and stays within a week of the proportional share of large phases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }),
        fc.nat(30),
        (p, extra) => {
          const duration = p.length + extra;
          const weeks = scaleWeeks(p, duration);
          const total = p.reduce((s, w) => s + w, 0);
          for (let i = 0; i < p.length; i++) {
            for (let j = 0; j < p.length; j++) {
              if (p[i] > p[j]) expect(weeks[i]).toBeGreaterThanOrEqual(weeks[j]);
              if (p[i] === p[j]) expect(Math.abs(weeks[i] - weeks[j])).toBeLessThanOrEqual(1);
            }
            // Small phases pinned to one week only ever take weeks from the others.
            expect(weeks[i]).toBeLessThan((p[i] * duration) / total + 1);
          }
        },
      ),
    );
  });

  it('is the identity at the pattern total for any pattern', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (p) => {
        expect(
          scaleWeeks(
            p,
            p.reduce((s, w) => s + w, 0),
          ),
        ).toEqual(p);
      }),
    );
  });
});

describe('plan calendar', () => {
  it('ends a plan on the last day of its last week', () => {
    expect(planEndDate(start, 12)).toBe('2025-03-30');
    expect(planEndDate(start, 1)).toBe('2025-01-12');
    expect(planEndDate('2024-02-26', 1)).toBe('2024-03-03');
    expect(() => planEndDate(start, 0)).toThrow(RangeError);
  });

  it('starts week 1 on the start date, whatever the weekday', () => {
    expect(weekStart(start, 1)).toBe(start);
    expect(weekStart(start, 5)).toBe('2025-02-03');
    expect(weekStart('2025-01-08', 2)).toBe('2025-01-15');
    expect(() => weekStart(start, 0)).toThrow(RangeError);
  });

  it('derives the review period from the dates, both ends included', () => {
    expect(reviewPeriod(start, '2025-03-30')).toEqual({ weeks: 12, days: 84 });
    expect(reviewPeriod(start, '2025-03-31')).toEqual({ weeks: 12, days: 85 });
    expect(reviewPeriod(start, start)).toEqual({ weeks: 0, days: 1 });
    expect(() => reviewPeriod(start, '2025-01-05')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 104 }), (weeks) => {
        expect(reviewPeriod(start, planEndDate(start, weeks))).toEqual({ weeks, days: 7 * weeks });
      }),
    );
  });
});

describe('nextReviewDate', () => {
  const end = '2025-03-30';

  it('finds the first review on or after today', () => {
    expect(nextReviewDate(start, end, '2024-12-01')).toBe('2025-02-03');
    expect(nextReviewDate(start, end, start)).toBe('2025-02-03');
    expect(nextReviewDate(start, end, '2025-02-03')).toBe('2025-02-03');
    expect(nextReviewDate(start, end, '2025-02-04')).toBe('2025-03-03');
    expect(nextReviewDate(start, end, '2025-03-03')).toBe('2025-03-03');
  });

  it('falls back to the end date instead of running past it', () => {
    expect(nextReviewDate(start, end, '2025-03-04')).toBe(end);
    expect(nextReviewDate(start, end, end)).toBe(end);
    expect(nextReviewDate(start, '2025-01-26', start)).toBe('2025-01-26');
  });

  it('follows the review interval', () => {
    expect(nextReviewDate(start, end, start, 2)).toBe('2025-01-20');
    expect(nextReviewDate(start, end, '2025-01-21', 2)).toBe('2025-02-03');
    expect(nextReviewDate(start, end, '2025-01-07', 1)).toBe('2025-01-13');
    expect(() => nextReviewDate(start, end, start, 0)).toThrow(RangeError);
    expect(() => nextReviewDate(end, start, start)).toThrow(RangeError);
  });

  it('is the earliest review date not before today, or the end date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: -30, max: 250 }),
        fc.integer({ min: 1, max: 8 }),
        (span, t, every) => {
          const planEnd = addDays(start, span);
          const today = addDays(start, t);
          const next = nextReviewDate(start, planEnd, today, every);
          expect(compareDates(next, planEnd)).toBeLessThanOrEqual(0);
          if (next === planEnd) {
            // Every regular review on or after today would fall past the end.
            const firstOnOrAfter = Math.max(1, Math.ceil(t / (7 * every))) * 7 * every;
            expect(firstOnOrAfter).toBeGreaterThanOrEqual(span);
          } else {
            const offset = daysBetween(start, next);
            expect(offset % (7 * every)).toBe(0);
            expect(offset).toBeGreaterThanOrEqual(7 * every);
            expect(offset).toBeGreaterThanOrEqual(t);
            // The review before it is either before today or not a review at all (k = 0).
            expect(offset - 7 * every < t || offset === 7 * every).toBe(true);
          }
        },
      ),
    );
  });
});

describe('buildTimeline', () => {
  it('reproduces the pattern at 12 weeks', () => {
    const t = buildTimeline(seed, start, 12);
    expect(summary(t)).toEqual([
      {
        weeks: [1, 2],
        dates: ['2025-01-06', '2025-01-19'],
        tasks: ['p1.1@1', 'p1.2@2'],
        milestone: 'm1@2:2025-01-19',
      },
      {
        weeks: [3, 6],
        dates: ['2025-01-20', '2025-02-16'],
        tasks: ['p2.1@3', 'p2.2@4', 'p2.3@5', 'p2.4@6'],
        milestone: 'm2@6:2025-02-16',
      },
      {
        weeks: [7, 10],
        dates: ['2025-02-17', '2025-03-16'],
        tasks: ['p3.1@7', 'p3.2@8', 'p3.3@9', 'p3.4@10'],
        milestone: 'm3@10:2025-03-16',
      },
      {
        weeks: [11, 12],
        dates: ['2025-03-17', '2025-03-30'],
        tasks: ['p4.1@11', 'p4.2@12'],
        milestone: 'm4@12:2025-03-30',
      },
    ]);
    expect(t.phases[1].tasks[2]).toEqual({ week: 5, date: '2025-02-03', title: 'p2.3' });
    expect(t.phases.map((p) => [p.key, p.title])).toEqual([
      ['p1', 'Assessment'],
      ['p2', 'Skills'],
      ['p3', 'Practice'],
      ['p4', 'Evaluation'],
    ]);
    expect(t.milestones).toEqual([
      { week: 2, date: '2025-01-19', title: 'k2' },
      { week: 4, date: '2025-02-02', title: 'k4' },
      { week: 6, date: '2025-02-16', title: 'k6' },
      { week: 8, date: '2025-03-02', title: 'k8' },
      { week: 10, date: '2025-03-16', title: 'k10' },
      { week: 12, date: '2025-03-30', title: 'k12' },
    ]);
  });

  it('compresses to 4 weeks, one week per phase, tasks sharing their week', () => {
    const t = buildTimeline(seed, start, 4);
    expect(summary(t)).toEqual([
      {
        weeks: [1, 1],
        dates: ['2025-01-06', '2025-01-12'],
        tasks: ['p1.1@1', 'p1.2@1'],
        milestone: 'm1@1:2025-01-12',
      },
      {
        weeks: [2, 2],
        dates: ['2025-01-13', '2025-01-19'],
        tasks: ['p2.1@2', 'p2.2@2', 'p2.3@2', 'p2.4@2'],
        milestone: 'm2@2:2025-01-19',
      },
      {
        weeks: [3, 3],
        dates: ['2025-01-20', '2025-01-26'],
        tasks: ['p3.1@3', 'p3.2@3', 'p3.3@3', 'p3.4@3'],
        milestone: 'm3@3:2025-01-26',
      },
      {
        weeks: [4, 4],
        dates: ['2025-01-27', '2025-02-02'],
        tasks: ['p4.1@4', 'p4.2@4'],
        milestone: 'm4@4:2025-02-02',
      },
    ]);
    expect(t.phases[3].tasks[1].date).toBe('2025-01-27');
    expect(t.milestones.map((m) => `${m.title}@${m.week}:${m.date}`)).toEqual([
      'k2@1:2025-01-12',
      'k4@2:2025-01-19',
      'k6@2:2025-01-19',
      'k8@3:2025-01-26',
      'k10@3:2025-01-26',
      'k12@4:2025-02-02',
    ]);
  });

  it('stretches to 26 weeks, tasks spread from the first to the last week of each phase', () => {
    const t = buildTimeline(seed, start, 26);
    expect(summary(t)).toEqual([
      {
        weeks: [1, 4],
        dates: ['2025-01-06', '2025-02-02'],
        tasks: ['p1.1@1', 'p1.2@4'],
        milestone: 'm1@4:2025-02-02',
      },
      {
        weeks: [5, 13],
        dates: ['2025-02-03', '2025-04-06'],
        tasks: ['p2.1@5', 'p2.2@8', 'p2.3@10', 'p2.4@13'],
        milestone: 'm2@13:2025-04-06',
      },
      {
        weeks: [14, 22],
        dates: ['2025-04-07', '2025-06-08'],
        tasks: ['p3.1@14', 'p3.2@17', 'p3.3@19', 'p3.4@22'],
        milestone: 'm3@22:2025-06-08',
      },
      {
        weeks: [23, 26],
        dates: ['2025-06-09', '2025-07-06'],
        tasks: ['p4.1@23', 'p4.2@26'],
        milestone: 'm4@26:2025-07-06',
      },
    ]);
    expect(t.phases[1].tasks[1]).toEqual({ week: 8, date: '2025-02-24', title: 'p2.2' });
    expect(t.milestones.map((m) => `${m.title}@${m.week}:${m.date}`)).toEqual([
      'k2@4:2025-02-02',
      'k4@9:2025-03-09',
      'k6@13:2025-04-06',
      'k8@18:2025-05-11',
      'k10@22:2025-06-08',
      'k12@26:2025-07-06',
    ]);
    expect(t.phases[3].endDate).toBe(planEndDate(start, 26));
  });

  it('lets one task fill a phase by opening it, and puts key milestones past the pattern at the end', () => {
    const pattern: Pattern = {
      phases: [
        { key: 'a', title: 'A', weeks: 3, tasks: ['only'], milestone: 'ma' },
        { key: 'b', title: 'B', weeks: 3, tasks: ['b1', 'b2'], milestone: 'mb' },
      ],
      keyMilestones: [
        { week: 9, title: 'late' },
        { week: 1, title: 'early' },
      ],
    };
    const t = buildTimeline(pattern, start, 10);
    expect(t.phases[0].tasks).toEqual([{ week: 1, date: start, title: 'only' }]);
    expect(t.phases[1].tasks.map((task) => task.week)).toEqual([6, 10]);
    expect(t.milestones).toEqual([
      { week: 2, date: '2025-01-19', title: 'early' },
      { week: 10, date: '2025-03-16', title: 'late' },
    ]);
  });

  it('rejects durations shorter than the number of phases and invalid start dates', () => {
    expect(() => buildTimeline(seed, start, 3)).toThrow(RangeError);
    expect(() => buildTimeline(seed, '2025-02-30', 12)).toThrow(RangeError);
  });

  it('lays phases end to end over the whole plan, each with whole weeks and consistent dates', () => {
    fc.assert(
      fc.property(patternWithDurationArb, ({ pattern, duration }) => {
        const t = buildTimeline(pattern, start, duration);
        expect(t.phases).toHaveLength(pattern.phases.length);
        expect(t.phases[0].startWeek).toBe(1);
        expect(t.phases[0].startDate).toBe(start);
        expect(t.phases.at(-1)?.endWeek).toBe(duration);
        expect(t.phases.at(-1)?.endDate).toBe(planEndDate(start, duration));
        t.phases.forEach((p, i) => {
          expect(p.endWeek).toBeGreaterThanOrEqual(p.startWeek);
          expect(p.startDate).toBe(weekStart(start, p.startWeek));
          expect(daysBetween(p.startDate, p.endDate)).toBe(7 * (p.endWeek - p.startWeek + 1) - 1);
          expect(p.milestone).toEqual({
            title: pattern.phases[i].milestone,
            week: p.endWeek,
            date: p.endDate,
          });
          if (i > 0) {
            expect(p.startWeek).toBe(t.phases[i - 1].endWeek + 1);
            expect(daysBetween(t.phases[i - 1].endDate, p.startDate)).toBe(1);
          }
        });
      }),
    );
  });

  it('keeps every task, in order, inside its phase, first week to last week', () => {
    fc.assert(
      fc.property(patternWithDurationArb, ({ pattern, duration }) => {
        const t = buildTimeline(pattern, start, duration);
        expect(t.phases.flatMap((p) => p.tasks.map((task) => task.title))).toEqual(
          pattern.phases.flatMap((p) => p.tasks),
        );
        for (const p of t.phases) {
          const weeks = p.tasks.map((task) => task.week);
          const n = p.endWeek - p.startWeek + 1;
          for (let i = 1; i < weeks.length; i++) expect(weeks[i]).toBeGreaterThanOrEqual(weeks[i - 1]);
          for (const task of p.tasks) {
            expect(task.week).toBeGreaterThanOrEqual(p.startWeek);
            expect(task.week).toBeLessThanOrEqual(p.endWeek);
            expect(task.date).toBe(weekStart(start, task.week));
          }
          expect(weeks[0]).toBe(p.startWeek);
          if (weeks.length >= 2) expect(weeks.at(-1)).toBe(p.endWeek);
          // With a week for each task, no two tasks share one.
          if (n >= weeks.length) expect(new Set(weeks).size).toBe(weeks.length);
        }
      }),
    );
  });

  it('maps key milestones in order onto the plan, phase ends onto phase ends', () => {
    fc.assert(
      fc.property(patternWithDurationArb, ({ pattern, duration }) => {
        const t = buildTimeline(pattern, start, duration);
        expect(t.milestones.map((m) => m.title)).toEqual(pattern.keyMilestones.map((m) => m.title));
        let patternEnd = 0;
        const phaseEnds = new Map<number, number>();
        pattern.phases.forEach((p, i) => {
          patternEnd += p.weeks;
          phaseEnds.set(patternEnd, t.phases[i].endWeek);
        });
        t.milestones.forEach((m, i) => {
          expect(m.week).toBeGreaterThanOrEqual(1);
          expect(m.week).toBeLessThanOrEqual(duration);
          expect(m.date).toBe(addDays(weekStart(start, m.week), 6));
          if (i > 0) expect(m.week).toBeGreaterThanOrEqual(t.milestones[i - 1].week);
          const patternWeek = pattern.keyMilestones[i].week;
          if (phaseEnds.has(patternWeek)) expect(m.week).toBe(phaseEnds.get(patternWeek));
          if (patternWeek >= patternEnd) expect(m.week).toBe(duration);
        });
      }),
    );
  });

  it('places tasks exactly on the pattern weeks when the plan has the pattern length', () => {
    fc.assert(
      fc.property(patternArb, (pattern) => {
        const total = pattern.phases.reduce((s, p) => s + p.weeks, 0);
        const t = buildTimeline(pattern, start, total);
        let before = 0;
        pattern.phases.forEach((p, i) => {
          expect(t.phases[i].startWeek).toBe(before + 1);
          expect(t.phases[i].endWeek).toBe(before + p.weeks);
          if (p.tasks.length === p.weeks) {
            expect(t.phases[i].tasks.map((task) => task.week)).toEqual(p.tasks.map((_, k) => before + k + 1));
          }
          before += p.weeks;
        });
        for (const [i, m] of t.milestones.entries()) {
          expect(m.week).toBe(Math.min(pattern.keyMilestones[i].week, total));
        }
      }),
    );
  });
});

describe('rescheduleTimeline', () => {
  const twelve = buildTimeline(seed, start, 12);
  const from = { startDate: start, endDate: planEndDate(start, 12), durationWeeks: 12 };
  const dates = (t: Timeline) => [
    ...t.phases.flatMap((p) => [
      p.startDate,
      ...p.tasks.map((task) => task.date),
      p.milestone.date,
      p.endDate,
    ]),
    ...t.milestones.map((m) => m.date),
  ];

  it('before the plan starts, a new length rebuilds the timeline from the pattern, as on a draft', () => {
    const rebuilt = rescheduleTimeline({
      timeline: twelve,
      pattern: seed,
      isEdited: false,
      from,
      to: { startDate: start, durationWeeks: 16 },
      today: null,
    });
    expect(rebuilt).toEqual(buildTimeline(seed, start, 16));
  });

  it('a timeline edited by hand is shifted, not rebuilt, when only the start moves', () => {
    const shifted = rescheduleTimeline({
      timeline: twelve,
      pattern: seed,
      isEdited: true,
      from,
      to: { startDate: addDays(start, 7), durationWeeks: 12 },
      today: null,
    });
    expect(dates(shifted)).toEqual(dates(twelve).map((d) => addDays(d, 7)));
  });

  it('an extension of a started plan keeps what is done and stretches what is still scheduled to the new end', () => {
    const today = weekStart(start, 5);
    const extended = rescheduleTimeline({
      timeline: twelve,
      pattern: seed,
      isEdited: false,
      from,
      to: { startDate: start, durationWeeks: 16 },
      today,
    });
    const newEnd = planEndDate(start, 16);
    expect(extended.phases.at(-1)?.endDate).toBe(newEnd);
    expect(extended.milestones.at(-1)?.date).toBe(newEnd);
    const pairs = dates(twelve).map((d, i) => [d, dates(extended)[i]] as const);
    for (const [old, now] of pairs) {
      if (old < today) expect(now).toBe(old);
      else expect(compareDates(now, old)).toBeGreaterThanOrEqual(0);
    }
    // The first phase was done before today: untouched.
    expect(extended.phases[0]).toEqual(twelve.phases[0]);
  });

  it('for any extension or shortening after the start: done dates kept, order kept, nothing past the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 * 7 - 1 }),
        fc.integer({ min: 4, max: 52 }),
        fc.boolean(),
        (dayOfPlan, weeks, isEdited) => {
          const today = addDays(start, dayOfPlan);
          // An agreed plan never ends before today: the adjustment is refused first.
          fc.pre(planEndDate(start, weeks) >= today);
          const result = rescheduleTimeline({
            timeline: twelve,
            pattern: seed,
            isEdited,
            from,
            to: { startDate: start, durationWeeks: weeks },
            today,
          });
          const end = planEndDate(start, weeks);
          const before = dates(twelve);
          const after = dates(result);
          for (const [i, d] of before.entries()) {
            if (d < today) expect(after[i]).toBe(d);
            else expect(after[i] >= today && after[i] <= end).toBe(true);
          }
          const tasks = result.phases.flatMap((p) => p.tasks.map((t) => t.date));
          expect([...tasks].sort()).toEqual(tasks);
          for (const p of result.phases) {
            expect(p.startWeek).toBeGreaterThanOrEqual(1);
            expect(p.endWeek).toBeLessThanOrEqual(weeks);
          }
        },
      ),
      { seed: 12 },
    );
  });
});
