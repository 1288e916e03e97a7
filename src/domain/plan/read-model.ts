// The plan read model: the whole plan as people read it, stored rows plus everything computed (gaps, progress,
// SMART findings, review dates, budget). Composed by `composePlanReadModel`; the plan's HTTP schema is proved
// at compile time to have exactly this shape, so a change here must be made there too.
import type { PlanStatus } from '../access/policy.ts';
import type { Locale } from '../template/template.ts';
import type {
  ActivityRow,
  ExpenseRow,
  FocusAreaRow,
  MeasurementRow,
  MetricRow,
  SuccessCriterionRow,
} from './aggregate.ts';
import type { OutcomeRecommendation } from './closing.ts';
import type { MetricEvaluation } from './metrics.ts';
import type { Cadence, Labelled, PlanOutcome } from './plan.ts';
import type { AccommodationResolution } from './readiness.ts';
import type { SmartFinding } from './smart.ts';
import type { Timeline } from './timeline.ts';

/** A row's fields with those a read adds, as one object type (the contracts compare their shapes exactly). */
type Flat<T> = { [K in keyof T]: T[K] };

export type SignerRole = 'employee' | 'manager' | 'hr';

/** Who the plan is about and who runs it, with its dates and the review rhythm computed from them. */
export type PlanHeaderReadModel = {
  organizationName: string;
  employeeId: string;
  employeeName: string;
  position: string;
  department: string;
  managerUserId: string | null;
  managerName: string | null;
  hrRepUserId: string | null;
  hrRepName: string | null;
  mentorUserId: string | null;
  mentorName: string | null;
  startDate: string;
  endDate: string;
  durationWeeks: number;
  reviewPeriod: { weeks: number; days: number };
  nextReviewDate: string;
  createdByName: string;
  createdAt: string;
  pausedAt: string | null;
};

/** A focus area with the ids of the metrics that measure it and its SMART check. */
export type FocusAreaReadModel = Flat<
  FocusAreaRow & {
    metricIds: string[];
    smart: { findings: SmartFinding[]; isSmart: boolean };
  }
>;

export type MeasurementReadModel = Flat<Omit<MeasurementRow, 'metricId'>>;

/** A metric with its evaluation today (current value, gap, progress, status, forecast) and its measurements by date. */
export type MetricReadModel = Flat<
  MetricRow &
    Pick<MetricEvaluation, 'current' | 'gap' | 'isMet' | 'progress' | 'status' | 'forecast'> & {
      measurements: MeasurementReadModel[];
    }
>;

export type ActivityReadModel = ActivityRow;

export type DevelopmentGroupReadModel = {
  key: ActivityRow['groupKey'];
  title: string;
  done: number;
  total: number;
};

export type SuccessCriterionReadModel = Flat<
  Omit<SuccessCriterionRow, 'checkedByUserId'> & { checkedByName: string | null }
>;

/** A contact or resource: stored with the plan, or one of the plan's people from the directory. */
export type ContactReadModel = {
  id: string;
  /** Absent on directory contacts, which are not stored with the plan. */
  revision?: number;
  kind: 'contact' | 'resource';
  key: string | null;
  position: number;
  label: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  location: string | null;
  url: string | null;
  instructions: string | null;
  source: 'plan' | 'organization' | 'directory';
};

export type BudgetReadModel = {
  total: number;
  spent: number;
  remaining: number;
  currency: string;
  expenses: ExpenseRow[];
};

export type SupportReadModel = {
  manager: Labelled[];
  managerCheckIn: Cadence;
  mentor: {
    name: string | null;
    meetingFrequency: string;
    focusAreas: string;
    supportProvided: string;
    session: Cadence;
    placeholders?: Record<string, string>;
  };
  hr: {
    name: string | null;
    availability: string;
    supportAreas: string;
    additionalResources: string;
    placeholders?: Record<string, string>;
  };
  training: {
    internal: string;
    external: string;
    online: string;
    certification: string;
    placeholders?: Record<string, string>;
  };
  budget: BudgetReadModel;
  hoursPerWeek: number;
};

