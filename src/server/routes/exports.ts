// Document exports as background jobs: request one, follow its progress, cancel it, download its zip.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses, problemSchema, uuid } from '../../contracts/common.ts';
import { exportCreateBody, exportSchema } from '../../contracts/exports.ts';
import type { Deps } from '../../services/context.ts';
import {
  cancelExport,
  deleteExport,
  getExport,
  listExports,
  openExportZip,
  requestExport,
} from '../../services/exports/document-exports.ts';
import { contextOf } from '../auth/authenticate.ts';

const tags = ['documents'];
const errors = problemResponses;
const params = z.object({ id: uuid });

export const exportRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  const ctx = (request: Parameters<typeof contextOf>[1]) => contextOf(deps, request);
  app.post(
    '/v1/exports',
    {
      schema: {
        tags,
        summary: 'Export the documents of many plans as a background job (HR administrators)',
        description:
          'Answers 202 with the export; follow it at its URL until `status` is `succeeded`, then download the zip at `downloadUrl`. Plans are chosen by status and department; every plan exported is recorded in its audit trail.',
        body: exportCreateBody,
        response: { 202: exportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await requestExport(ctx(request), request.body);
      return reply.status(202).header('location', `/api/v1/exports/${created.id}`).send(created);
    },
  );
  app.get(
    '/v1/exports',
    {
      schema: {
        tags,
        summary: "The organisation's recent exports, newest first",
        response: { 200: z.object({ items: z.array(exportSchema) }), 403: problemSchema },
      },
    },
    async (request) => ({ items: await listExports(ctx(request)) }),
  );
  app.get(
    '/v1/exports/:id',
    {
      schema: {
        tags,
        summary: 'One export and its progress',
        params,
        response: { 200: exportSchema, ...errors },
      },
    },
    async (request) => getExport(ctx(request), request.params.id),
  );
  app.post(
    '/v1/exports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a waiting or running export; its files are removed',
        params,
        response: { 200: exportSchema, ...errors },
      },
    },
    async (request) => cancelExport(ctx(request), request.params.id),
  );
  app.delete(
    '/v1/exports/:id',
    {
      schema: {
        tags,
        summary: 'Delete a finished export and its zip',
        params,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteExport(ctx(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/v1/exports/:id/download',
    {
      schema: {
        tags,
        summary: 'The zip of a finished export (each download is recorded)',
        params,
        response: { ...errors, 410: problemSchema },
      },
    },
    async (request, reply) => {
      const zip = await openExportZip(ctx(request), request.params.id);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${zip.fileName}"`)
        .header('content-length', zip.bytes)
        .header('cache-control', 'private, no-store')
        .send(zip.stream as never);
    },
  );
};
