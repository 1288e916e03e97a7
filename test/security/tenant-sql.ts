// Finds SQL statements that touch a tenant table without naming its organisation: the rule that lets the
// schema be distributed by org_id (decision 0009). Reads statements as Drizzle and hand-written SQL send them.
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema/index.ts';

/** Every table with an org_id column, but the organisations themselves (their id is the organisation). */
export const tenantTables: ReadonlySet<string> = new Set(
  (Object.values(schema).filter((value) => value instanceof PgTable) as PgTable[])
    .map((table) => getTableConfig(table))
    .filter((config) => config.columns.some((c) => c.name === 'org_id') && config.name !== 'organizations')
    .map((config) => config.name),
);

const notAlias = new Set(
  'where set on inner left right full cross join order group limit values using returning select for union offset having natural lateral default as'.split(
    ' ',
  ),
);
const control =
  /^(begin|commit|rollback|savepoint|release|set|show|create|alter|drop|lock|comment|vacuum|analyze|truncate)\b/;

export type Reference = { table: string; alias: string | null; keyword: string };

export function normalize(statement: string): string {
  return statement.replace(/"/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function tenantReferences(text: string): Reference[] {
  const references: Reference[] = [];
  for (const match of text.matchAll(
    /\b(from|join|update|into)\s+([a-z_][a-z0-9_.]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/g,
  )) {
    const [, keyword, table, alias] = match;
    if (!tenantTables.has(table)) continue;
    references.push({ table, alias: alias && !notAlias.has(alias) ? alias : null, keyword });
  }
  return references;
}

/**
 * Lookups that come before any organisation is known, each with its reason. On a distributed database they are
 * the few statements that ask every shard.
 */
export const crossOrganizationLookups: { table: string; when: RegExp; reason: string }[] = [
  {
    table: 'users',
    when: /^select id from users where lower\(users\.email\) = \$1$/,
    reason:
      'an email address belongs to one person in all of Mejora: adding a user checks it is free everywhere, as sign-in finds it',
  },
];

/** The tenant tables a statement reads or writes without an org_id predicate of their own; empty when it is scoped. */
export function unscopedTables(statement: string): string[] {
  const text = normalize(statement);
  if (control.test(text) || text.includes('pgboss.')) return [];
  if (crossOrganizationLookups.some((lookup) => lookup.when.test(text))) return [];
  const references = tenantReferences(text);
  const isSingleTable = references.length === 1;
  const unscoped = references.filter(({ table, alias, keyword }) => {
    if (keyword === 'into') return !/\borg_id\b/.test(text);
    const name = alias ?? table;
    if (new RegExp(`\\b${name}\\.org_id\\b`).test(text)) return false;
    return !(isSingleTable && /\borg_id\b/.test(text));
  });
  return [...new Set(unscoped.map((r) => r.table))];
}
