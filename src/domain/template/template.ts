// The plan template: every section of the PIP document as data, in one language.
import { z } from 'zod';

export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];

const text = z.string().min(1).max(4000);
/** A field the plan fills in: empty in the template, with its prompt among the `placeholders` beside it. */
const fillIn = z.string().max(4000);
const placeholdersOf = <K extends string>(keys: readonly [K, ...K[]]) =>
  z
    .object(Object.fromEntries(keys.map((k) => [k, text])) as Record<K, typeof text>)
    .partial()
    .optional()
    .describe('Prompts shown in the empty fields; never stored as values');
/** Keys of the section headings and field labels every template must translate. */
export const headingKeys = [
  'employeeName',
  'position',
  'department',
  'manager',
  'hrRepresentative',
  'startDate',
  'endDate',
  'reviewPeriod',
  'overview',
  'purpose',
  'philosophy',
  'issues',
  'primaryConcerns',
  'issue',
  'impact',
  'examples',
  'requiredStandard',
  'metrics',
  'metric',
  'current',
  'required',
  'gap',
  'progress',
  'status',
  'forecast',
  'baseline',
  'target',
  'unit',
  'goals',
  'primaryGoals',
  'goal',
  'measurement',
  'deadline',
  'successCriteria',
  'smart',
  'development',
  'trainingActivities',
  'supportResources',
  'managerSupport',
  'mentorAssignment',
  'mentor',
  'meetingFrequency',
  'focusAreas',
  'supportProvided',
  'hrSupport',
  'availability',
  'supportAreas',
  'additionalHrResources',
  'trainingResources',
  'internalTraining',
  'externalTraining',
  'onlineLearning',
  'certificationPrograms',
  'timeline',
  'phase',
  'weeks',
  'week',
  'milestone',
  'keyMilestones',
  'progressTracking',
  'trackingMetrics',
  'trackingMethods',
  'successCriteriaList',
  'supportAndResources',
  'managerResponsibilities',
  'employeeResponsibilities',
  'hrResponsibilities',
  'additionalResources',
  'trainingBudget',
  'budgetSpent',
  'budgetRemaining',
  'timeAllocation',
  'hoursPerWeek',
  'documentation',
  'requiredDocumentation',
  'recordMaintenance',
  'reviewUpdateProcess',
  'successFactors',
  'keySuccessFactors',
  'bestPractices',
  'commonChallenges',
  'contacts',
  'primaryContacts',
  'additionalSupport',
  'resourcesTools',
  'name',
  'email',
  'phone',
  'location',
  'url',
  'instructions',
  'acknowledgment',
  'employeeAcknowledgment',
  'managerAcknowledgment',
  'hrAcknowledgment',
  'signature',
  'date',
  'printName',
  'signedAt',
  'documentHash',
  'refusedToSign',
  'employeeResponse',
  'witnessStatement',
  'notSigned',
  'planReview',
  'reviewSchedule',
  'updateProcess',
  'planCompletion',
  'planCreatedBy',
  'planApprovedBy',
  'nextReviewDate',
  'confidentialityNotice',
  'page',
] as const;
export type HeadingKey = (typeof headingKeys)[number];

/** A labelled line of the document, e.g. "Weekly Check-ins: 1-hour meetings to discuss progress". */
const labelled = z.object({ label: text, text });
const clause = z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), text });

export const focusAreaTemplateSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** Heading of the issue ("Technical Skills Gap"). */
  title: text,
  /** Heading of the goal ("Technical Proficiency"). */
  goalTitle: text,
  /**
   * Prompts, not values: a new plan starts with these fields empty and shows the prompt as a placeholder;
   * a value still equal to its prompt counts as empty.
   */
  issue: text,
  impact: text,
  examples: text,
  requiredStandard: text,
  goal: text,
  measurement: text,
  timeline: text,
  successCriteria: text,
  /** Suggested progress metrics of the area (the seed's "Progress Tracking" checklist). */
  suggestedMetrics: z.array(text).min(1),
});

export const phaseTemplateSchema = z.object({
  key: z.string(),
  title: text,
  /** Weeks in the 12-week pattern. */
  weeks: z.number().int().min(1),
  /** One task per week of the phase, in order. */
  tasks: z.array(text).min(1),
  milestone: text,
});

