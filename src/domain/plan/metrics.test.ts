// Tests of metric evaluation: gap and progress in both directions, status against elapsed time, the forecast.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates.ts';
import { type Direction, elapsedShare, evaluateMetric, type MeasurementPoint } from './metrics.ts';

// A 12-week plan: 84 days, span of 83 days from the first to the last.
const plan = { startDate: '2025-01-06', endDate: '2025-03-30' };
// A plan whose span is exactly 100 days, so elapsed shares are round numbers.
const plan100 = { startDate: '2025-01-01', endDate: '2025-04-11' };
const day = (n: number, p = plan): string => addDays(p.startDate, n);

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const directionArb = fc.constantFrom<Direction>('higher', 'lower');
const metricArb = fc
  .record({
    direction: directionArb,
    baseline: finite,
    target: finite,
    measurements: fc.array(
      fc.record({ date: fc.integer({ min: -20, max: 120 }).map((n) => day(n)), value: finite }),
      {
        maxLength: 8,
      },
    ),
  })
  .filter((m) => m.target !== m.baseline);
const todayArb = fc.integer({ min: -30, max: 120 }).map((n) => day(n));

describe('elapsedShare', () => {
  it('is 0 up to the start, 1 from the end on, and proportional in between', () => {
    expect(elapsedShare(plan100, '2024-12-01')).toBe(0);
    expect(elapsedShare(plan100, plan100.startDate)).toBe(0);
    expect(elapsedShare(plan100, day(25, plan100))).toBe(0.25);
    expect(elapsedShare(plan100, day(50, plan100))).toBe(0.5);
    expect(elapsedShare(plan100, plan100.endDate)).toBe(1);
    expect(elapsedShare(plan100, '2026-01-01')).toBe(1);
    expect(elapsedShare(plan, day(1))).toBe(0.012); // 1/83 rounded to four places
  });

  it('treats a one-day plan as all ahead before that day and all behind from it', () => {
    const oneDay = { startDate: '2025-01-06', endDate: '2025-01-06' };
    expect(elapsedShare(oneDay, '2025-01-05')).toBe(0);
    expect(elapsedShare(oneDay, '2025-01-06')).toBe(1);
  });

  it('rejects a plan that ends before it starts, and invalid dates', () => {
    expect(() => elapsedShare({ startDate: '2025-02-01', endDate: '2025-01-01' }, '2025-01-15')).toThrow(
      RangeError,
    );
    expect(() => elapsedShare(plan, '2025-02-30')).toThrow(RangeError);
  });

  it('stays in [0, 1] and never decreases as time passes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 200 }),
        (span, t, step) => {
          const p = { startDate: '2025-01-01', endDate: addDays('2025-01-01', span) };
          const a = elapsedShare(p, addDays(p.startDate, t));
          const b = elapsedShare(p, addDays(p.startDate, t + step));
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(1);
          expect(b).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });
});

