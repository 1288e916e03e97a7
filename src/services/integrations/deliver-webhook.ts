// Sends one webhook delivery, signed per Standard Webhooks, and logs the attempt; a failure is thrown so the
// queue retries it with exponential backoff.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema/index.ts';
import { signatureHeader } from '../../domain/integrations/webhook-signature.ts';
import type { Deps } from '../context.ts';
import { outboundUrlRefusal } from './outbound-url.ts';
import { messageIdOf } from './webhooks.ts';

const timeoutMs = 10_000;

export class DeliveryError extends Error {}

/** The payload as sent: the stored ids, with a link for each to where a person acts on it. */
export function payloadWithLinks(
  payload: Record<string, unknown>,
  publicUrl: string,
): Record<string, unknown> {
  const data = { ...(payload.data as Record<string, unknown>) };
  const links: Record<string, string> = {};
  if (typeof data.planId === 'string') links.plan = `${publicUrl}/plans/${data.planId}`;
  if (typeof data.planId === 'string' && typeof data.checkInId === 'string')
    links.checkIn = `${publicUrl}/plans/${data.planId}/check-ins`;
  return { ...payload, data: { ...data, links } };
}

export async function deliverWebhook(
  deps: Deps,
  deliveryId: string,
  options: { isLastAttempt: boolean },
): Promise<'delivered' | 'already_done'> {
  const db = deps.database.db;
  const [row] = await db
    .select({ delivery: webhookDeliveries, webhook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(
      webhooks,
      and(eq(webhooks.id, webhookDeliveries.webhookId), eq(webhooks.orgId, webhookDeliveries.orgId)),
    )
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || !['pending', 'sending'].includes(row.delivery.status)) return 'already_done';
  const { delivery, webhook } = row;
  await db
    .update(webhookDeliveries)
    .set({ status: 'sending', attempts: delivery.attempts + 1 })
    .where(eq(webhookDeliveries.id, deliveryId));

  const now = deps.now();
  const timestamp = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify(payloadWithLinks(delivery.payload, deps.config.publicUrl));
  const id = messageIdOf(delivery.id);
  const secrets = [webhook.secret];
  if (
    webhook.previousSecret &&
    webhook.previousSecretExpiresAt &&
    new Date(webhook.previousSecretExpiresAt) > now
  )
    secrets.push(webhook.previousSecret);

  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  const refusal = await outboundUrlRefusal(deps.config, webhook.url);
  if (refusal) {
    error = `not sent: the URL ${refusal}`;
  } else {
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Mejora-Webhooks',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signatureHeader(secrets, id, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      statusCode = response.status;
      await response.body?.cancel().catch(() => {});
      if (statusCode < 200 || statusCode >= 300) error = `the receiver answered ${statusCode}`;
    } catch (e) {
      error = String((e as Error).cause ?? (e as Error).message ?? e).slice(0, 300);
    }
  }
  const durationMs = Math.round(performance.now() - started);
  const isDelivered = error === null;
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      orgId: delivery.orgId,
      deliveryId,
      at: now.toISOString(),
      statusCode,
      durationMs,
      error,
      isReplay: delivery.replays > 0 ? 1 : 0,
    });
    await tx
      .update(webhookDeliveries)
      .set({
        status: isDelivered ? 'delivered' : options.isLastAttempt ? 'failed' : 'pending',
        lastStatusCode: statusCode,
        lastError: error,
        ...(isDelivered ? { deliveredAt: now.toISOString() } : {}),
      })
      .where(eq(webhookDeliveries.id, deliveryId));
  });
  if (!isDelivered) throw new DeliveryError(error ?? 'failed');
  return 'delivered';
}

/** Deliveries still to send, oldest first: the dispatcher queues each. */
export async function pendingWebhookDeliveries(deps: Deps, limit = 200): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.status, ['pending', 'sending']))
    .orderBy(asc(webhookDeliveries.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