export const planTemplateSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().min(1),
  locale: z.enum(locales),
  name: text,
  title: text,
  subtitle: text,
  /** Section headings, used by the web app and documents in the plan's language. */
  headings: z.object(
    Object.fromEntries(headingKeys.map((k) => [k, text])) as Record<HeadingKey, typeof text>,
  ),
  overview: z.object({
    /** May contain {employeeName} and {jobTitle}. */
    purpose: text,
    philosophyIntro: text,
    philosophy: z.array(labelled).min(1),
  }),
  issuesIntro: text,
  goalsIntro: text,
  focusAreas: z.array(focusAreaTemplateSchema).min(1),
  smart: z.object({
    intro: text,
    criteria: z
      .array(
        z.object({
          key: z.enum(['specific', 'measurable', 'achievable', 'relevant', 'timeBound']),
          label: text,
          text,
        }),
      )
      .length(5),
  }),
  development: z.object({
    groups: z
      .array(
        z.object({
          key: z.enum(['technical', 'soft_skills', 'professional']),
          title: text,
          sections: z.array(z.object({ title: text, items: z.array(text).min(1) })).min(1),
        }),
      )
      .length(3),
  }),
  support: z.object({
    manager: z.array(labelled).min(1),
    mentor: z.object({
      meetingFrequency: text,
      focusAreas: fillIn,
      supportProvided: fillIn,
      placeholders: placeholdersOf(['focusAreas', 'supportProvided']),
    }),
    hr: z.object({
      availability: fillIn,
      supportAreas: fillIn,
      additionalResources: fillIn,
      placeholders: placeholdersOf(['availability', 'supportAreas', 'additionalResources']),
    }),
    training: z.object({
      internal: fillIn,
      external: fillIn,
      online: fillIn,
      certification: fillIn,
      placeholders: placeholdersOf(['internal', 'external', 'online', 'certification']),
    }),
    defaults: z.object({
      managerCheckIn: z.object({
        frequency: z.enum(['weekly', 'biweekly']),
        durationMinutes: z.number().int(),
      }),
      mentorSession: z.object({
        frequency: z.enum(['weekly', 'biweekly']),
        durationMinutes: z.number().int(),
      }),
      hoursPerWeek: z.number().min(0),
      trainingBudget: z.number().min(0),
      currency: z.string().length(3),
    }),
  }),
  timeline: z.object({
    /** The 12-week pattern; scaled to the plan's length. */
    phases: z.array(phaseTemplateSchema).min(1),
    keyMilestones: z.array(z.object({ week: z.number().int().min(1), title: text })).min(1),
  }),
  tracking: z.object({
    methods: z.array(labelled).min(1),
  }),
  successCriteria: z.array(text).min(1),
  responsibilities: z.object({
    manager: z.array(labelled).min(1),
    employee: z.array(labelled).min(1),
    hr: z.array(labelled).min(1),
  }),
  additionalResources: z.array(labelled).min(1),
  documentation: z.object({
    required: z.array(labelled).min(1),
    maintenance: z.array(labelled).min(1),
    reviewProcess: z.array(labelled).min(1),
  }),
  guidance: z.object({
    successFactors: z.array(labelled).min(1),
    bestPractices: z.array(labelled).min(1),
    commonChallenges: z.array(labelled).min(1),
  }),
  contacts: z.object({
    additional: z.array(z.object({ key: z.string(), label: text })).min(1),
    resources: z.array(z.object({ key: z.string(), label: text })).min(1),
  }),
  acknowledgment: z.object({
    employee: z.object({ intro: text, clauses: z.array(clause).min(1) }),
    manager: z.object({ intro: text, clauses: z.array(clause).min(1) }),
    hr: z.object({ intro: text, clauses: z.array(clause).min(1) }),
  }),
  review: z.object({
    schedule: z.array(labelled).min(1),
    updateProcess: z.array(labelled).min(1),
  }),
  completion: z.object({ intro: text, steps: z.array(text).min(1), closingNote: text }),
  confidentialityNotice: text,
  /** What follows if the goals are not met: the plan's default wording, edited per plan. */
  consequences: text.optional(),
});

export type PlanTemplate = z.infer<typeof planTemplateSchema>;
export type FocusAreaTemplate = z.infer<typeof focusAreaTemplateSchema>;
export type PhaseTemplate = z.infer<typeof phaseTemplateSchema>;
