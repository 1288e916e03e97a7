// HTTP side of optimistic concurrency: read If-Match from a write, send ETag with what was read or written.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, type IfMatch, parseIfMatch } from '../../domain/revision.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The If-Match of a write (ignored on reads); a malformed value is refused with 412 where a write checks it. */
export function ifMatchOf(request: FastifyRequest): IfMatch | undefined {
  if (safeMethods.has(request.method)) return undefined;
  const header = request.headers['if-match'];
  return parseIfMatch(Array.isArray(header) ? header.join(', ') : header);
}

/** Sets the ETag of the resource in the answer and passes the body through: `return withEtag(reply, view)`. */
export function withEtag<T extends object>(reply: FastifyReply, resource: T): T {
  const revision = (resource as { revision?: unknown }).revision;
  if (typeof revision === 'number') reply.header('etag', etagOf(revision));
  return resource;
}
