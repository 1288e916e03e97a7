// Single sign-on: the organisation's identity provider settings, and the sign-in through it (OIDC and SAML 2.0).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../contracts/common.ts';
import { orgQuery, ssoDiscoverySchema, ssoSettingsBody, ssoSettingsSchema } from '../../contracts/sso.ts';
import { notFound } from '../../domain/errors.ts';
import type { SignedIn } from '../../services/auth/sessions.ts';
import type { Deps } from '../../services/context.ts';
import { SsoRefusal } from '../../services/sso/sso-refusal.ts';
import { getSsoSettings, removeSsoSettings, saveSsoSettings } from '../../services/sso/sso-settings.ts';
import {
  finishOidcSignIn,
  finishSamlSignIn,
  serviceProviderMetadata,
  ssoDiscovery,
  startSsoSignIn,
} from '../../services/sso/sso-sign-in.ts';
import { contextOf, metaOf, sessionCookie } from '../auth/authenticate.ts';
import { setSessionHint } from '../auth/session-hint.ts';
import { refusalPage } from './sso-page.ts';

/** The httpOnly cookie binding a sign-in to the browser that started it; sent back to the callback only. */
const stateCookie = 'mejora_sso';
const stateCookiePath = '/api/v1/auth/sso/';
const tags = ['single sign-on'];
const callbackParameter = z.string().max(4000).optional();
/** What an OpenID Connect provider sends back (RFC 6749, RFC 9207, OIDC session management). */
const callbackQuery = z.object({
  code: callbackParameter,
  state: callbackParameter,
  iss: callbackParameter,
  error: callbackParameter,
  error_description: callbackParameter,
  session_state: callbackParameter,
});
const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };
/** Browser routes answer a refusal with a page (text/html); the OpenAPI document says so (openapi-responses.ts). */
const pageErrors = { 400: problemSchema, 403: problemSchema, 404: problemSchema };

export const ssoRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const isSecure = deps.config.isSecureCookie;

  const refuse = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof SsoRefusal)) throw error;
    request.log.info({ reason: error.reason, detail: error.message }, 'single sign-on refused');
    const page = refusalPage(error.reason);
    reply.clearCookie(stateCookie, { path: stateCookiePath });
    return reply
      .status(page.status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.html);
  };

  const signedIn = (reply: FastifyReply, session: SignedIn) => {
    reply.clearCookie(stateCookie, { path: stateCookiePath });
    reply.setCookie(sessionCookie, session.sessionToken, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecure,
      path: '/',
      expires: session.expiresAt,
    });
    setSessionHint(reply, session.expiresAt, isSecure);
    return reply.header('cache-control', 'no-store').redirect(`${deps.config.publicUrl}/`, 302);
  };

  app.get(
    '/v1/auth/sso/discovery',
    {
      schema: {
        tags,
        summary: 'Whether the organisation signs in through an identity provider, for the sign-in page',
        security: [],
        querystring: orgQuery,
        response: { 200: ssoDiscoverySchema },
      },
    },
    async (request) => ssoDiscovery(deps, request.query.org),
  );

  app.get(
    '/v1/auth/sso/start',
    {
      schema: {
        tags,
        summary: "Start signing in through the organisation's identity provider (a redirect to it)",
        security: [],
        querystring: orgQuery,
        response: { 302: z.null(), ...pageErrors },
      },
    },
    async (request, reply) => {
      try {
        const start = await startSsoSignIn(deps, request.query.org);
        reply.setCookie(stateCookie, start.state, {
          httpOnly: true,
          sameSite: 'lax',
          secure: isSecure,
          path: stateCookiePath,
          maxAge: 600,
        });
        return reply.header('cache-control', 'no-store').redirect(start.redirectUrl, 302);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.get(
    '/v1/auth/sso/callback',
    {
      schema: {
        tags,
        summary: 'Where the OpenID Connect identity provider returns the browser (redirect URI)',
        security: [],
        querystring: callbackQuery,
        response: { 302: z.null(), ...pageErrors },
      },
    },
    async (request, reply) => {
      try {
        const query = new URLSearchParams(
          Object.entries(request.query).filter((entry): entry is [string, string] => entry[1] !== undefined),
        );
        const session = await finishOidcSignIn(deps, metaOf(request), {
          query,
          browserState: request.cookies[stateCookie],
        });
        return signedIn(reply, session);
      } catch (error) {
        return refuse(request, reply, error);
      }
    },
  );

  app.register(async (acs) => {
    acs.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1_000_000 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    acs.post(
      '/v1/auth/sso/saml/acs',
      {
        schema: {
          tags,
          summary: 'SAML assertion consumer service (HTTP-POST binding)',
          security: [],
          consumes: ['application/x-www-form-urlencoded'],
          body: z.object({
            SAMLResponse: z.string().max(1_000_000).optional(),
            RelayState: z.string().max(500).optional(),
          }),
          response: { 302: z.null(), ...pageErrors },
        },
      },
      async (request, reply) => {
        try {
          const { SAMLResponse, RelayState } = (request.body ?? {}) as {
            SAMLResponse?: string;
            RelayState?: string;
          };
          if (!SAMLResponse || !RelayState)
            throw new SsoRefusal('expired', 'SAMLResponse and RelayState are both required');
          return signedIn(
            reply,
            await finishSamlSignIn(deps, metaOf(request), {
              samlResponse: SAMLResponse,
              relayState: RelayState,
            }),
          );
        } catch (error) {
          return refuse(request, reply, error);
        }
      },
    );
  });

  app.get(
    '/v1/auth/sso/metadata',
    {
      schema: {
        tags,
        summary: "Mejora's SAML service provider metadata for the organisation",
        security: [],
        querystring: orgQuery,
        response: { 200: z.string(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const xml = await serviceProviderMetadata(deps, request.query.org);
      if (!xml) throw notFound('Organisation');
      return reply.type('application/samlmetadata+xml').send(xml);
    },
  );

  app.get(
    '/v1/organization/sso',
    {
      schema: {
        tags,
        summary:
          "The organisation's identity provider (HR administrators; the client secret is never returned)",
        response: { 200: ssoSettingsSchema, ...errors },
      },
    },
    async (request) => getSsoSettings(contextOf(deps, request)),
  );
  app.put(
    '/v1/organization/sso',
    {
      schema: {
        tags,
        summary: "Set the organisation's identity provider, OpenID Connect or SAML 2.0 (HR administrators)",
        body: ssoSettingsBody,
        response: { 200: ssoSettingsSchema, ...errors },
      },
    },
    async (request) => saveSsoSettings(contextOf(deps, request), request.body),
  );
  app.delete(
    '/v1/organization/sso',
    {
      schema: {
        tags,
        summary: 'Turn single sign-on off (HR administrators)',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeSsoSettings(contextOf(deps, request));
      return reply.status(204).send(null);
    },
  );
};
