// Tests of the one list of check-in types: the HTTP contract accepts exactly these, and which ones are rated or summarised.
import { describe, expect, it } from 'vitest';
import { checkInStatus, checkInType } from '../../contracts/running.ts';
import { checkInStatuses, checkInTypes, isRatedCheckIn, isSummarisedCheckIn } from './check-ins.ts';
import { managerMeetingTypes } from './schedule.ts';

describe('checkInStatuses', () => {
  it('is the contract’s enum of check-in statuses, and it accepts nothing else', () => {
    expect(checkInStatus.options).toEqual([...checkInStatuses]);
    expect(checkInStatus.safeParse('postponed').success).toBe(false);
  });
});

describe('checkInTypes', () => {
  it('is the contract’s enum of check-in types, in the same order', () => {
    expect(checkInType.options).toEqual([...checkInTypes]);
  });

  it('is what the contract accepts, and nothing else', () => {
    for (const type of checkInTypes) expect(checkInType.safeParse(type).success).toBe(true);
    expect(checkInType.safeParse('quarterly_review').success).toBe(false);
  });

  it('makes every type but the mentor session a meeting between manager and employee', () => {
    expect(managerMeetingTypes).toEqual([
      'weekly_checkin',
      'biweekly_assessment',
      'monthly_review',
      'final_evaluation',
    ]);
  });
});

describe('isRatedCheckIn and isSummarisedCheckIn', () => {
  it('rate assessments, reviews and the final evaluation; summarise only reviews and the final evaluation', () => {
    expect(checkInTypes.filter(isRatedCheckIn)).toEqual([
      'biweekly_assessment',
      'monthly_review',
      'final_evaluation',
    ]);
    expect(checkInTypes.filter(isSummarisedCheckIn)).toEqual(['monthly_review', 'final_evaluation']);
  });
});
