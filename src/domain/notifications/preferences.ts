// How each kind of event reaches a person: in the app only, by email at once, in their digest, or not at all.
// What is urgent (a signature due, a check-in tomorrow, an invitation) is always sent at once.

export const preferenceValues = ['in_app', 'email', 'digest', 'off'] as const;
export type PreferenceValue = (typeof preferenceValues)[number];

/** The kinds a person chooses for, each grouping the notifications and emails listed in `kindOf`. */
export const preferenceKinds = [
  'plan_progress',
  'plan_ended',
  'adjustments',
  'comments',
  'check_in_missed',
  'measurement_due',
  'risk_flagged',
  'weekly_report',
] as const;
export type PreferenceKind = (typeof preferenceKinds)[number];

/** Today's behaviour: what emailed before still emails, what was in-app stays in-app. */
export const defaultPreferences: Record<PreferenceKind, PreferenceValue> = {
  plan_progress: 'in_app',
  plan_ended: 'email',
  adjustments: 'email',
  comments: 'in_app',
  check_in_missed: 'email',
  measurement_due: 'email',
  risk_flagged: 'email',
  weekly_report: 'email',
};

/** Kinds with no email of their own: `email` is not offered (their news reaches email through the digest). */
export const inAppOnlyKinds: ReadonlySet<PreferenceKind> = new Set(['plan_progress', 'comments']);

/** The preference kind of a notification or email kind; null: urgent, always sent at once. */
export function kindOf(kind: string): PreferenceKind | null {
  switch (kind) {
    case 'plan.submitted':
    case 'plan.approved':
    case 'plan.rejected':
    case 'plan.signed':
    case 'plan.refused':
    case 'plan.activated':
    case 'plan.paused':
    case 'plan.resumed':
      return 'plan_progress';
    case 'plan.closed':
    case 'plan.cancelled':
      return 'plan_ended';
    case 'adjustment.proposed':
    case 'adjustment.decided':
      return 'adjustments';
    case 'comment.added':
      return 'comments';
    case 'checkin.missed':
      return 'check_in_missed';
    case 'measurement.due':
      return 'measurement_due';
    case 'risk.flagged':
      return 'risk_flagged';
    case 'weekly.report':
      return 'weekly_report';
    default:
      return null;
  }
}

/** How this kind reaches the person; urgent kinds always `email`. */
export function deliveryOf(
  kind: string,
  preferences: Partial<Record<string, PreferenceValue>>,
): PreferenceValue | 'urgent' {
  const group = kindOf(kind);
  if (!group) return 'urgent';
  const chosen = preferences[group] ?? defaultPreferences[group];
  return chosen === 'email' && inAppOnlyKinds.has(group) ? 'in_app' : chosen;
}
