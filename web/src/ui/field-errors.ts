// Field errors from a problem+json answer, looked up by form field path, next to the fields they name.
import { useMemo } from 'react';
import { isApiError } from '../api/client.ts';

export type FieldErrorLookup = {
  /** The message for this field path (`title`, `examples.0.text`), if the server named it. */
  (path: string): string | undefined;
  /**
   * Messages that name no field of this form. A known path covers itself and what lies below it; a `*`
   * stands for one list index and covers only that exact path (`measurements.*.value` shows the value of
   * each measurement, so an error at `measurements.0.date` is still unmatched and must be listed).
   */
  unmatched: (knownPaths: string[]) => string[];
  /** The same, as [path, message] pairs, for forms that name the field in words. */
  unmatchedEntries: (knownPaths: string[]) => [string, string][];
  hasAny: boolean;
};

export function fieldErrorsFrom(error: unknown, prefix = ''): FieldErrorLookup {
  const map = isApiError(error) ? error.fieldErrors : {};
  const lookup = ((path: string) => map[prefix + path]) as FieldErrorLookup;
  const covers = (known: string, path: string) => {
    const full = prefix + known;
    if (!full.includes('*')) return path === full || path.startsWith(`${full}.`);
    const escaped = full.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '\\d+');
    return new RegExp(`^${escaped}$`).test(path);
  };
  lookup.unmatchedEntries = (known) =>
    Object.entries(map).filter(([path]) => !known.some((k) => covers(k, path)));
  lookup.unmatched = (known) =>
    lookup.unmatchedEntries(known).map(([path, message]) => (path ? `${path}: ${message}` : message));
  lookup.hasAny = Object.keys(map).length > 0;
  return lookup;
}

export const useFieldErrors = (error: unknown, prefix = ''): FieldErrorLookup =>
  useMemo(() => fieldErrorsFrom(error, prefix), [error, prefix]);

/** Merges client-side messages (checked first) with the server's. */
export function mergeErrors(client: Record<string, string | undefined>, server: FieldErrorLookup) {
  return (path: string): string | undefined => client[path] ?? server(path);
}
