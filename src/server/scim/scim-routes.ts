// The SCIM 2.0 service provider at /scim/v2 (RFC 7644): Users and the discovery endpoints. Outside the versioned
// API, it authenticates by an organisation's SCIM token only (no session cookie, so no CSRF either), reads
// application/scim+json and application/json bodies, and answers every error in the SCIM error format.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.ts';
import { project } from '../../domain/scim/projection.ts';
import {
  errorUrn,
  listResponseUrn,
  resourceTypeDocuments,
  schemaDocuments,
  serviceProviderConfig,
} from '../../domain/scim/schemas.ts';
import { ScimError, scimBadRequest } from '../../domain/scim/scim-error.ts';
import type { Deps } from '../../services/context.ts';
import { authenticateScimToken, type ScimCaller } from '../../services/scim/scim-tokens.ts';
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
  type ScimContext,
} from '../../services/scim/scim-users.ts';
import { metaOf } from '../auth/authenticate.ts';
import { ifMatchOf } from '../http/etag.ts';
import { controlCharacterIssues } from '../request-checks.ts';

export const scimBasePath = '/scim/v2';
export const scimContentType = 'application/scim+json; charset=utf-8';

declare module 'fastify' {
  interface FastifyRequest {
    scimCaller: ScimCaller | null;
  }
}

type Resource = Record<string, unknown>;

