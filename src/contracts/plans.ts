// Plans over HTTP: the whole plan as one document, its sections as sub-resources.
import { z } from 'zod';
import type { PlanOutcome } from '../domain/plan/plan.ts';
import type {
  ActivityReadModel,
  AppealReadModel,
  ApprovalReadModel,
  ContactReadModel,
  FocusAreaReadModel,
  MetricReadModel,
  PlanReadModel,
  ProcedureReadModel,
  ResponseReadModel,
  SignatureReadModel,
  SuccessCriterionReadModel,
} from '../domain/plan/read-model.ts';
import type { Timeline } from '../domain/plan/timeline.ts';
import {
  calendarDate,
  longText,
  metricValue,
  page,
  pageQuery,
  revisionField,
  shortText,
  uuid,
} from './common.ts';

export const planStatuses = [
  'draft',
  'in_review',
  'awaiting_acknowledgment',
  'active',
  'paused',
  'closed',
  'cancelled',
] as const;
export const planStatus = z.enum(planStatuses);
export const localeSchema = z.enum(['en', 'es']);

const labelled = z.object({ label: z.string(), text: z.string() });
const clause = z.object({ id: z.string(), text: z.string() });
const cadence = z.object({
  frequency: z.enum(['weekly', 'biweekly']),
  weekday: z.number().int().min(1).max(7),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM'),
  durationMinutes: z.number().int().min(15).max(480),
});

export const smartFindingSchema = z.object({
  criterion: z.enum(['specific', 'measurable', 'achievable', 'relevant', 'timeBound']),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

export const exampleSchema = z.object({
  date: calendarDate.nullable(),
  text: z.string().trim().min(1).max(2000),
});

export const focusAreaSchema = z
  .object({
    id: uuid,
    revision: revisionField
      .optional()
      .describe(
        'Bumped on every change; its ETag is "<revision>", sent back in If-Match (absent on directory contacts)',
      ),
    position: z.number().int(),
    templateKey: z.string().nullable(),
    title: z.string(),
    goalTitle: z.string(),
    issue: z.string(),
    impact: z.string(),
    examples: z.array(exampleSchema),
    requiredStandard: z.string(),
    goal: z.string(),
    measurement: z.string(),
    deadline: z.string().nullable(),
    successCriteria: z.string(),
    metricIds: z.array(uuid),
    smart: z.object({ findings: z.array(smartFindingSchema), isSmart: z.boolean() }),
  })
  .meta({ id: 'FocusArea' });

export const measurementSchema = z.object({
  id: uuid,
  date: z.string(),
  value: z.number(),
  source: z.string().nullable(),
  note: z.string().nullable(),
});

export const metricSchema = z
  .object({
    id: uuid,
    revision: revisionField
      .optional()
      .describe(
        'Bumped on every change; its ETag is "<revision>", sent back in If-Match (absent on directory contacts)',
      ),
    focusAreaId: uuid.nullable(),
    position: z.number().int(),
    name: z.string(),
    unit: z.string(),
    direction: z.enum(['higher', 'lower']),
    baseline: z.number(),
    target: z.number(),
    current: z.number(),
    gap: z.number(),
    isMet: z.boolean(),
    progress: z.number(),
    status: z.enum(['onTrack', 'atRisk', 'offTrack']),
    forecast: z.object({ date: z.string(), value: z.number(), meetsTarget: z.boolean() }).nullable(),
    measurements: z.array(measurementSchema),
  })
  .meta({ id: 'Metric' });

export const activityStatus = z.enum(['todo', 'in_progress', 'done']);
export const activityGroup = z.enum(['technical', 'soft_skills', 'professional']);

export const activitySchema = z
  .object({
    id: uuid,
    revision: revisionField
      .optional()
      .describe(
        'Bumped on every change; its ETag is "<revision>", sent back in If-Match (absent on directory contacts)',
      ),
    position: z.number().int(),
    groupKey: activityGroup,
    section: z.string(),
    title: z.string(),
    dueDate: z.string().nullable(),
    status: activityStatus,
    evidence: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'Activity' });

export const successCriterionSchema = z.object({
  id: uuid,
  revision: revisionField
    .optional()
    .describe(
      'Bumped on every change; its ETag is "<revision>", sent back in If-Match (absent on directory contacts)',
    ),
  position: z.number().int(),
  text: z.string(),
  isMet: z.boolean(),
  checkedByName: z.string().nullable(),
  checkedAt: z.string().nullable(),
});

export const contactSchema = z.object({
  id: uuid,
  revision: revisionField
    .optional()
    .describe(
      'Bumped on every change; its ETag is "<revision>", sent back in If-Match (absent on directory contacts)',
    ),
  kind: z.enum(['contact', 'resource']),
  key: z.string().nullable(),
  position: z.number().int(),
  label: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  location: z.string().nullable(),
  url: z.string().nullable(),
  instructions: z.string().nullable(),
  source: z.enum(['plan', 'organization', 'directory']),
});

const timelineTask = z.object({ week: z.number().int(), date: z.string(), title: z.string() });
export const timelineSchema = z.object({
  phases: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      startWeek: z.number().int(),
      endWeek: z.number().int(),
      startDate: z.string(),
      endDate: z.string(),
      tasks: z.array(timelineTask),
      milestone: z.object({ title: z.string(), week: z.number().int(), date: z.string() }),
    }),
  ),
  milestones: z.array(z.object({ week: z.number().int(), date: z.string(), title: z.string() })),
});

