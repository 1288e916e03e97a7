// In-app notifications of the signed-in user.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import { notificationSchema } from '../../contracts/notifications.ts';
import type { Deps } from '../../services/context.ts';
import { listNotifications, markNotificationRead } from '../../services/notifications/notifications.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['notifications'];

export const notificationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(notificationSchema), unreadCount: z.number().int() }) },
      },
    },
    async (request) =>
      listNotifications(contextOf(deps, request), {
        isUnreadOnly: request.query.unread === 'true',
        limit: request.query.limit,
      }),
  );
  app.post(
    '/v1/notifications/:id/read',
    { schema: { tags, params: z.object({ id: uuid }), response: { 204: z.null(), 404: problemSchema } } },
    async (request, reply) => {
      await markNotificationRead(contextOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/v1/notifications/read-all',
    { schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      await markNotificationRead(contextOf(deps, request), 'all');
      return reply.status(204).send(null);
    },
  );
};
