// A SCIM User as Mejora keeps it: one person (employee record plus account). Turns a person into the User
// resource, and a request's User (POST, PUT, or the result of a PATCH) back into what is stored, with the rules for
// what Mejora keeps of it (one name, one email, a manager by SCIM id).

import { hasControlCharacter } from '../text.ts';
import { type Filter, type PatchPath, parsePatchPath } from './filter.ts';
import {
  type AttributeDefinition,
  commonAttributes,
  coreUserAttributes,
  coreUserUrn,
  enterpriseUserAttributes,
  enterpriseUserUrn,
  patchOpUrn,
} from './schemas.ts';
import { ScimError, scimBadRequest } from './scim-error.ts';

export type Person = {
  id: string;
  revision: number;
  email: string;
  name: string;
  jobTitle: string;
  department: string;
  employeeNumber: string | null;
  externalId: string | null;
  locale: 'en' | 'es' | null;
  managerId: string | null;
  managerName: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** What a request asks Mejora to keep; `managerId` is the manager as named until the directory resolves it. */
export type PersonInput = {
  email: string;
  name: string;
  jobTitle: string;
  department: string;
  employeeNumber: string | null;
  externalId: string | null;
  locale: 'en' | 'es' | null;
  managerId: string | null;
  isActive: boolean | undefined;
};

const coreKey = coreUserUrn.toLowerCase();
const enterpriseKey = enterpriseUserUrn.toLowerCase();

/** A User with attribute names lower-cased (SCIM names are case-insensitive): core and enterprise apart. */
export type CanonicalUser = { core: Record<string, unknown>; enterprise: Record<string, unknown> };

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Lower-cases the keys of a complex value (and of each item of a multi-valued one). */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), v]));
}

const byName = (list: AttributeDefinition[]) => new Map(list.map((a) => [a.name.toLowerCase(), a]));
const coreDefinitions = byName([...commonAttributes, ...coreUserAttributes]);
const enterpriseDefinitions = byName(enterpriseUserAttributes);

type Resolved = { container: 'core' | 'enterprise'; definition: AttributeDefinition };

function resolve(schema: string | null, attribute: string): Resolved | null {
  if (schema === enterpriseKey) {
    const definition = enterpriseDefinitions.get(attribute);
    return definition ? { container: 'enterprise', definition } : null;
  }
  if (schema !== null && schema !== coreKey) return null;
  const core = coreDefinitions.get(attribute);
  if (core) return { container: 'core', definition: core };
  // Unqualified enterprise names (employeeNumber, department, manager) are read leniently.
  const enterprise = schema === null ? enterpriseDefinitions.get(attribute) : undefined;
  return enterprise ? { container: 'enterprise', definition: enterprise } : null;
}

/** Reads a request body's User into canonical form; unknown attributes are refused, readOnly ones ignored. */
export function canonicalUserOf(body: unknown): CanonicalUser {
  if (!isObject(body)) throw scimBadRequest('invalidSyntax', 'The body must be a JSON object (a SCIM User)');
  const declared = body.schemas;
  if (declared !== undefined && (!Array.isArray(declared) || declared.some((s) => typeof s !== 'string')))
    throw scimBadRequest('invalidSyntax', 'schemas must be a list of schema URNs');
  const declaredSchemas = new Set(((declared as string[] | undefined) ?? []).map((s) => s.toLowerCase()));
  const user: CanonicalUser = { core: {}, enterprise: {} };
  const put = (resolved: Resolved, value: unknown) => {
    if (resolved.definition.mutability === 'readOnly') return;
    user[resolved.container][resolved.definition.name.toLowerCase()] = lowerKeys(value);
  };
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === 'schemas') continue;
    if (lower === enterpriseKey || lower === coreKey) {
      if (!isObject(value)) throw scimBadRequest('invalidSyntax', `${key} must be an object`);
      for (const [name, item] of Object.entries(value)) {
        const resolved = resolve(lower, name.toLowerCase());
        if (!resolved) throw scimBadRequest('invalidValue', `Unknown attribute ${key}:${name}`);
        put(resolved, item);
      }
      continue;
    }
    if (lower.startsWith('urn:')) {
      // An attribute of the enterprise extension written in full, or a custom extension the client declared.
      if (lower.startsWith(`${enterpriseKey}:`)) {
        const resolved = resolve(enterpriseKey, lower.slice(enterpriseKey.length + 1));
        if (!resolved) throw scimBadRequest('invalidValue', `Unknown attribute ${key}`);
        put(resolved, value);
        continue;
      }
      if (declaredSchemas.has(lower)) continue;
      throw scimBadRequest(
        'invalidValue',
        `Unknown schema extension ${key.slice(0, 200)}: Mejora keeps the enterprise extension only`,
      );
    }
    const resolved = resolve(null, lower);
    if (!resolved)
      throw scimBadRequest('invalidValue', `Unknown attribute ${JSON.stringify(key.slice(0, 100))}`);
    put(resolved, value);
  }
  return user;
}

