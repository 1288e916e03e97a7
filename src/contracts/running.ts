// The HTTP contract of running a plan: check-ins, feedback requests, progress and the calendar feed.
import { z } from 'zod';
import { checkInStatuses, checkInTypes } from '../domain/plan/check-ins.ts';
import { calendarDate, longText, metricValue, revisionField, shortText, uuid } from './common.ts';

export const checkInType = z.enum(checkInTypes);
export const checkInStatus = z.enum(checkInStatuses);
export const trackStatus = z.enum(['onTrack', 'atRisk', 'offTrack']);

const rating = z
  .number()
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be 1 to 5')
  .max(5, 'must be 1 to 5');
const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO date-time with a time zone, e.g. 2027-01-12T10:00:00+01:00',
});

export const actionItemSchema = z.object({
  id: z.string(),
  text: z.string(),
  ownerUserId: z.string().nullable(),
  dueDate: z.string().nullable(),
  isDone: z.boolean(),
});

export const checkInSchema = z
  .object({
    id: uuid,
    planId: uuid,
    type: checkInType,
    status: checkInStatus,
    scheduledAt: z.string(),
    originalScheduledAt: z.string(),
    isRescheduled: z.boolean(),
    /** The date and time on the organisation's wall clock. */
    localDate: z.string(),
    localTime: z.string(),
    timeZone: z.string(),
    durationMinutes: z.number().int(),
    heldAt: z.string().nullable(),
    notes: z.string().nullable(),
    privateNotes: z
      .string()
      .nullable()
      .optional()
      .describe('Manager and HR only: absent from the employee’s and the mentor’s answers'),
    employeeComments: z.string().nullable(),
    attendees: z.array(z.string()),
    ratings: z.array(z.object({ focusAreaId: z.string(), rating: z.number().int(), status: trackStatus })),
    overallRating: z.number().int().nullable(),
    summary: z.string().nullable(),
    actionItems: z.array(actionItemSchema),
    reason: z.string().nullable(),
    recordedByUserId: z.string().nullable(),
    updatedAt: z.string(),
    revision: revisionField,
  })
  .meta({ id: 'CheckIn' });
export type CheckInView = z.infer<typeof checkInSchema>;

export const checkInListQuery = z.object({
  type: checkInType.optional(),
  status: checkInStatus.optional(),
});

export const checkInCreateBody = z
  .object({
    type: checkInType,
    scheduledAt: instant,
    durationMinutes: z.number().int().min(5).max(480).optional(),
  })
  .strict();

