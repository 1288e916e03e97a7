// Signing in and out with a session cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { passwordResetBody, passwordSetBody } from '../../contracts/accounts.ts';
import { loginBody, loginResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/common.ts';
import { DomainError } from '../../domain/errors.ts';
import { requestPasswordReset, setPasswordWithToken } from '../../services/auth/password-reset.ts';
import { login, logout, type SignedIn } from '../../services/auth/sessions.ts';
import type { Deps } from '../../services/context.ts';
import { metaOf, requireActor, sessionCookie } from '../auth/authenticate.ts';
import { clearSessionHint, setSessionHint } from '../auth/session-hint.ts';
import { userView } from './me.ts';

export const authRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // Ten tries a minute per address and per account (SIGN_IN_TRIES_PER_MINUTE); the next is refused with 429.
  // Both limits are checked by hand: @fastify/rate-limit runs only the first of several rateLimit hooks on a route.
  const max = deps.config.signInTriesPerMinute;
  const limiters = [
    app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (r) => `login-ip:${r.ip}` }),
    app.createRateLimit({
      max,
      timeWindow: 60_000,
      keyGenerator: (r) =>
        `login-email:${String((r.body as { email?: string } | null)?.email ?? '').toLowerCase()}`,
    }),
  ];
  const limitBy = (checks: typeof limiters, what: string) => async (request: FastifyRequest) => {
    for (const limiter of checks) {
      const limit = await limiter(request);
      if (!limit.isAllowed && limit.isExceeded) {
        throw new DomainError('rate_limited', `Too many ${what}; try again in ${limit.ttlInSeconds} seconds`);
      }
    }
  };
  const limitTries = limitBy(limiters, 'sign-in attempts');
  // Reset emails: five an hour per address (so nobody fills a person's mailbox) and twenty per client address.
  const limitResets = limitBy(
    [
      app.createRateLimit({ max: 20, timeWindow: 3_600_000, keyGenerator: (r) => `reset-ip:${r.ip}` }),
      app.createRateLimit({
        max: 5,
        timeWindow: 3_600_000,
        keyGenerator: (r) =>
          `reset-email:${String((r.body as { email?: string } | null)?.email ?? '')
            .trim()
            .toLowerCase()}`,
      }),
    ],
    'password reset requests',
  );
  const limitPasswordSets = limitBy(
    [app.createRateLimit({ max: 10, timeWindow: 60_000, keyGenerator: (r) => `password-ip:${r.ip}` })],
    'attempts',
  );
  const setSessionCookie = (reply: FastifyReply, signedIn: SignedIn) => {
    reply.setCookie(sessionCookie, signedIn.sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.isSecureCookie,
      path: '/',
      expires: signedIn.expiresAt,
    });
    setSessionHint(reply, signedIn.expiresAt, deps.config.isSecureCookie);
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
      setSessionCookie(reply, signedIn);
      return { user: userView(signedIn.actor), csrfToken: signedIn.csrfToken };
    },
  );

  const resetAccepted = {
    message: 'If an account uses this address, an email with a link to set a new password is on its way.',
  };
  app.post(
    '/v1/auth/password-reset',
    {
      preHandler: limitResets,
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset email; the answer never says whether the address has an account',
        security: [],
        body: passwordResetBody,
        response: {
          202: z.object({ message: z.string() }),
          400: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(deps, metaOf(request), request.body.email);
      return reply.status(202).send(resetAccepted);
    },
  );

  app.post(
    '/v1/auth/password',
    {
      preHandler: limitPasswordSets,
      schema: {
        tags: ['auth'],
        summary:
          'Set your password with the token of an invitation or reset link; ends your other sessions and signs you in',
        security: [],
        body: passwordSetBody,
        response: {
          200: loginResponse,
          400: problemSchema,
          410: problemSchema,
          422: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await setPasswordWithToken(
        deps,
        metaOf(request),
        request.body.token,
        request.body.password,
      );
      setSessionCookie(reply, signedIn);
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
      clearSessionHint(reply);
      return reply.status(204).send(null);
    },
  );
};
