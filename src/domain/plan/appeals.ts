// Appeals against a plan's outcome: the period to lodge one, and the rules of who decides and how.
import type { FieldError } from '../errors.ts';
import { addDays, isValidDate } from './dates.ts';

export const defaultAppealWorkingDays = 10;

export type AppealDecision = 'upheld' | 'changed' | 'extended';

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
const weekday = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/**
 * The last day an appeal may be lodged: the given number of working days (Monday to Friday) after the day the
 * outcome was decided. Public holidays are not known to Mejora, so an organisation that observes them sets a
 * longer period.
 */
export function appealDeadline(decidedOn: string, workingDays: number): string {
  let date = decidedOn;
  let left = workingDays;
  while (left > 0) {
    date = addDays(date, 1);
    if (weekday(date) <= 5) left--;
  }
  return date;
}

export type AppealDecisionRequest = {
  decision?: AppealDecision | undefined;
  reason?: string | undefined;
  outcome?: 'successful' | 'unsuccessful' | undefined;
  summary?: string | undefined;
  endDate?: string | undefined;
};

/** The problems of an appeal decision (empty: none). */
export function appealDecisionProblems(
  request: AppealDecisionRequest,
  plan: { outcome: 'successful' | 'unsuccessful' | 'cancelled'; endDate: string; today: string },
): FieldError[] {
  const problems: FieldError[] = [];
  if (!request.reason?.trim())
    problems.push({ path: 'body/reason', message: 'give the reason for the decision' });
  if (request.decision === 'changed') {
    if (!request.outcome)
      problems.push({ path: 'body/outcome', message: 'choose the outcome that replaces the first one' });
    else if (request.outcome === plan.outcome)
      problems.push({ path: 'body/outcome', message: 'the outcome is already this one; uphold it instead' });
  }
  if (request.decision === 'extended') {
    if (!request.endDate || !isValidDate(request.endDate))
      problems.push({ path: 'body/endDate', message: 'give the new end date as YYYY-MM-DD' });
    else if (request.endDate <= plan.today)
      problems.push({ path: 'body/endDate', message: `must be after today (${plan.today})` });
  }
  return problems;
}