export const checkInUpdateBody = z
  .object({
    status: z.enum(['held', 'missed', 'cancelled']).optional(),
    notes: longText(10_000).nullable().optional(),
    privateNotes: longText(10_000).nullable().optional(),
    employeeComments: longText(5000).nullable().optional(),
    attendees: z.array(shortText(200)).max(20).optional(),
    ratings: z
      .array(z.object({ focusAreaId: uuid, rating, status: trackStatus.optional() }).strict())
      .max(20)
      .optional(),
    overallRating: rating.nullable().optional(),
    summary: longText(10_000).nullable().optional(),
    actionItems: z
      .array(
        z
          .object({
            id: uuid.optional(),
            text: shortText(500),
            ownerUserId: uuid.nullable().optional(),
            dueDate: calendarDate.nullable().optional(),
            isDone: z.boolean().optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    measurements: z
      .array(
        z
          .object({
            metricId: uuid,
            value: metricValue,
            date: calendarDate.optional(),
            note: z.string().max(2000).nullable().optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    scheduledAt: instant.optional(),
    reason: shortText(1000).optional(),
  })
  .strict();
export type CheckInUpdate = z.infer<typeof checkInUpdateBody>;

export const feedbackKind = z.enum(['peer', 'customer']);

const conversionValue = z.number().finite().min(-1e9, 'at least -1e9').max(1e9, 'at most 1e9');

/** How a 1–5 rating becomes a value of the linked metric: a value per rating, or a × rating + b. */
export const ratingConversionSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('map'),
        values: z
          .tuple([conversionValue, conversionValue, conversionValue, conversionValue, conversionValue])
          .describe('The value recorded for ratings 1, 2, 3, 4 and 5'),
      })
      .strict(),
    z.object({ kind: z.literal('linear'), a: conversionValue, b: conversionValue }).strict(),
  ])
  .meta({ id: 'RatingConversion' });

export const feedbackRequestBody = z
  .object({
    name: shortText(200),
    email: z.email({ message: 'must be an email address' }).max(254),
    kind: feedbackKind,
    anonymous: z.boolean().default(false),
    metricId: uuid
      .nullable()
      .optional()
      .describe(
        'The metric the overall rating feeds: one rated 1–5 (its unit names the scale), or any metric with a conversion',
      ),
    conversion: ratingConversionSchema
      .nullable()
      .optional()
      .describe('Required when the metric is not on the 1–5 scale'),
    questions: z
      .array(
        z
          .object({
            kind: z.enum(['rating', 'comment']),
            text: shortText(300),
            isRequired: z.boolean().optional(),
          })
          .strict(),
      )
      .max(10)
      .optional()
      .describe(
        'The questions the giver answers, as the requester phrases them (after an overall 1–5 rating). ' +
          'Without them, neutral questions are asked. The giver sees nothing else of the plan.',
      ),
  })
  .strict();

export const feedbackAnswerSchema = z.object({
  questionId: z.string(),
  question: z.string(),
  rating: z.number().int().nullable(),
  comment: z.string().nullable(),
});

export const feedbackRequestSchema = z
  .object({
    id: uuid,
    planId: uuid,
    kind: feedbackKind,
    name: z.string().nullable().describe('Null for the employee when the feedback is anonymous'),
    email: z.string().nullable(),
    isAnonymous: z.boolean(),
    metricId: z.string().nullable(),
    conversion: ratingConversionSchema.nullable(),
    conversionText: z
      .string()
      .nullable()
      .describe('What a rating records in the metric, in words; null when no metric is linked'),
    status: z.enum(['pending', 'answered', 'expired']),
    expiresAt: z.string(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    questions: z.array(z.object({ id: z.string(), kind: z.enum(['rating', 'comment']), text: z.string() })),
    answers: z.array(feedbackAnswerSchema).nullable(),
  })
  .meta({ id: 'FeedbackRequest' });

export const feedbackQuestionSchema = z.object({
  id: z.string(),
  kind: z.enum(['rating', 'comment']),
  text: z.string(),
  isRequired: z.boolean(),
});

export const publicFeedbackSchema = z
  .object({
    kind: feedbackKind,
    locale: z.enum(['en', 'es']),
    giverName: z.string(),
    employeeName: z.string(),
    organizationName: z.string(),
    isAnonymous: z.boolean(),
    expiresAt: z.string(),
    intro: z.string(),
    questions: z.array(feedbackQuestionSchema),
  })
  .meta({ id: 'FeedbackForm' });

export const feedbackSubmitBody = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: z.string().min(1).max(100),
            rating: rating.nullable().optional(),
            comment: z.string().max(2000, 'at most 2000 characters').nullable().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(30),
  })
  .strict();

const compliance = z.object({
  due: z.number().int(),
  heldOnTime: z.number().int(),
  share: z.number().nullable(),
});

export const progressSchema = z
  .object({
    planId: uuid,
    today: z.string(),
    elapsedShare: z.number(),
    overallProgress: z.number().nullable(),
    focusAreas: z.array(
      z.object({
        focusAreaId: z.string(),
        title: z.string(),
        status: trackStatus.nullable(),
        progress: z.number().nullable(),
        latestRating: z.number().nullable(),
        metrics: z.array(
          z.object({ metricId: z.string(), name: z.string(), status: trackStatus, progress: z.number() }),
        ),
        activities: z
          .object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() })
          .describe('Development activities of the groups that serve this area'),
      }),
    ),
    checkIns: z.object({
      total: z.number().int(),
      scheduled: z.number().int(),
      held: z.number().int(),
      missed: z.number().int(),
      cancelled: z.number().int(),
    }),
    activities: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
    feedback: z.object({ requested: z.number().int(), received: z.number().int() }),
    cadenceCompliance: compliance.extend({ byType: z.record(z.string(), compliance) }),
    ratingTrend: z.array(
      z.object({
        focusAreaId: z.string(),
        points: z.array(
          z.object({
            checkInId: z.string(),
            at: z.string(),
            type: checkInType,
            rating: z.number().int(),
            status: trackStatus,
          }),
        ),
      }),
    ),
    overallRatingTrend: z.array(
      z.object({ checkInId: z.string(), at: z.string(), type: checkInType, rating: z.number().int() }),
    ),
    riskFlags: z.array(
      z.object({
        flag: z.enum([
          'missed_checkins_in_a_row',
          'forecast_misses_target',
          'overdue_activities',
          'no_recent_measurement',
        ]),
        detail: z.string(),
      }),
    ),
  })
  .meta({ id: 'Progress' });

export const progressReportSchema = z.object({
  id: uuid,
  weekStart: z.string(),
  createdAt: z.string(),
  body: z.record(z.string(), z.unknown()),
});
