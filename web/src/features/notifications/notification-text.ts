// Turns a notification (kind + payload) into a sentence naming what happened, the place to act on it, and groups
// a person's notifications per plan so that one busy plan is one line, not thirty.
import type { TFunction } from 'i18next';
import type { AppNotification } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';

/** Each kind the server sends, with the tab of the plan where the person acts on it ('' is the overview). */
const placeOf: Record<string, string> = {
  'plan.submitted': '',
  'plan.approved': '',
  'plan.rejected': '',
  'plan.sent_for_acknowledgment': 'signatures',
  'plan.signed': 'signatures',
  'plan.refused': 'signatures',
  'plan.activated': '',
  'plan.paused': '',
  'plan.resumed': '',
  'plan.closed': '',
  'plan.cancelled': '',
  'plan.employee_left': '',
  'plan.manager_left': '',
  'plan.manager_changed': '',
  'plan.outcome_recommended': '',
  'plan.accommodation_requested': '',
  'plan.response_added': '',
  // The overview shows the pending adjustment with Approve and Reject to whoever decides it.
  'adjustment.proposed': '',
  'adjustment.decided': 'history#adjustments',
  'comment.added': 'comments',
  'appeal.lodged': '',
  'appeal.decided': '',
  'feedback.received': 'metrics',
  'checkin.tomorrow': 'check-ins',
  'checkin.missed': 'check-ins',
  'measurement.due': 'metrics',
  'risk.flagged': '',
  'weekly.report': '',
};

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The message key of a notification: its kind, with a decided adjustment split by its decision. */
function keyOf(notification: AppNotification): string {
  const payload = notification.payload;
  if (notification.kind === 'adjustment.decided')
    return payload.decision === 'rejected' ? 'adjustment_rejected' : 'adjustment_approved';
  if (notification.kind === 'comment.added' && payload.kind === 'response') return 'response_added';
  if (notification.kind === 'plan.employee_left')
    return payload.isPaused ? 'plan_employee_left_paused' : 'plan_employee_left';
  return notification.kind.replace('.', '_');
}

export function notificationText(t: TFunction, notification: AppNotification): string {
  const payload = notification.payload;
  const type = asText(payload.type);
  const values = {
    employeeName: asText(payload.employeeName) || t('notifications.aPlan'),
    by: asText(payload.by) || asText(payload.actorName) || t('daily.notify.someone'),
    managerName: asText(payload.managerName) || t('daily.notify.someone'),
    role: payload.role ? t(`sign.roles.${asText(payload.role)}`, { defaultValue: asText(payload.role) }) : '',
    meeting: type ? t(`checkIns.types.${type}`, { defaultValue: type }) : t('daily.notify.aMeeting'),
    when: payload.scheduledAt ? formatDateTime(asText(payload.scheduledAt)) : '',
    metrics: Array.isArray(payload.metrics) ? payload.metrics.join(', ') : '',
    outcome: payload.outcome ? t(`close.outcomes.${asText(payload.outcome)}`, { defaultValue: '' }) : '',
  };
  if (!(notification.kind in placeOf))
    return t('daily.notify.unknown', { ...values, kind: notification.kind });
  return t(`daily.notify.kinds.${keyOf(notification)}`, values);
}

/** Where the person acts on it: the plan's tab that holds the action, or the notifications page. */
export function notificationHref(notification: AppNotification): string {
  if (!notification.planId) return '/notifications';
  const place = placeOf[notification.kind] ?? '';
  // An approved major adjustment asks for signatures again.
  const tab =
    notification.kind === 'adjustment.decided' && notification.payload.decision === 'approved'
      ? 'signatures'
      : place;
  return tab ? `/plans/${notification.planId}/${tab}` : `/plans/${notification.planId}`;
}

export type NotificationGroup = {
  key: string;
  planId: string | null;
  latest: AppNotification;
  count: number;
  unread: AppNotification[];
  /** Every notification of the group, newest first. */
  items: AppNotification[];
};

/** One group per plan (a notification without a plan stands alone), newest first; `items` come newest first. */
export function groupByPlan(items: AppNotification[]): NotificationGroup[] {
  const groups = new Map<string, NotificationGroup>();
  for (const item of items) {
    const key = item.planId ?? item.id;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.items.push(item);
      if (!item.readAt) group.unread.push(item);
    } else
      groups.set(key, {
        key,
        planId: item.planId,
        latest: item,
        count: 1,
        unread: item.readAt ? [] : [item],
        items: [item],
      });
  }
  return [...groups.values()];
}
