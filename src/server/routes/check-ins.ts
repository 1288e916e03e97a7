// Check-ins of a running plan: the schedule, recording what happened, moving or cancelling one.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, uuid } from '../../contracts/common.ts';
import {
  checkInCreateBody,
  checkInListQuery,
  checkInSchema,
  checkInUpdateBody,
} from '../../contracts/running.ts';
import type { Deps } from '../../services/context.ts';
import { createCheckIn, listCheckIns } from '../../services/running/check-ins.ts';
import { updateCheckIn } from '../../services/running/update-check-in.ts';
import { contextOf } from '../auth/authenticate.ts';
import { withEtag } from '../http/etag.ts';

const tags = ['check-ins'];
const errors = problemResponses;

export const checkInRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);

  app.get(
    '/v1/plans/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'The plan’s check-ins in time order (a mentor sees the mentor sessions only)',
        description: 'Private notes appear only for the manager and HR.',
        params: z.object({ id: uuid }),
        querystring: checkInListQuery,
        response: { 200: z.object({ items: z.array(checkInSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listCheckIns(ctx(request), request.params.id, request.query) }),
  );

  app.post(
    '/v1/plans/:id/check-ins',
    {
      schema: {
        tags,
        summary: 'Add a check-in outside the cadence',
        params: z.object({ id: uuid }),
        body: checkInCreateBody,
        response: { 201: checkInSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCheckIn(ctx(request), request.params.id, request.body)),
  );

  app.patch(
    '/v1/check-ins/:id',
    {
      schema: {
        tags,
        summary:
          'Record a check-in (held, missed, cancelled with a reason), move it (scheduledAt + reason), or comment',
        description:
          'Held: notes, attendees, ratings per focus area (1–5, on track / at risk / off track), action items and ' +
          'measurements. Assessments rate every focus area and overall; monthly reviews and the final evaluation ' +
          'add a summary. The employee may send only `employeeComments`; `privateNotes` are for manager and HR.',
        params: z.object({ id: uuid }),
        body: checkInUpdateBody,
        response: { 200: checkInSchema, ...errors },
      },
    },
    async (request, reply) =>
      withEtag(reply, await updateCheckIn(ctx(request), request.params.id, request.body)),
  );
};
