// Reads the served OpenAPI document into a list of operations: parameters, body and the declared answers.
import type { App } from '../../src/server/app.ts';

export type JsonSchema = {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  [key: string]: unknown;
};

export type Parameter = {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
};

export type Operation = {
  method: string;
  /** The OpenAPI path, e.g. /api/v1/plans/{id}. */
  path: string;
  parameters: Parameter[];
  /** Content type → schema of the request body, when there is one. */
  body: Record<string, JsonSchema> | null;
  isBodyRequired: boolean;
  /** Status ('200', '4XX' or 'default') → the content types declared for it (empty: no body). */
  responses: Record<string, string[]>;
};

type RawOperation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
};

export type OpenApiDocument = {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

export async function readOpenApi(app: App): Promise<OpenApiDocument> {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`the OpenAPI document answered ${response.statusCode}`);
  return response.json();
}

/** Replaces every $ref by the schema it names (recursion is cut at a small depth). */
export function resolveRefs(schema: JsonSchema, document: OpenApiDocument, depth = 0): JsonSchema {
  if (depth > 12) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`unknown schema ${schema.$ref}`);
    return resolveRefs(target, document, depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties)
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, resolveRefs(value, document, depth + 1)]),
    );
  if (schema.items) out.items = resolveRefs(schema.items, document, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (schema[key]) out[key] = schema[key].map((s) => resolveRefs(s, document, depth + 1));
  if (typeof schema.additionalProperties === 'object')
    out.additionalProperties = resolveRefs(schema.additionalProperties, document, depth + 1);
  return out;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, entries] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(entries)) {
      if (!methods.includes(method)) continue;
      const content = raw.requestBody?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: (raw.parameters ?? []).map((p) => ({
          ...p,
          required: Boolean(p.required),
          schema: resolveRefs(p.schema ?? {}, document),
        })),
        body: content
          ? Object.fromEntries(
              Object.entries(content).map(([type, value]) => [
                type,
                resolveRefs(value.schema ?? {}, document),
              ]),
            )
          : null,
        isBodyRequired: Boolean(raw.requestBody?.required),
        responses: Object.fromEntries(
          Object.entries(raw.responses ?? {}).map(([status, value]) => [
            status,
            Object.keys(value.content ?? {}),
          ]),
        ),
      });
    }
  }
  return operations;
}

/** The content types declared for a status, or null when the status is not declared at all. */
export function declaredContentTypes(operation: Operation, status: number): string[] | null {
  const exact = operation.responses[String(status)];
  if (exact) return exact;
  const range = operation.responses[`${String(status)[0]}XX`];
  if (range) return range;
  return operation.responses.default ?? null;
}

/** The text with lone surrogates (which no URL can carry) replaced by U+FFFD. */
export const wellFormed = (text: string): string =>
  Array.from(text, (c) => (c.length === 1 && c >= '\ud800' && c <= '\udfff' ? '\ufffd' : c)).join('');

/** Fills the {name} segments of a path. */
export function pathOf(operation: Operation, values: Record<string, string>): string {
  return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) =>
    encodeURIComponent(wellFormed(values[name] ?? '')),
  );
}
