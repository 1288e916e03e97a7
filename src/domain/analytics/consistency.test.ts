// Tests of the consistency arithmetic: exact tests against published values, Holm's correction, suppression.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessConsistency,
  binomialProbability,
  binomialTestTwoSided,
  fisherExactTwoSided,
  type GroupCounts,
  holmAdjust,
  logGamma,
  rankConsistency,
} from './consistency.ts';

describe('exact tests', () => {
  it('ln Γ matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('the two-sided binomial test gives the values of R and SciPy', () => {
    expect(binomialTestTwoSided(3, 10, 0.5)).toBeCloseTo(0.34375, 10);
    expect(binomialTestTwoSided(682, 925, 0.75)).toBeCloseTo(0.3824915595748517, 8);
    expect(binomialTestTwoSided(0, 12, 0.2)).toBeCloseTo(0.141274976256, 10);
    expect(binomialTestTwoSided(9, 9, 0.3)).toBeCloseTo(1.9683e-5, 12);
    expect(binomialTestTwoSided(150, 1000, 0.12)).toBeCloseTo(0.004705971487450632, 8);
    expect(binomialTestTwoSided(5, 10, 0.5)).toBe(1);
  });

  it("Fisher's exact test gives the values of R and SciPy", () => {
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(0.48571428571428565, 10);
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(0.0027594561852200836, 10);
    expect(fisherExactTwoSided(10, 2, 30, 60)).toBeCloseTo(0.0012967108147303645, 10);
  });

  it('refuses impossible counts', () => {
    expect(() => binomialTestTwoSided(11, 10, 0.5)).toThrow(RangeError);
    expect(() => binomialTestTwoSided(1, 10, 1.5)).toThrow(RangeError);
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(RangeError);
  });

  it('binomial probabilities sum to one and p-values lie in (0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (n, p) => {
          let sum = 0;
          for (let k = 0; k <= n; k++) sum += binomialProbability(k, n, p);
          expect(sum).toBeCloseTo(1, 8);
          const k = Math.round(n * p);
          const value = binomialTestTwoSided(k, n, p);
          expect(value).toBeGreaterThan(0);
          expect(value).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("Fisher's test is symmetric in rows and columns", () => {
    const cell = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const p = fisherExactTwoSided(a, b, c, d);
        expect(fisherExactTwoSided(c, d, a, b)).toBeCloseTo(p, 9);
        expect(fisherExactTwoSided(a, c, b, d)).toBeCloseTo(p, 9);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it("Holm's adjustment is monotone, never below the raw value and at most Bonferroni's", () => {
    expect(holmAdjust([0.01, 0.04, 0.03, 0.005])).toEqual([0.03, 0.06, 0.06, 0.02]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const adjusted = holmAdjust(ps);
        ps.forEach((p, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]).toBeLessThanOrEqual(Math.min(1, p * ps.length) + 1e-12);
          ps.forEach((q, j) => {
            if (p < q) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] as number);
          });
        });
      }),
    );
  });
});

const group = (
  key: string,
  headcount: number,
  peopleWithPlan: number,
  extra: Partial<GroupCounts> = {},
): GroupCounts => ({
  key,
  label: key,
  headcount,
  peopleWithPlan,
  plans: peopleWithPlan,
  medianLengthWeeks: 12,
  successful: 0,
  unsuccessful: 0,
  cancelled: 0,
  withMeasurableGoals: peopleWithPlan,
  withDatedExamples: 0,
  activitiesDone: 0,
  activitiesPlanned: 0,
  mentorSessionsHeld: 0,
  ...extra,
});

const total = (groups: GroupCounts[]) => {
  const sum = (f: (g: GroupCounts) => number) => groups.reduce((s, g) => s + f(g), 0);
  return {
    headcount: sum((g) => g.headcount),
    peopleWithPlan: sum((g) => g.peopleWithPlan),
    plans: sum((g) => g.plans),
    medianLengthWeeks: 12,
    successful: sum((g) => g.successful),
    unsuccessful: sum((g) => g.unsuccessful),
    cancelled: 0,
    withMeasurableGoals: sum((g) => g.withMeasurableGoals),
    withDatedExamples: 0,
    activitiesDone: 0,
    activitiesPlanned: 0,
    mentorSessionsHeld: 0,
  };
};

