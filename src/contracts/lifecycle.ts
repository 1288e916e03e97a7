// The lifecycle over HTTP: transitions, signatures, adjustments, versions, comments, audit.
import { z } from 'zod';
import { calendarDate, longText, shortText, uuid } from './common.ts';
import { focusAreaBody, metricBody, metricUpdateBody } from './plans.ts';

export const transitionBody = z
  .object({
    action: z
      .enum(['submit', 'approve', 'reject', 'pause', 'resume', 'cancel', 'close', 'recommend'])
      .describe('close: HR decides the outcome; recommend: the manager recommends one to HR'),
    reason: longText(2000).optional(),
    comment: longText(2000).optional(),
    outcome: z.enum(['successful', 'unsuccessful']).optional(),
    summary: longText(5000).optional(),
    overrideReason: longText(2000)
      .optional()
      .describe(
        'close as successful without a held final evaluation: HR’s written reason, kept in the record',
      ),
    areaSummaries: z
      .array(z.object({ focusAreaId: uuid, summary: longText(2000) }).strict())
      .max(50)
      .optional(),
    completionSteps: z
      .array(z.object({ text: shortText(500), isDone: z.boolean() }).strict())
      .max(20)
      .optional(),
  })
  .strict();

export const signBody = z.union([
  z
    .object({
      role: z.enum(['employee', 'manager', 'hr']).optional(),
      typedName: shortText(200),
      clauses: z.array(z.string().max(60)).max(30),
      refused: z.literal(false).optional(),
      response: longText(5000).optional().describe('The employee’s written response, kept with the plan'),
    })
    .strict(),
  z
    .object({
      role: z.literal('employee').optional(),
      refused: z.literal(true),
      response: z.string().trim().min(1, 'write the reason for refusing to sign').max(5000),
    })
    .strict(),
]);

export const witnessBody = z
  .object({ statement: z.string().trim().min(1, 'is required').max(5000) })
  .strict();

const rowChanges = <A extends z.ZodType, U extends z.ZodType>(add: A, update: U) =>
  z
    .object({
      add: z.array(add).max(50).optional(),
      update: z.array(update).max(50).optional(),
      remove: z.array(uuid).max(50).optional(),
    })
    .strict();

export const adjustmentChanges = z
  .object({
    plan: z
      .object({
        endDate: calendarDate.optional(),
        hrRepId: uuid.nullable().optional(),
        mentorId: uuid.nullable().optional(),
      })
      .strict()
      .optional(),
    focusAreas: rowChanges(
      focusAreaBody.extend({ title: shortText() }),
      focusAreaBody.extend({ id: uuid }),
    ).optional(),
    metrics: rowChanges(metricBody, metricUpdateBody.extend({ id: uuid })).optional(),
    successCriteria: rowChanges(
      z.object({ text: shortText(500) }).strict(),
      z.object({ id: uuid, text: shortText(500) }).strict(),
    ).optional(),
  })
  .strict();
export type AdjustmentChanges = z.infer<typeof adjustmentChanges>;

export const adjustmentBody = z
  .object({
    reason: z.string().trim().min(1, 'explain why the plan must change').max(5000),
    changes: adjustmentChanges,
  })
  .strict();

export const decisionBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().min(1, 'is required').max(5000),
  })
  .strict();

const changeSchema = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });

export const adjustmentSchema = z
  .object({
    id: uuid,
    kind: z.enum(['minor', 'major', 'pause']),
    status: z.enum(['pending', 'approved', 'rejected', 'applied']),
    changes: z.record(z.string(), z.unknown()),
    summary: z.array(z.union([changeSchema, z.string()])),
    reason: z.string(),
    proposedByName: z.string(),
    decidedByName: z.string().nullable(),
    decisionReason: z.string().nullable(),
    fromVersion: z.number().int(),
    toVersion: z.number().int().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Adjustment' });

export const versionSummarySchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  reason: z.string().nullable(),
  documentHash: z.string(),
});

export const versionSchema = versionSummarySchema.extend({ snapshot: z.record(z.string(), z.unknown()) });
export const diffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(changeSchema),
});

export const commentBody = z
  .object({
    body: z.string().trim().min(1, 'is required').max(10000),
    kind: z.enum(['comment', 'response']).default('comment'),
  })
  .strict();
export const commentSchema = z.object({
  id: uuid,
  authorName: z.string(),
  kind: z.enum(['comment', 'response']),
  body: z.string(),
  createdAt: z.string(),
});

export const auditEventSchema = z.object({
  seq: z.number().int(),
  action: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export const verificationSchema = z.object({
  isIntact: z.boolean(),
  chains: z.number().int(),
  events: z.number().int(),
  checkpoints: z.number().int(),
  problems: z.array(
    z.object({
      chain: z.string(),
      seq: z.number().int(),
      eventId: z.number().int().nullable(),
      problem: z.string(),
      message: z.string(),
    }),
  ),
});
