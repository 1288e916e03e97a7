// The one mapping from errors to application/problem+json (RFC 9457).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode, type FieldError } from '../domain/errors.ts';

const statusOf: Record<DomainErrorCode, number> = {
  not_found: 404,
  conflict: 409,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_failed: 412,
};

const titleOf: Record<number, string> = {
  400: 'Bad request',
  401: 'Authentication required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition failed',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
  500: 'Internal server error',
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  allowedActions?: string[];
  [key: string]: unknown;
};

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

const problem = (status: number, detail: string | undefined, extra: Partial<Problem> = {}): Problem => ({
  type: `https://mejora.dev/problems/${status}`,
  title: titleOf[status] ?? 'Error',
  status,
  ...(detail ? { detail } : {}),
  ...extra,
});

type ValidationItem = { instancePath?: string; message?: string; params?: Record<string, unknown> };

/** Field path = where the value came from (body, querystring, params) + the JSON path inside it. */
function fieldErrorsOf(error: FastifyError): FieldError[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const items = (error.validation ?? []) as ValidationItem[];
  return items.map((item) => {
    const segments = (item.instancePath ?? '').split('/').filter(Boolean);
    const missing =
      item.params && typeof item.params.missingProperty === 'string' ? [item.params.missingProperty] : [];
    const issuePath = (item.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path;
    const path = segments.length ? segments : issuePath?.length ? issuePath.map(String) : missing;
    return { path: [context, ...path].join('/'), message: item.message ?? 'is invalid' };
  });
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    const status = statusOf[error.code];
    return sendProblem(
      reply,
      problem(status, error.message, {
        instance: request.url,
        ...(error.fieldErrors.length ? { errors: error.fieldErrors } : {}),
        ...(error.allowedActions ? { allowedActions: error.allowedActions } : {}),
        ...(error.extra ?? {}),
        status,
      }),
    );
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_VALIDATION' || fastifyError.validation) {
    const errors = fieldErrorsOf(fastifyError);
    const status = (fastifyError as { validationContext?: string }).validationContext === 'body' ? 422 : 400;
    return sendProblem(
      reply,
      problem(status, errors.map((e) => `${e.path}: ${e.message}`).join('; '), {
        instance: request.url,
        errors,
      }),
    );
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const detail =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? 'The request body is not valid JSON'
        : fastifyError.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'A path parameter is too long'
          : fastifyError.code === 'FST_ERR_BAD_URL'
            ? 'The address is not a valid URL'
            : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? `This address does not accept a body of type ${String(request.headers['content-type']).split(';')[0].slice(0, 100)}`
              : fastifyError.message;
    return sendProblem(
      reply,
      problem(status, detail, {
        instance: request.url,
        ...(status === 400 && fastifyError.code?.startsWith('FST_ERR_CTP')
          ? { errors: [{ path: 'body', message: detail }] }
          : {}),
      }),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, problem(500, 'Something went wrong on our side. The error was logged.'));
}