function splitName(name: string): { givenName: string; familyName?: string } {
  const at = name.indexOf(' ');
  return at < 0 ? { givenName: name } : { givenName: name.slice(0, at), familyName: name.slice(at + 1) };
}

/** The User resource of a person, as every read and write answers it. */
export function userResourceOf(person: Person, baseUrl: string): Record<string, unknown> {
  const enterprise: Record<string, unknown> = {};
  if (person.employeeNumber !== null) enterprise.employeeNumber = person.employeeNumber;
  if (person.department) enterprise.department = person.department;
  if (person.managerId)
    enterprise.manager = {
      value: person.managerId,
      $ref: `${baseUrl}/Users/${person.managerId}`,
      ...(person.managerName ? { displayName: person.managerName } : {}),
    };
  return {
    schemas: [coreUserUrn, enterpriseUserUrn],
    id: person.id,
    ...(person.externalId !== null ? { externalId: person.externalId } : {}),
    userName: person.email,
    name: { formatted: person.name, ...splitName(person.name) },
    displayName: person.name,
    ...(person.jobTitle ? { title: person.jobTitle } : {}),
    ...(person.locale ? { preferredLanguage: person.locale } : {}),
    active: person.isActive,
    emails: [{ value: person.email, type: 'work', primary: true }],
    [enterpriseUserUrn]: enterprise,
    meta: {
      resourceType: 'User',
      created: person.createdAt.toISOString(),
      lastModified: person.updatedAt.toISOString(),
      location: `${baseUrl}/Users/${person.id}`,
      version: `W/"${person.revision}"`,
    },
  };
}

// ---- reading what a request asks for ----

const text = (value: unknown, attribute: string, max: number): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw scimBadRequest('invalidValue', `${attribute} must be a string`);
  const trimmed = value.trim();
  if (trimmed.length > max)
    throw scimBadRequest('invalidValue', `${attribute} must be at most ${max} characters`);
  if (hasControlCharacter(trimmed))
    throw scimBadRequest('invalidValue', `${attribute} must be one line without control characters`);
  return trimmed || null;
};

