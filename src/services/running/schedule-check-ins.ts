// Writes a plan's check-in schedule when it becomes active: every occurrence still ahead, none twice.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { checkIns } from '../../db/schema/index.ts';
import { conflict } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { generateSchedule, type Occurrence } from '../../domain/plan/schedule.ts';
import { type AuditInput, appendAuditEvent } from '../audit/append-audit-event.ts';
import type { RequestMeta } from '../context.ts';
import { organizationTimezone } from '../plans/present-plan.ts';

const iso = (timestamp: string) => new Date(timestamp).toISOString();

/**
 * Runs inside the caller's transaction. On a re-activation (after a major adjustment) it keeps everything
 * already held, missed, cancelled or moved, drops the untouched occurrences the new dates no longer
 * contain, and adds the missing ones. Only occurrences after `now` are created.
 */
/** `meta` is the request that made the plan start (or restart): the schedule is recorded as its consequence. */
export async function scheduleCheckIns(
  tx: Tx,
  plan: PlanRow,
  now: Date,
  meta: RequestMeta,
  options: { auditInto?: AuditInput[] } = {},
): Promise<number> {
  const timeZone = await organizationTimezone(tx, plan.orgId);
  let occurrences: Occurrence[];
  try {
    occurrences = generateSchedule({
      startDate: plan.startDate,
      endDate: plan.endDate,
      managerCheckIn: plan.content.support.managerCheckIn,
      mentorSession: plan.mentorUserId ? plan.content.support.mentor.session : null,
      timeZone,
    });
  } catch (error) {
    if (error instanceof RangeError)
      throw conflict(`The plan's check-in cadence is invalid: ${error.message}`, []);
    throw error;
  }
  const nowMs = now.getTime();
  const wanted = occurrences.filter((o) => Date.parse(o.scheduledAt) > nowMs);
  const key = (type: string, at: string) => `${type}|${iso(at)}`;
  const wantedKeys = new Set(wanted.map((o) => key(o.type, o.scheduledAt)));

  const existing = await tx
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.orgId, plan.orgId), eq(checkIns.planId, plan.id)));
  const isUntouchedFuture = (c: (typeof existing)[number]) =>
    c.status === 'scheduled' &&
    iso(c.scheduledAt) === iso(c.originalScheduledAt) &&
    Date.parse(c.scheduledAt) > nowMs &&
    c.recordedByUserId === null;
  const stale = existing.filter(
    (c) => isUntouchedFuture(c) && !wantedKeys.has(key(c.type, c.originalScheduledAt)),
  );
  if (stale.length) {
    await tx.delete(checkIns).where(
      and(
        eq(checkIns.orgId, plan.orgId),
        inArray(
          checkIns.id,
          stale.map((c) => c.id),
        ),
      ),
    );
  }
  const kept = new Set(
    existing.filter((c) => !stale.includes(c)).map((c) => key(c.type, c.originalScheduledAt)),
  );
  const added = wanted.filter((o) => !kept.has(key(o.type, o.scheduledAt)));
  if (added.length) {
    await tx.insert(checkIns).values(
      added.map((o) => ({
        orgId: plan.orgId,
        planId: plan.id,
        type: o.type,
        status: 'scheduled' as const,
        scheduledAt: o.scheduledAt,
        originalScheduledAt: o.scheduledAt,
        durationMinutes: o.durationMinutes,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })),
    );
  }
  const event: AuditInput = {
    orgId: plan.orgId,
    actorUserId: null,
    action: 'check_ins.scheduled',
    entityType: 'plan',
    entityId: plan.id,
    planId: plan.id,
    digest: { added: added.length, removed: stale.length, timeZone },
  };
  // The caller may write the event with its own, in one append.
  if (options.auditInto) options.auditInto.push(event);
  else await appendAuditEvent(tx, meta, now, event);
  return added.length;
}
