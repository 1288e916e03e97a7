// Integrations: signed webhooks with their delivery log, Slack and Teams messages, and the notification digest.
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisationKey, sameOrganisation } from './keys.ts';

/** An HTTPS endpoint that receives the organisation's events, signed per Standard Webhooks. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    description: text('description'),
    /** `whsec_` + base64 key: needed to sign, so kept; shown to HR once. */
    secret: text('secret').notNull(),
    /** The secret before the last rotation: deliveries carry its signature too until it expires. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true, mode: 'string' }),
    isEnabled: integer('is_enabled').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('webhooks_org_idx').on(t.orgId), organisationKey('webhooks_pkey', t)],
);

/** One event for one webhook; its id is the `webhook-id` every attempt and replay repeats. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    webhookId: uuid('webhook_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The event as sent: ids only; links are added when it is sent. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status')
      .$type<'pending' | 'sending' | 'delivered' | 'failed'>()
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** How often HR replayed it; attempts after a replay are marked so in the log. */
    replays: integer('replays').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('webhook_deliveries_hook_idx').on(t.orgId, t.webhookId, t.createdAt),
    index('webhook_deliveries_status_idx').on(t.status),
    organisationKey('webhook_deliveries_pkey', t),
    sameOrganisation('webhook_deliveries_webhook_id_fkey', t, t.webhookId, webhooks),
  ],
);

/** Every attempt at a delivery: what the receiver answered and how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }),
    orgId: uuid('org_id').notNull(),
    deliveryId: uuid('delivery_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    statusCode: integer('status_code'),
    durationMs: integer('duration_ms').notNull(),
    error: text('error'),
    isReplay: integer('is_replay').notNull().default(0),
  },
  (t) => [
    index('webhook_attempts_delivery_idx').on(t.orgId, t.deliveryId),
    organisationKey('webhook_attempts_pkey', t),
    sameOrganisation('webhook_attempts_delivery_id_fkey', t, t.deliveryId, webhookDeliveries),
  ],
);

/** The organisation's Slack app and Teams workflow; the bot token is never returned. */
export const chatConnections = pgTable('chat_connections', {
  orgId: uuid('org_id').primaryKey(),
  slackBotToken: text('slack_bot_token'),
  teamsWebhookUrl: text('teams_webhook_url'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** One chat message to one person: who, what kind of event, a link; never plan content. */
export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    channel: text('channel').$type<'slack' | 'teams'>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    toUserId: uuid('to_user_id').notNull(),
    kind: text('kind').notNull(),
    planId: uuid('plan_id'),
    status: text('status').$type<'pending' | 'sending' | 'sent' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('chat_messages_dedupe_idx').on(t.orgId, t.dedupeKey),
    index('chat_messages_status_idx').on(t.status),
    organisationKey('chat_messages_pkey', t),
  ],
);

/** An event a person chose to read in their digest, until the digest that carries it is written. */
export const digestItems = pgTable(
  'digest_items',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind').notNull(),
    planId: uuid('plan_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    digestedAt: timestamp('digested_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('digest_items_user_idx').on(t.orgId, t.userId, t.digestedAt),
    organisationKey('digest_items_pkey', t),
  ],
);
