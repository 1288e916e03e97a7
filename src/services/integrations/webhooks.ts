// Webhooks managed by HR administrators: create (the secret shown once), list, change, delete, rotate the
// secret, read the delivery log and replay a delivery.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { webhookCreateBody, webhookUpdateBody } from '../../contracts/integrations.ts';
import { webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema/index.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import { newWebhookSecret } from '../../domain/integrations/webhook-signature.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { requireHrAdmin } from '../organization/hr-admin.ts';
import { requireOutboundUrl } from './outbound-url.ts';

type WebhookRow = typeof webhooks.$inferSelect;

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

export function presentWebhook(row: WebhookRow, now: Date) {
  const expires = row.previousSecretExpiresAt ? new Date(row.previousSecretExpiresAt) : null;
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    isEnabled: row.isEnabled === 1,
    previousSecretExpiresAt: expires && expires > now ? expires.toISOString() : null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

async function findWebhook(ctx: ServiceContext, id: string): Promise<WebhookRow> {
  const [row] = await ctx.deps.database.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.orgId, ctx.actor.orgId), eq(webhooks.id, id), isNull(webhooks.deletedAt)));
  if (!row) throw notFound('Webhook');
  return row;
}

export async function createWebhook(ctx: ServiceContext, input: z.infer<typeof webhookCreateBody>) {
  requireHrAdmin(ctx);
  await requireOutboundUrl(ctx.deps.config, input.url, 'body/url');
  const secret = newWebhookSecret();
  const now = ctx.deps.now().toISOString();
  return inTransaction(ctx.deps, async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({
        orgId: ctx.actor.orgId,
        url: input.url,
        events: input.events,
        description: input.description || null,
        secret,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await appendActorEvent(tx, ctx, {
      action: 'webhook.created',
      entityType: 'webhook',
      entityId: row.id,
      digest: { events: input.events },
    });
    return { ...presentWebhook(row, ctx.deps.now()), secret };
  });
}

export async function listWebhooks(ctx: ServiceContext) {
  requireHrAdmin(ctx);
  const rows = await ctx.deps.database.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.orgId, ctx.actor.orgId), isNull(webhooks.deletedAt)))
    .orderBy(webhooks.createdAt);
  return rows.map((row) => presentWebhook(row, ctx.deps.now()));
}

export async function getWebhook(ctx: ServiceContext, id: string) {
  requireHrAdmin(ctx);
  return presentWebhook(await findWebhook(ctx, id), ctx.deps.now());
}

export async function updateWebhook(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof webhookUpdateBody>,
) {
  requireHrAdmin(ctx);
  await findWebhook(ctx, id);
  if (input.url !== undefined) await requireOutboundUrl(ctx.deps.config, input.url, 'body/url');
  return inTransaction(ctx.deps, async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        ...(input.isEnabled !== undefined ? { isEnabled: input.isEnabled ? 1 : 0 } : {}),
        updatedAt: ctx.deps.now().toISOString(),
      })
      .where(and(eq(webhooks.orgId, ctx.actor.orgId), eq(webhooks.id, id), isNull(webhooks.deletedAt)))
      .returning();
    if (!row) throw notFound('Webhook');
    await appendActorEvent(tx, ctx, {
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: id,
      digest: { fields: Object.keys(input) },
    });
    return presentWebhook(row, ctx.deps.now());
  });
}

/** Deleted webhooks receive nothing more; their delivery log is kept. */
export async function deleteWebhook(ctx: ServiceContext, id: string): Promise<void> {
  requireHrAdmin(ctx);
  await inTransaction(ctx.deps, async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({ deletedAt: ctx.deps.now().toISOString(), isEnabled: 0 })
      .where(and(eq(webhooks.orgId, ctx.actor.orgId), eq(webhooks.id, id), isNull(webhooks.deletedAt)))
      .returning({ id: webhooks.id });
    if (!row) throw notFound('Webhook');
    await tx
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: 'the webhook was deleted' })
      .where(
        and(
          eq(webhookDeliveries.orgId, ctx.actor.orgId),
          eq(webhookDeliveries.webhookId, id),
          inArray(webhookDeliveries.status, ['pending', 'sending']),
        ),
      );
    await appendActorEvent(tx, ctx, { action: 'webhook.deleted', entityType: 'webhook', entityId: id });
  });
}

