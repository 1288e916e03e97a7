// Records what happened at a check-in: held (notes, ratings, action items, measurements), missed,
// cancelled or moved with a reason; and the employee's own comments.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CheckInUpdate, CheckInView } from '../../contracts/running.ts';
import type { Tx } from '../../db/client.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import {
  type ActionItem,
  type CheckInRating,
  checkIns,
  focusAreas,
  measurements,
  metrics,
} from '../../db/schema/index.ts';
import { can } from '../../domain/access/policy.ts';
import type { AuditAction } from '../../domain/audit/events.ts';
import { conflict, DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { isRatedCheckIn, isSummarisedCheckIn } from '../../domain/plan/check-ins.ts';
import { daysBetween, todayIn } from '../../domain/plan/dates.ts';
import { isReadOnly } from '../../domain/plan/lifecycle.ts';
import { statusOfRating } from '../../domain/plan/progress.ts';
import { localDateTime } from '../../domain/plan/schedule.ts';
import { checkMeasurementDate } from '../../domain/plan/sections.ts';
import { appendAuditEvents } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { enqueueWebhookEvent } from '../integrations/enqueue-webhook-event.ts';
import { commitPlanRecord } from '../plans/commit-plan-change.ts';
import { canSee, factsOf } from '../plans/plan-access.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import { claimUnchanged } from '../preconditions.ts';
import { sendCheckInInvitation } from './check-in-invitations.ts';
import { checkInScope } from './check-ins.ts';
import { type CheckInRow, presentCheckIn } from './present-check-in.ts';
import { refreshRiskFlags } from './risk-flags.ts';

type Status = CheckInRow['status'];
/** The audit event of each status a check-in is moved to. */
const checkInEvents: Record<Status, AuditAction> = {
  scheduled: 'check_in.scheduled',
  held: 'check_in.held',
  missed: 'check_in.missed',
  cancelled: 'check_in.cancelled',
};

/** Where a check-in may go from each status (rescheduling aside). */
const nextStatuses: Record<Status, Status[]> = {
  scheduled: ['held', 'missed', 'cancelled'],
  missed: ['held'],
  held: [],
  cancelled: [],
};

const recordedFields = ['ratings', 'overallRating', 'summary', 'measurements'] as const;

export async function updateCheckIn(
  ctx: ServiceContext,
  checkInId: string,
  input: CheckInUpdate,
): Promise<CheckInView> {
  const { deps, actor, meta } = ctx;
  const fields = (Object.keys(input) as (keyof CheckInUpdate)[]).filter((k) => input[k] !== undefined);
  if (fields.length === 0) throw invalidField('body', 'send at least one field to change');
  const result = await inTransaction(deps, async (tx) => {
    const [row] = await tx
      .select()
      .from(checkIns)
      .where(and(eq(checkIns.orgId, actor.orgId), eq(checkIns.id, checkInId)))
      .for('update');
    if (!row) throw notFound('Check-in');
    const plan = await findPlanRow(tx, actor.orgId, row.planId, true);
    if (!plan || !canSee(actor, plan)) throw notFound('Check-in');
    const scope = checkInScope(actor, plan);
    if (!scope.isFull && !(scope.isMentorOnly && row.type === 'mentor_session')) throw notFound('Check-in');
    requireWriter(ctx, plan, row, fields, input);
    await claimUnchanged(tx, ctx, { kind: 'checkIn', id: checkInId });
    if (isReadOnly(plan.status)) throw conflict(`The plan is ${plan.status} and read-only`, []);
    if (plan.status === 'paused')
      throw conflict('The plan is paused: check-ins wait until it resumes', ['resume']);
    if (row.status === 'cancelled') throw conflict('A cancelled check-in cannot change', []);

    const now = deps.now();
    const timeZone = await organizationTimezone(tx, actor.orgId);
    const today = todayIn(timeZone, now);
    const set: Partial<typeof checkIns.$inferInsert> = { updatedAt: now.toISOString() };
    let status: Status = row.status;
    let scheduledAt = new Date(row.scheduledAt).toISOString();
    const events: AuditAction[] = [];

    if (input.scheduledAt !== undefined) {
      if (row.status !== 'scheduled' && row.status !== 'missed') {
        throw conflict(`A ${row.status} check-in cannot be moved`, nextStatuses[row.status]);
      }
      // With status held, scheduledAt says when a meeting that already happened took place.
      const isRecordingPast = input.status === 'held';
      if (input.status !== undefined && !isRecordingPast) {
        throw invalidField(
          'body/status',
          'a moved check-in is scheduled again: send a new scheduledAt, or status held with the time the meeting took place',
        );
      }
      const at = new Date(input.scheduledAt);
      if (isRecordingPast) {
        if (at.getTime() > now.getTime())
          throw invalidField(
            'body/scheduledAt',
            'a held meeting took place at this time: it must not be in the future',
          );
      } else {
        if (!input.reason) throw invalidField('body/reason', 'say why the check-in moves');
        if (at.getTime() <= now.getTime())
          throw invalidField(
            'body/scheduledAt',
            'must be in the future; to record a meeting that already took place, send status held with it',
          );
      }
      const local = localDateTime(at, timeZone);
      if (daysBetween(plan.startDate, local.date) < 0 || daysBetween(local.date, plan.endDate) < 0) {
        throw invalidField(
          'body/scheduledAt',
          `must fall within the plan (${plan.startDate} to ${plan.endDate})`,
        );
      }
      scheduledAt = at.toISOString();
      if (isRecordingPast) {
        status = 'held';
        Object.assign(set, { scheduledAt, status, heldAt: now.toISOString() });
        if (input.reason) set.reason = input.reason;
        events.push('check_in.held');
      } else {
        status = 'scheduled';
        Object.assign(set, { scheduledAt, status, reason: input.reason });
        events.push('check_in.rescheduled');
      }
    } else if (input.status !== undefined && input.status !== row.status) {
      if (!nextStatuses[row.status].includes(input.status)) {
        throw conflict(`A ${row.status} check-in cannot become ${input.status}`, nextStatuses[row.status]);
      }
      // A check-in is held or missed once its time has come. A meeting brought forward is recorded with
      // scheduledAt set to when it took place.
      if (input.status === 'held' && Date.parse(scheduledAt) > now.getTime()) {
        throw invalidField(
          'body/status',
          `a check-in is held once its time has come (${scheduledAt}); if the meeting took place earlier, send scheduledAt with when it did`,
        );
      }
      if (input.status === 'missed' && Date.parse(scheduledAt) > now.getTime()) {
        throw invalidField('body/status', 'a check-in cannot be missed before its time');
      }
      if (input.status === 'cancelled' && !input.reason) {
        throw invalidField('body/reason', 'say why the check-in is cancelled');
      }
      status = input.status;
      set.status = status;
      if (status === 'held') set.heldAt = now.toISOString();
      if (input.reason) set.reason = input.reason;
      events.push(checkInEvents[status]);
    } else if (input.reason !== undefined) {
      set.reason = input.reason;
    }

    const recorded = recordedFields.filter((f) => input[f] !== undefined);
    if (recorded.length && status !== 'held') {
      throw invalidField(
        `body/${recorded[0]}`,
        'ratings, overall rating, summary and measurements are recorded on a held check-in (status: held)',
      );
    }

    if (input.notes !== undefined) set.notes = input.notes;
    if (input.privateNotes !== undefined) set.privateNotes = input.privateNotes;
    if (input.employeeComments !== undefined) set.employeeComments = input.employeeComments;
    if (input.summary !== undefined) set.summary = input.summary;
    if (input.overallRating !== undefined) set.overallRating = input.overallRating;
    if (input.attendees !== undefined) set.attendees = input.attendees;
    else if (status === 'held' && row.status !== 'held' && row.attendees.length === 0) {
      set.attendees = defaultAttendees(plan, row.type);
    }
    if (input.ratings !== undefined) set.ratings = await checkRatings(tx, plan, row, input.ratings);
    if (input.actionItems !== undefined) set.actionItems = checkActionItems(plan, row, input.actionItems);

    if (status === 'held') {
      const ratings = set.ratings ?? row.ratings;
      const overall = set.overallRating !== undefined ? set.overallRating : row.overallRating;
      const summary = set.summary !== undefined ? set.summary : row.summary;
      if (isRatedCheckIn(row.type)) {
        const areas = await tx
          .select({ id: focusAreas.id })
          .from(focusAreas)
          .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id)));
        const unrated = areas.filter((a) => !ratings.some((r) => r.focusAreaId === a.id));
        if (unrated.length) {
          throw invalidField(
            'body/ratings',
            `an assessment rates every focus area; ${unrated.length} not rated`,
          );
        }
        if (overall === null || overall === undefined) {
          throw invalidField('body/overallRating', 'an assessment rates the plan overall, 1 to 5');
        }
      }
      if (isSummarisedCheckIn(row.type) && !summary?.trim()) {
        throw invalidField('body/summary', 'a monthly review and the final evaluation need a summary');
      }
    }

    if (!events.length) {
      events.push(
        fields.length === 1 && fields[0] === 'employeeComments' ? 'check_in.commented' : 'check_in.updated',
      );
    }
    if (actor.userId !== plan.employeeUserId) set.recordedByUserId = actor.userId;
    const [updated] = await tx
      .update(checkIns)
      .set(set)
      .where(and(eq(checkIns.orgId, actor.orgId), eq(checkIns.id, row.id)))
      .returning();

    const checkInAudit = events.map((action) => ({
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action,
      entityType: 'check_in',
      entityId: row.id,
      planId: plan.id,
      digest: { type: row.type, status, scheduledAt, fields },
    }));
    if (input.measurements?.length) {
      // The measurements are part of the plan's record: its revision moves, each metric's are audited, and
      // the check-in's own events follow in the same append.
      const measured = await recordInline(
        ctx,
        tx,
        plan,
        localDateTime(scheduledAt, timeZone).date,
        today,
        input.measurements,
      );
      await commitPlanRecord(
        tx,
        ctx,
        plan.id,
        measured.map((metricId) => ({
          action: 'measurement.recorded',
          entityType: 'metric',
          entityId: metricId,
        })),
        { later: checkInAudit },
      );
    } else {
      await appendAuditEvents(tx, meta, now, checkInAudit);
    }
    // An invitation sent is kept true: a move sends the new time, a cancellation withdraws it.
    if (row.invitationSequence !== null) {
      if (status === 'cancelled') await sendCheckInInvitation(tx, plan, updated, 'CANCEL', now, timeZone);
      else if (status === 'scheduled' && events.includes('check_in.rescheduled'))
        await sendCheckInInvitation(tx, plan, updated, 'REQUEST', now, timeZone);
    }
    if (status !== row.status && (status === 'held' || status === 'missed')) {
      await enqueueWebhookEvent(tx, {
        orgId: plan.orgId,
        type: status === 'held' ? 'check_in.held' : 'check_in.missed',
        at: now,
        data: { planId: plan.id, checkInId: row.id },
      });
    }
    if (status !== row.status || input.measurements?.length) {
      await refreshRiskFlags(tx, { ...plan }, now, meta);
    }
    return presentCheckIn(updated, { timeZone, isPrivateVisible: scope.isPrivateVisible });
  });
  deps.afterCommit?.('outbox');
  return result;
}

