// A plan's check-ins: list them (the mentor sees only mentor sessions) and add one outside the cadence.
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { CheckInView } from '../../contracts/running.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { checkIns } from '../../db/schema/index.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { can } from '../../domain/access/policy.ts';
import { conflict, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import type { CheckInType } from '../../domain/plan/check-ins.ts';
import { daysBetween } from '../../domain/plan/dates.ts';
import { localDateTime } from '../../domain/plan/schedule.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { canSee, factsOf, requirePlan } from '../plans/plan-access.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import { presentCheckIn } from './present-check-in.ts';

/** What the actor sees of a plan's check-ins: all of them, or (a mentor) the mentor sessions only. */
export function checkInScope(actor: Actor, plan: PlanRow) {
  const facts = factsOf(plan);
  const isFull = can(actor, 'plan.read', facts);
  return {
    isFull,
    isMentorOnly: !isFull && plan.mentorUserId === actor.userId,
    isPrivateVisible: can(actor, 'plan.read_private', facts),
  };
}

export async function listCheckIns(
  ctx: ServiceContext,
  planId: string,
  filters: { type?: CheckInType; status?: CheckInView['status'] } = {},
): Promise<CheckInView[]> {
  const { deps, actor, meta } = ctx;
  const db = deps.database.db;
  const plan = await findPlanRow(db, actor.orgId, planId);
  if (!plan || !canSee(actor, plan)) throw notFound('Plan');
  const scope = checkInScope(actor, plan);
  if (!scope.isFull && !scope.isMentorOnly) throw notFound('Plan');
  const where: SQL[] = [eq(checkIns.orgId, actor.orgId), eq(checkIns.planId, planId)];
  if (scope.isMentorOnly) where.push(eq(checkIns.type, 'mentor_session'));
  if (filters.type) where.push(eq(checkIns.type, filters.type));
  if (filters.status) where.push(eq(checkIns.status, filters.status));
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(...where))
    .orderBy(asc(checkIns.scheduledAt));
  const timeZone = await organizationTimezone(db, actor.orgId);
  await inTransaction(deps, (tx) =>
    appendAuditEvent(tx, meta, deps.now(), {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'check_ins.viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
      digest: { count: rows.length },
    }),
  );
  return rows.map((row) => presentCheckIn(row, { timeZone, isPrivateVisible: scope.isPrivateVisible }));
}

export type CheckInCreate = { type: CheckInType; scheduledAt: string; durationMinutes?: number };

export async function createCheckIn(
  ctx: ServiceContext,
  planId: string,
  input: CheckInCreate,
): Promise<CheckInView> {
  const { deps, actor, meta } = ctx;
  return inTransaction(deps, async (tx) => {
    const action = input.type === 'mentor_session' ? 'plan.record_mentor_session' : 'plan.record_progress';
    const plan = await requirePlan(tx, actor, planId, action, { isWrite: true });
    if (plan.status !== 'active') {
      throw conflict(`Check-ins are added to an active plan; this one is ${plan.status}`, []);
    }
    if (input.type === 'mentor_session' && !plan.mentorUserId) {
      throw invalidField('body/type', 'this plan has no mentor');
    }
    const now = deps.now();
    const timeZone = await organizationTimezone(tx, actor.orgId);
    const at = new Date(input.scheduledAt);
    const local = localDateTime(at, timeZone);
    if (daysBetween(plan.startDate, local.date) < 0 || daysBetween(local.date, plan.endDate) < 0) {
      throw invalidField(
        'body/scheduledAt',
        `must fall within the plan (${plan.startDate} to ${plan.endDate})`,
      );
    }
    const cadence =
      input.type === 'mentor_session'
        ? plan.content.support.mentor.session
        : plan.content.support.managerCheckIn;
    const [row] = await tx
      .insert(checkIns)
      .values({
        orgId: actor.orgId,
        planId,
        type: input.type,
        status: 'scheduled',
        scheduledAt: at.toISOString(),
        originalScheduledAt: at.toISOString(),
        durationMinutes: input.durationMinutes ?? cadence.durationMinutes,
        recordedByUserId: actor.userId,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      })
      .returning();
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'check_in.added',
      entityType: 'check_in',
      entityId: row.id,
      planId,
      digest: { type: row.type, scheduledAt: row.scheduledAt },
    });
    return presentCheckIn(row, { timeZone, isPrivateVisible: checkInScope(actor, plan).isPrivateVisible });
  });
}
