// The HTTP client: JSON in and out, the CSRF header on writes, problem+json turned into ApiError.

export type ProblemFieldError = { path: string; message: string };

/** An error answered by the API (problem+json), or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[];
  readonly allowedActions: string[] | undefined;
  /** On 412: the ETag the resource has now. */
  readonly etag: string | undefined;

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    errors?: ProblemFieldError[];
    allowedActions?: string[];
    etag?: string;
  }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.allowedActions = init.allowedActions;
    this.etag = init.etag;
  }

  /** Field errors keyed by the form field path: `body/focusAreas/0/title` → `focusAreas.0.title`. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const key = fieldPath(e.path);
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }
}

/** `body/examples/0/text` → `examples.0.text`; `querystring/q` → `q`. */
export const fieldPath = (path: string): string =>
  path
    .replace(/^(body|querystring|params)\/?/, '')
    .split('/')
    .filter(Boolean)
    .join('.');

let csrfToken: string | null = null;
let uiLanguage = 'en';
let onUnauthorized: (() => void) | null = null;

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
export const setApiLanguage = (language: string): void => {
  uiLanguage = language;
};
/** Called when an authenticated request answers 401: the session has expired. */
export const setUnauthorizedHandler = (handler: (() => void) | null): void => {
  onUnauthorized = handler;
};

type RequestOptions = {
  signal?: AbortSignal;
  isAuthProbe?: boolean;
  /** The ETag of the resource as the user last read it: the server refuses the write (412) if it changed since. */
  ifMatch?: string;
};

const isWrite = (method: string) => method !== 'GET' && method !== 'HEAD';

export async function apiRequest<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': uiLanguage };
  // A file is sent as itself, with its own type; anything else as JSON.
  const isFile = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = isFile ? body.type : 'application/json';
  if (isWrite(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (isWrite(method) && options.ifMatch) headers['if-match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : isFile ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, title: 'Network error', detail: (error as Error).message });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const problem = (payload ?? {}) as Partial<{
      title: string;
      detail: string;
      errors: ProblemFieldError[];
      allowedActions: string[];
      etag: string;
    }>;
    const error = new ApiError({
      status: response.status,
      title: problem.title ?? response.statusText ?? 'Error',
      detail: problem.detail,
      errors: problem.errors,
      allowedActions: problem.allowedActions,
      etag: problem.etag,
    });
    if (response.status === 401 && !options.isAuthProbe && !path.endsWith('/auth/login')) onUnauthorized?.();
    throw error;
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    apiRequest<T>('POST', path, body ?? {}, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PATCH', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    apiRequest<T>('PUT', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) =>
    apiRequest<T>('DELETE', path, undefined, options),
};

/** Builds a query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
