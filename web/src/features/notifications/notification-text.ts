// Turns a notification (kind + payload) into a sentence in the interface language.
import type { TFunction } from 'i18next';
import type { AppNotification } from '../../api/types.ts';

const knownKinds = new Set([
  'plan.submitted',
  'plan.approved',
  'plan.rejected',
  'plan.sent_for_acknowledgment',
  'plan.signed',
  'plan.refused',
  'plan.activated',
  'plan.paused',
  'plan.employee_left',
  'plan.manager_left',
  'plan.resumed',
  'plan.closed',
  'plan.outcome_recommended',
  'plan.cancelled',
  'adjustment.proposed',
  'adjustment.decided',
  'comment.added',
  'appeal.lodged',
  'appeal.decided',
  'plan.response_added',
  'plan.manager_changed',
]);

export function notificationText(t: TFunction, notification: AppNotification): string {
  const payload = notification.payload as Record<string, string | undefined>;
  const values = {
    employeeName: payload.employeeName ?? t('notifications.aPlan'),
    by: payload.by ?? payload.actorName ?? '',
    managerName: payload.managerName ?? '',
    role: payload.role ? t(`sign.roles.${payload.role}`, { defaultValue: payload.role }) : '',
  };
  const key = knownKinds.has(notification.kind) ? notification.kind.replace('.', '_') : 'other';
  return t(`notifications.kinds.${key}`, values);
}