export type ApprovalReadModel = {
  role: 'manager' | 'hr';
  userId: string;
  name: string;
  comment: string | null;
  createdAt: string;
};

export type SignatureReadModel = {
  id: string;
  role: SignerRole;
  userId: string;
  signerName: string;
  typedName: string | null;
  clauses: string[];
  version: number;
  documentHash: string;
  /** Whether the signed hash still matches the current version. */
  isCurrent: boolean;
  isRefused: boolean;
  response: string | null;
  witnessName: string | null;
  witnessStatement: string | null;
  witnessedAt: string | null;
  signedAt: string;
};

/** The procedure as read: what was recorded before the plan, and the accommodation request with its resolution. */
export type ProcedureReadModel = {
  priorConversation: { date: string | null; participants: string; summary: string };
  preferredLanguage: string | null;
  accommodation: {
    status: 'none' | 'requested';
    details: string;
    resolution?: AccommodationResolution | null;
  } | null;
  noMentorReason: string;
};

export type ResponseReadModel = {
  id: string;
  text: string;
  createdAt: string;
  context: 'signing' | 'refusal' | 'any_time';
};

export type AppealReadModel = {
  id: string;
  planId: string;
  reason: string;
  status: 'open' | 'decided';
  createdAt: string;
  decision: 'upheld' | 'changed' | 'extended' | null;
  decisionReason: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  newOutcome: 'successful' | 'unsuccessful' | null;
  newEndDate: string | null;
};

/** What the reader may do with the plan now. */
export type PlanPermissions = {
  canEdit: boolean;
  canUpdateActivities: boolean;
  canRecordProgress: boolean;
  canReadAudit: boolean;
  canSignAs: SignerRole[];
};

type Clause = { id: string; text: string };

export type PlanReadModel = {
  id: string;
  status: PlanStatus;
  locale: Locale;
  version: number;
  revision: number;
  templateId: string;
  templateVersion: number;
  title: string;
  subtitle: string;
  headings: Record<string, string>;
  header: PlanHeaderReadModel;
  overview: { purpose: string; philosophyIntro: string; philosophy: Labelled[] };
  issuesIntro: string;
  goalsIntro: string;
  focusAreas: FocusAreaReadModel[];
  metrics: MetricReadModel[];
  smart: { intro: string; criteria: { key: string; label: string; text: string }[] };
  activities: ActivityReadModel[];
  development: { groups: DevelopmentGroupReadModel[] };
  support: SupportReadModel;
  timeline: Timeline;
  tracking: { methods: Labelled[]; metricsByArea: { title: string; metrics: string[] }[] };
  successCriteria: SuccessCriterionReadModel[];
  responsibilities: { manager: Labelled[]; employee: Labelled[]; hr: Labelled[] };
  additionalResources: Labelled[];
  documentation: { required: Labelled[]; maintenance: Labelled[]; reviewProcess: Labelled[] };
  guidance: { successFactors: Labelled[]; bestPractices: Labelled[]; commonChallenges: Labelled[] };
  contacts: ContactReadModel[];
  resources: ContactReadModel[];
  acknowledgmentClauses: Record<SignerRole, Clause[]>;
  acknowledgmentIntros: Record<SignerRole, string>;
  approvals: ApprovalReadModel[];
  signatures: SignatureReadModel[];
  review: { schedule: Labelled[]; updateProcess: Labelled[] };
  completion: { intro: string; steps: string[]; closingNote: string };
  outcome: PlanOutcome | null;
  /** While active: the outcome the manager recommends to HR (set by whoever decides who may read it). */
  outcomeRecommendation?: OutcomeRecommendation | null;
  confidentialityNotice: string;
  /** What follows if the goals are not met. */
  consequences: string;
  procedure: ProcedureReadModel;
  /** The employee's written responses, kept as written, oldest first. */
  responses: ResponseReadModel[];
  appeals: AppealReadModel[];
  /** Lifecycle actions this reader may take now. */
  allowedActions: string[];
  permissions: PlanPermissions;
};
