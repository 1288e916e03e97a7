// "All parties must be informed": an in-app notification for every person of the plan.
import type { Tx } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import { webhookEventsOf } from '../../domain/integrations/webhook-events.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { emailPlanEvent } from '../email/email-plan-event.ts';
import { enqueueChatMessages } from '../integrations/enqueue-chat-messages.ts';
import { enqueueWebhookEvent } from '../integrations/enqueue-webhook-event.ts';
import { routeNotification } from './route-notification.ts';

export type NotificationKind =
  | 'plan.submitted'
  | 'plan.approved'
  | 'plan.rejected'
  | 'plan.sent_for_acknowledgment'
  | 'plan.signed'
  | 'plan.refused'
  | 'plan.activated'
  | 'plan.paused'
  | 'plan.resumed'
  | 'plan.closed'
  | 'plan.cancelled'
  | 'adjustment.proposed'
  | 'adjustment.decided'
  | 'comment.added'
  | 'plan.manager_changed';

const hiddenFromEmployee = new Set(['draft', 'in_review']);

/** The people of a plan who hear about this status: the employee only once the plan is sent to them. */
export function partiesOf(
  plan: Pick<PlanRow, 'status' | 'employeeUserId' | 'managerUserId' | 'hrRepUserId' | 'createdByUserId'>,
): string[] {
  const ids = [plan.managerUserId, plan.hrRepUserId, plan.createdByUserId];
  if (!hiddenFromEmployee.has(plan.status)) ids.push(plan.employeeUserId);
  return [...new Set(ids.filter((id): id is string => Boolean(id)))];
}

export async function notifyParties(
  tx: Tx,
  plan: PlanRow,
  kind: NotificationKind,
  at: Date,
  payload: Record<string, unknown> = {},
  /** People told besides the plan's (HR administrators of a proposed adjustment); each is told once. */
  alsoUserIds: string[] = [],
): Promise<string[]> {
  for (const type of webhookEventsOf(kind, payload)) {
    await enqueueWebhookEvent(tx, {
      orgId: plan.orgId,
      type,
      at,
      data: {
        planId: plan.id,
        status: plan.status,
        ...(typeof payload.adjustmentId === 'string' ? { adjustmentId: payload.adjustmentId } : {}),
      },
    });
  }
  const recipients = [...new Set([...partiesOf(plan), ...alsoUserIds])];
  if (recipients.length === 0) return [];
  const { inApp } = await routeNotification(tx, {
    orgId: plan.orgId,
    userIds: recipients,
    kind,
    planId: plan.id,
    at,
  });
  if (inApp.length)
    await tx.insert(notifications).values(
      inApp.map((userId) => ({
        orgId: plan.orgId,
        userId,
        planId: plan.id,
        kind,
        payload: { employeeName: plan.header.employeeName, status: plan.status, ...payload },
        createdAt: at.toISOString(),
      })),
    );
  await enqueueChatMessages(tx, {
    orgId: plan.orgId,
    userIds: recipients,
    kind,
    planId: plan.id,
    dedupeKey: `${kind}:${plan.id}:${typeof payload.adjustmentId === 'string' ? payload.adjustmentId : `v${plan.version}`}:${at.getTime()}`,
    at,
  });
  // The events people must not miss also go out by email, from the outbox, in this same transaction.
  await emailPlanEvent(tx, plan, kind, at, payload, recipients);
  return recipients;
}
