// What every use case receives: its dependencies, the acting user, and the request it serves.
import type { Config } from '../config.ts';
import type { Database, Tx } from '../db/client.ts';
import type { Actor } from '../domain/access/actor.ts';
import type { IfMatch } from '../domain/revision.ts';

export type RequestMeta = { requestId: string | null; ip: string | null; userAgent: string | null };

export type Deps = {
  database: Database;
  config: Config;
  /** The clock; tests pass a controlled one. */
  now: () => Date;
  /** Called after a transaction commits, e.g. to wake the job queue. */
  afterCommit?: (event: string) => void;
};

export type ServiceContext = {
  deps: Deps;
  actor: Actor;
  meta: RequestMeta;
  /** The request's If-Match, checked against the one resource the use case writes (see preconditions.ts). */
  ifMatch?: IfMatch;
};

export const noRequest: RequestMeta = { requestId: null, ip: null, userAgent: null };

/** What a background job does on its own is recorded with the job's name in place of a request id. */
export const jobMeta = (job: string): RequestMeta => ({ requestId: `job:${job}`, ip: null, userAgent: null });

/** Runs one use case's writes in one transaction. */
export function inTransaction<T>(deps: Deps, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.database.db.transaction((tx) => fn(tx as Tx));
}
