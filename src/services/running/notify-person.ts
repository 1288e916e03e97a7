// Tells one person about an event of a running plan: an in-app notification and an email, both at most once.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notifications, roleMemberships, users } from '../../db/schema/index.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import type { EmailKind, EmailParams } from '../email/templates.ts';
import { writeEmail } from '../email/write-email.ts';
import { enqueueChatMessages } from '../integrations/enqueue-chat-messages.ts';
import { routeNotification } from '../notifications/route-notification.ts';

export type PersonEvent = {
  userId: string;
  /** The event's identity: the same key is never notified twice. */
  dedupeKey: string;
  kind: EmailKind;
  params: EmailParams;
  payload?: Record<string, unknown>;
  at: Date;
};

/** Returns whether this was news: false when the same event reached this person before. */
export async function notifyPerson(tx: Executor, plan: PlanRow, event: PersonEvent): Promise<boolean> {
  const isNew = await writeEmail(tx, {
    orgId: plan.orgId,
    toUserId: event.userId,
    dedupeKey: event.dedupeKey,
    kind: event.kind,
    params: { planId: plan.id, employeeName: plan.header.employeeName, ...event.params },
    at: event.at,
  });
  if (!isNew) return false;
  await enqueueChatMessages(tx, {
    orgId: plan.orgId,
    userIds: [event.userId],
    kind: event.kind,
    planId: plan.id,
    dedupeKey: event.dedupeKey,
    at: event.at,
  });
  const { inApp } = await routeNotification(tx, {
    orgId: plan.orgId,
    userIds: [event.userId],
    kind: event.kind,
    planId: plan.id,
    at: event.at,
  });
  if (!inApp.length) return true;
  await tx.insert(notifications).values({
    orgId: plan.orgId,
    userId: event.userId,
    planId: plan.id,
    kind: event.kind,
    payload: { employeeName: plan.header.employeeName, status: plan.status, ...event.payload },
    createdAt: event.at.toISOString(),
  });
  return true;
}

/** The plan's HR representative, or the organisation's HR administrators when it has none. */
export async function hrOf(tx: Executor, plan: PlanRow): Promise<string[]> {
  if (plan.hrRepUserId) return [plan.hrRepUserId];
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(
      roleMemberships,
      and(eq(roleMemberships.userId, users.id), eq(roleMemberships.orgId, users.orgId)),
    )
    .where(
      and(eq(users.orgId, plan.orgId), inArray(roleMemberships.role, ['hr_admin']), isNull(users.disabledAt)),
    );
  return admins.map((a) => a.id);
}
