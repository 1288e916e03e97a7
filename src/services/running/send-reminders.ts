// The reminder sweep: check-ins tomorrow, check-ins missed (24 h after their time with nothing recorded),
// and measurements due. Safe to run any number of times, on any number of servers: each reminder is
// claimed by its outbox dedupe key, each missed check-in by a conditional update.
import { and, eq, gt, lte, max } from 'drizzle-orm';
import { checkIns, measurements, metrics, organizations, plans } from '../../db/schema/index.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { daysBetween, todayIn } from '../../domain/plan/dates.ts';
import { mondayOf } from '../../domain/plan/schedule.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { type Deps, inTransaction, jobMeta } from '../context.ts';
import { enqueueWebhookEvent } from '../integrations/enqueue-webhook-event.ts';
import { notifyPerson } from './notify-person.ts';
import { refreshRiskFlags } from './risk-flags.ts';

const hourMs = 3_600_000;
/** A check-in with nothing recorded this long after its time is missed. */
export const missedAfterMs = 24 * hourMs;
/** A metric not measured for this many days is due. */
export const measurementDueDays = 7;

export type ReminderCounts = { tomorrow: number; missed: number; measurementDue: number };

export async function sendReminders(deps: Deps): Promise<ReminderCounts> {
  const db = deps.database.db;
  const now = deps.now();
  const counts: ReminderCounts = { tomorrow: 0, missed: 0, measurementDue: 0 };
  const orgs = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations);
  for (const org of orgs) {
    const timeZone = org.settings.timezone;
    const today = todayIn(timeZone, now);
    const activePlans = (await db
      .select()
      .from(plans)
      .where(and(eq(plans.orgId, org.id), eq(plans.status, 'active')))) as PlanRow[];
    const planById = new Map(activePlans.map((p) => [p.id, p]));
    if (!activePlans.length) continue;

    const upcoming = await db
      .select()
      .from(checkIns)
      .where(
        and(
          eq(checkIns.orgId, org.id),
          eq(checkIns.status, 'scheduled'),
          gt(checkIns.scheduledAt, now.toISOString()),
          lte(checkIns.scheduledAt, new Date(now.getTime() + 24 * hourMs).toISOString()),
        ),
      );
    for (const checkIn of upcoming) {
      const plan = planById.get(checkIn.planId);
      if (!plan) continue;
      const at = new Date(checkIn.scheduledAt).toISOString();
      const people = [
        plan.employeeUserId,
        checkIn.type === 'mentor_session' ? plan.mentorUserId : plan.managerUserId,
      ];
      await inTransaction(deps, async (tx) => {
        for (const userId of people) {
          if (!userId) continue;
          const isNew = await notifyPerson(tx, plan, {
            userId,
            dedupeKey: `checkin.tomorrow:${checkIn.id}:${at}:${userId}`,
            kind: 'checkin.tomorrow',
            params: { checkInType: checkIn.type, when: { at, timeZone } },
            payload: { checkInId: checkIn.id, type: checkIn.type, scheduledAt: at },
            at: now,
          });
          if (isNew) counts.tomorrow++;
        }
      });
    }

    const overdue = await db
      .select()
      .from(checkIns)
      .where(
        and(
          eq(checkIns.orgId, org.id),
          eq(checkIns.status, 'scheduled'),
          lte(checkIns.scheduledAt, new Date(now.getTime() - missedAfterMs).toISOString()),
        ),
      );
    for (const checkIn of overdue) {
      const plan = planById.get(checkIn.planId);
      if (!plan) continue;
      await inTransaction(deps, async (tx) => {
        const marked = await tx
          .update(checkIns)
          .set({ status: 'missed', updatedAt: now.toISOString() })
          .where(and(eq(checkIns.id, checkIn.id), eq(checkIns.status, 'scheduled')))
          .returning({ id: checkIns.id });
        if (!marked.length) return;
        counts.missed++;
        const at = new Date(checkIn.scheduledAt).toISOString();
        await appendAuditEvent(tx, jobMeta('reminders'), now, {
          orgId: plan.orgId,
          actorUserId: null,
          action: 'check_in.missed',
          entityType: 'check_in',
          entityId: checkIn.id,
          planId: plan.id,
          digest: { type: checkIn.type, scheduledAt: at, isAutomatic: true },
        });
        await enqueueWebhookEvent(tx, {
          orgId: plan.orgId,
          type: 'check_in.missed',
          at: now,
          data: { planId: plan.id, checkInId: checkIn.id },
        });
        const owner = checkIn.type === 'mentor_session' ? plan.mentorUserId : plan.managerUserId;
        if (owner) {
          await notifyPerson(tx, plan, {
            userId: owner,
            dedupeKey: `checkin.missed:${checkIn.id}:${owner}`,
            kind: 'checkin.missed',
            params: { checkInType: checkIn.type, when: { at, timeZone } },
            payload: { checkInId: checkIn.id, type: checkIn.type, scheduledAt: at },
            at: now,
          });
        }
        await refreshRiskFlags(tx, plan, now, jobMeta('reminders'));
      });
    }

    // Measurements: one reminder a week per plan to its manager, naming the metrics not measured for a week.
    const latest = await db
      .select({ planId: metrics.planId, name: metrics.name, last: max(measurements.date) })
      .from(metrics)
      .leftJoin(
        measurements,
        and(eq(measurements.metricId, metrics.id), eq(measurements.orgId, metrics.orgId)),
      )
      .where(eq(metrics.orgId, org.id))
      .groupBy(metrics.id, metrics.planId, metrics.name);
    const week = mondayOf(today);
    for (const plan of activePlans) {
      if (!plan.managerUserId || daysBetween(plan.startDate, today) < measurementDueDays) continue;
      const due = latest.filter(
        (m) => m.planId === plan.id && (!m.last || daysBetween(m.last, today) >= measurementDueDays),
      );
      if (!due.length) continue;
      const managerUserId = plan.managerUserId;
      await inTransaction(deps, async (tx) => {
        const isNew = await notifyPerson(tx, plan, {
          userId: managerUserId,
          dedupeKey: `measurement.due:${plan.id}:${week}:${managerUserId}`,
          kind: 'measurement.due',
          params: { metricName: due.map((m) => m.name).join(', ') },
          payload: { metrics: due.map((m) => m.name) },
          at: now,
        });
        if (isNew) counts.measurementDue++;
      });
    }
  }
  return counts;
}
