// Builds the HTTP server: security plugins, authentication, OpenAPI, routes and the error mapping.
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { takeTicket, withTicket } from '../db/statement-priority.ts';
import type { Deps } from '../services/context.ts';
import { forgetPlanAnswers } from '../services/plans/get-plan.ts';
import { authenticate } from './auth/authenticate.ts';
import { handleError } from './errors.ts';
import { responseSerializerCompiler } from './http/response-serializer.ts';
import { registerApiDocs } from './openapi.ts';
import { completeOpenApi } from './openapi-responses.ts';
import { guardedValidatorCompiler } from './request-checks.ts';
import { registerRequestScope } from './request-guard.ts';
import { accountRoutes } from './routes/accounts.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { authRoutes } from './routes/auth.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { checkInRoutes } from './routes/check-ins.ts';
import { directoryRoutes } from './routes/directory.ts';
import { documentRoutes } from './routes/documents.ts';
import { dossierRoutes } from './routes/dossier.ts';
import { employeeRoutes } from './routes/employees.ts';
import { exportRoutes } from './routes/exports.ts';
import { fairnessRoutes } from './routes/fairness.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { healthRoutes } from './routes/health.ts';
import { integrationRoutes } from './routes/integrations.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { meRoutes } from './routes/me.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { organizationRoutes } from './routes/organization.ts';
import { planRoutes } from './routes/plans.ts';
import { progressRoutes } from './routes/progress.ts';
import { savedViewRoutes } from './routes/saved-views.ts';
import { scimTokenRoutes } from './routes/scim-tokens.ts';
import { ssoRoutes } from './routes/sso.ts';
import { templateRoutes } from './routes/templates.ts';
import { handleScimError, scimBasePath, scimRoutes } from './scim/scim-routes.ts';
import { registerWeb } from './web.ts';

export type AppOptions = { deps: Deps; version: string; isLogging?: boolean; webDir?: string | null };

export type App = FastifyInstance;

export async function buildApp({ deps, version, isLogging = true, webDir = null }: AppOptions): Promise<App> {
  const app = fastify({
    logger: isLogging
      ? {
          level: deps.config.logLevel,
          // Requests are logged by method, route and status only: URLs and bodies may carry personal data.
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown', id: req.id }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
          redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
        }
      : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    trustProxy: deps.config.trustedProxies.length ? deps.config.trustedProxies : false,
    bodyLimit: 1_048_576,
    // Over-long path parameters and undecodable URLs are problems like any other.
    frameworkErrors: (error, request, reply) =>
      request.url.startsWith(`${scimBasePath}/`)
        ? handleScimError(error, request, reply)
        : handleError(error, request, reply),
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  registerRequestScope(app);
  // On the embedded engine's one connection, a request's statements are served in the order requests arrived.
  app.addHook('onRequest', (_request, _reply, done) => {
    withTicket(takeTicket(), done);
  });
  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // A write to a plan through this server makes the plan answers it kept stale: they are let go at once, so the
    // next read composes the plan afresh without first trying the kept one (the stamps alone would also tell).
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const planId = /^\/api\/v1\/plans\/([0-9a-f-]{36})(?:[/?]|$)/i.exec(request.url)?.[1];
      if (planId) forgetPlanAnswers(deps.database, planId);
    }
    done(null, payload);
  });

  // Helmet's headers, its middleware built once: the Fastify plugin builds it again (parsing the policy's
  // directives) for every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: deps.config.isSecureCookie,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(
        `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} seconds`,
      ) as Error & {
        statusCode: number;
      };
      error.statusCode = 429;
      return error;
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mejora API',
        version,
        description:
          'Performance Improvement Plans: plans, lifecycle, check-ins and documents. Authenticate with a session cookie ' +
          '(plus the x-csrf-token header on writes) or with `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'mejora_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => completeOpenApi(jsonSchemaTransformObject(input)),
  });
  await app.register(authenticate, { deps });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { deps, version });
      await api.register(authRoutes, { deps });
      await api.register(meRoutes, { deps });
      await api.register(employeeRoutes, { deps });
      await api.register(directoryRoutes, { deps });
      await api.register(accountRoutes, { deps });
      await api.register(planRoutes, { deps });
      await api.register(templateRoutes, { deps });
      await api.register(lifecycleRoutes, { deps });
      await api.register(fairnessRoutes, { deps });
      await api.register(notificationRoutes, { deps });
      await api.register(organizationRoutes, { deps });
      await api.register(documentRoutes, { deps });
      await api.register(dossierRoutes, { deps });
      await api.register(exportRoutes, { deps });
      await api.register(checkInRoutes, { deps });
      await api.register(progressRoutes, { deps });
      await api.register(analyticsRoutes, { deps });
      await api.register(feedbackRoutes, { deps });
      await api.register(calendarRoutes, { deps });
      await api.register(scimTokenRoutes, { deps });
      await api.register(ssoRoutes, { deps });
      await api.register(integrationRoutes, { deps });
      await api.register(savedViewRoutes, { deps });
    },
    { prefix: '/api' },
  );
  // The identity provider's directory sync: its own prefix, authentication and error format (RFC 7644).
  await app.register(scimRoutes, { deps, prefix: scimBasePath });
  await registerApiDocs(app);
  // The web app, when built, answers unknown non-API paths with its index page; the API answers problem+json.
  await registerWeb(app, webDir);
  return app;
}
