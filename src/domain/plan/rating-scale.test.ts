// Tests of when a feedback rating may feed a metric, and of the conversions a requester sets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convertRating,
  describeConversion,
  isOnRatingScale,
  type RatingConversion,
  ratingConversionProblem,
} from './rating-scale.ts';

const metric = (unit: string, baseline = 2.5, target = 4) => ({ name: 'Score', unit, baseline, target });

describe('isOnRatingScale', () => {
  it('accepts units that name the 1–5 scale with baseline and target on it', () => {
    for (const unit of [
      'rating (1–5)',
      '1-5',
      'score 1 to 5',
      'points out of 5',
      '/5',
      'puntos de 5',
      '1 a 5',
    ]) {
      expect(isOnRatingScale(metric(unit)), unit).toBe(true);
    }
  });

  it('refuses other units, even with numbers in the 1–5 range', () => {
    for (const unit of [
      'comments',
      'blocking review comments per PR',
      '%',
      'points',
      '1-50',
      'of 50',
      '15',
    ]) {
      expect(isOnRatingScale(metric(unit)), unit).toBe(false);
    }
  });

  it('refuses a 1–5 unit whose baseline or target is off the scale', () => {
    expect(isOnRatingScale(metric('rating (1–5)', 0, 4))).toBe(false);
    expect(isOnRatingScale(metric('rating (1–5)', 2, 6))).toBe(false);
  });
});

describe('convertRating', () => {
  it('keeps the rating on a 1–5 metric', () => {
    expect(convertRating(3, null)).toBe(3);
  });

  it('maps each rating to its value', () => {
    const conversion: RatingConversion = { kind: 'map', values: [12, 9, 6, 3, 0] };
    expect([1, 2, 3, 4, 5].map((r) => convertRating(r, conversion))).toEqual([12, 9, 6, 3, 0]);
  });

  it('applies a × rating + b', () => {
    const conversion: RatingConversion = { kind: 'linear', a: -2, b: 10 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), (r) => convertRating(r, conversion) === 10 - 2 * r),
    );
  });
});

describe('ratingConversionProblem', () => {
  it('asks for a conversion when the metric has its own unit', () => {
    const problem = ratingConversionProblem(metric('comments', 6, 1), null);
    expect(problem?.field).toBe('conversion');
    expect(problem?.message).toContain('comments');
  });

  it('accepts a 1–5 metric without conversion and any metric with one', () => {
    expect(ratingConversionProblem(metric('rating (1–5)'), null)).toBeNull();
    expect(ratingConversionProblem(metric('comments', 6, 1), { kind: 'linear', a: -1, b: 6 })).toBeNull();
  });

  it('refuses a conversion that gives no finite number', () => {
    const huge = { kind: 'linear', a: Number.MAX_VALUE, b: Number.MAX_VALUE } as const;
    expect(ratingConversionProblem(metric('comments', 6, 1), huge)?.field).toBe('conversion');
  });
});

describe('describeConversion', () => {
  it('says what the plan records for each rating', () => {
    expect(describeConversion({ kind: 'map', values: [12, 9, 6, 3, 0] }, 'comments')).toBe(
      '1→12, 2→9, 3→6, 4→3, 5→0 comments',
    );
    expect(describeConversion({ kind: 'linear', a: -2, b: 10 }, 'comments')).toBe(
      '-2 × rating + 10 comments',
    );
    expect(describeConversion(null, 'rating (1–5)')).toBe('rating 1–5 recorded as is rating (1–5)');
  });
});
