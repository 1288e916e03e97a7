// The webhook event catalogue: what an integration may subscribe to, and which plan notification raises which.

export const webhookEventTypes = [
  'plan.submitted',
  'plan.approved',
  'plan.sent',
  'plan.signed',
  'plan.refused',
  'plan.activated',
  'plan.adjusted',
  'plan.paused',
  'plan.resumed',
  'plan.closed',
  'plan.cancelled',
  'check_in.held',
  'check_in.missed',
  // Raised once appeals are recorded; subscribing to them now is allowed.
  'appeal.filed',
  'appeal.decided',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * The webhook events a plan notification raises (comments and rejected adjustments raise none). The last
 * approval sends the plan to the employee: it is both approved and sent.
 */
export function webhookEventsOf(
  notificationKind: string,
  payload: Record<string, unknown>,
): WebhookEventType[] {
  if (notificationKind === 'plan.sent_for_acknowledgment' && payload.action === 'approve')
    return ['plan.approved', 'plan.sent'];
  const single = singleEventOf(notificationKind, payload);
  return single ? [single] : [];
}

function singleEventOf(notificationKind: string, payload: Record<string, unknown>): WebhookEventType | null {
  switch (notificationKind) {
    case 'plan.submitted':
    case 'plan.approved':
    case 'plan.signed':
    case 'plan.refused':
    case 'plan.activated':
    case 'plan.paused':
    case 'plan.resumed':
    case 'plan.closed':
    case 'plan.cancelled':
      return notificationKind;
    case 'plan.sent_for_acknowledgment':
      return 'plan.sent';
    case 'adjustment.decided':
      return payload.decision === 'approved' ? 'plan.adjusted' : null;
    default:
      return null;
  }
}
