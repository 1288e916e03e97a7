// Serves the built web app, with client-side routes falling back to index.html.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './errors.ts';

export async function registerWeb(app: FastifyInstance, webDir: string | null): Promise<void> {
  const hasWeb = Boolean(webDir && existsSync(join(webDir, 'index.html')));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir!,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // The build writes .br and .gz copies: sent when the browser accepts them.
      preCompressed: true,
      setHeaders: (reply, path) => {
        // Hashed file names never change content: cache them for a year.
        if (path.includes('/assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (hasWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendProblem(reply, {
      type: 'https://mejora.dev/problems/404',
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}`,
    });
  });
}