/** The employee writes only their comments; manager and HR (the mentor for mentor sessions) the rest. */
function requireWriter(
  { actor }: ServiceContext,
  plan: PlanRow,
  row: CheckInRow,
  fields: (keyof CheckInUpdate)[],
  input: CheckInUpdate,
): void {
  const facts = factsOf(plan);
  if (plan.employeeUserId === actor.userId) {
    const others = fields.filter((f) => f !== 'employeeComments');
    if (others.length || !can(actor, 'plan.comment', facts)) {
      throw new DomainError(
        'forbidden',
        `As the employee you add your comments (employeeComments) only; not ${others.join(', ')}`,
      );
    }
    return;
  }
  if (input.employeeComments !== undefined) {
    throw new DomainError('forbidden', 'Only the employee writes the employee’s comments');
  }
  const action = row.type === 'mentor_session' ? 'plan.record_mentor_session' : 'plan.record_progress';
  if (!can(actor, action, facts))
    throw new DomainError('forbidden', 'You may read this check-in but not record it');
  if (input.privateNotes !== undefined && !can(actor, 'plan.read_private', facts)) {
    throw new DomainError('forbidden', 'Only the manager and HR keep private notes');
  }
}

function defaultAttendees(plan: PlanRow, type: CheckInRow['type']): string[] {
  const other = type === 'mentor_session' ? plan.header.mentorName : plan.header.managerName;
  return [plan.header.employeeName, ...(other ? [other] : [])];
}

