// Readiness, responses, appeals and outcome evidence over HTTP.
import { z } from 'zod';
import { calendarDate, longText, shortText } from './common.ts';
import { responseSchema } from './plans.ts';

export const readinessItemSchema = z
  .object({
    code: z.string().describe('Stable code, e.g. "issue.undated_example" or "wording.vague_judgment"'),
    severity: z.enum(['error', 'warning']),
    message: z.string().describe('In the plan’s language'),
    why: z.string().describe('Why it matters'),
    fix: z.string().describe('How to fix it'),
    path: z.string().optional().describe('Where in the plan, e.g. "focusAreas/<id>/examples"'),
    acceptance: z
      .object({ code: z.string(), reason: z.string(), acceptedByName: z.string(), acceptedAt: z.string() })
      .optional()
      .describe('Set when HR accepted this warning: it no longer blocks'),
  })
  .meta({ id: 'ReadinessItem' });

export const readinessSchema = z
  .object({
    items: z.array(readinessItemSchema),
    isReady: z.boolean().describe('No error and every warning accepted: the plan may be sent'),
  })
  .meta({ id: 'Readiness' });

export const acceptanceBody = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100)
      .regex(/^[a-z_.]+$/, 'must be a readiness item code'),
    reason: shortText(2000),
  })
  .strict();

export const responseBody = z.object({ text: shortText(5000) }).strict();

export const accommodationRequestBody = z.object({ details: shortText(2000) }).strict();

export const accommodationResolutionBody = z
  .object({ decision: z.enum(['granted', 'declined', 'withdrawn']), note: longText(2000).default('') })
  .strict();

export const appealBody = z.object({ reason: shortText(5000) }).strict();

export const appealDecisionBody = z
  .object({
    decision: z.enum(['upheld', 'changed', 'extended']),
    reason: shortText(5000),
    outcome: z.enum(['successful', 'unsuccessful']).optional().describe('With "changed": the new outcome'),
    summary: longText(5000).optional().describe('With "changed": the new outcome’s summary'),
    endDate: calendarDate.optional().describe('With "extended": the plan’s new end date'),
  })
  .strict();

export const outcomeEvidenceSchema = z
  .object({
    metrics: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        unit: z.string(),
        direction: z.enum(['higher', 'lower']),
        baseline: z.number(),
        target: z.number(),
        current: z.number(),
        progress: z.number(),
        isMet: z.boolean(),
        measurementCount: z.number().int(),
      }),
    ),
    checkIns: z.object({ held: z.number().int(), scheduled: z.number().int() }),
    mentorSessions: z.object({ held: z.number().int(), scheduled: z.number().int() }),
    activities: z.object({ done: z.number().int(), total: z.number().int() }),
    responses: z.array(responseSchema),
  })
  .meta({ id: 'OutcomeEvidence' });
