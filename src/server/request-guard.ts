// The last resort: an error that escapes a request (thrown from a library's callback or event, a promise nobody
// awaits) answers that request with a 500 problem and is logged with its request id; the process keeps serving.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type RequestScope = { request: FastifyRequest; reply: FastifyReply };

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs every request, and whatever it starts, inside its scope so an escaped error finds its request. */
export function registerRequestScope(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    requestScope.run({ request, reply }, done);
  });
}

/**
 * Answers the request an escaped error came from (500 problem+json) and logs it with the request id.
 * Returns false when the error came from no request: then nothing is known to be safe and the caller exits.
 */
export function answerEscapedError(error: unknown, log: FastifyBaseLogger): boolean {
  const scope = requestScope.getStore();
  if (!scope) return false;
  const { request, reply } = scope;
  request.log.error({ err: error, reqId: request.id }, 'error escaped the request');
  if (!reply.sent && !reply.raw.headersSent) {
    reply.status(500).type('application/problem+json').send({
      type: 'https://mejora.dev/problems/500',
      title: 'Internal server error',
      status: 500,
      detail: 'Something went wrong on our side. The error was logged.',
    });
  }
  log.debug({ reqId: request.id }, 'kept serving after an escaped error');
  return true;
}

let isGuarding = false;

/** Installs the process-wide handlers once: errors escaping a request never end the process. */
export function guardProcess(log: FastifyBaseLogger): void {
  if (isGuarding) return;
  isGuarding = true;
  const onEscaped = (error: unknown, origin: string) => {
    if (answerEscapedError(error, log)) return;
    log.fatal({ err: error, origin }, 'unexpected error outside any request; exiting');
    process.exitCode = 1;
    setImmediate(() => process.exit(1));
  };
  process.on('uncaughtException', (error) => onEscaped(error, 'uncaughtException'));
  process.on('unhandledRejection', (reason) => onEscaped(reason, 'unhandledRejection'));
}