async function checkRatings(
  tx: Tx,
  plan: PlanRow,
  row: CheckInRow,
  ratings: NonNullable<CheckInUpdate['ratings']>,
): Promise<CheckInRating[]> {
  if (row.type === 'mentor_session' && ratings.length) {
    throw invalidField('body/ratings', 'mentor sessions carry no ratings');
  }
  const areas = await tx
    .select({ id: focusAreas.id })
    .from(focusAreas)
    .where(and(eq(focusAreas.orgId, plan.orgId), eq(focusAreas.planId, plan.id)));
  const seen = new Set<string>();
  return ratings.map((r, i) => {
    if (!areas.some((a) => a.id === r.focusAreaId)) {
      throw invalidField(`body/ratings/${i}/focusAreaId`, 'no focus area of this plan has this id');
    }
    if (seen.has(r.focusAreaId)) throw invalidField(`body/ratings/${i}/focusAreaId`, 'rated twice');
    seen.add(r.focusAreaId);
    return { focusAreaId: r.focusAreaId, rating: r.rating, status: r.status ?? statusOfRating(r.rating) };
  });
}

function checkActionItems(
  plan: PlanRow,
  row: CheckInRow,
  items: NonNullable<CheckInUpdate['actionItems']>,
): ActionItem[] {
  const people = [plan.employeeUserId, plan.managerUserId, plan.hrRepUserId, plan.mentorUserId].filter(
    Boolean,
  );
  return items.map((item, i) => {
    if (item.ownerUserId && !people.includes(item.ownerUserId)) {
      throw invalidField(
        `body/actionItems/${i}/ownerUserId`,
        'must be the employee, manager, HR representative or mentor of this plan',
      );
    }
    if (item.dueDate && daysBetween(plan.startDate, item.dueDate) < 0) {
      throw invalidField(
        `body/actionItems/${i}/dueDate`,
        `must be on or after the plan's start (${plan.startDate})`,
      );
    }
    const existing = item.id ? row.actionItems.find((a) => a.id === item.id) : undefined;
    return {
      id: existing?.id ?? randomUUID(),
      text: item.text,
      ownerUserId: item.ownerUserId ?? null,
      dueDate: item.dueDate ?? null,
      isDone: item.isDone ?? false,
    };
  });
}

