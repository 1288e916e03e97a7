// The signed-in user: profile, sessions and personal API tokens.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  inboxQuery,
  inboxResponse,
  meResponse,
  meUpdateBody,
  sessionSchema,
  tokenCreateBody,
  tokenCreatedSchema,
  tokenSchema,
} from '../../contracts/auth.ts';
import { problemSchema, uuid } from '../../contracts/common.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/auth/api-tokens.ts';
import { listSessions, revokeSession } from '../../services/auth/sessions.ts';
import type { Deps } from '../../services/context.ts';
import { updatePreferences } from '../../services/email/update-preferences.ts';
import { inboxOf } from '../../services/inbox/inbox.ts';
import { calendarFeedAddress, regenerateCalendarToken } from '../../services/running/calendar-feed.ts';
import { contextOf, metaOf, requireActor } from '../auth/authenticate.ts';

export const userView = (actor: Actor) => ({
  id: actor.userId,
  orgId: actor.orgId,
  name: actor.name,
  email: actor.email,
  locale: actor.locale,
  roles: [...actor.roles].sort(),
  employeeId: actor.employeeId,
});

export const meRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'The signed-in user',
        response: { 200: meResponse, 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // Authentication read the account with the actor: this answer costs no further query.
      const account = request.auth!.account;
      return {
        user: userView(actor),
        csrfToken: request.auth?.csrfToken ?? null,
        organization: { id: actor.orgId, name: account.organizationName, timezone: account.timezone },
        calendarFeedUrl: calendarFeedAddress(deps, actor.userId, account.calendarSeed),
        isEmailOptOut: account.isEmailOptOut,
      };
    },
  );

  app.get(
    '/v1/me/inbox',
    {
      schema: {
        tags: ['me'],
        summary:
          'Everything waiting on you: approvals, signatures, adjustments, check-ins to record, plans to close',
        querystring: inboxQuery,
        response: { 200: inboxResponse, 400: problemSchema, 401: problemSchema, 422: problemSchema },
      },
    },
    async (request) => inboxOf(contextOf(deps, request), request.auth!.account.timezone, request.query),
  );

  app.patch(
    '/v1/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Your email language and whether reminder and report emails are sent',
        body: meUpdateBody,
        response: {
          200: z.object({ locale: z.enum(['en', 'es']), isEmailOptOut: z.boolean() }),
          422: problemSchema,
        },
      },
    },
    async (request) => updatePreferences(contextOf(deps, request), request.body),
  );

  app.post(
    '/v1/me/calendar-token',
    {
      schema: {
        tags: ['me'],
        summary: 'Regenerate your secret calendar feed URL; the old one stops working',
        response: { 200: z.object({ calendarFeedUrl: z.string() }), 401: problemSchema },
      },
    },
    async (request) => regenerateCalendarToken(contextOf(deps, request)),
  );

  app.get(
    '/v1/me/sessions',
    {
      schema: {
        tags: ['me'],
        summary: 'Your open sessions',
        response: { 200: z.object({ items: z.array(sessionSchema) }), 401: problemSchema },
      },
    },
    async (request) => ({
      items: await listSessions(deps, requireActor(request), request.auth?.sessionId ?? null),
    }),
  );

  app.delete(
    '/v1/me/sessions/:id',
    {
      schema: {
        tags: ['me'],
        summary: 'Revoke one of your sessions',
        params: z.object({ id: z.string().min(16).max(64) }),
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeSession(deps, metaOf(request), requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/me/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Create a personal API token (shown once)',
        body: tokenCreateBody,
        response: { 201: tokenCreatedSchema, 422: problemSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(contextOf(deps, request), request.body.name)),
  );

  app.get(
    '/v1/me/tokens',
    {
      schema: {
        tags: ['me'],
        summary: 'Your API tokens',
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
    },
    async (request) => ({ items: await listApiTokens(contextOf(deps, request)) }),
  );

  app.delete(
    '/v1/me/tokens/:id',
    {
      schema: {
        tags: ['me'],
        summary: 'Revoke an API token',
        params: z.object({ id: uuid }),
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeApiToken(contextOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