/** A new secret signs from now on; the old one signs beside it for the grace period, then stops. */
export async function rotateWebhookSecret(ctx: ServiceContext, id: string) {
  requireHrAdmin(ctx);
  const current = await findWebhook(ctx, id);
  const now = ctx.deps.now();
  const secret = newWebhookSecret();
  const expiresAt = new Date(now.getTime() + ctx.deps.config.webhookSecretGraceMs).toISOString();
  return inTransaction(ctx.deps, async (tx) => {
    const [row] = await tx
      .update(webhooks)
      .set({
        secret,
        previousSecret: current.secret,
        previousSecretExpiresAt: expiresAt,
        updatedAt: now.toISOString(),
      })
      .where(
        and(eq(webhooks.orgId, ctx.actor.orgId), eq(webhooks.id, id), eq(webhooks.secret, current.secret)),
      )
      .returning();
    if (!row) throw conflict('The secret was rotated at the same time; read the webhook again');
    await appendActorEvent(tx, ctx, {
      action: 'webhook.secret_rotated',
      entityType: 'webhook',
      entityId: id,
      digest: { previousSecretExpiresAt: expiresAt },
    });
    return { ...presentWebhook(row, now), secret };
  });
}

export async function listWebhookDeliveries(ctx: ServiceContext, id: string, limit = 50) {
  requireHrAdmin(ctx);
  await findWebhook(ctx, id);
  const db = ctx.deps.database.db;
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, ctx.actor.orgId), eq(webhookDeliveries.webhookId, id)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          and(
            eq(webhookAttempts.orgId, ctx.actor.orgId),
            inArray(
              webhookAttempts.deliveryId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(webhookAttempts.id)
    : [];
  return rows.map((row) => ({
    id: row.id,
    messageId: messageIdOf(row.id),
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: iso(row.createdAt)!,
    deliveredAt: iso(row.deliveredAt),
    attemptLog: attempts
      .filter((a) => a.deliveryId === row.id)
      .map((a) => ({
        at: iso(a.at)!,
        statusCode: a.statusCode,
        durationMs: a.durationMs,
        error: a.error,
        isReplay: a.isReplay === 1,
      })),
  }));
}

/** Sends a delivery again, with the same webhook-id (receivers dedupe on it) and a fresh signature. */
export async function replayWebhookDelivery(ctx: ServiceContext, id: string, deliveryId: string) {
  requireHrAdmin(ctx);
  await findWebhook(ctx, id);
  await inTransaction(ctx.deps, async (tx) => {
    const [row] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', replays: sql`${webhookDeliveries.replays} + 1`, lastError: null })
      .where(
        and(
          eq(webhookDeliveries.orgId, ctx.actor.orgId),
          eq(webhookDeliveries.webhookId, id),
          eq(webhookDeliveries.id, deliveryId),
          inArray(webhookDeliveries.status, ['delivered', 'failed']),
        ),
      )
      .returning({ id: webhookDeliveries.id });
    if (!row) {
      const [exists] = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.orgId, ctx.actor.orgId),
            eq(webhookDeliveries.webhookId, id),
            eq(webhookDeliveries.id, deliveryId),
          ),
        );
      if (!exists) throw notFound('Delivery');
      throw conflict('The delivery is still being attempted; replay it once it is delivered or failed');
    }
    await appendActorEvent(tx, ctx, {
      action: 'webhook.delivery_replayed',
      entityType: 'webhook',
      entityId: id,
      digest: { deliveryId },
    });
  });
  ctx.deps.afterCommit?.('webhook');
  const [delivery] = (await listWebhookDeliveries(ctx, id, 200)).filter((d) => d.id === deliveryId);
  return delivery;
}

/** The `webhook-id` of a delivery: stable across its retries and replays. */
export const messageIdOf = (deliveryId: string) => `msg_${deliveryId.replaceAll('-', '')}`;
