// Integrations (HR administrators): signed webhooks with their delivery log, and the Slack and Teams connection.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import {
  chatSettingsBody,
  chatSettingsSchema,
  notificationPreferencesBody,
  notificationPreferencesSchema,
  webhookCreateBody,
  webhookCreatedSchema,
  webhookDeliverySchema,
  webhookSchema,
  webhookUpdateBody,
} from '../../contracts/integrations.ts';
import { webhookEventTypes } from '../../domain/integrations/webhook-events.ts';
import type { Deps } from '../../services/context.ts';
import { getChatSettings, updateChatSettings } from '../../services/integrations/chat-settings.ts';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookDeliveries,
  listWebhooks,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhook,
} from '../../services/integrations/webhooks.ts';
import {
  getNotificationPreferences,
  updateNotificationPreferences,
} from '../../services/notifications/notification-preferences.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['integrations'];
const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };
const params = z.object({ id: uuid });

export const integrationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  app.get(
    '/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Webhooks of the organisation, and the events they may subscribe to',
        response: {
          200: z.object({ items: z.array(webhookSchema), eventTypes: z.array(z.string()) }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await listWebhooks(ctx(request)), eventTypes: [...webhookEventTypes] }),
  );
  app.post(
    '/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Subscribe an HTTPS endpoint to events; the signing secret is in this answer only',
        body: webhookCreateBody,
        response: { 201: webhookCreatedSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createWebhook(ctx(request), request.body)),
  );
  app.get(
    '/v1/webhooks/:id',
    { schema: { tags, params, response: { 200: webhookSchema, ...errors } } },
    async (request) => getWebhook(ctx(request), request.params.id),
  );
  app.patch(
    '/v1/webhooks/:id',
    { schema: { tags, params, body: webhookUpdateBody, response: { 200: webhookSchema, ...errors } } },
    async (request) => updateWebhook(ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/v1/webhooks/:id',
    { schema: { tags, params, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await deleteWebhook(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/v1/webhooks/:id/rotate-secret',
    {
      schema: {
        tags,
        summary: 'A new signing secret (in this answer only); the old one also signs for the grace period',
        params,
        response: { 200: webhookCreatedSchema, ...errors, 409: problemSchema },
      },
    },
    async (request) => rotateWebhookSecret(ctx(request), request.params.id),
  );
  app.get(
    '/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The delivery log, newest first: every attempt with its status code, duration and error',
        params,
        response: { 200: z.object({ items: z.array(webhookDeliverySchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listWebhookDeliveries(ctx(request), request.params.id) }),
  );
  app.post(
    '/v1/webhooks/:id/deliveries/:deliveryId/replay',
    {
      schema: {
        tags,
        summary: 'Send a delivered or failed delivery again (same webhook-id, new signature)',
        params: z.object({ id: uuid, deliveryId: uuid }),
        response: { 202: webhookDeliverySchema, ...errors, 409: problemSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await replayWebhookDelivery(ctx(request), request.params.id, request.params.deliveryId)),
  );
  app.get(
    '/v1/me/notification-preferences',
    {
      schema: {
        tags: ['me'],
        summary:
          'How each kind of event reaches you (in-app, email at once, digest, off) and how often the digest comes',
        response: { 200: notificationPreferencesSchema },
      },
    },
    async (request) => getNotificationPreferences(ctx(request)),
  );
  app.patch(
    '/v1/me/notification-preferences',
    {
      schema: {
        tags: ['me'],
        summary:
          'Change your notification preferences; urgent events (a signature due, a check-in tomorrow) always come at once',
        body: notificationPreferencesBody,
        response: { 200: notificationPreferencesSchema, 400: problemSchema, 422: problemSchema },
      },
    },
    async (request) => updateNotificationPreferences(ctx(request), request.body),
  );
  app.get(
    '/v1/organization/chat',
    {
      schema: {
        tags,
        summary: 'Slack and Teams connection',
        response: { 200: chatSettingsSchema, ...errors },
      },
    },
    async (request) => getChatSettings(ctx(request)),
  );
  app.patch(
    '/v1/organization/chat',
    {
      schema: {
        tags,
        summary:
          'Connect Slack (bot token, never returned) and/or a Teams Workflows webhook; null disconnects',
        body: chatSettingsBody,
        response: { 200: chatSettingsSchema, ...errors },
      },
    },
    async (request) => updateChatSettings(ctx(request), request.body),
  );
};
