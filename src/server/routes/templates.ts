// Plan templates: the defaults and the organisation's copies.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../contracts/common.ts';
import { localeSchema, templateCopyBody } from '../../contracts/plans.ts';
import type { Deps } from '../../services/context.ts';
import {
  copyTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from '../../services/templates/templates.ts';
import { contextOf } from '../auth/authenticate.ts';
import { withEtag } from '../http/etag.ts';

const tags = ['templates'];
const summary = z.object({
  id: z.string(),
  name: z.string(),
  locale: localeSchema,
  version: z.number().int(),
  basedOn: z.string(),
  isDefault: z.boolean(),
});
const templateBody = z
  .record(z.string(), z.unknown())
  .describe(
    'A whole plan template (see templates/en.json); an organisation template also carries its revision (ETag), sent back in If-Match',
  );
const errors = { 403: problemSchema, 404: problemSchema, 422: problemSchema };

export const templateRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/templates',
    {
      schema: {
        tags,
        summary: 'Templates plans can be made from',
        response: { 200: z.object({ items: z.array(summary) }) },
      },
    },
    async (request) => ({ items: await listTemplates(contextOf(deps, request)) }),
  );
  app.get(
    '/v1/templates/:id',
    {
      schema: {
        tags,
        summary: 'One template (use id "default" with ?locale=en|es for the built-in one)',
        params: z.object({ id: z.string().max(64) }),
        querystring: z.object({ locale: localeSchema.default('en') }),
        response: { 200: templateBody, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await getTemplate(contextOf(deps, request), request.params.id, request.query.locale)),
  );
  app.post(
    '/v1/templates',
    {
      schema: {
        tags,
        summary: 'Copy the default template into the organisation (HR administrators)',
        body: templateCopyBody,
        response: { 201: templateBody, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(withEtag(reply, await copyTemplate(contextOf(deps, request), request.body))),
  );
  app.put(
    '/v1/templates/:id',
    {
      schema: {
        tags,
        summary: 'Save a new version of an organisation template',
        params: z.object({ id: z.string().max(64) }),
        body: templateBody,
        response: { 200: templateBody, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await updateTemplate(contextOf(deps, request), request.params.id, request.body)),
  );
};
