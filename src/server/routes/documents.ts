// Plan documents: the plan as PDF or DOCX (each download is an audited view).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import { localeSchema } from '../../contracts/plans.ts';
import type { Deps } from '../../services/context.ts';
import { renderPlanDocument } from '../../services/documents/plan-documents.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['documents'];
const contentTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export const documentRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/v1/plans/:id/document.${format}`,
      {
        schema: {
          tags,
          summary: `The plan as ${format.toUpperCase()}, every section of the PIP in the plan's language (or ?locale=)`,
          params: z.object({ id: uuid }),
          querystring: z.object({ locale: localeSchema.optional() }),
          response: { 404: problemSchema, 400: problemSchema },
        },
      },
      async (request, reply) => {
        const { fileName, body } = await renderPlanDocument(
          contextOf(deps, request),
          request.params.id,
          format,
          request.query.locale,
        );
        return reply
          .type(contentTypes[format])
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('cache-control', 'private, no-store')
          .send(body as never);
      },
    );
  }
};
