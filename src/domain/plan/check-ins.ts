// The kinds of check-in, listed once: the schedule, the HTTP contract, the database, the documents and the web app
// take them from here.

export const checkInTypes = [
  'weekly_checkin',
  'biweekly_assessment',
  'monthly_review',
  'mentor_session',
  'final_evaluation',
] as const;

export type CheckInType = (typeof checkInTypes)[number];

/** Assessments, reviews and the final evaluation rate every focus area and overall. */
export const isRatedCheckIn = (type: CheckInType): boolean =>
  type === 'biweekly_assessment' || type === 'monthly_review' || type === 'final_evaluation';

/** Reviews and the final evaluation add a summary. */
export const isSummarisedCheckIn = (type: CheckInType): boolean =>
  type === 'monthly_review' || type === 'final_evaluation';

/** Where a check-in stands: scheduled until it is held, missed or cancelled. */
export const checkInStatuses = ['scheduled', 'held', 'missed', 'cancelled'] as const;

export type CheckInStatus = (typeof checkInStatuses)[number];