/** `true`, `false`, or the strings "True" and "False" some clients send. */
export function booleanOf(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  throw scimBadRequest('invalidValue', `${attribute} must be true or false`);
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emailOf(value: unknown, attribute: string): string | null {
  const email = text(value, attribute, 254);
  if (email === null) return null;
  if (!emailPattern.test(email))
    throw scimBadRequest(
      'invalidValue',
      `${attribute} must be an email address (Mejora signs people in with it)`,
    );
  return email.toLowerCase();
}

function localeOf(value: unknown): 'en' | 'es' | null {
  const tag = text(value, 'preferredLanguage', 35);
  if (!tag) return null;
  if (/^es([-_]|$)/i.test(tag)) return 'es';
  if (/^en([-_]|$)/i.test(tag)) return 'en';
  return null;
}

/**
 * The manager as the request names them: by RFC 7643 the manager's SCIM id; the directory also resolves a
 * userName, employeeNumber or externalId (what Okta's managerId usually holds).
 */
function managerRefOf(value: unknown): string | null {
  const raw = isObject(value) ? value.value : value;
  return text(raw, 'manager.value', 254);
}

/** The work (else primary, else first) email of the emails attribute. */
function workEmail(emails: unknown): unknown {
  if (emails === undefined || emails === null) return undefined;
  if (!Array.isArray(emails)) throw scimBadRequest('invalidValue', 'emails must be a list');
  const items = emails.filter(isObject);
  const pick =
    items.find((e) => String(e.type ?? '').toLowerCase() === 'work') ??
    items.find((e) => e.primary === true || e.primary === 'true' || e.primary === 'True') ??
    items[0];
  return pick?.value;
}

const nameParts = (core: Record<string, unknown>) => {
  const name = isObject(core.name) ? core.name : {};
  return {
    displayName: text(core.displayname, 'displayName', 200),
    formatted: text(name.formatted, 'name.formatted', 200),
    joined:
      [text(name.givenname, 'name.givenName', 100), text(name.familyname, 'name.familyName', 100)]
        .filter(Boolean)
        .join(' ') || null,
  };
};

/**
 * What to keep of a User. With `before` (a PATCH), a name or email is taken from whichever form the request
 * changed; otherwise displayName, then name.formatted, then given and family names, and userName over emails.
 */
export function personInputOf(user: CanonicalUser, before?: CanonicalUser): PersonInput {
  const { core, enterprise } = user;
  let email = emailOf(core.username, 'userName');
  const fromEmails = emailOf(workEmail(core.emails), 'emails.value');
  if (before && fromEmails && email === emailOf(before.core.username, 'userName')) {
    const previous = emailOf(workEmail(before.core.emails), 'emails.value');
    if (fromEmails !== previous) email = fromEmails;
  }
  email ??= fromEmails;
  if (!email)
    throw scimBadRequest('invalidValue', 'userName is required: the address the person signs in with');

  const now = nameParts(core);
  let name = now.displayName ?? now.formatted ?? now.joined;
  if (before) {
    const then = nameParts(before.core);
    if (now.displayName !== then.displayName && now.displayName) name = now.displayName;
    else if (now.formatted !== then.formatted && now.formatted) name = now.formatted;
    else if (now.joined !== then.joined && now.joined) name = now.joined;
  }
  return {
    email,
    name: name ?? email,
    jobTitle: text(core.title, 'title', 200) ?? '',
    department: text(enterprise.department, 'department', 200) ?? '',
    employeeNumber: text(enterprise.employeenumber, 'employeeNumber', 100),
    externalId: text(core.externalid, 'externalId', 200),
    locale: localeOf(core.preferredlanguage ?? core.locale),
    managerId: managerRefOf(enterprise.manager),
    isActive:
      core.active === undefined || core.active === null ? undefined : booleanOf(core.active, 'active'),
  };
}

// ---- PATCH ----

type Operation = { op: 'add' | 'replace' | 'remove'; path: string | null; value: unknown };

const maxOperations = 200;

function operationsOf(body: unknown): Operation[] {
  if (!isObject(body))
    throw scimBadRequest('invalidSyntax', 'The body must be a JSON object (a SCIM PatchOp)');
  const fields = lowerKeys(body) as Record<string, unknown>;
  const schemas = fields.schemas;
  if (
    schemas !== undefined &&
    (!Array.isArray(schemas) || !schemas.some((s) => String(s).toLowerCase() === patchOpUrn.toLowerCase()))
  )
    throw scimBadRequest('invalidSyntax', `schemas must hold ${patchOpUrn}`);
  const list = fields.operations;
  if (!Array.isArray(list) || list.length === 0)
    throw scimBadRequest('invalidSyntax', 'Operations must be a non-empty list of add, replace or remove');
  if (list.length > maxOperations)
    throw scimBadRequest('invalidSyntax', `At most ${maxOperations} operations at once`);
  return list.map((raw, index) => {
    if (!isObject(raw)) throw scimBadRequest('invalidSyntax', `Operations[${index}] must be an object`);
    const item = lowerKeys(raw) as Record<string, unknown>;
    const op = typeof item.op === 'string' ? item.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw scimBadRequest('invalidSyntax', `Operations[${index}].op must be add, replace or remove`);
    if (item.path !== undefined && item.path !== null && typeof item.path !== 'string')
      throw scimBadRequest('invalidPath', `Operations[${index}].path must be a string`);
    const path = typeof item.path === 'string' && item.path.trim() ? item.path.trim() : null;
    if (op !== 'remove' && item.value === undefined)
      throw scimBadRequest('invalidSyntax', `Operations[${index}].value is required for ${op}`);
    if (op === 'remove' && path === null)
      throw scimBadRequest('noTarget', `Operations[${index}]: remove needs a path`);
    return { op, path, value: item.value };
  });
}

const compareText = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);

/** Whether one value of a multi-valued attribute matches a value filter (its paths name sub-attributes). */
export function matchesValue(item: Record<string, unknown>, filter: Filter): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesValue(item, filter.left) && matchesValue(item, filter.right);
    case 'or':
      return matchesValue(item, filter.left) || matchesValue(item, filter.right);
    case 'not':
      return !matchesValue(item, filter.filter);
    case 'valuePath':
      return false;
    case 'present': {
      const value = item[filter.path.attribute];
      return value !== undefined && value !== null && value !== '';
    }
    case 'compare': {
      const actual = compareText(item[filter.path.attribute]);
      const expected = compareText(filter.value);
      const asText = String(actual ?? '');
      const wanted = String(expected ?? '');
      switch (filter.operator) {
        case 'eq':
          return actual === expected || (typeof expected === 'boolean' && actual === String(expected));
        case 'ne':
          return actual !== expected;
        case 'co':
          return asText.includes(wanted);
        case 'sw':
          return asText.startsWith(wanted);
        case 'ew':
          return asText.endsWith(wanted);
        case 'gt':
          return asText > wanted;
        case 'ge':
          return asText >= wanted;
        case 'lt':
          return asText < wanted;
        case 'le':
          return asText <= wanted;
      }
    }
  }
}

