// Small SQL helpers shared by repositories and services.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';

export const lower = (column: AnyColumn): SQL<string> => sql<string>`lower(${column})`;

/**
 * Whether a write failed on a unique index (SQLSTATE 23505), however deep the driver and the ORM wrapped the
 * database's error: a concurrent request won the value a check before the write found free.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** The rows of a statement's result, as each engine's driver hands them back (an array, or an object with rows). */
export function rowsOfResult<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows?: T[] }).rows ?? [];
}

/** Runs one statement and returns its rows. */
export async function selectRows<T>(db: Executor, statement: SQL): Promise<T[]> {
  return rowsOfResult<T>(await db.execute(statement));
}