describe('evaluateMetric: current, gap, progress', () => {
  it('falls back to the baseline without measurements', () => {
    const e = evaluateMetric(
      { direction: 'higher', baseline: 50, target: 80, measurements: [] },
      plan,
      plan.startDate,
    );
    expect(e).toEqual({ current: 50, gap: 30, isMet: false, progress: 0, status: 'onTrack', forecast: null });
  });

  it('uses the latest measurement by date, the last recorded one on a tie', () => {
    const measurements: MeasurementPoint[] = [
      { date: day(21), value: 70 },
      { date: day(7), value: 55 },
      { date: day(21), value: 72 },
      { date: day(14), value: 60 },
    ];
    const e = evaluateMetric({ direction: 'higher', baseline: 50, target: 80, measurements }, plan, day(21));
    expect(e.current).toBe(72);
    expect(e.gap).toBe(8);
  });

  it('measures the gap and progress upwards for higher-is-better', () => {
    const e = evaluateMetric(
      { direction: 'higher', baseline: 50, target: 80, measurements: [{ date: day(14), value: 65 }] },
      plan,
      day(14),
    );
    expect(e.current).toBe(65);
    expect(e.gap).toBe(15);
    expect(e.progress).toBe(0.5);
    expect(e.isMet).toBe(false);
  });

  it('measures the gap and progress downwards for lower-is-better', () => {
    const e = evaluateMetric(
      { direction: 'lower', baseline: 20, target: 5, measurements: [{ date: day(14), value: 12.5 }] },
      plan,
      day(14),
    );
    expect(e.gap).toBe(7.5);
    expect(e.progress).toBe(0.5);
    expect(e.isMet).toBe(false);
  });

  it('reports a met target as gap 0, progress 1, on track, also when overshot', () => {
    for (const [direction, baseline, target, value] of [
      ['higher', 50, 80, 80],
      ['higher', 50, 80, 95],
      ['lower', 20, 5, 5],
      ['lower', 20, 5, 1],
    ] as const) {
      const e = evaluateMetric(
        { direction, baseline, target, measurements: [{ date: day(70), value }] },
        plan,
        plan.endDate,
      );
      expect(e.gap).toBe(0);
      expect(e.isMet).toBe(true);
      expect(e.progress).toBe(1);
      expect(e.status).toBe('onTrack');
    }
  });

  it('clamps progress at 0 when the metric got worse, while the gap keeps growing', () => {
    const e = evaluateMetric(
      { direction: 'lower', baseline: 20, target: 5, measurements: [{ date: day(7), value: 26 }] },
      plan,
      day(7),
    );
    expect(e.progress).toBe(0);
    expect(e.gap).toBe(21);
  });

  it('rounds away float noise: 0.1 + 0.2 meets a target of 0.3', () => {
    const e = evaluateMetric(
      { direction: 'higher', baseline: 0, target: 0.3, measurements: [{ date: day(7), value: 0.1 + 0.2 }] },
      plan,
      day(7),
    );
    expect(e.current).toBe(0.3);
    expect(e.gap).toBe(0);
    expect(e.isMet).toBe(true);
    expect(
      evaluateMetric({ direction: 'higher', baseline: 0, target: 3, measurements: [] }, plan, day(0)).gap,
    ).toBe(3);
    const third = evaluateMetric(
      { direction: 'higher', baseline: 0, target: 3, measurements: [{ date: day(1), value: 1 }] },
      plan,
      day(1),
    );
    expect(third.progress).toBe(0.3333);
  });

  it('rejects a target equal to the baseline, non-finite numbers and invalid dates', () => {
    const base = { direction: 'higher' as const, baseline: 5, target: 10, measurements: [] };
    expect(() => evaluateMetric({ ...base, target: 5 }, plan, day(0))).toThrow(RangeError);
    expect(() => evaluateMetric({ ...base, baseline: Number.NaN }, plan, day(0))).toThrow(RangeError);
    expect(() =>
      evaluateMetric(
        { ...base, measurements: [{ date: day(3), value: Number.POSITIVE_INFINITY }] },
        plan,
        day(3),
      ),
    ).toThrow(RangeError);
    expect(() =>
      evaluateMetric({ ...base, measurements: [{ date: '2025-13-01', value: 7 }] }, plan, day(3)),
    ).toThrow(RangeError);
  });

  it('keeps gap >= 0, progress in [0, 1], and isMet exactly when the gap is 0', () => {
    fc.assert(
      fc.property(metricArb, todayArb, (metric, today) => {
        const e = evaluateMetric(metric, plan, today);
        expect(e.gap).toBeGreaterThanOrEqual(0);
        expect(e.progress).toBeGreaterThanOrEqual(0);
        expect(e.progress).toBeLessThanOrEqual(1);
        expect(e.isMet).toBe(e.gap === 0);
        if (e.isMet) expect(e.status).toBe('onTrack');
      }),
    );
  });

  it('mirrors: a lower-is-better metric is a higher-is-better one with every number negated', () => {
    const negate = (x: number): number => (x === 0 ? 0 : -x);
    fc.assert(
      fc.property(metricArb, todayArb, (metric, today) => {
        const mirrored = {
          direction: (metric.direction === 'higher' ? 'lower' : 'higher') as Direction,
          baseline: negate(metric.baseline),
          target: negate(metric.target),
          measurements: metric.measurements.map((m) => ({ date: m.date, value: negate(m.value) })),
        };
        const a = evaluateMetric(metric, plan, today);
        const b = evaluateMetric(mirrored, plan, today);
        expect(b.current).toBe(negate(a.current));
        expect(b.gap).toBe(a.gap);
        expect(b.isMet).toBe(a.isMet);
        expect(b.progress).toBe(a.progress);
        expect(b.status).toBe(a.status);
        expect(b.forecast === null).toBe(a.forecast === null);
        if (a.forecast && b.forecast) {
          expect(b.forecast.value).toBe(negate(a.forecast.value));
          expect(b.forecast.meetsTarget).toBe(a.forecast.meetsTarget);
        }
      }),
    );
  });

  it('gives more progress for a better current value, in either direction', () => {
    fc.assert(
      fc.property(
        directionArb,
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: 0, max: 500 }),
        (direction, baseline, distance, value, better) => {
          const sign = direction === 'higher' ? 1 : -1;
          const target = baseline + sign * distance;
          const at = (v: number) =>
            evaluateMetric(
              { direction, baseline, target, measurements: [{ date: day(10), value: v }] },
              plan,
              day(10),
            );
          const worse = at(value);
          const improved = at(value + sign * better);
          expect(improved.progress).toBeGreaterThanOrEqual(worse.progress);
          expect(improved.gap).toBeLessThanOrEqual(worse.gap);
        },
      ),
    );
  });
});

