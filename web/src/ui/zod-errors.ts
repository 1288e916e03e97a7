// Client-side validation with the contract's Zod schemas, with messages in the interface language.
import type { TFunction } from 'i18next';
import type { z } from 'zod';

/** Field path (`examples.0.text`) → translated message, for the first issue of each field. */
export function zodErrors<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: TFunction,
): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (path in out) continue;
    out[path] = messageOf(issue, t);
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.minLength', { min: issue.minimum });
      if (issue.origin === 'number') return t('validation.min', { min: issue.minimum });
      return t('validation.required');
    case 'too_big':
      if (issue.origin === 'string') return t('validation.maxLength', { max: issue.maximum });
      if (issue.origin === 'number') return t('validation.max', { max: issue.maximum });
      return t('validation.tooMany', { max: issue.maximum });
    case 'invalid_type':
      return issue.input === undefined || issue.input === null || issue.input === ''
        ? t('validation.required')
        : t('validation.invalid');
    case 'invalid_format':
      return issue.format === 'email'
        ? t('validation.email')
        : issue.format === 'uuid'
          ? t('validation.required')
          : t('validation.invalid');
    case 'custom':
      // The contract's refinements check calendar dates.
      return t('validation.date');
    default:
      return t('validation.invalid');
  }
}
