// The secret calendar feed URL of each user: their check-ins as iCalendar, no session needed.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../contracts/common.ts';
import type { Deps } from '../../services/context.ts';
import { renderCalendarFeed } from '../../services/running/calendar-feed.ts';
import { metaOf } from '../auth/authenticate.ts';

export const calendarRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/calendar/:feed',
    {
      onRequest: [app.rateLimit({ max: 60, timeWindow: 60_000, keyGenerator: (r) => `calendar-ip:${r.ip}` })],
      schema: {
        tags: ['me'],
        summary: 'Your check-ins as an iCalendar feed (the URL is the secret; see calendarFeedUrl in /v1/me)',
        description: 'Answers `text/calendar` (RFC 5545). An unknown or regenerated URL answers 404.',
        security: [],
        params: z.object({ feed: z.string().min(1).max(200) }),
        response: { 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const body = await renderCalendarFeed(deps, metaOf(request), request.params.feed);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body as never);
    },
  );
};
