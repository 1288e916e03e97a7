// Field errors from a problem+json answer, looked up by form field path, next to the fields they name.
import { useMemo } from 'react';
import { isApiError } from '../api/client.ts';

export type FieldErrorLookup = {
  /** The message for this field path (`title`, `examples.0.text`), if the server named it. */
  (path: string): string | undefined;
  /** Messages that name no field of this form. */
  unmatched: (knownPaths: string[]) => string[];
  hasAny: boolean;
};

export function fieldErrorsFrom(error: unknown, prefix = ''): FieldErrorLookup {
  const map = isApiError(error) ? error.fieldErrors : {};
  const lookup = ((path: string) => map[prefix + path]) as FieldErrorLookup;
  lookup.unmatched = (known) =>
    Object.entries(map)
      .filter(([path]) => !known.some((k) => path === prefix + k || path.startsWith(`${prefix + k}.`)))
      .map(([path, message]) => (path ? `${path}: ${message}` : message));
  lookup.hasAny = Object.keys(map).length > 0;
  return lookup;
}

export const useFieldErrors = (error: unknown, prefix = ''): FieldErrorLookup =>
  useMemo(() => fieldErrorsFrom(error, prefix), [error, prefix]);

/** Merges client-side messages (checked first) with the server's. */
export function mergeErrors(client: Record<string, string | undefined>, server: FieldErrorLookup) {
  return (path: string): string | undefined => client[path] ?? server(path);
}