describe('assessConsistency', () => {
  it('flags a group with twice the rate of the others and not the others', () => {
    const groups = [...['a', 'b', 'c', 'd', 'e'].map((k) => group(k, 200, 20)), group('double', 200, 40)];
    const result = assessConsistency(total(groups), groups);
    const byKey = new Map(result.groups.map((g) => [g.key, g]));
    const double = byKey.get('double');
    if (!double || double.isSuppressed) throw new Error('double must show');
    expect(double.rateTest.pValue).toBeCloseTo(0.000592, 4);
    expect(double.rateTest.adjustedPValue).toBeCloseTo(6 * double.rateTest.pValue, 8);
    expect(double.isFlagged).toBe(true);
    for (const key of ['a', 'b', 'c', 'd', 'e']) expect(byKey.get(key)).toMatchObject({ isFlagged: false });
    expect(result.norm.plansPer100).toBe(11.67);
  });

  it('suppresses groups of fewer than five people: no counts, no test', () => {
    const groups = [group('small', 4, 4), group('big', 100, 10), group('other', 100, 10)];
    const result = assessConsistency(total(groups), groups);
    expect(result.groups[0]).toEqual({ key: 'small', label: 'small', isSuppressed: true });
    expect(result.groups[1]).toMatchObject({ isSuppressed: false, headcount: 100 });
  });

  it('tests outcomes with Fisher against the rest of the organisation', () => {
    const groups = [
      group('harsh', 50, 12, { successful: 1, unsuccessful: 9 }),
      group('b', 50, 14, { successful: 11, unsuccessful: 3 }),
    ];
    const result = assessConsistency(total(groups), groups);
    const harsh = result.groups[0];
    if (!harsh || harsh.isSuppressed || !harsh.outcomeTest) throw new Error('harsh must be tested');
    expect(harsh.outcomeTest.pValue).toBeCloseTo(0.0027594561852200836, 10);
    expect(harsh.unsuccessfulShare).toBe(0.9);
  });

  it('groups drawn at the organisation rate are rarely flagged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 5, max: 60 }), { minLength: 2, maxLength: 20 }),
        fc.integer(),
        (sizes, seed) => {
          let state = seed >>> 0;
          const random = () => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return state / 2 ** 32;
          };
          const groups = sizes.map((n, i) => {
            let k = 0;
            for (let j = 0; j < n; j++) if (random() < 0.1) k++;
            return group(`g${i}`, n, k);
          });
          const result = assessConsistency(total(groups), groups);
          const flagged = result.groups.filter((g) => !g.isSuppressed && g.isFlagged).length;
          expect(flagged).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('ranks like ordering every described group, describing only the first ones (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            headcount: fc.integer({ min: 1, max: 40 }),
            share: fc.double({ min: 0, max: 1, noNaN: true }),
            successful: fc.integer({ min: 0, max: 6 }),
            unsuccessful: fc.integer({ min: 0, max: 6 }),
            label: fc.constantFrom('Ana', 'Bea', 'Íñigo', 'zoe', 'Óscar', 'Luis'),
          }),
          { minLength: 1, maxLength: 80 },
        ),
        fc.integer({ min: 0, max: 35 }),
        (specs, limit) => {
          const groups = specs.map((x, i) => ({
            ...group(`g${i}`, x.headcount, Math.floor(x.share * x.headcount), {
              successful: x.successful,
              unsuccessful: x.unsuccessful,
            }),
            label: x.label,
          }));
          const all = assessConsistency(total(groups), groups).groups;
          const collate = new Intl.Collator(undefined).compare;
          const expected = [...all].sort((a, b) => {
            if (a.isSuppressed !== b.isSuppressed) return a.isSuppressed ? 1 : -1;
            if (a.isSuppressed || b.isSuppressed) return collate(a.label, b.label);
            if (a.isFlagged !== b.isFlagged) return a.isFlagged ? -1 : 1;
            return a.rateTest.adjustedPValue - b.rateTest.adjustedPValue || collate(a.label, b.label);
          });
          const ranked = rankConsistency(total(groups), groups, limit);
          // Equal keys may come in either order: compare what each place shows.
          const shown = (list: typeof all) => list.map((g) => JSON.stringify({ ...g, key: undefined }));
          expect(shown(ranked.groups)).toEqual(shown(expected.slice(0, limit)));
          expect(ranked.groupCount).toBe(groups.length);
          expect(ranked.suppressedCount).toBe(all.filter((g) => g.isSuppressed).length);
          expect(ranked.flaggedCount).toBe(all.filter((g) => !g.isSuppressed && g.isFlagged).length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
