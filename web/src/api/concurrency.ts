// Optimistic concurrency on the client: the ETag of what a form was based on, and what changed when it is stale.
import { type ApiError, isApiError } from './client.ts';

/** The ETag the server gives a revision (`"7"`); undefined when the resource carries none. */
export const etagOf = (revision: number | undefined | null): string | undefined =>
  typeof revision === 'number' ? `"${revision}"` : undefined;

/** A write refused because someone else changed the resource since it was read. */
export type StaleWriteError<T = unknown> = ApiError & {
  /** The resource as stored now, reloaded after the refusal. */
  latest?: T;
  /** The fields whose stored values differ from those the form was based on. */
  changedFields?: string[];
};

export const isStaleWrite = <T = unknown>(error: unknown): error is StaleWriteError<T> =>
  isApiError(error) && error.status === 412;

/** Bookkeeping fields that move on every write and say nothing to the person editing. */
const bookkeeping = new Set(['revision', 'updatedAt', 'version', 'smart', 'permissions', 'allowedActions']);

/** The top-level fields whose values differ between two versions of a resource. */
export function changedFields(before: object, after: object): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => !bookkeeping.has(k) && JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
