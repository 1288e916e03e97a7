// SCIM tokens (HR administrators): make one for the identity provider (shown once), list and revoke them.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import { scimTokenCreateBody, scimTokenCreatedSchema, scimTokenSchema } from '../../contracts/scim-tokens.ts';
import type { Deps } from '../../services/context.ts';
import { createScimToken, listScimTokens, revokeScimToken } from '../../services/scim/scim-tokens.ts';
import { contextOf } from '../auth/authenticate.ts';
import { scimBasePath } from '../scim/scim-routes.ts';

const tags = ['organization'];

export const scimTokenRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.post(
    '/v1/organization/scim-tokens',
    {
      schema: {
        tags,
        summary: 'Make a SCIM token for the identity provider (HR administrators; the token is shown once)',
        body: scimTokenCreateBody,
        response: { 201: scimTokenCreatedSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const created = await createScimToken(contextOf(deps, request), request.body);
      const origin = deps.config.publicUrl.replace(/\/$/, '');
      return reply.status(201).send({ ...created, baseUrl: `${origin}${scimBasePath}` });
    },
  );
  app.get(
    '/v1/organization/scim-tokens',
    {
      schema: {
        tags,
        summary: "The organisation's SCIM tokens in use (HR administrators)",
        response: { 200: z.object({ items: z.array(scimTokenSchema) }), 403: problemSchema },
      },
    },
    async (request) => ({ items: await listScimTokens(contextOf(deps, request)) }),
  );
  app.delete(
    '/v1/organization/scim-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a SCIM token: the identity provider using it is refused from then on',
        params: z.object({ id: uuid }),
        response: { 204: z.null(), 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeScimToken(contextOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
