// The `attributes` and `excludedAttributes` query parameters (RFC 7644 §3.4.2.5): which attributes of a resource
// an answer holds. `id` and `schemas` are always returned.
import { attributePathOf } from './filter.ts';
import { scimBadRequest } from './scim-error.ts';

type Resource = Record<string, unknown>;

const alwaysReturned = new Set(['id', 'schemas']);

function pathsOf(
  list: string,
): { container: string | null; attribute: string; subAttribute: string | null }[] {
  const fail = (message: string): never => {
    throw scimBadRequest('invalidValue', `attributes: ${message}`);
  };
  return list
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .slice(0, 100)
    .map((item) => {
      const path = attributePathOf(item, fail);
      return { container: path.schema, attribute: path.attribute, subAttribute: path.subAttribute };
    });
}

/** The key of the resource (or of its extension object) named case-insensitively. */
function keyIn(object: Resource, name: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === name);
}

function containerOf(resource: Resource, schema: string | null): Resource | null {
  if (schema === null) return resource;
  const key = keyIn(resource, schema);
  if (key) return resource[key] as Resource;
  // The core schema's URN names the resource itself.
  return Array.isArray(resource.schemas) && String(resource.schemas[0]).toLowerCase() === schema
    ? resource
    : null;
}

export function project(resource: Resource, attributes?: string, excludedAttributes?: string): Resource {
  if (attributes) {
    const out: Resource = {};
    for (const key of Object.keys(resource)) if (alwaysReturned.has(key)) out[key] = resource[key];
    for (const path of pathsOf(attributes)) {
      const from = containerOf(resource, path.container);
      const key = from ? keyIn(from, path.attribute) : undefined;
      if (!from || !key) continue;
      let into = out;
      if (path.container !== null && from !== resource) {
        const extensionKey = keyIn(resource, path.container) as string;
        out[extensionKey] ??= {};
        into = out[extensionKey] as Resource;
      }
      const value = from[key];
      if (path.subAttribute && value && typeof value === 'object' && !Array.isArray(value)) {
        const subKey = keyIn(value as Resource, path.subAttribute);
        if (subKey) into[key] = { ...((into[key] as Resource) ?? {}), [subKey]: (value as Resource)[subKey] };
      } else into[key] = value;
    }
    return out;
  }
  if (excludedAttributes) {
    const out: Resource = structuredClone(resource);
    for (const path of pathsOf(excludedAttributes)) {
      const from = containerOf(out, path.container);
      const key = from ? keyIn(from, path.attribute) : undefined;
      if (!from || !key || (from === out && alwaysReturned.has(key))) continue;
      const value = from[key];
      if (path.subAttribute && value && typeof value === 'object' && !Array.isArray(value)) {
        const subKey = keyIn(value as Resource, path.subAttribute);
        if (subKey) delete (value as Resource)[subKey];
      } else delete from[key];
    }
    return out;
  }
  return resource;
}
