// Accounts of the directory: invitations to sign in, and plans to hand to a new manager.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bulkInvitationSchema,
  invitationSchema,
  managerChangeBody,
  managerChangeSchema,
  reassignmentSchema,
} from '../../contracts/accounts.ts';
import { problemResponses, problemSchema, uuid } from '../../contracts/common.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../services/context.ts';
import { inviteEmployee, inviteEveryone } from '../../services/directory/invitations.ts';
import { listReassignments, reassignManager } from '../../services/directory/reassign-manager.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['directory'];

export const accountRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  app.post(
    '/v1/employees/:id/invitation',
    {
      schema: {
        tags,
        summary:
          'Invite the person to sign in (HR): creates the account if needed and emails a one-time link',
        description:
          'The link lets them choose their password; it works once and for seven days. Sending again voids the earlier link. HR never sees or sets the password.',
        params: z.object({ id: uuid }),
        response: {
          201: invitationSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await inviteEmployee(ctx(request), request.params.id)),
  );
  app.post(
    '/v1/directory/invitations',
    {
      schema: {
        tags,
        summary: 'Invite everyone of the directory not invited yet (HR); answers how many were invited',
        response: { 200: bulkInvitationSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => inviteEveryone(ctx(request)),
  );
  app.get(
    '/v1/directory/reassignments',
    {
      schema: {
        tags,
        summary: 'Plans still running whose manager left or was deactivated: HR hands them to a new manager',
        response: {
          200: z.object({ items: z.array(reassignmentSchema) }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const context = ctx(request);
      if (!context.actor.roles.has('hr_admin') && !context.actor.roles.has('hr'))
        throw new DomainError('forbidden', 'Only HR reassigns plans');
      return { items: await listReassignments(context) };
    },
  );
  app.post(
    '/v1/plans/:id/manager',
    {
      schema: {
        tags,
        summary: 'Hand the plan to a new manager (HR), with a reason',
        description:
          'A draft or a plan in review changes directly. A plan under agreement records the change as an adjustment decided by HR at once, which every party of the plan, the employee too, is told about; signatures stand.',
        params: z.object({ id: uuid }),
        body: managerChangeBody,
        response: { 200: managerChangeSchema, 401: problemSchema, ...problemResponses },
      },
    },
    async (request) => reassignManager(ctx(request), request.params.id, request.body),
  );
};
