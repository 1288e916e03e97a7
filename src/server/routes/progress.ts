// Progress of a plan: computed figures, trends for charts, risk flags, and the weekly reports.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import { progressReportSchema, progressSchema } from '../../contracts/running.ts';
import type { Deps } from '../../services/context.ts';
import { getProgress, listProgressReports } from '../../services/running/get-progress.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['progress'];
const errors = { 403: problemSchema, 404: problemSchema };

export const progressRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/plans/:id/progress',
    {
      schema: {
        tags,
        summary:
          'Time elapsed, progress per focus area, check-ins, cadence compliance, rating trends and risk flags',
        params: z.object({ id: uuid }),
        response: { 200: progressSchema, ...errors },
      },
    },
    async (request) => getProgress(contextOf(deps, request), request.params.id),
  );
  app.get(
    '/v1/plans/:id/progress-reports',
    {
      schema: {
        tags,
        summary: 'The weekly progress reports of the plan, newest first',
        params: z.object({ id: uuid }),
        response: { 200: z.object({ items: z.array(progressReportSchema) }), ...errors },
      },
    },
    async (request) => ({ items: await listProgressReports(contextOf(deps, request), request.params.id) }),
  );
};
