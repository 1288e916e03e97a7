// The organisation: settings, default contacts and links, user accounts (HR administrators).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import {
  maxLogoBytes,
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
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../services/context.ts';
import { getLogo, removeLogo, setLogo } from '../../services/organization/logo.ts';
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
import { withEtag } from '../http/etag.ts';

const tags = ['organization'];
const errors = {
  400: problemSchema,
  403: problemSchema,
  404: problemSchema,
  412: problemSchema,
  422: problemSchema,
};

export const organizationRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  app.get(
    '/v1/organization',
    { schema: { tags, response: { 200: organizationSchema } } },
    async (request, reply) => withEtag(reply, await getOrganization(ctx(request))),
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
    async (request, reply) => withEtag(reply, await updateOrganization(ctx(request), request.body)),
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
    async (request, reply) =>
      withEtag(reply, await updateOrgContact(ctx(request), request.params.id, request.body)),
  );
  app.delete(
    '/v1/organization/contacts/:id',
    { schema: { tags, params: z.object({ id: uuid }), response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await removeOrgContact(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  // The logo is sent as the image itself (Content-Type image/png or image/jpeg), not as JSON.
  app.addContentTypeParser(
    ['image/png', 'image/jpeg'],
    { parseAs: 'buffer', bodyLimit: maxLogoBytes },
    (_request, body, done) => done(null, body),
  );
  const logoSchema = organizationSchema.shape.logo.unwrap();
  app.get(
    '/v1/organization/logo',
    {
      schema: {
        tags,
        summary: "The organisation's logo image (any signed-in member)",
        querystring: z.object({ v: z.string().max(64).optional() }),
        response: { 404: problemSchema },
      },
    },
    async (request, reply) => {
      const logo = await getLogo(ctx(request));
      return reply
        .type(logo.contentType)
        .header('etag', `"${logo.sha256}"`)
        .header(
          'cache-control',
          request.query.v ? 'private, max-age=31536000, immutable' : 'private, no-cache',
        )
        .send(logo.image as never);
    },
  );
  app.put(
    '/v1/organization/logo',
    {
      schema: {
        tags,
        summary: 'Upload the logo printed on documents (HR administrators)',
        description: `The body is the image itself, with Content-Type \`image/png\` or \`image/jpeg\`, at most ${maxLogoBytes / 1024} KB and 4000 pixels a side.`,
        response: { 200: logoSchema, ...errors, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body))
        throw new DomainError('unsupported_media_type', 'Send the image itself as image/png or image/jpeg');
      return setLogo(ctx(request), request.body);
    },
  );
  app.delete(
    '/v1/organization/logo',
    { schema: { tags, summary: 'Remove the logo', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await removeLogo(ctx(request));
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
    async (request, reply) =>
      withEtag(reply, await updateUser(ctx(request), request.params.id, request.body)),
  );
};
