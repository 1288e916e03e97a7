// Saved views of the plans list: each person's own named filters and sort (nobody else sees them).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import {
  savedViewCreateBody,
  savedViewList,
  savedViewSchema,
  savedViewUpdateBody,
} from '../../contracts/saved-views.ts';
import type { Deps } from '../../services/context.ts';
import { createSavedView } from '../../services/saved-views/create-saved-view.ts';
import { deleteSavedView } from '../../services/saved-views/delete-saved-view.ts';
import { listSavedViews } from '../../services/saved-views/list-saved-views.ts';
import { updateSavedView } from '../../services/saved-views/update-saved-view.ts';
import { contextOf } from '../auth/authenticate.ts';
import { withEtag } from '../http/etag.ts';

const tags = ['plans'];

export const savedViewRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/saved-views',
    {
      schema: {
        tags,
        summary: 'Your saved views of the plans list, by name',
        response: { 200: savedViewList },
      },
    },
    async (request) => ({ items: await listSavedViews(contextOf(deps, request)) }),
  );
  app.post(
    '/v1/saved-views',
    {
      schema: {
        tags,
        summary:
          'Save the plans list query (filters, sort, page size) under a name; names are unique per person',
        body: savedViewCreateBody,
        response: { 201: savedViewSchema, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const view = await createSavedView(contextOf(deps, request), request.body);
      withEtag(reply, view);
      return reply.status(201).send(view);
    },
  );
  app.patch(
    '/v1/saved-views/:id',
    {
      schema: {
        tags,
        summary: 'Rename one of your saved views or replace its query',
        params: z.object({ id: uuid }),
        body: savedViewUpdateBody,
        response: {
          200: savedViewSchema,
          404: problemSchema,
          409: problemSchema,
          412: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) =>
      withEtag(reply, await updateSavedView(contextOf(deps, request), request.params.id, request.body)),
  );
  app.delete(
    '/v1/saved-views/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of your saved views',
        params: z.object({ id: uuid }),
        response: { 204: z.null(), 404: problemSchema, 412: problemSchema },
      },
    },
    async (request, reply) => {
      await deleteSavedView(contextOf(deps, request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
