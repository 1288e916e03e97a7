// When a check-in is: its scheduled instant for sorting and deciding what is due, and the line saying when it was held.
import type { TFunction } from 'i18next';
import type { CheckIn } from '../../../../api/check-ins.ts';
import { formatDate, formatDateTime, parseInstant } from '../../../../ui/format.ts';

/** When the check-in is scheduled, in milliseconds (the API's timestamps come in more than one format). */
export const at = (checkIn: CheckIn) => parseInstant(checkIn.scheduledAt).getTime();

/**
 * When a held meeting took place is its own date and time (a past meeting is recorded later); when it was
 * recorded is said apart, and only if it was well after the meeting.
 */
export function heldLine(checkIn: CheckIn, t: TFunction): string {
  if (checkIn.status !== 'held') return '';
  const held = ` · ${t('checkIns.heldAt', { date: `${formatDate(checkIn.localDate)} ${checkIn.localTime}` })}`;
  if (!checkIn.heldAt) return held;
  const end = at(checkIn) + checkIn.durationMinutes * 60_000;
  const isRecordedLater = parseInstant(checkIn.heldAt).getTime() - end > 60 * 60_000;
  return isRecordedLater
    ? `${held} · ${t('forms.checkIns.recordedAt', { date: formatDateTime(checkIn.heldAt) })}`
    : held;
}
