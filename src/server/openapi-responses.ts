// Completes the OpenAPI document with what every route can answer besides its own schema: the problems the
// framework, authentication and limits send (as application/problem+json), and the files some routes send.
// Kept in one place so that a route declares only what is particular to it.

type Schema = Record<string, unknown>;
type Response = {
  description?: string;
  headers?: Record<string, { description: string; schema: Schema }>;
  content?: Record<string, { schema: Schema }>;
};
type Parameter = { in: string; name: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses?: Record<string, Response>;
};
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const problemTitles: Record<string, string> = {
  '400': 'Bad request: a query or path parameter is invalid, or the body is not valid JSON',
  '401': 'Authentication required, or the API token is invalid',
  '403': 'Forbidden (also a cookie-authenticated write without the x-csrf-token header)',
  '404': 'Not found, or not visible to the caller',
  '409': 'Conflict with the current state; allowedActions lists what is possible',
  '410': 'Gone',
  '412': 'Precondition failed: the resource changed since the If-Match version',
  '413': 'Payload too large',
  '414': 'A path parameter is too long',
  '415': 'Unsupported media type',
  '422': 'Validation failed: errors names each bad field',
  '429': 'Too many requests',
  '500': 'Internal server error (logged with the request id)',
};

const binary = { type: 'string', format: 'binary' };

/** Files some routes send instead of JSON, by method and path. */
const fileResponses: { method: string; path: RegExp; types: string[]; description: string }[] = [
  { method: 'get', path: /\.pdf$/, types: ['application/pdf'], description: 'The PDF file' },
  {
    method: 'get',
    path: /\.docx$/,
    types: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    description: 'The DOCX file',
  },
  {
    method: 'get',
    path: /\/calendar\/\{[^}]+\}$/,
    types: ['text/calendar'],
    description: 'The iCalendar feed',
  },
  {
    method: 'get',
    path: /\/organization\/logo$/,
    types: ['image/png', 'image/jpeg'],
    description: 'The logo image',
  },
  {
    method: 'get',
    path: /\/auth\/sso\/metadata$/,
    types: ['application/samlmetadata+xml'],
    description: "Mejora's SAML service provider metadata",
  },
  {
    method: 'get',
    path: /\/directory\/imports\/template$/,
    types: ['text/csv'],
    description: 'The CSV template',
  },
  {
    method: 'get',
    path: /\/exports\/\{[^}]+\}\/download$/,
    types: ['application/zip'],
    description: 'The ZIP',
  },
  {
    method: 'get',
    path: /\/employees\/\{[^}]+\}\/data-export$/,
    types: ['application/zip'],
    description:
      'The ZIP: index.json, the person, their plans (JSON and PDF), their comments and the audit events about them',
  },
];

/** Browser routes of single sign-on: a refusal is a page in English and Spanish, not problem+json. */
const pageRoutes = /\/auth\/sso\/(start|callback|saml\/acs)$/;
/** Routes that send their JSON answer as CSV when asked with Accept: text/csv. */
const csvAlternatives: RegExp[] = [/\/analytics\/(overview|consistency)$/, /\/v1\/plans$/];

/** Request bodies that are not JSON, by method and path. */
const fileBodies: { method: string; path: RegExp; types: string[] }[] = [
  { method: 'put', path: /\/organization\/logo$/, types: ['image/png', 'image/jpeg'] },
  { method: 'post', path: /\/directory\/imports$/, types: ['text/csv'] },
];

const writeMethods = new Set(['post', 'put', 'patch', 'delete']);

/** Writes to an existing resource, which honour If-Match and may answer 412. */
const isConditionalWrite = (method: string, hasPath: boolean) =>
  method === 'patch' || method === 'put' || method === 'delete' || (method === 'post' && hasPath);

const ifMatchParameter: Parameter = {
  in: 'header',
  name: 'If-Match',
  required: false,
  description:
    'The ETag last read ("7"), several, or *: the write is refused with 412 when the resource changed since. Without it the write proceeds.',
  schema: { type: 'string' },
};

const etagHeader = {
  description: 'The revision of the resource as a strong tag ("7"); send it back in If-Match',
  schema: { type: 'string' },
};

/** Whether a JSON answer is (or may be, for a union) a resource with a revision: the routes then send its ETag. */
function hasRevision(document: Document, schema: Schema | undefined): boolean {
  const ref = schema?.$ref;
  const resolved =
    typeof ref === 'string'
      ? document.components?.schemas?.[ref.replace('#/components/schemas/', '')]
      : schema;
  const branches = [resolved?.anyOf, resolved?.oneOf].flatMap((b) =>
    Array.isArray(b) ? (b as Schema[]) : [],
  );
  if (branches.some((branch) => hasRevision(document, branch))) return true;
  const properties = resolved?.properties as Record<string, unknown> | undefined;
  return Boolean(properties && 'revision' in properties);
}

/** The problem statuses an operation can answer whatever its own schema says. */
export function commonProblemStatuses(method: string, operation: Operation): string[] {
  const parameters = operation.parameters ?? [];
  const hasPath = parameters.some((p) => p.in === 'path');
  const hasQuery = parameters.some((p) => p.in === 'query');
  const isWrite = writeMethods.has(method);
  const statuses = ['401', '403', '404', '500'];
  if (hasPath || hasQuery || isWrite) statuses.push('400', '422');
  if (hasPath) statuses.push('414');
  // Fastify reads a body on every write, schema or not: it may be too large or of a type no parser reads.
  if (isWrite) statuses.push('409', '413', '415');
  if (isConditionalWrite(method, hasPath)) statuses.push('412');
  return statuses;
}

export function completeOpenApi<T>(input: T): T {
  const document = input as Document;
  const problemRef = { $ref: '#/components/schemas/Problem' };
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.responses ??= {};
      const responses = operation.responses;
      for (const status of commonProblemStatuses(method, operation)) responses[status] ??= {};
      const parameters = operation.parameters ?? [];
      const hasPath = parameters.some((p) => p.in === 'path');
      if (isConditionalWrite(method, hasPath) && !parameters.some((p) => p.name.toLowerCase() === 'if-match'))
        operation.parameters = [...parameters, ifMatchParameter];
      for (const status of ['200', '201']) {
        const json = responses[status]?.content?.['application/json'];
        if (json && hasRevision(document, json.schema))
          responses[status].headers = { ...responses[status].headers, ETag: etagHeader };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        responses[status] = {
          description: problemTitles[status] ?? response.description ?? 'Problem',
          content: {
            'application/problem+json': { schema: problemRef },
            ...(pageRoutes.test(path) ? { 'text/html': { schema: { type: 'string' } } } : {}),
          },
        };
      }
      for (const file of fileResponses) {
        if (file.method !== method || !file.path.test(path)) continue;
        responses['200'] = {
          description: file.description,
          content: Object.fromEntries(file.types.map((type) => [type, { schema: binary }])),
        };
      }
      const ok = responses['200'];
      if (method === 'get' && ok?.content && csvAlternatives.some((p) => p.test(path))) {
        ok.content['text/csv'] = { schema: { type: 'string', description: 'The table as CSV (RFC 4180)' } };
      }
      for (const body of fileBodies) {
        if (body.method !== method || !body.path.test(path)) continue;
        operation.requestBody = {
          required: true,
          content: Object.fromEntries(body.types.map((type) => [type, { schema: binary }])),
        };
      }
    }
  }
  return input;
}
