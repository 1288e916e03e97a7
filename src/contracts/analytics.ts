// HR analytics: the overview and the consistency view (JSON, or CSV with Accept: text/csv).
import { z } from 'zod';
import { planStatus } from './plans.ts';

const scope = z
  .enum(['organization', 'assigned'])
  .describe(
    'organization: every plan (HR administrators, auditors); assigned: the HR representative’s plans',
  );
const shareOf = z.number().min(0).max(1).nullable().describe('part ÷ whole, null when the whole is zero');

const groupSummary = z.discriminatedUnion('isSuppressed', [
  z.object({
    key: z.string(),
    label: z.string(),
    isSuppressed: z.literal(true).describe('fewer than five people: no counts are shown'),
    headcount: z.null(),
    plans: z.null(),
    plansPer100: z.null(),
  }),
  z.object({
    key: z.string(),
    label: z.string(),
    isSuppressed: z.literal(false),
    headcount: z.number().int(),
    plans: z.number().int(),
    plansPer100: z.number(),
  }),
]);

export const overviewTables = ['byStatus', 'byMonth', 'byDepartment', 'byManager', 'summary'] as const;

export const analyticsOverviewQuery = z.object({
  table: z
    .enum(overviewTables)
    .default('summary')
    .describe('With Accept: text/csv, the table sent as CSV (JSON always carries every table)'),
});

export const analyticsOverviewSchema = z
  .object({
    scope,
    asOf: z.string(),
    headcount: z.number().int().describe('people in the directory now (leavers excluded)'),
    plans: z.number().int().describe('plans that left draft'),
    plansPer100: z.number().describe('plans per 100 people'),
    byStatus: z.array(z.object({ status: planStatus, plans: z.number().int() })),
    byMonth: z.array(
      z.object({
        month: z.string().describe('YYYY-MM'),
        started: z.number().int(),
        closed: z.number().int(),
      }),
    ),
    byDepartment: z.array(groupSummary),
    byManager: z.array(groupSummary).describe('the 25 managers whose reports have the most plans'),
    outcomes: z.object({
      successful: z.number().int(),
      unsuccessful: z.number().int(),
      cancelled: z.number().int(),
    }),
    medianLengthWeeks: z.number().nullable(),
    signing: z.object({
      plans: z.number().int().describe('plans fully signed (employee, manager and HR)'),
      medianDaysToFullSignature: z
        .number()
        .nullable()
        .describe('from the last approval to the last signature'),
    }),
    checkIns: z.object({
      held: z.number().int(),
      due: z.number().int().describe('scheduled before now, not cancelled'),
      share: shareOf,
    }),
    support: z.object({
      activitiesDone: z.number().int(),
      activitiesPlanned: z.number().int(),
      share: shareOf,
      mentorSessionsHeld: z.number().int(),
      mentorSessionsDue: z.number().int(),
    }),
    atRisk: z.object({
      plans: z.number().int().describe('active plans with at least one risk flag now'),
      activePlans: z.number().int(),
    }),
  })
  .meta({ id: 'AnalyticsOverview' });
export type AnalyticsOverview = z.infer<typeof analyticsOverviewSchema>;

export const consistencyQuery = z.object({
  by: z.enum(['manager', 'department']),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .optional()
    .describe('at most this many groups, flagged first (CSV: every group)'),
});

const test = z.object({
  pValue: z.number(),
  adjustedPValue: z.number().describe("Holm's adjustment across the groups shown"),
  isFlagged: z.boolean().describe('adjusted p-value below the threshold'),
});

const consistencyGroup = z.discriminatedUnion('isSuppressed', [
  z.object({ key: z.string(), label: z.string(), isSuppressed: z.literal(true) }),
  z.object({
    key: z.string(),
    label: z.string(),
    isSuppressed: z.literal(false),
    headcount: z.number().int(),
    plans: z.number().int(),
    peopleWithPlan: z.number().int(),
    plansPer100: z.number(),
    expectedPeopleWithPlan: z.number(),
    medianLengthWeeks: z.number().nullable(),
    successful: z.number().int(),
    unsuccessful: z.number().int(),
    cancelled: z.number().int(),
    unsuccessfulShare: shareOf,
    measurableGoalsShare: shareOf,
    datedExamplesShare: shareOf,
    supportDeliveredShare: shareOf,
    mentorSessionsHeld: z.number().int(),
    rateTest: test,
    outcomeTest: test.nullable(),
    isFlagged: z.boolean(),
  }),
]);

export const consistencySchema = z
  .object({
    by: z.enum(['manager', 'department']),
    scope,
    asOf: z.string(),
    norm: z.object({
      headcount: z.number().int(),
      plans: z.number().int(),
      peopleWithPlan: z.number().int(),
      plansPer100: z.number(),
      peopleWithPlanShare: z.number(),
      medianLengthWeeks: z.number().nullable(),
      unsuccessfulShare: shareOf,
      measurableGoalsShare: shareOf,
      datedExamplesShare: shareOf,
      supportDeliveredShare: shareOf,
    }),
    method: z.object({
      rateTest: z.string(),
      outcomeTest: z.string(),
      correction: z.literal('holm'),
      threshold: z.number(),
      minimumGroupSize: z.number().int(),
    }),
    groupCount: z.number().int(),
    flaggedCount: z.number().int(),
    suppressedCount: z.number().int(),
    groups: z.array(consistencyGroup),
  })
  .meta({ id: 'Consistency' });
export type ConsistencyView = z.infer<typeof consistencySchema>;
