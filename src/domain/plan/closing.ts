// Closing a plan: the outcome is HR's decision on the manager's recommendation, with the evidence shown.
import type { FieldError } from '../errors.ts';

export type ClosingOutcome = 'successful' | 'unsuccessful';

/** What the manager recommends before HR decides; kept in the outcome once the plan is closed. */
export type OutcomeRecommendation = {
  outcome: ClosingOutcome;
  summary: string;
  recommendedByUserId: string;
  recommendedByName: string;
  recommendedAt: string;
};

export type ClosingRequest = {
  outcome?: ClosingOutcome | undefined;
  summary?: string | undefined;
  /** HR's written reason for closing as successful without a held final evaluation. */
  overrideReason?: string | undefined;
};

export type ClosingEvidence = { isFinalEvaluationHeld: boolean };

/** The problems that stop HR from closing the plan this way, each naming its field (empty: none). */
export function closingProblems(request: ClosingRequest, evidence: ClosingEvidence): FieldError[] {
  const problems: FieldError[] = [];
  if (!request.outcome) problems.push({ path: 'body/outcome', message: 'choose successful or unsuccessful' });
  if (!request.summary?.trim()) problems.push({ path: 'body/summary', message: 'summarise the outcome' });
  if (
    request.outcome === 'successful' &&
    !evidence.isFinalEvaluationHeld &&
    !request.overrideReason?.trim()
  ) {
    problems.push({
      path: 'body/overrideReason',
      message:
        'a plan is completed successfully once its final evaluation is held; to decide it without one, write the reason for the override',
    });
  }
  return problems;
}

/** An override is recorded only when it was needed: successful without a held final evaluation. */
export function isOverride(request: ClosingRequest, evidence: ClosingEvidence): boolean {
  return request.outcome === 'successful' && !evidence.isFinalEvaluationHeld;
}

/** The problems of a manager's recommendation (empty: none). */
export function recommendationProblems(request: Pick<ClosingRequest, 'outcome' | 'summary'>): FieldError[] {
  const problems: FieldError[] = [];
  if (!request.outcome)
    problems.push({ path: 'body/outcome', message: 'recommend successful or unsuccessful' });
  if (!request.summary?.trim())
    problems.push({ path: 'body/summary', message: 'say why you recommend this outcome' });
  return problems;
}
