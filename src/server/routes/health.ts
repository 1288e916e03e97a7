// Liveness and engine report.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDatabase } from '../../db/client.ts';
import type { Deps } from '../../services/context.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ deps: Deps; version: string }> = async (
  app,
  { deps, version },
) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health of the server and its database',
        security: [],
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await pingDatabase(deps.database.db);
      return { status: 'ok' as const, db: deps.database.engine, version };
    },
  );
};
