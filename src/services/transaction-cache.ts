// Reads a request makes several times (the organisation's settings, its webhooks, its chat connection) are
// read once per transaction: the transaction is the unit of work, and what it read stays true until it ends.
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';

const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

/** The value of `load` for `key`, read once per transaction; outside a transaction it is read every time. */
export function oncePerTransaction<T>(executor: Executor, key: string, load: () => Promise<T>): Promise<T> {
  if (!(executor instanceof PgTransaction)) return load();
  let cache = caches.get(executor);
  if (!cache) {
    cache = new Map();
    caches.set(executor, cache);
  }
  let value = cache.get(key) as Promise<T> | undefined;
  if (!value) {
    // A query builder is a thenable that runs again each time it is awaited: keep its one result.
    value = Promise.resolve(load());
    cache.set(key, value);
  }
  return value;
}

/** After a write to what was cached: the next read in this transaction goes to the database again. */
export function forgetInTransaction(executor: Executor, keyPrefix: string): void {
  const cache = caches.get(executor);
  if (!cache) return;
  for (const key of cache.keys()) if (key.startsWith(keyPrefix)) cache.delete(key);
}
