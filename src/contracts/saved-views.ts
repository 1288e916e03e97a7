// Saved views over HTTP: a person's named filters and sort of the plans list.
import { z } from 'zod';
import { revisionField, shortText, uuid } from './common.ts';
import { planListSorts, planStatus } from './plans.ts';

/**
 * The plans list query a view keeps: exactly the list's filters, sort and page size. `status` is a list here
 * (the list takes it comma-separated); a cursor is a place in one reading of the list, so a view never keeps one.
 */
export const savedViewQuery = z
  .object({
    status: z
      .array(planStatus)
      .min(1, 'must name at least one status')
      .max(7)
      .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a status' })
      .optional(),
    department: z.string().trim().max(200).optional(),
    managerId: uuid.optional().describe('user id of the manager'),
    employeeId: uuid.optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(planListSorts).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.number().int().min(1).max(100).optional(),
  })
  .strict()
  .meta({ id: 'SavedViewQuery' });
export type SavedViewQuery = z.infer<typeof savedViewQuery>;

export const savedViewSchema = z
  .object({
    id: uuid,
    name: z.string(),
    query: savedViewQuery,
    revision: revisionField,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof savedViewSchema>;

export const savedViewList = z.object({ items: z.array(savedViewSchema) });

export const savedViewCreateBody = z.object({ name: shortText(100), query: savedViewQuery }).strict();
export type SavedViewCreate = z.infer<typeof savedViewCreateBody>;

export const savedViewUpdateBody = z
  .object({ name: shortText(100), query: savedViewQuery })
  .partial()
  .strict()
  .refine((body) => body.name !== undefined || body.query !== undefined, {
    message: 'name or query is required',
  });
export type SavedViewUpdate = z.infer<typeof savedViewUpdateBody>;
