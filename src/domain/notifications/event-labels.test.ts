import { describe, expect, it } from 'vitest';
import { eventLabel } from './event-labels.ts';

// Every kind of event that reaches a person in the app, by email digest or chat.
const kinds = [
  'plan.submitted',
  'plan.approved',
  'plan.rejected',
  'plan.sent_for_acknowledgment',
  'plan.signed',
  'plan.refused',
  'plan.activated',
  'plan.paused',
  'plan.resumed',
  'plan.closed',
  'plan.cancelled',
  'plan.manager_changed',
  'plan.employee_left',
  'plan.manager_left',
  'plan.outcome_recommended',
  'plan.accommodation_requested',
  'plan.response_added',
  'adjustment.proposed',
  'adjustment.decided',
  'comment.added',
  'appeal.lodged',
  'appeal.decided',
  'feedback.received',
  'checkin.tomorrow',
  'checkin.missed',
  'measurement.due',
  'risk.flagged',
  'weekly.report',
];

describe('event labels', () => {
  it('every kind of event says what happened, in English and Spanish, never the generic line', () => {
    for (const kind of kinds) {
      expect(eventLabel(kind, 'en'), kind).not.toBe('There is news in Mejora');
      expect(eventLabel(kind, 'es'), kind).not.toBe('Hay novedades en Mejora');
    }
    expect(new Set(kinds.map((kind) => eventLabel(kind, 'en'))).size).toBe(kinds.length);
  });
});
