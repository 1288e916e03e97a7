// Resolves who is calling (session cookie or bearer token) before input validation, refuses anonymous callers of
// non-public routes with 401, and enforces CSRF on cookie-authenticated writes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../domain/access/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  type Authenticated,
  authenticateApiToken,
  authenticateSession,
} from '../../services/auth/sessions.ts';
import type { Deps, RequestMeta, ServiceContext } from '../../services/context.ts';
import { ifMatchOf } from '../http/etag.ts';
import { clearSessionHint, sessionHintCookie } from './session-hint.ts';

export const sessionCookie = 'mejora_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A route is public when its OpenAPI schema declares `security: []` (sign-in, health, the feedback form and the
 * calendar feed, which authenticate by their own token or not at all), or when it lies outside the versioned API
 * (API docs, web assets). Unknown paths are left to the not-found handler. SCIM (/scim/v2) is not public but is
 * not this hook's either: its plugin accepts an organisation's SCIM token and nothing else, so a session cookie
 * (and with it CSRF) or a personal API token means nothing there.
 */
export function isPublicRoute(request: FastifyRequest): boolean {
  const url = request.routeOptions.url;
  if (url === undefined || !url.startsWith('/api/v1/')) return true;
  const security = (request.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  return Array.isArray(security) && security.length === 0;
}

export const authenticate = fp(async (app: FastifyInstance, opts: { deps: Deps }) => {
  app.decorateRequest('auth', null);
  // onRequest runs before the body is parsed and validated: an anonymous caller learns nothing of the input rules.
  app.addHook('onRequest', async (request, reply) => {
    // Public routes ignore any session the browser holds: no actor, and so no CSRF check, on them.
    if (isPublicRoute(request)) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.auth = await authenticateApiToken(opts.deps, header.slice(7).trim());
      if (!request.auth) throw new DomainError('unauthenticated', 'The API token is invalid or revoked');
      return;
    }
    const cookie = request.cookies[sessionCookie];
    request.auth = cookie ? await authenticateSession(opts.deps, cookie) : null;
    // A session that ended (expired or revoked) also ends the hint that one may exist.
    if (!request.auth && request.cookies[sessionHintCookie]) clearSessionHint(reply);
    if (!request.auth) requireActor(request);
    if (request.auth && !safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== request.auth.csrfToken) {
        throw new DomainError(
          'forbidden',
          'Missing or wrong x-csrf-token header for a cookie-authenticated write',
        );
      }
    }
  });
});

export function metaOf(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return {
    requestId: String(request.id),
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null,
  };
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.auth)
    throw new DomainError('unauthenticated', 'Sign in, or send an API token, to use this endpoint');
  return request.auth.actor;
}

export function contextOf(deps: Deps, request: FastifyRequest): ServiceContext {
  return { deps, actor: requireActor(request), meta: metaOf(request), ifMatch: ifMatchOf(request) };
}