describe('evaluateMetric: status', () => {
  // Halfway through plan100 (elapsed 0.5), baseline 0 and target 100 make progress = value / 100.
  const statusAt = (value: number, today = day(50, plan100)) =>
    evaluateMetric(
      { direction: 'higher', baseline: 0, target: 100, measurements: [{ date: day(10, plan100), value }] },
      plan100,
      today,
    ).status;

  it('is on track down to 0.10 behind the elapsed share', () => {
    expect(statusAt(60)).toBe('onTrack');
    expect(statusAt(40)).toBe('onTrack');
  });

  it('is at risk from just over 0.10 to 0.25 behind', () => {
    expect(statusAt(39.99)).toBe('atRisk');
    expect(statusAt(25)).toBe('atRisk');
  });

  it('is off track more than 0.25 behind', () => {
    expect(statusAt(24.99)).toBe('offTrack');
    expect(statusAt(0)).toBe('offTrack');
  });

  it('applies the same thresholds to lower-is-better metrics', () => {
    const lowerAt = (value: number) =>
      evaluateMetric(
        { direction: 'lower', baseline: 100, target: 0, measurements: [{ date: day(10, plan100), value }] },
        plan100,
        day(50, plan100),
      ).status;
    expect(lowerAt(60)).toBe('onTrack');
    expect(lowerAt(60.01)).toBe('atRisk');
    expect(lowerAt(75)).toBe('atRisk');
    expect(lowerAt(75.01)).toBe('offTrack');
  });

  it('is on track at the start whatever the value, and judged against the whole plan after the end', () => {
    expect(statusAt(0, plan100.startDate)).toBe('onTrack');
    expect(statusAt(0, day(10, plan100))).toBe('onTrack'); // elapsed 0.1
    expect(statusAt(0, day(11, plan100))).toBe('atRisk'); // elapsed 0.11
    expect(statusAt(90, '2025-06-01')).toBe('onTrack');
    expect(statusAt(89, '2025-06-01')).toBe('atRisk');
    expect(statusAt(74, '2025-06-01')).toBe('offTrack');
  });

  it('is always on track once the target is met, even at the very end', () => {
    expect(statusAt(100, plan100.endDate)).toBe('onTrack');
  });

  it('only gets worse as time passes with the same value', () => {
    const rank = { onTrack: 0, atRisk: 1, offTrack: 2 } as const;
    fc.assert(
      fc.property(
        metricArb,
        fc.integer({ min: -10, max: 100 }),
        fc.integer({ min: 0, max: 50 }),
        (m, t, step) => {
          const early = evaluateMetric(m, plan, day(t)).status;
          const late = evaluateMetric(m, plan, day(t + step)).status;
          expect(rank[late]).toBeGreaterThanOrEqual(rank[early]);
        },
      ),
    );
  });
});

