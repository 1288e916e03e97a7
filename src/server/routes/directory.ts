// The directory import: a CSV file in, a preview out; applying the preview; plans whose manager has left.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, uuid } from '../../contracts/common.ts';
import { directoryImportQuery, directoryImportSchema, templateQuery } from '../../contracts/directory.ts';
import { templateCsv } from '../../domain/directory/import-columns.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Deps } from '../../services/context.ts';
import {
  applyDirectoryImport,
  getDirectoryImport,
  importerOf,
  previewDirectoryImport,
} from '../../services/directory/import-directory.ts';
import { contextOf, metaOf } from '../auth/authenticate.ts';

const tags = ['directory'];
/** A 100,000-person file with every column stays well under this. */
export const maxImportBytes = 64 * 1024 * 1024;
const errors = { 400: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

export const directoryRoutes: FastifyPluginAsyncZod<{ deps: Deps }> = async (app, { deps }) => {
  // The file is sent as itself (Content-Type text/csv), not inside JSON.
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: maxImportBytes },
    (_request, body, done) => done(null, body),
  );
  app.get(
    '/v1/directory/imports/template',
    {
      schema: {
        tags,
        summary: 'The import file template: the header line in English or Spanish (HR)',
        querystring: templateQuery,
        response: { 404: problemSchema },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(deps, request);
      importerOf(ctx);
      const locale = request.query.locale ?? ctx.actor.locale;
      const name = locale === 'es' ? 'plantilla-directorio.csv' : 'directory-template.csv';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(templateCsv(locale) as never);
    },
  );
  app.post(
    '/v1/directory/imports',
    {
      schema: {
        tags,
        summary: 'Preview a directory import (HR): what the CSV file would create, update and deactivate',
        description:
          'The body is the CSV file itself (`Content-Type: text/csv`, UTF-8), its first line naming the columns in English or Spanish. Nothing is written to the directory: the preview is kept and applied by `POST /api/v1/directory/imports/{id}/apply`.',
        querystring: directoryImportQuery,
        response: { 201: directoryImportSchema, ...errors, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request, reply) => {
      const importer = importerOf(contextOf(deps, request));
      if (!Buffer.isBuffer(request.body))
        throw new DomainError('unsupported_media_type', 'Send the CSV file itself as text/csv');
      const preview = await previewDirectoryImport(deps, importer, Readable.from([request.body]), {
        isDeactivatingMissing: request.query.deactivateMissing === 'true',
      });
      return reply.status(201).send(preview);
    },
  );
  app.get(
    '/v1/directory/imports/:id',
    {
      schema: {
        tags,
        summary: 'A directory import: its preview, and whether it was applied (HR)',
        params: z.object({ id: uuid }),
        response: { 200: directoryImportSchema, ...errors },
      },
    },
    async (request) => getDirectoryImport(contextOf(deps, request), request.params.id),
  );
  app.post(
    '/v1/directory/imports/:id/apply',
    {
      schema: {
        tags,
        summary: 'Apply a previewed directory import in one transaction (HR)',
        description:
          '409 when the preview has problems or the directory changed since the preview. Applying an import again changes nothing and answers the import.',
        params: z.object({ id: uuid }),
        response: { 200: directoryImportSchema, ...errors },
      },
    },
    async (request) => {
      const importer = importerOf(contextOf(deps, request));
      return applyDirectoryImport(deps, importer, metaOf(request), request.params.id);
    },
  );
};
