// Done / not done on the plan's timeline, as the seed's check boxes: the same rule for the PDF and the DOCX.

import { addDays } from '../domain/plan/dates.ts';
import type { PlanReadModel } from '../domain/plan/read-model.ts';
import type { Locale } from '../domain/template/template.ts';

/** Plans that have not started: nothing on their timeline can be done yet. */
const notStarted = new Set<PlanReadModel['status']>(['draft', 'in_review', 'awaiting_acknowledgment']);

/**
 * The day the timeline is read as of: null before the plan starts; the day it was decided for a closed plan (what
 * fell after a cancellation was never done); otherwise `today`.
 */
export function timelineAsOf(plan: PlanReadModel, today: string): string | null {
  if (notStarted.has(plan.status)) return null;
  const decided = plan.outcome?.decidedAt?.slice(0, 10) ?? null;
  if (decided !== null && decided < today) return decided;
  return today;
}

/**
 * What the domain calls done on a timeline (what is dated before today, kept by every reschedule): a weekly task
 * once its week is over, a milestone once its day is past.
 */
export function timelineDone(asOf: string | null) {
  return {
    task: (task: { date: string }): boolean => asOf !== null && addDays(task.date, 6) < asOf,
    milestone: (milestone: { date: string }): boolean => asOf !== null && milestone.date < asOf,
  };
}

export const doneMark = '☑';
export const notDoneMark = '☐';

const stateWords: Record<Locale, { done: string; notDone: string }> = {
  en: { done: 'Done', notDone: 'Not done' },
  es: { done: 'Hecho', notDone: 'Sin hacer' },
};

/** "☑ Done" / "☐ Not done": the mark, and the words a screen reader and a text extraction read. */
export const stateText = (isDone: boolean, locale: Locale): string =>
  isDone ? `${doneMark} ${stateWords[locale].done}` : `${notDoneMark} ${stateWords[locale].notDone}`;

/** "☑ Week 1: Complete the assessment — Done": an item of the timeline with its mark first and its state last. */
export const markedItem = (text: string, isDone: boolean, locale: Locale): string =>
  `${isDone ? doneMark : notDoneMark} ${text} — ${isDone ? stateWords[locale].done : stateWords[locale].notDone}`;

/** Today in UTC, YYYY-MM-DD. */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);
