// Shared pieces of the HTTP contract: ids, dates, pagination, problem details.
import { z } from 'zod';
import { isValidDate } from '../domain/plan/dates.ts';
import { hasControlCharacter } from '../domain/text.ts';

/** Kept here too: request checks and imports use it beside `controlCharactersMessage`. */
export { hasControlCharacter };

export const uuid = z.uuid({ message: 'must be a valid id' });
export const calendarDate = z
  .string()
  .refine((s) => isValidDate(s), { message: 'must be a calendar date YYYY-MM-DD' });
export const controlCharactersMessage = 'must not contain control characters (such as NUL)';

/**
 * A required text, trimmed, without control characters. Up to 200 characters it is one line (titles, names,
 * labels: no tabs or line breaks either); longer ones are edited in text areas and keep their line breaks.
 */
export const shortText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !hasControlCharacter(s, max > 200), { message: controlCharactersMessage });
/** Free text over several lines: tabs and line breaks are kept, other control characters refused. */
export const longText = (max = 5000) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !hasControlCharacter(s, true), { message: controlCharactersMessage });

export const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z
            .string()
            .optional()
            .describe(
              'A stable code for the message (e.g. date_outside_plan), to show it in the reader’s language',
            ),
          params: z
            .record(z.string(), z.union([z.string(), z.number()]))
            .optional()
            .describe('Values the message names; dates as YYYY-MM-DD'),
        }),
      )
      .optional(),
    allowedActions: z.array(z.string()).optional(),
    etag: z.string().optional().describe('On 412: the ETag the resource has now'),
  })
  .meta({ id: 'Problem' });

/** The problems a route that reads and writes may answer: bad request, forbidden, not found, conflict, invalid. */
export const problemResponses = {
  400: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  422: problemSchema,
} as const;

export const encodeCursor = (value: unknown): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (!cursor) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A metric's baseline, target or measured value. Bounded so that every figure computed from it (gap, progress,
 * forecast, a chart's scale) stays a finite number.
 */
export const metricValue = z
  .number()
  .finite()
  .min(-1e12, 'must be at least -1,000,000,000,000')
  .max(1e12, 'must be at most 1,000,000,000,000');

/** A resource's revision: bumped on every change; its ETag is "<revision>", which writes send back in If-Match. */
export const revisionField = z
  .number()
  .int()
  .describe('Bumped on every change; its ETag is "<revision>", sent back in If-Match');