export const signatureSchema = z.object({
  id: uuid,
  role: z.enum(['employee', 'manager', 'hr']),
  userId: uuid,
  signerName: z.string(),
  typedName: z.string().nullable(),
  clauses: z.array(z.string()),
  version: z.number().int(),
  documentHash: z.string(),
  isCurrent: z.boolean().describe('Whether the signed hash still matches the current version'),
  isRefused: z.boolean(),
  response: z.string().nullable(),
  witnessName: z.string().nullable(),
  witnessStatement: z.string().nullable(),
  witnessedAt: z.string().nullable(),
  signedAt: z.string(),
});

export const approvalSchema = z.object({
  role: z.enum(['manager', 'hr']),
  userId: uuid,
  name: z.string(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

export const outcomeRecommendationSchema = z.object({
  outcome: z.enum(['successful', 'unsuccessful']),
  summary: z.string(),
  recommendedByUserId: z.string(),
  recommendedByName: z.string(),
  recommendedAt: z.string(),
});

export const outcomeSchema = z.object({
  outcome: z.enum(['successful', 'unsuccessful', 'cancelled']),
  summary: z.string(),
  areaSummaries: z.array(z.object({ focusAreaId: z.string(), title: z.string(), summary: z.string() })),
  completionSteps: z.array(z.object({ text: z.string(), isDone: z.boolean() })),
  decidedByUserId: z.string(),
  decidedByName: z.string(),
  decidedAt: z.string(),
  reason: z.string().nullable(),
  recommendation: outcomeRecommendationSchema
    .nullable()
    .optional()
    .describe('The manager’s recommendation HR decided on'),
  overrideReason: z
    .string()
    .nullable()
    .optional()
    .describe('HR’s written reason for a successful outcome without a held final evaluation'),
});

export const procedureSchema = z
  .object({
    priorConversation: z.object({
      date: z.string().nullable(),
      participants: z.string(),
      summary: z.string(),
    }),
    preferredLanguage: z.string().nullable(),
    accommodation: z
      .object({
        status: z.enum(['none', 'requested']),
        details: z.string(),
        resolution: z
          .object({
            decision: z.enum(['granted', 'declined', 'withdrawn']),
            note: z.string(),
            decidedByName: z.string(),
            decidedAt: z.string(),
          })
          .nullable()
          .optional()
          .describe('HR’s resolution; absent or null while the request waits'),
      })
      .nullable()
      .describe('null: not asked yet'),
    noMentorReason: z.string(),
  })
  .meta({ id: 'PlanProcedure' });

export const procedureBody = z
  .object({
    priorConversation: z
      .object({
        date: calendarDate.nullable(),
        participants: longText(500),
        summary: longText(4000),
      })
      .partial()
      .strict(),
    preferredLanguage: z
      .string()
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "es"')
      .nullable(),
    accommodation: z
      .object({ status: z.enum(['none', 'requested']), details: longText(2000).default('') })
      .strict()
      .nullable(),
    noMentorReason: longText(1000),
  })
  .partial()
  .strict();

export const responseSchema = z
  .object({
    id: uuid,
    text: z.string(),
    createdAt: z.string(),
    context: z.enum(['signing', 'refusal', 'any_time']),
  })
  .meta({ id: 'EmployeeResponse' });

export const appealSchema = z
  .object({
    id: uuid,
    planId: uuid,
    reason: z.string(),
    status: z.enum(['open', 'decided']),
    createdAt: z.string(),
    decision: z.enum(['upheld', 'changed', 'extended']).nullable(),
    decisionReason: z.string().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    newOutcome: z.enum(['successful', 'unsuccessful']).nullable(),
    newEndDate: z.string().nullable(),
  })
  .meta({ id: 'Appeal' });

/** The template's prompts for the empty fields beside them, by field name: shown as input placeholders. */
const placeholders = z
  .record(z.string(), z.string())
  .describe('Template prompts for the fields of this object while they are empty; never values');

export const planSchema = z
  .object({
    id: uuid,
    status: planStatus,
    locale: localeSchema,
    version: z.number().int(),
    revision: revisionField,
    templateId: z.string(),
    templateVersion: z.number().int(),
    title: z.string(),
    subtitle: z.string(),
    headings: z.record(z.string(), z.string()),
    header: z.object({
      organizationName: z.string(),
      employeeId: uuid,
      employeeName: z.string(),
      position: z.string(),
      department: z.string(),
      managerUserId: uuid.nullable(),
      managerName: z.string().nullable(),
      hrRepUserId: uuid.nullable(),
      hrRepName: z.string().nullable(),
      mentorUserId: uuid.nullable(),
      mentorName: z.string().nullable(),
      startDate: z.string(),
      endDate: z.string(),
      durationWeeks: z.number().int(),
      reviewPeriod: z.object({ weeks: z.number().int(), days: z.number().int() }),
      nextReviewDate: z.string(),
      createdByName: z.string(),
      createdAt: z.string(),
      pausedAt: z.string().nullable(),
    }),
    overview: z.object({ purpose: z.string(), philosophyIntro: z.string(), philosophy: z.array(labelled) }),
    issuesIntro: z.string(),
    goalsIntro: z.string(),
    focusAreas: z.array(focusAreaSchema),
    metrics: z.array(metricSchema),
    smart: z.object({
      intro: z.string(),
      criteria: z.array(z.object({ key: z.string(), label: z.string(), text: z.string() })),
    }),
    activities: z.array(activitySchema),
    development: z.object({
      groups: z.array(
        z.object({ key: activityGroup, title: z.string(), done: z.number().int(), total: z.number().int() }),
      ),
    }),
    support: z.object({
      manager: z.array(labelled),
      managerCheckIn: cadence,
      mentor: z.object({
        name: z.string().nullable(),
        meetingFrequency: z.string(),
        focusAreas: z.string(),
        supportProvided: z.string(),
        session: cadence,
        placeholders: placeholders.optional(),
      }),
      hr: z.object({
        name: z.string().nullable(),
        availability: z.string(),
        supportAreas: z.string(),
        additionalResources: z.string(),
        placeholders: placeholders.optional(),
      }),
      training: z.object({
        internal: z.string(),
        external: z.string(),
        online: z.string(),
        certification: z.string(),
        placeholders: placeholders.optional(),
      }),
      budget: z.object({
        total: z.number(),
        spent: z.number(),
        remaining: z.number(),
        currency: z.string(),
        expenses: z.array(
          z.object({ id: uuid, date: z.string(), description: z.string(), amount: z.number() }),
        ),
      }),
      hoursPerWeek: z.number(),
    }),
    timeline: timelineSchema,
    tracking: z.object({
      methods: z.array(labelled),
      metricsByArea: z.array(z.object({ title: z.string(), metrics: z.array(z.string()) })),
    }),
    successCriteria: z.array(successCriterionSchema),
    responsibilities: z.object({
      manager: z.array(labelled),
      employee: z.array(labelled),
      hr: z.array(labelled),
    }),
    additionalResources: z.array(labelled),
    documentation: z.object({
      required: z.array(labelled),
      maintenance: z.array(labelled),
      reviewProcess: z.array(labelled),
    }),
    guidance: z.object({
      successFactors: z.array(labelled),
      bestPractices: z.array(labelled),
      commonChallenges: z.array(labelled),
    }),
    contacts: z.array(contactSchema),
    resources: z.array(contactSchema),
    acknowledgmentClauses: z.object({
      employee: z.array(clause),
      manager: z.array(clause),
      hr: z.array(clause),
    }),
    acknowledgmentIntros: z.object({ employee: z.string(), manager: z.string(), hr: z.string() }),
    approvals: z.array(approvalSchema),
    signatures: z.array(signatureSchema),
    review: z.object({ schedule: z.array(labelled), updateProcess: z.array(labelled) }),
    completion: z.object({ intro: z.string(), steps: z.array(z.string()), closingNote: z.string() }),
    outcome: outcomeSchema.nullable(),
    outcomeRecommendation: outcomeRecommendationSchema
      .nullable()
      .optional()
      .describe('While active: the outcome the manager recommends to HR'),
    confidentialityNotice: z.string(),
    consequences: z.string().describe('What follows if the goals are not met'),
    procedure: procedureSchema,
    responses: z
      .array(responseSchema)
      .describe('The employee’s written responses, kept as written, oldest first'),
    appeals: z.array(appealSchema),
    allowedActions: z.array(z.string()).describe('Lifecycle actions this user may take now'),
    permissions: z.object({
      canEdit: z.boolean(),
      canUpdateActivities: z.boolean(),
      canRecordProgress: z.boolean(),
      canReadAudit: z.boolean(),
      canSignAs: z.array(z.enum(['employee', 'manager', 'hr'])),
    }),
  })
  .meta({ id: 'Plan' });
export type PlanView = z.infer<typeof planSchema>;

/** True only when A and B are the same type: a field added, dropped, made optional or retyped on one side breaks it. */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The plan's schema has exactly the shape of the domain's plan read model, part by part: a drift fails `tsc` here.
true satisfies Equals<PlanView, PlanReadModel>;
true satisfies Equals<z.infer<typeof focusAreaSchema>, FocusAreaReadModel>;
true satisfies Equals<z.infer<typeof metricSchema>, MetricReadModel>;
true satisfies Equals<z.infer<typeof activitySchema>, ActivityReadModel>;
true satisfies Equals<z.infer<typeof successCriterionSchema>, SuccessCriterionReadModel>;
true satisfies Equals<z.infer<typeof contactSchema>, ContactReadModel>;
true satisfies Equals<z.infer<typeof timelineSchema>, Timeline>;
true satisfies Equals<z.infer<typeof approvalSchema>, ApprovalReadModel>;
true satisfies Equals<z.infer<typeof signatureSchema>, SignatureReadModel>;
true satisfies Equals<z.infer<typeof outcomeSchema>, PlanOutcome>;
true satisfies Equals<z.infer<typeof procedureSchema>, ProcedureReadModel>;
true satisfies Equals<z.infer<typeof responseSchema>, ResponseReadModel>;
true satisfies Equals<z.infer<typeof appealSchema>, AppealReadModel>;

/** The plan as HTTP answers it: the read model as it is, since the schema has its shape (proved above). */
export const toPlanResponse = (plan: PlanReadModel): PlanView => plan;

/** A mentor sees the development plan only: never issues, metrics or signatures. */
export const mentorPlanSchema = z
  .object({
    id: uuid,
    status: planStatus,
    locale: localeSchema,
    header: z.object({
      employeeName: z.string(),
      position: z.string(),
      startDate: z.string(),
      endDate: z.string(),
    }),
    activities: z.array(activitySchema),
    support: z.object({
      mentor: z.object({ meetingFrequency: z.string(), focusAreas: z.string(), supportProvided: z.string() }),
    }),
    isMentorView: z.literal(true),
  })
  .meta({ id: 'MentorPlan' });

export const planSummarySchema = z
  .object({
    id: uuid,
    status: planStatus,
    locale: localeSchema,
    employeeId: uuid,
    employeeName: z.string(),
    position: z.string(),
    department: z.string(),
    managerName: z.string().nullable(),
    hrRepName: z.string().nullable(),
    startDate: z.string(),
    endDate: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    progress: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullable()
      .describe("Mean progress of the plan's metrics, in percent, as on the plan page; null without metrics"),
    risk: z
      .enum(['onTrack', 'atRisk', 'offTrack'])
      .nullable()
      .describe(
        'The worst status of its focus areas today (metrics against time elapsed, latest rating, overdue activities), as on the plan page; null when nothing is measured or rated yet',
      ),
  })
  .meta({ id: 'PlanSummary' });
export const planPage = page(planSummarySchema);

export const planListSorts = [
  'employeeName',
  'department',
  'managerName',
  'status',
  'startDate',
  'endDate',
  'progress',
  'risk',
] as const;
export type PlanListSort = (typeof planListSorts)[number];

export const planListQuery = pageQuery.extend({
  status: z
    .string()
    .trim()
    .max(200)
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(planStatus).min(1, 'name at least one status'))
    .optional()
    .describe(`One or more statuses, comma-separated (${planStatuses.join(', ')})`),
  sort: z
    .enum(planListSorts)
    .default('endDate')
    .describe('The column to sort by; ties are broken by plan id. Status sorts in lifecycle order'),
  order: z.enum(['asc', 'desc']).default('asc'),
  department: z.string().trim().max(200).optional(),
  managerId: uuid.optional().describe('user id of the manager'),
  employeeId: uuid.optional(),
  q: z.string().trim().max(200).optional(),
});

export const planCreateBody = z
  .object({
    employeeId: uuid,
    startDate: calendarDate,
    durationWeeks: z
      .number()
      .int()
      .min(4, 'must be at least 4 weeks')
      .max(26, 'must be at most 26 weeks')
      .default(12),
    locale: localeSchema.default('en'),
    hrRepId: uuid.nullable().optional().describe('user id of the HR representative'),
    mentorId: uuid.nullable().optional().describe('user id of the mentor'),
    templateId: z.string().max(100).optional().describe('"default" or the id of an organisation template'),
  })
  .strict();
export type PlanCreate = z.infer<typeof planCreateBody>;

const editableLabelled = z.array(z.object({ label: shortText(300), text: longText(4000) })).max(30);

export const planUpdateBody = z
  .object({
    startDate: calendarDate,
    durationWeeks: z.number().int().min(4, 'must be at least 4 weeks').max(26, 'must be at most 26 weeks'),
    endDate: calendarDate.describe('Sets the duration: whole weeks from the start date'),
    hrRepId: uuid.nullable(),
    mentorId: uuid.nullable(),
    employeeName: shortText(),
    position: shortText(),
    department: shortText(),
    overview: z
      .object({ purpose: longText(), philosophyIntro: longText(1000), philosophy: editableLabelled })
      .partial()
      .strict(),
    issuesIntro: longText(2000),
    goalsIntro: longText(2000),
    support: z
      .object({
        manager: editableLabelled,
        managerCheckIn: cadence,
        mentor: z
          .object({
            meetingFrequency: shortText(300),
            focusAreas: longText(2000),
            supportProvided: longText(2000),
            session: cadence,
          })
          .partial()
          .strict(),
        hr: z
          .object({
            availability: longText(2000),
            supportAreas: longText(2000),
            additionalResources: longText(2000),
          })
          .partial()
          .strict(),
        training: z
          .object({
            internal: longText(2000),
            external: longText(2000),
            online: longText(2000),
            certification: longText(2000),
          })
          .partial()
          .strict(),
        trainingBudget: z.number().min(0).max(1_000_000),
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code'),
        hoursPerWeek: z.number().min(0).max(40),
      })
      .partial()
      .strict(),
    timeline: timelineSchema,
    tracking: z.object({ methods: editableLabelled }).strict(),
    responsibilities: z
      .object({ manager: editableLabelled, employee: editableLabelled, hr: editableLabelled })
      .partial()
      .strict(),
    additionalResources: editableLabelled,
    confidentialityNotice: longText(2000),
    consequences: longText(2000),
    procedure: procedureBody,
  })
  .partial()
  .strict();
export type PlanUpdate = z.infer<typeof planUpdateBody>;

export const focusAreaBody = z
  .object({
    title: shortText(),
    goalTitle: shortText(),
    issue: longText(),
    impact: longText(),
    examples: z.array(exampleSchema).max(50),
    requiredStandard: longText(),
    goal: longText(),
    measurement: longText(),
    deadline: calendarDate.nullable(),
    successCriteria: longText(),
    position: z.number().int().min(0).max(100),
  })
  .partial()
  .strict();
export type FocusAreaInput = z.infer<typeof focusAreaBody>;

export const focusAreaCreateBody = focusAreaBody.extend({ title: shortText() });
export const reorderBody = z.object({ ids: z.array(uuid).min(1).max(100) }).strict();
/** Activities removed together: one change, one version. */
export const activityRemovalsBody = z
  .object({ ids: z.array(uuid).min(1).max(100).describe('ids of activities of this plan, each once') })
  .strict();

export const metricBody = z
  .object({
    name: shortText(),
    unit: z.string().trim().max(40),
    direction: z.enum(['higher', 'lower']),
    baseline: metricValue,
    target: metricValue,
    focusAreaId: uuid.nullable().optional(),
  })
  .strict();
export const metricUpdateBody = metricBody.partial().strict();
export type MetricInput = z.infer<typeof metricBody>;

export const activityBody = z
  .object({
    groupKey: activityGroup,
    section: shortText(),
    title: shortText(300),
    dueDate: calendarDate.nullable(),
    status: activityStatus,
    evidence: longText(2000).nullable(),
  })
  .partial()
  .strict();
export const activityCreateBody = activityBody.extend({
  groupKey: activityGroup,
  section: shortText(),
  title: shortText(300),
});

export const successCriterionBody = z
  .object({ text: shortText(500), isMet: z.boolean() })
  .partial()
  .strict();
export const successCriterionCreateBody = z.object({ text: shortText(500) }).strict();

export const contactBody = z
  .object({
    kind: z.enum(['contact', 'resource']),
    key: z.string().max(60).nullable(),
    label: shortText(),
    name: z.string().max(200).nullable(),
    email: z.email({ message: 'must be an email address' }).max(254).nullable(),
    phone: z.string().max(60).nullable(),
    location: z.string().max(200).nullable(),
    url: z.url({ message: 'must be a URL' }).max(2000).nullable(),
    instructions: z.string().max(1000).nullable(),
  })
  .partial()
  .strict();
export const contactCreateBody = contactBody.extend({
  kind: z.enum(['contact', 'resource']),
  label: shortText(),
});

export const expenseBody = z
  .object({ date: calendarDate, description: shortText(300), amount: z.number().positive().max(1_000_000) })
  .strict();

export const templateCopyBody = z
  .object({ locale: localeSchema, name: shortText(), body: z.record(z.string(), z.unknown()).optional() })
  .strict();
