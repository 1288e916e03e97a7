// The organisation: settings, default contacts and links, user accounts (HR administrators).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import {
  organizationSchema,
  organizationUpdateBody,
  orgContactBody,
  orgContactCreateBody,
  orgContactSchema,
  userCreateBody,
  userListQuery,
  userSummarySchema,
  userUpdateBody,
} from '../../contracts/organization.ts';
import type { Deps } from '../../services/context.ts';
import {
  addOrgContact,
  addUser,
  getOrganization,
  listOrgContacts,
  listUsers,
  removeOrgContact,
  updateOrganization,
  updateOrgContact,
  updateUser,
} from '../../services/organization/organization.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['organization'];
const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema };

export const organizationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  app.get('/v1/organization', { schema: { tags, response: { 200: organizationSchema } } }, async (request) =>
    getOrganization(ctx(request)),
  );
  app.patch(
    '/v1/organization',
    {
      schema: {
        tags,
        summary: 'Settings: name, time zone, retention (years), default language',
        body: organizationUpdateBody,
        response: { 200: organizationSchema, ...errors },
      },
    },
    async (request) => updateOrganization(ctx(request), request.body),
  );
  app.get(
    '/v1/organization/contacts',
    {
      schema: {
        tags,
        summary: 'Default contacts and resource links copied into new plans',
        response: { 200: z.object({ items: z.array(orgContactSchema) }) },
      },
    },
    async (request) => ({ items: await listOrgContacts(ctx(request)) }),
  );
  app.post(
    '/v1/organization/contacts',
    { schema: { tags, body: orgContactCreateBody, response: { 201: orgContactSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await addOrgContact(ctx(request), request.body)),
  );
  app.patch(
    '/v1/organization/contacts/:id',
    {
      schema: {
        tags,
        params: z.object({ id: uuid }),
        body: orgContactBody,
        response: { 200: orgContactSchema, ...errors },
      },
    },
    async (request) => updateOrgContact(ctx(request), request.params.id, request.body),
  );
  app.delete(
    '/v1/organization/contacts/:id',
    { schema: { tags, params: z.object({ id: uuid }), response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await removeOrgContact(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/v1/users',
    {
      schema: {
        tags,
        summary:
          'User accounts (HR administrators); anyone may list role=hr, hr_admin or mentor to fill a plan',
        querystring: userListQuery,
        response: { 200: z.object({ items: z.array(userSummarySchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listUsers(ctx(request), request.query) }),
  );
  app.post(
    '/v1/users',
    { schema: { tags, body: userCreateBody, response: { 201: userSummarySchema, ...errors } } },
    async (request, reply) => reply.status(201).send(await addUser(ctx(request), request.body)),
  );
  app.patch(
    '/v1/users/:id',
    {
      schema: {
        tags,
        params: z.object({ id: uuid }),
        body: userUpdateBody,
        response: { 200: userSummarySchema, ...errors },
      },
    },
    async (request) => updateUser(ctx(request), request.params.id, request.body),
  );
};
