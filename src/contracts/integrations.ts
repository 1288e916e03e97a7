// Integrations over HTTP: webhooks with their delivery log, Slack and Teams, notification preferences.
import { z } from 'zod';
import { webhookEventTypes } from '../domain/integrations/webhook-events.ts';
import { preferenceKinds, preferenceValues } from '../domain/notifications/preferences.ts';
import { hasControlCharacter, uuid } from './common.ts';

const urlField = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(2000, 'at most 2000 characters')
  .refine((s) => !hasControlCharacter(s), { message: 'must not contain control characters' });

const eventsField = z
  .array(z.enum(webhookEventTypes))
  .min(1, 'subscribe to at least one event')
  .max(webhookEventTypes.length)
  .refine((events) => new Set(events).size === events.length, { message: 'lists an event twice' });

export const webhookCreateBody = z
  .object({
    url: urlField,
    events: eventsField,
    description: z.string().trim().max(200).optional(),
  })
  .strict();

export const webhookUpdateBody = z
  .object({
    url: urlField,
    events: eventsField,
    description: z.string().trim().max(200).nullable(),
    isEnabled: z.boolean(),
  })
  .partial()
  .strict();

export const webhookSchema = z.object({
  id: uuid,
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  isEnabled: z.boolean(),
  /** While a rotated secret still signs deliveries beside the new one. */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The only answers that carry the secret: creation and rotation. */
export const webhookCreatedSchema = webhookSchema.extend({ secret: z.string() });

export const webhookAttemptSchema = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  isReplay: z.boolean(),
});

export const webhookDeliverySchema = z.object({
  id: uuid,
  /** The `webhook-id` header of every attempt. */
  messageId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'sending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  attemptLog: z.array(webhookAttemptSchema),
});

export const chatSettingsSchema = z.object({
  isSlackConnected: z.boolean(),
  teamsWebhookUrl: z.string().nullable(),
});

export const chatSettingsBody = z
  .object({
    /** A Slack bot token (xoxb-…); null disconnects Slack. Never returned. */
    slackBotToken: z
      .string()
      .trim()
      .regex(/^xox[bp]-[A-Za-z0-9-]{8,250}$/, 'must be a Slack bot token (xoxb-…)')
      .nullable(),
    teamsWebhookUrl: urlField.nullable(),
  })
  .partial()
  .strict();

export const notificationPreferencesSchema = z.object({
  kinds: z.record(z.enum(preferenceKinds), z.enum(preferenceValues)),
  digestFrequency: z.enum(['daily', 'weekly']),
});

export const notificationPreferencesBody = z
  .object({
    kinds: z.partialRecord(z.enum(preferenceKinds), z.enum(preferenceValues)),
    digestFrequency: z.enum(['daily', 'weekly']),
  })
  .partial()
  .strict();
