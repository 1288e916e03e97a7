// The plan's dossier (HR and auditors) and weekly progress report (manager and HR) as PDF downloads.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarDate, problemSchema, uuid } from '../../contracts/common.ts';
import type { Deps } from '../../services/context.ts';
import { renderPlanDossier, renderProgressReport } from '../../services/documents/dossier.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['documents'];
const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema };

export const dossierRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  app.get(
    '/v1/plans/:id/dossier.pdf',
    {
      schema: {
        tags,
        summary:
          'The dossier: the signed plan, its versions, adjustments, check-ins, measurements, feedback, responses, ' +
          'outcome, signature certificate and audit trail, with the canonical JSON embedded; digitally signed (PAdES)',
        params: z.object({ id: uuid }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { fileName, body } = await renderPlanDossier(contextOf(deps, request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(body as never);
    },
  );

  app.get(
    '/v1/plans/:id/progress-report.pdf',
    {
      schema: {
        tags,
        summary:
          'The weekly progress report, a chart per metric; ?week= any day of the week (Monday–Sunday), default this week',
        params: z.object({ id: uuid }),
        querystring: z.object({ week: calendarDate.optional() }),
        response: errors,
      },
    },
    async (request, reply) => {
      const { fileName, body } = await renderProgressReport(
        contextOf(deps, request),
        request.params.id,
        request.query.week,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(body as never);
    },
  );
};
