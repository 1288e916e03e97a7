// Writes a webhook delivery for every enabled webhook subscribed to the event, inside the caller's transaction
// (the outbox pattern: the event and its deliveries commit together or not at all).
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { webhookDeliveries, webhooks } from '../../db/schema/index.ts';
import type { WebhookEventType } from '../../domain/integrations/webhook-events.ts';
import { oncePerTransaction } from '../transaction-cache.ts';

export type WebhookEvent = {
  orgId: string;
  type: WebhookEventType;
  at: Date;
  /** Ids only: never names or plan text. */
  data: { planId?: string; checkInId?: string; adjustmentId?: string; appealId?: string; status?: string };
};

export async function enqueueWebhookEvent(tx: Executor, event: WebhookEvent): Promise<number> {
  const subscribed = await oncePerTransaction(tx, `webhooks:${event.orgId}`, () =>
    tx
      .select({ id: webhooks.id, events: webhooks.events })
      .from(webhooks)
      .where(and(eq(webhooks.orgId, event.orgId), eq(webhooks.isEnabled, 1), isNull(webhooks.deletedAt))),
  );
  const targets = subscribed.filter((w) => w.events.includes(event.type));
  if (!targets.length) return 0;
  await tx.insert(webhookDeliveries).values(
    targets.map((w) => ({
      orgId: event.orgId,
      webhookId: w.id,
      eventType: event.type,
      payload: { type: event.type, timestamp: event.at.toISOString(), data: event.data },
      createdAt: event.at.toISOString(),
    })),
  );
  return targets.length;
}
