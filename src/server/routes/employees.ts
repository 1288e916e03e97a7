// The employee directory.

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import {
  employeeCreateBody,
  employeeDetailSchema,
  employeeListQuery,
  employeePage,
  employeeSchema,
  employeeUpdateBody,
} from '../../contracts/employees.ts';
import type { Deps } from '../../services/context.ts';
import { accountOfEmployee } from '../../services/directory/invitations.ts';
import {
  createEmployee,
  getEmployee,
  listEmployees,
  updateEmployee,
} from '../../services/employees/employees.ts';
import { exportPersonData } from '../../services/people/data-export.ts';
import { contextOf } from '../auth/authenticate.ts';
import { withEtag } from '../http/etag.ts';

const tags = ['employees'];

export const employeeRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/employees',
    {
      schema: {
        tags,
        summary: 'Search the directory (HR sees everyone; others themselves and their reports)',
        querystring: employeeListQuery,
        response: { 200: employeePage, 400: problemSchema },
      },
    },
    async (request) => listEmployees(contextOf(deps, request), request.query),
  );
  app.get(
    '/v1/employees/:id',
    {
      schema: {
        tags,
        summary: 'One employee; HR also reads whether and how the person can sign in (`account`)',
        params: z.object({ id: uuid }),
        response: { 200: employeeDetailSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(deps, request);
      const employee = await getEmployee(ctx, request.params.id);
      return withEtag(reply, { ...employee, account: await accountOfEmployee(ctx, employee) });
    },
  );
  app.get(
    '/v1/employees/:id/data-export',
    {
      schema: {
        tags,
        summary:
          'Everything Mejora holds about one person, as one zip with a JSON index (HR administrator; a data-access request)',
        params: z.object({ id: uuid }),
        response: { 404: problemSchema },
      },
    },
    async (request, reply) => {
      const file = await exportPersonData(contextOf(deps, request), request.params.id);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body as never);
    },
  );
  app.post(
    '/v1/employees',
    {
      schema: {
        tags,
        summary: 'Add an employee (HR)',
        body: employeeCreateBody,
        response: { 201: employeeSchema, 404: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createEmployee(contextOf(deps, request), request.body)),
  );
  app.patch(
    '/v1/employees/:id',
    {
      schema: {
        tags,
        summary: 'Change an employee (HR)',
        params: z.object({ id: uuid }),
        body: employeeUpdateBody,
        response: { 200: employeeSchema, 404: problemSchema, 412: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await updateEmployee(contextOf(deps, request), request.params.id, request.body)),
  );
};
