// Field errors from a problem+json answer, looked up by form field path, next to the fields they name.
import i18next from 'i18next';
import { useMemo } from 'react';
import { fieldPath, isApiError, type ProblemFieldError } from '../api/client.ts';
import { formatDate } from './format.ts';

/** A field error as the server sends it: the English message, and a stable code with params when it has one. */
type CodedFieldError = ProblemFieldError & { code?: string; params?: Record<string, string | number> };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The message of one field error in the interface language: by its code (`forms.errors.<code>`), with dates in
 * the params shown in the locale's format. An error without a known code keeps the server's words.
 */
/** Whether the interface has its own words for this error (otherwise the server's English stands). */
export const isTranslatable = (error: CodedFieldError): boolean =>
  Boolean(error.code) && i18next.exists(`forms.errors.${error.code}`);

export function fieldErrorMessage(error: CodedFieldError): string {
  const key = `forms.errors.${error.code}`;
  if (!error.code || !i18next.exists(key)) return error.message;
  const params = Object.fromEntries(
    Object.entries(error.params ?? {}).map(([name, value]) => [
      name,
      typeof value === 'string' && isoDate.test(value) ? formatDate(value) : value,
    ]),
  );
  return i18next.t(key, params);
}

/** Field path (`examples.0.text`) → message in the interface language; the first error of each path. */
export function translatedFieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const e of error.errors as CodedFieldError[]) {
    const key = fieldPath(e.path);
    if (!(key in out)) out[key] = fieldErrorMessage(e);
  }
  return out;
}

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
  const map = translatedFieldErrors(error);
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
