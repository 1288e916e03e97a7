// Raw SQL statements built once and prepared by name: the same text every time, so PostgreSQL parses and plans
// them once per connection and Drizzle does not rebuild them on each call. Values go in through placeholders.
import type { Query, SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { rowsOfResult } from './sql.ts';

export type PreparedStatement<V extends Record<string, unknown>> = {
  execute(db: Executor, values: V): Promise<Record<string, unknown>[]>;
};

type Internals = {
  dialect: { sqlToQuery(query: SQL): Query };
  session: {
    prepareQuery(
      query: Query,
      fields: undefined,
      name: string,
      isArrayMode: boolean,
    ): { execute(values: Record<string, unknown>): Promise<unknown> };
  };
};

/**
 * The text of every statement prepared by name. The embedded engine's thread prepares these by name as well
 * (pglite-named.ts); other texts it parses and plans on each call.
 */
export const namedStatementTexts = new Set<string>();

/** A statement Drizzle prepared by name (`.prepare(name)`), made known to the embedded engine's thread. */
export function preparedByName<T extends { getQuery(): Query }>(statement: T): T {
  namedStatementTexts.add(statement.getQuery().sql);
  return statement;
}

/** `build` is called once, on first use; its placeholders (`sql.placeholder(key)`) take the values of `execute`. */
export function preparedStatement<V extends Record<string, unknown>>(
  name: string,
  build: () => SQL,
): PreparedStatement<V> {
  let query: Query | undefined;
  return {
    async execute(db, values) {
      const internals = db as unknown as Internals;
      if (query === undefined) {
        query = internals.dialect.sqlToQuery(build());
        namedStatementTexts.add(query.sql);
      }
      const result = await internals.session.prepareQuery(query, undefined, name, false).execute(values);
      return rowsOfResult<Record<string, unknown>>(result);
    },
  };
}
