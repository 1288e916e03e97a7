// A check-in as the API shows it: local date and time, and private notes only for those who may read them.
import type { CheckInView } from '../../contracts/running.ts';
import type { checkIns } from '../../db/schema/index.ts';
import { localDateTime } from '../../domain/plan/schedule.ts';

export type CheckInRow = typeof checkIns.$inferSelect;

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export function presentCheckIn(
  row: CheckInRow,
  options: { timeZone: string; isPrivateVisible: boolean },
): CheckInView {
  const local = localDateTime(row.scheduledAt, options.timeZone);
  const view: CheckInView = {
    id: row.id,
    planId: row.planId,
    type: row.type,
    status: row.status,
    scheduledAt: iso(row.scheduledAt)!,
    originalScheduledAt: iso(row.originalScheduledAt)!,
    isRescheduled: iso(row.scheduledAt) !== iso(row.originalScheduledAt),
    localDate: local.date,
    localTime: local.time,
    timeZone: options.timeZone,
    durationMinutes: row.durationMinutes,
    heldAt: iso(row.heldAt),
    notes: row.notes,
    employeeComments: row.employeeComments,
    attendees: row.attendees,
    ratings: row.ratings,
    overallRating: row.overallRating,
    summary: row.summary,
    actionItems: row.actionItems,
    reason: row.reason,
    recordedByUserId: row.recordedByUserId,
    updatedAt: iso(row.updatedAt)!,
    revision: row.revision,
  };
  // Absent, not null: the employee's answer does not even say there are private notes.
  if (options.isPrivateVisible) view.privateNotes = row.privateNotes;
  return view;
}
