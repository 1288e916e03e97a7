// The closed set of errors services throw; src/server/errors.ts maps each code to problem+json.
export type FieldError = { path: string; message: string };

export type DomainErrorCode =
  | 'not_found'
  | 'conflict'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  /** If-Match named a revision that is no longer current. */
  | 'precondition_failed';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly fieldErrors: FieldError[];
  /** For conflicts: the actions allowed instead. */
  readonly allowedActions: string[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: DomainErrorCode,
    message: string,
    options: { fieldErrors?: FieldError[]; allowedActions?: string[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? [];
    this.allowedActions = options.allowedActions;
    this.extra = options.extra;
  }
}

export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} not found`);

export const invalid = (fieldErrors: FieldError[], message = 'The request has invalid fields'): DomainError =>
  new DomainError('validation', message, { fieldErrors });

export const invalidField = (path: string, message: string): DomainError => invalid([{ path, message }]);

export const conflict = (
  message: string,
  allowedActions?: string[],
  extra?: Record<string, unknown>,
): DomainError => new DomainError('conflict', message, { allowedActions, extra });