/** Measurements taken at the check-in, checked and written in one statement; returns the metrics measured. */
async function recordInline(
  ctx: ServiceContext,
  tx: Tx,
  plan: PlanRow,
  checkInDate: string,
  today: string,
  items: NonNullable<CheckInUpdate['measurements']>,
): Promise<string[]> {
  const planMetrics = await tx
    .select({ id: metrics.id })
    .from(metrics)
    .where(and(eq(metrics.orgId, plan.orgId), eq(metrics.planId, plan.id)));
  const rows = items.map((item, i) => {
    if (!planMetrics.some((m) => m.id === item.metricId)) {
      throw invalidField(`body/measurements/${i}/metricId`, 'no metric of this plan has this id');
    }
    const date = item.date ?? (daysBetween(checkInDate, today) < 0 ? today : checkInDate);
    checkMeasurementDate(date, plan, `body/measurements/${i}/date`);
    if (daysBetween(date, today) < 0)
      throw invalidField(`body/measurements/${i}/date`, 'must not be in the future');
    return {
      orgId: plan.orgId,
      planId: plan.id,
      metricId: item.metricId,
      date,
      value: item.value,
      source: 'check-in',
      note: item.note ?? null,
      recordedByUserId: ctx.actor.userId,
      createdAt: ctx.deps.now().toISOString(),
    };
  });
  await tx.insert(measurements).values(rows);
  return [...new Set(rows.map((r) => r.metricId))];
}
