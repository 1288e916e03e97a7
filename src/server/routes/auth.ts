// Signing in and out with a session cookie.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginBody, loginResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { DomainError } from '../../domain/errors.ts';
import { login, logout } from '../../services/auth/sessions.ts';
import type { Deps } from '../../services/context.ts';
import { metaOf, requireActor, sessionCookie } from '../auth/authenticate.ts';
import { userView } from './me.ts';

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // Ten tries a minute per address and per account; the eleventh is refused with 429. Both limits are
  // checked by hand: @fastify/rate-limit runs only the first of several rateLimit hooks on a route.
  const limiters = [
    app.createRateLimit({ max: 10, timeWindow: 60_000, keyGenerator: (r) => `login-ip:${r.ip}` }),
    app.createRateLimit({
      max: 10,
      timeWindow: 60_000,
      keyGenerator: (r) =>
        `login-email:${String((r.body as { email?: string } | null)?.email ?? '').toLowerCase()}`,
    }),
  ];
  const limitTries = async (request: FastifyRequest) => {
    for (const limiter of limiters) {
      const limit = await limiter(request);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new DomainError(
          'rate_limited',
          `Too many sign-in attempts; try again in ${limit.ttlInSeconds} seconds`,
        );
      }
    }
  };

  app.post(
    '/v1/auth/login',
    {
      preHandler: limitTries,
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token for writes',
        security: [],
        body: loginBody,
        response: { 200: loginResponse, 401: problemSchema, 403: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await login(deps, metaOf(request), request.body.email, request.body.password);
      reply.setCookie(sessionCookie, signedIn.sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.isSecureCookie,
        path: '/',
        expires: signedIn.expiresAt,
      });
      return { user: userView(signedIn.actor), csrfToken: signedIn.csrfToken };
    },
  );

  app.post(
    '/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out and revoke this session',
        response: { 204: z.null(), 401: problemSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (request.auth?.sessionId) await logout(deps, metaOf(request), actor, request.auth.sessionId);
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
