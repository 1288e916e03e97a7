// Tests of the section rules shared by direct edits and adjustments.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  checkDeadline,
  checkMeasurementDate,
  checkMetric,
  planLengthLimits,
  planLengthWeeks,
} from './sections.ts';

const pathOf = (fn: () => void): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors[0]?.path;
    throw error;
  }
  return undefined;
};

describe('section rules', () => {
  const span = { startDate: '2026-11-30', endDate: '2027-02-21' };

  it('a deadline outside the plan is refused at the given path, one inside is accepted', () => {
    expect(pathOf(() => checkDeadline('2029-01-01', span, 'body/deadline'))).toBe('body/deadline');
    expect(pathOf(() => checkDeadline('2026-11-29', span, 'x/deadline'))).toBe('x/deadline');
    expect(pathOf(() => checkDeadline('2027-02-21', span, 'body/deadline'))).toBeUndefined();
    expect(pathOf(() => checkDeadline(null, span, 'body/deadline'))).toBeUndefined();
  });

  it('a metric of another plan’s focus area, or with nothing to improve, is refused naming the field', () => {
    const own = ['a', 'b'];
    expect(pathOf(() => checkMetric({ baseline: 1, target: 2, focusAreaId: 'z' }, own, 'body'))).toBe(
      'body/focusAreaId',
    );
    expect(pathOf(() => checkMetric({ baseline: 2, target: 2, focusAreaId: 'a' }, own, 'm/0'))).toBe(
      'm/0/target',
    );
    expect(
      pathOf(() => checkMetric({ baseline: 1, target: 2, focusAreaId: null }, own, 'body')),
    ).toBeUndefined();
  });

  it('the plan lasts whole weeks within the limits', () => {
    expect(planLengthWeeks('2026-11-30', '2027-02-21', planLengthLimits.draft, 'body/endDate')).toBe(12);
    expect(pathOf(() => planLengthWeeks('2026-11-30', '2027-02-22', planLengthLimits.draft, 'p'))).toBe('p');
    expect(pathOf(() => planLengthWeeks('2026-11-30', '2026-11-01', planLengthLimits.draft, 'p'))).toBe('p');
    expect(pathOf(() => planLengthWeeks('2026-11-30', '2027-08-29', planLengthLimits.draft, 'p'))).toBe('p');
    expect(planLengthWeeks('2026-11-30', '2027-08-29', planLengthLimits.extension, 'p')).toBe(39);
  });

  it('a measurement after the plan ends is refused; one before it starts is the starting point', () => {
    expect(pathOf(() => checkMeasurementDate('2027-02-22', span, 'body/date'))).toBe('body/date');
    expect(pathOf(() => checkMeasurementDate('2026-11-01', span, 'body/date'))).toBeUndefined();
  });
});
