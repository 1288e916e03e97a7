// Calendar invitations for check-ins (iTIP): a REQUEST when a check-in comes within the invitation window, a
// REQUEST with a higher SEQUENCE when it moves, a CANCEL when it is cancelled; one UID per check-in, so
// Outlook and Google Calendar update the same meeting. Each is an ordinary email from the outbox with a
// text/calendar part.

import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { Executor } from '../../db/client.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { checkIns, organizations, plans, users } from '../../db/schema/index.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { endOf } from '../../domain/plan/schedule.ts';
import { type Deps, inTransaction } from '../context.ts';
import { checkInName, publicUrlPlaceholder } from '../email/templates.ts';
import { writeEmail } from '../email/write-email.ts';

/** Check-ins are sent as invitations this long before they take place (and when they move or are cancelled). */
export const invitationWindowMs = 14 * 86_400_000;

type CheckInRow = typeof checkIns.$inferSelect;
type Method = 'REQUEST' | 'CANCEL';

/** Who meets: the employee and the manager (the mentor for a mentor session), who organises it. */
function participantsOf(plan: PlanRow, checkIn: Pick<CheckInRow, 'type'>) {
  const organizer = checkIn.type === 'mentor_session' ? plan.mentorUserId : plan.managerUserId;
  return { organizer, attendees: [plan.employeeUserId, organizer].filter((id): id is string => Boolean(id)) };
}

export function invitationCalendar(input: {
  method: Method;
  checkIn: Pick<CheckInRow, 'id' | 'type' | 'scheduledAt' | 'durationMinutes'>;
  sequence: number;
  organizer: { name: string; email: string };
  attendees: { name: string; email: string }[];
  locale: 'en' | 'es';
  planId: string;
  stamp: Date;
}): string {
  const calendar = ical({
    method: input.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'Mejora', product: 'Mejora', language: input.locale === 'es' ? 'ES' : 'EN' },
  });
  const name = checkInName(input.locale, input.checkIn.type);
  const start = new Date(input.checkIn.scheduledAt);
  calendar.createEvent({
    id: `${input.checkIn.id}@mejora`,
    sequence: input.sequence,
    stamp: input.stamp,
    start,
    end: new Date(endOf(start.toISOString(), input.checkIn.durationMinutes)),
    summary: name.charAt(0).toUpperCase() + name.slice(1),
    description: `${publicUrlPlaceholder}/plans/${input.planId}`,
    url: `${publicUrlPlaceholder}/plans/${input.planId}`,
    status: input.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: input.attendees.map((a) => ({
      ...a,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: input.method === 'REQUEST',
    })),
  });
  return calendar.toString();
}

/**
 * Sends the check-in's invitation (REQUEST) or cancellation (CANCEL) to its participants with the next
 * SEQUENCE (0 for the first), and records it on the check-in. Inside the caller's transaction.
 */
export async function sendCheckInInvitation(
  tx: Executor,
  plan: PlanRow,
  checkIn: CheckInRow,
  method: Method,
  at: Date,
  timeZone: string,
): Promise<boolean> {
  if (method === 'CANCEL' && checkIn.invitationSequence === null) return false;
  const { organizer, attendees } = participantsOf(plan, checkIn);
  if (!organizer || attendees.length < 2) return false;
  const sequence = checkIn.invitationSequence === null ? 0 : checkIn.invitationSequence + 1;
  const people = await tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.orgId, plan.orgId), inArray(users.id, attendees)));
  const byId = new Map(people.map((p) => [p.id, p]));
  const organizerRow = byId.get(organizer);
  if (!organizerRow) return false;
  const when = { at: new Date(checkIn.scheduledAt).toISOString(), timeZone };
  for (const person of people) {
    await writeEmail(tx, {
      orgId: plan.orgId,
      toUserId: person.id,
      dedupeKey: `invitation:${checkIn.id}:${sequence}:${person.id}`,
      kind: method === 'CANCEL' ? 'checkin.cancelled' : 'checkin.invitation',
      params: { planId: plan.id, employeeName: plan.header.employeeName, checkInType: checkIn.type, when },
      at,
      calendar: invitationCalendar({
        method,
        checkIn,
        sequence,
        organizer: { name: organizerRow.name, email: organizerRow.email },
        attendees: people.map((p) => ({ name: p.name, email: p.email })),
        locale: person.locale,
        planId: plan.id,
        stamp: at,
      }),
    });
  }
  await tx.update(checkIns).set({ invitationSequence: sequence }).where(eq(checkIns.id, checkIn.id));
  return true;
}

/** The sweep: invites to every scheduled check-in of an active plan that comes within the window. */
export async function sendDueInvitations(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.now();
  const due = await db
    .select({ checkIn: checkIns, timezone: organizations.settings })
    .from(checkIns)
    .innerJoin(plans, and(eq(plans.id, checkIns.planId), eq(plans.orgId, checkIns.orgId)))
    .innerJoin(organizations, eq(organizations.id, checkIns.orgId))
    .where(
      and(
        eq(plans.status, 'active'),
        eq(checkIns.status, 'scheduled'),
        isNull(checkIns.invitationSequence),
        gt(checkIns.scheduledAt, now.toISOString()),
        lte(checkIns.scheduledAt, new Date(now.getTime() + invitationWindowMs).toISOString()),
      ),
    );
  let sent = 0;
  for (const { checkIn, timezone } of due) {
    await inTransaction(deps, async (tx) => {
      // Claimed by the conditional read under lock: a second sweep finds it invited.
      const [current] = await tx
        .select()
        .from(checkIns)
        .where(and(eq(checkIns.id, checkIn.id), isNull(checkIns.invitationSequence)))
        .for('update');
      if (!current) return;
      const plan = await findPlanRow(tx, current.orgId, current.planId);
      if (plan && (await sendCheckInInvitation(tx, plan, current, 'REQUEST', now, timezone.timezone))) sent++;
    });
  }
  return sent;
}