function sendScimError(reply: FastifyReply, status: number, detail: string, scimType?: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
  return reply
    .status(status)
    .type(scimContentType)
    .send({ schemas: [errorUrn], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

/** Every error of a SCIM request, the framework's own (bad URL, over-long id) included, as a SCIM error. */
export function handleScimError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ScimError) return sendScimError(reply, error.status, error.message, error.scimType);
  if (error instanceof DomainError) {
    const status =
      { unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409 }[error.code as string] ?? 400;
    return sendScimError(reply, status, error.message, status === 400 ? 'invalidValue' : undefined);
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (
    fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
  )
    return sendScimError(reply, 400, 'The body is not valid JSON', 'invalidSyntax');
  if (fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendScimError(reply, 404, 'No such User');
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return sendScimError(reply, 415, 'Send the body as application/scim+json or application/json');
  if (status >= 400 && status < 500)
    return sendScimError(reply, status, fastifyError.message, status === 400 ? 'invalidSyntax' : undefined);
  request.log.error({ err: error }, 'unhandled error in a SCIM request');
  return sendScimError(reply, 500, 'Something went wrong on our side. The error was logged.');
}

const queryText = (query: unknown, name: string): string | undefined => {
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw scimBadRequest('invalidValue', `${name} is given more than once`);
  if (controlCharacterIssues(value, false).length)
    throw scimBadRequest(
      name === 'filter' ? 'invalidFilter' : 'invalidValue',
      `${name} must not hold control characters`,
    );
  return value;
};

const queryInteger = (query: unknown, name: string): number | undefined => {
  const value = queryText(query, name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}$/.test(value.trim())) throw scimBadRequest('invalidValue', `${name} must be an integer`);
  return Number(value);
};

/** The request's body, refused when it is missing or holds control characters (which no attribute takes). */
function bodyOf(request: FastifyRequest): unknown {
  if (request.body === undefined || request.body === null)
    throw scimBadRequest('invalidSyntax', 'The request needs a JSON body');
  const issues = controlCharacterIssues(request.body, false);
  if (issues.length)
    throw scimBadRequest(
      'invalidValue',
      `${issues[0].instancePath || 'The body'} must not hold control characters`,
    );
  return request.body;
}

const listOf = (resources: Resource[], totalResults = resources.length, startIndex = 1) => ({
  schemas: [listResponseUrn],
  totalResults,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});

export async function scimRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const baseUrl = `${deps.config.publicUrl.replace(/\/$/, '')}${scimBasePath}`;
  const documentationUri = `${deps.config.publicUrl.replace(/\/$/, '')}/api/docs`;
  app.decorateRequest('scimCaller', null);
  app.setErrorHandler(handleScimError);
  app.setNotFoundHandler((_request, reply) => sendScimError(reply, 404, 'No such SCIM endpoint'));
  // SCIM bodies are JSON: plain text is not read here (415).
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    'application/scim+json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && /^bearer /i.test(header) ? header.slice(7).trim() : '';
    request.scimCaller = token ? await authenticateScimToken(deps, token) : null;
    if (!request.scimCaller)
      throw new ScimError(
        401,
        'Send Authorization: Bearer with a SCIM token of your organisation (it may be revoked)',
      );
  });

  const ctx = (request: FastifyRequest): ScimContext => ({
    deps,
    caller: request.scimCaller as ScimCaller,
    meta: metaOf(request),
    baseUrl,
    ifMatch: ifMatchOf(request),
  });
  const send = (reply: FastifyReply, resource: Resource, status = 200, request?: FastifyRequest) => {
    const version = (resource.meta as { version?: string } | undefined)?.version;
    if (version) reply.header('etag', version);
    const shown = request
      ? project(
          resource,
          queryText(request.query, 'attributes'),
          queryText(request.query, 'excludedAttributes'),
        )
      : resource;
    return reply.status(status).type(scimContentType).send(shown);
  };
  const hidden = { schema: { hide: true } };

  app.get('/ServiceProviderConfig', hidden, async (_request, reply) =>
    send(reply, serviceProviderConfig(baseUrl, documentationUri)),
  );
  app.get('/ResourceTypes', hidden, async (_request, reply) =>
    reply.type(scimContentType).send(listOf(resourceTypeDocuments(baseUrl))),
  );
  app.get<{ Params: { id: string } }>('/ResourceTypes/:id', hidden, async (request, reply) => {
    const found = resourceTypeDocuments(baseUrl).find((r) => r.id === request.params.id);
    if (!found) throw new ScimError(404, 'No such resource type');
    return send(reply, found);
  });
  app.get('/Schemas', hidden, async (_request, reply) =>
    reply.type(scimContentType).send(listOf(schemaDocuments(baseUrl))),
  );
  app.get<{ Params: { id: string } }>('/Schemas/:id', hidden, async (request, reply) => {
    const found = schemaDocuments(baseUrl).find(
      (s) => s.id.toLowerCase() === request.params.id.toLowerCase(),
    );
    if (!found) throw new ScimError(404, 'No such schema');
    return send(reply, found);
  });

  app.get('/Users', hidden, async (request, reply) => {
    const page = await listScimUsers(ctx(request), {
      filter: queryText(request.query, 'filter'),
      startIndex: queryInteger(request.query, 'startIndex'),
      count: queryInteger(request.query, 'count'),
    });
    const attributes = queryText(request.query, 'attributes');
    const excluded = queryText(request.query, 'excludedAttributes');
    return reply.type(scimContentType).send(
      listOf(
        page.resources.map((r) => project(r, attributes, excluded)),
        page.totalResults,
        page.startIndex,
      ),
    );
  });
  app.post('/Users', hidden, async (request, reply) => {
    const created = await createScimUser(ctx(request), bodyOf(request));
    reply.header('location', (created.meta as { location: string }).location);
    return send(reply, created, 201, request);
  });
  app.get<{ Params: { id: string } }>('/Users/:id', hidden, async (request, reply) =>
    send(reply, await getScimUser(ctx(request), request.params.id), 200, request),
  );
  app.put<{ Params: { id: string } }>('/Users/:id', hidden, async (request, reply) =>
    send(reply, await replaceScimUser(ctx(request), request.params.id, bodyOf(request)), 200, request),
  );
  app.patch<{ Params: { id: string } }>('/Users/:id', hidden, async (request, reply) =>
    send(reply, await patchScimUser(ctx(request), request.params.id, bodyOf(request)), 200, request),
  );
  app.delete<{ Params: { id: string } }>('/Users/:id', hidden, async (request, reply) => {
    await deleteScimUser(ctx(request), request.params.id);
    return reply.status(204).send();
  });
}
