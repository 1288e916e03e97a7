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
  errors?: CodedFieldError[];
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

type ValidationItem = {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
};

/**
 * A field error as sent: the English `message`, plus a stable `code` and its `params` so that a client can say the
 * same thing in its own language (dates stay YYYY-MM-DD; the client formats them). Codes are a closed set; a
 * message that matches none of them goes out without a code, and clients show the message as written.
 */
export type CodedFieldError = FieldError & {
  code?: FieldErrorCode;
  params?: Record<string, string | number>;
};

export const fieldErrorCodes = [
  'required',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'invalid',
  'invalid_date',
  'invalid_email',
  'invalid_choice',
  'unknown_field',
  'unknown_reference',
  'duplicate',
  'date_outside_plan',
  'not_in_future',
  'must_be_future',
  'must_be_after',
  'same_as_baseline',
] as const;
export type FieldErrorCode = (typeof fieldErrorCodes)[number];

type CodeRule = [RegExp, FieldErrorCode, ((m: RegExpMatchArray) => Record<string, string | number>)?];
const isoDate = '(\\d{4}-\\d{2}-\\d{2})';

/** What services write in words, read back as a code. Order matters: the first rule that matches wins. */
const messageRules: CodeRule[] = [
  [
    new RegExp(`^must fall within the plan \\(${isoDate} to ${isoDate}\\)$`),
    'date_outside_plan',
    (m) => ({ start: m[1], end: m[2] }),
  ],
  [new RegExp(`^must be after today \\(${isoDate}\\)$`), 'must_be_after', (m) => ({ date: m[1] })],
  [/must not be in the future/, 'not_in_future'],
  [/^must be in the future/, 'must_be_future'],
  [/^must be a calendar date YYYY-MM-DD$|^give the new end date as YYYY-MM-DD$/, 'invalid_date'],
  [/^must be at least (\d+) characters$/, 'too_short', (m) => ({ min: Number(m[1]) })],
  [
    /^no (.+) (of this plan|of this form|in this organisation|you can create a plan for) has this id$|^no such (user|employee) in this organisation$|^no template with this id$/,
    'unknown_reference',
  ],
  [/^(rated|answered) twice$/, 'duplicate'],
  [/^must be a valid id$/, 'invalid'],
  [/^must differ from the baseline/, 'same_as_baseline'],
  [
    /^(say why|write the reason|write what you witnessed|give the reason|summarise the outcome|a reason is required)/,
    'required',
  ],
];

function codeOfMessage(message: string): Pick<CodedFieldError, 'code' | 'params'> {
  for (const [pattern, code, paramsOf] of messageRules) {
    const match = message.match(pattern);
    if (match) return paramsOf ? { code, params: paramsOf(match) } : { code };
  }
  return {};
}

type ZodIssueLike = {
  code?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  input?: unknown;
  values?: unknown[];
  message?: string;
};

/** A schema issue (from the request validator) as a code. */
function codeOfIssue(issue: ZodIssueLike): Pick<CodedFieldError, 'code' | 'params'> {
  const min = Number(issue.minimum);
  const max = Number(issue.maximum);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return min <= 1 ? { code: 'required' } : { code: 'too_short', params: { min } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_few', params: { min } };
      return { code: 'too_small', params: { min } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too_long', params: { max } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'too_many', params: { max } };
      return { code: 'too_big', params: { max } };
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? { code: 'required' } : { code: 'invalid' };
    case 'invalid_format':
      return issue.format === 'email' ? { code: 'invalid_email' } : { code: 'invalid' };
    case 'invalid_value':
      return { code: 'invalid_choice', params: { options: (issue.values ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    default: {
      const fromMessage = codeOfMessage(issue.message ?? '');
      return fromMessage.code ? fromMessage : { code: 'invalid' };
    }
  }
}

/** Adds the code and its params to a field error that a service threw in words. */
export function withCode(error: FieldError): CodedFieldError {
  return { ...error, ...codeOfMessage(error.message) };
}

/** Field path = where the value came from (body, querystring, params) + the JSON path inside it. */
function fieldErrorsOf(error: FastifyError): CodedFieldError[] {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const items = (error.validation ?? []) as ValidationItem[];
  return items.map((item) => {
    const segments = (item.instancePath ?? '').split('/').filter(Boolean);
    const missing =
      item.params && typeof item.params.missingProperty === 'string' ? [item.params.missingProperty] : [];
    const issuePath = (item.params as { issue?: { path?: PropertyKey[] } } | undefined)?.issue?.path;
    const path = segments.length ? segments : issuePath?.length ? issuePath.map(String) : missing;
    // The Zod validator puts the issue's code in `keyword` and the rest of the issue in `params`.
    const message = item.message ?? 'is invalid';
    const coded = item.keyword
      ? codeOfIssue({ ...(item.params as ZodIssueLike), code: item.keyword, message })
      : missing.length
        ? { code: 'required' as const }
        : codeOfMessage(message);
    return { path: [context, ...path].join('/'), message, ...coded };
  });
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    const status = statusOf[error.code];
    return sendProblem(
      reply,
      problem(status, error.message, {
        instance: request.url,
        ...(error.fieldErrors.length ? { errors: error.fieldErrors.map(withCode) } : {}),
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
