// Sign-in, the current user, sessions and API tokens over HTTP.

import { z } from 'zod';
import { inboxKinds } from '../domain/inbox.ts';

export const loginBody = z
  .object({
    email: z.string().trim().min(1, 'is required').max(254),
    password: z.string().min(1, 'is required').max(500),
  })
  .strict();

export const roleSchema = z.enum(['hr_admin', 'hr', 'manager', 'employee', 'mentor', 'auditor']);

export const userSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    email: z.string(),
    locale: z.enum(['en', 'es']),
    roles: z.array(roleSchema),
    employeeId: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const loginResponse = z.object({ user: userSchema, csrfToken: z.string() });

export const meResponse = z.object({
  user: userSchema,
  csrfToken: z.string().nullable(),
  organization: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  /** Secret: anyone with it reads your check-ins; regenerate it with POST /v1/me/calendar-token. */
  calendarFeedUrl: z.string(),
  isEmailOptOut: z.boolean(),
});

export const meUpdateBody = z
  .object({
    locale: z.enum(['en', 'es']).optional(),
    isEmailOptOut: z.boolean().optional().describe('true turns off reminder and report emails'),
  })
  .strict();

export const tokenCreateBody = z.object({ name: z.string().trim().min(1, 'is required').max(100) }).strict();
export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const tokenCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  token: z.string().describe('Shown once; store it now.'),
});
export const sessionSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  isCurrent: z.boolean(),
});

export const inboxItemSchema = z.object({
  kind: z.enum(inboxKinds),
  planId: z.string(),
  employeeName: z.string(),
  title: z.string().describe("What to do, in the person's language"),
  action: z.enum(['approve', 'sign', 'witness', 'decide', 'record', 'recommend', 'close']),
  dueAt: z.string().nullable(),
  subjectId: z.string().nullable().describe('The check-in, adjustment or signature the action concerns'),
});
export const inboxQuery = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(50)
      .describe("Items at most (a plan's items stay on one page, so one plan with more may exceed it)"),
    cursor: z.string().max(500).optional().describe('The nextCursor of the previous page'),
  })
  .strict();
export const inboxResponse = z.object({
  items: z.array(inboxItemSchema).describe('The most urgent first: dated items by date, then the rest'),
  nextCursor: z.string().nullable().describe('Where the next page starts; null when nothing more waits'),
  counts: z
    .record(z.enum(inboxKinds), z.number().int().min(0))
    .describe('How many items of each kind wait in the whole inbox, every page together'),
});