/** The `attr eq "x"` pairs of a filter joined by and: what a value created for an unmatched filter holds. */
function equalities(filter: Filter): Record<string, unknown> {
  if (filter.kind === 'compare' && filter.operator === 'eq') return { [filter.path.attribute]: filter.value };
  if (filter.kind === 'and') return { ...equalities(filter.left), ...equalities(filter.right) };
  return {};
}

function applyOperation(user: CanonicalUser, op: Operation['op'], target: PatchPath, value: unknown): void {
  const resolved = resolve(target.path.schema, target.path.attribute);
  if (!resolved) throw scimBadRequest('invalidPath', `Unknown attribute ${target.path.attribute}`);
  const { definition } = resolved;
  const key = definition.name.toLowerCase();
  const sub = target.subAttribute ?? target.path.subAttribute;
  if (definition.mutability === 'readOnly')
    throw scimBadRequest('mutability', `${definition.name} is read-only`);
  if (sub && definition.subAttributes?.find((s) => s.name.toLowerCase() === sub)?.mutability === 'readOnly')
    throw scimBadRequest('mutability', `${definition.name}.${sub} is read-only`);
  if (sub && !definition.subAttributes?.some((s) => s.name.toLowerCase() === sub))
    throw scimBadRequest('invalidPath', `${definition.name} has no sub-attribute ${sub}`);
  const container = user[resolved.container];

  if (target.filter) {
    if (!definition.multiValued)
      throw scimBadRequest('invalidPath', `${definition.name} is not multi-valued: it takes no value filter`);
    const filter = target.filter;
    const items = (Array.isArray(container[key]) ? (container[key] as unknown[]) : []).filter(isObject);
    const matched = items.filter((item) => matchesValue(item, filter));
    if (op === 'remove') {
      container[key] = sub
        ? items.map((item) =>
            matched.includes(item)
              ? Object.fromEntries(Object.entries(item).filter(([k]) => k !== sub))
              : item,
          )
        : items.filter((item) => !matched.includes(item));
      return;
    }
    if (matched.length === 0) {
      // Entra ID adds `emails[type eq "work"].value` for a person who has no work email yet.
      const created = sub
        ? { ...equalities(filter), [sub]: value }
        : { ...equalities(filter), ...(lowerKeys(value) as object) };
      container[key] = [...items, created];
      return;
    }
    container[key] = items.map((item) => {
      if (!matched.includes(item)) return item;
      if (sub) return { ...item, [sub]: value };
      return isObject(value) ? { ...item, ...(lowerKeys(value) as object) } : item;
    });
    return;
  }

  if (definition.multiValued) {
    const current = Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
    const given = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (op === 'remove') delete container[key];
    else if (sub) container[key] = current.filter(isObject).map((item) => ({ ...item, [sub]: value }));
    else container[key] = lowerKeys(op === 'add' ? [...current, ...given] : given);
    return;
  }
  if (definition.type === 'complex') {
    const current = isObject(container[key]) ? (container[key] as Record<string, unknown>) : {};
    if (sub) {
      if (op === 'remove') {
        const { [sub]: _removed, ...rest } = current;
        container[key] = rest;
      } else container[key] = { ...current, [sub]: value };
      return;
    }
    if (op === 'remove' || value === null) {
      delete container[key];
      return;
    }
    // Entra ID sends the manager as the id itself rather than {"value": id}.
    const given = isObject(value)
      ? (lowerKeys(value) as Record<string, unknown>)
      : key === 'manager'
        ? { value }
        : null;
    if (!given)
      throw scimBadRequest('invalidValue', `${definition.name} takes an object of its sub-attributes`);
    container[key] = { ...current, ...given };
    return;
  }
  if (op === 'remove') delete container[key];
  else container[key] = value;
}

/** Applies a PatchOp body (RFC 7644 §3.5.2, including the shapes Entra ID and Okta send) to a User. */
export function applyPatch(user: CanonicalUser, body: unknown): CanonicalUser {
  const next: CanonicalUser = structuredClone(user);
  for (const operation of operationsOf(body)) {
    if (operation.path !== null) {
      applyOperation(next, operation.op, parsePatchPath(operation.path), operation.value);
      continue;
    }
    // No path: the value holds attributes by name (Okta: {"active": false}); the enterprise URN holds its own.
    if (!isObject(operation.value))
      throw scimBadRequest('invalidValue', `${operation.op} without a path takes an object of attributes`);
    for (const [name, value] of Object.entries(operation.value)) {
      const lower = name.toLowerCase();
      if ((lower === enterpriseKey || lower === coreKey) && isObject(value)) {
        for (const [inner, item] of Object.entries(value))
          applyOperation(next, operation.op, parsePatchPath(`${name}:${inner}`), item);
      } else applyOperation(next, operation.op, parsePatchPath(name), value);
    }
  }
  return next;
}

export const isScimError = (error: unknown): error is ScimError => error instanceof ScimError;