describe('evaluateMetric: forecast', () => {
  it('extends a perfectly linear series exactly to the end date', () => {
    // 10 at the start, +0.5 a day: 10 + 0.5 × 83 = 51.5 on the last day.
    const e = evaluateMetric(
      {
        direction: 'higher',
        baseline: 10,
        target: 50,
        measurements: [
          { date: day(14), value: 17 },
          { date: day(28), value: 24 },
          { date: day(42), value: 31 },
        ],
      },
      plan,
      day(42),
    );
    expect(e.forecast).toEqual({ date: plan.endDate, value: 51.5, meetsTarget: true });
  });

  it('hits the line for any linear data through the baseline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -400, max: 400 }).map((n) => n / 8),
        fc.uniqueArray(fc.integer({ min: 7, max: 150 }), { minLength: 1, maxLength: 10 }),
        directionArb,
        (intercept, slope, days, direction) => {
          const target = intercept + (direction === 'higher' ? 1 : -1) * 25;
          const measurements = days.map((d) => ({ date: day(d), value: intercept + slope * d }));
          const e = evaluateMetric({ direction, baseline: intercept, target, measurements }, plan, day(40));
          const expected = intercept + slope * daysBetween(plan.startDate, plan.endDate);
          expect(e.forecast).not.toBeNull();
          expect(e.forecast?.date).toBe(plan.endDate);
          expect(Math.abs((e.forecast?.value ?? Number.NaN) - expected)).toBeLessThanOrEqual(1e-4);
          expect(e.forecast?.meetsTarget).toBe(
            direction === 'higher' ? expected >= target : expected <= target,
          );
        },
      ),
    );
  });

  it('fits the least-squares line through scattered points and the baseline', () => {
    // Points (0, 0), (10, 10), (20, 14): slope 0.7, intercept 1; on day 83: 1 + 0.7 × 83 = 59.1.
    const e = evaluateMetric(
      {
        direction: 'lower',
        baseline: 0,
        target: -10,
        measurements: [
          { date: day(20), value: 14 },
          { date: day(10), value: 10 },
        ],
      },
      plan,
      day(20),
    );
    expect(e.forecast).toEqual({ date: plan.endDate, value: 59.1, meetsTarget: false });
  });

  it('draws a line from a single measurement and the baseline', () => {
    const e = evaluateMetric(
      { direction: 'lower', baseline: 100, target: 40, measurements: [{ date: day(41), value: 70 }] },
      plan,
      day(41),
    );
    // (0, 100) and (41, 70): on day 83, 100 − 30 × 83 / 41 = 39.2683.
    expect(e.forecast?.value).toBe(39.2683);
    expect(e.forecast?.meetsTarget).toBe(true);
  });

  it('is null until the measurements span a week', () => {
    const early = evaluateMetric(
      { direction: 'lower', baseline: 12, target: 4, measurements: [{ date: day(1), value: 9 }] },
      plan,
      day(1),
    );
    expect(early.forecast).toBeNull();
    const weekLater = evaluateMetric(
      { direction: 'lower', baseline: 12, target: 4, measurements: [{ date: day(7), value: 11 }] },
      plan,
      day(7),
    );
    expect(weekLater.forecast).not.toBeNull();
  });

  it('is null without measurements or when every point falls on one date', () => {
    expect(
      evaluateMetric({ direction: 'higher', baseline: 1, target: 2, measurements: [] }, plan, day(5))
        .forecast,
    ).toBeNull();
    expect(
      evaluateMetric(
        { direction: 'higher', baseline: 1, target: 2, measurements: [{ date: plan.startDate, value: 1.5 }] },
        plan,
        day(5),
      ).forecast,
    ).toBeNull();
  });

  it('counts measurements outside the plan dates', () => {
    // (0, 0) and (−10, −5): slope 0.5, on day 83 → 41.5.
    const e = evaluateMetric(
      { direction: 'higher', baseline: 0, target: 40, measurements: [{ date: day(-10), value: -5 }] },
      plan,
      day(0),
    );
    expect(e.forecast?.value).toBe(41.5);
    expect(e.current).toBe(-5);
  });
});
