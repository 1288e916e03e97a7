// The plan and all its rows as loaded from storage: the input of the plan view and of versioning.
import type { PlanStatus } from '../access/policy.ts';
import type { AppealDecision } from './appeals.ts';
import type { OutcomeRecommendation } from './closing.ts';
import type { PlanContent, PlanHeader, PlanOutcome } from './plan.ts';
import type { PlanProcedure } from './readiness.ts';

export type PlanRow = {
  id: string;
  orgId: string;
  employeeId: string;
  status: PlanStatus;
  locale: 'en' | 'es';
  templateId: string;
  templateVersion: number;
  startDate: string;
  durationWeeks: number;
  endDate: string;
  employeeUserId: string | null;
  managerUserId: string | null;
  hrRepUserId: string | null;
  mentorUserId: string | null;
  createdByUserId: string;
  header: PlanHeader;
  content: PlanContent;
  version: number;
  /** Bumped on every update of the row: the plan's ETag. */
  revision: number;
  approvalRound: number;
  majorVersion: number;
  pausedDays: number;
  pausedAt: string | null;
  pauseReason: string | null;
  outcome: PlanOutcome | null;
  /** The manager's recommended outcome, on which HR decides. */
  outcomeRecommendation?: OutcomeRecommendation | null;
  /** The prior conversation, preferred language, accommodation and no-mentor reason (null: none recorded). */
  procedure?: PlanProcedure | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

export type FocusAreaRow = {
  id: string;
  /** Bumped on every update of the row: its ETag (absent in rows rebuilt from a stored version). */
  revision?: number;
  position: number;
  templateKey: string | null;
  title: string;
  goalTitle: string;
  issue: string;
  impact: string;
  examples: { date: string | null; text: string }[];
  requiredStandard: string;
  goal: string;
  measurement: string;
  deadline: string | null;
  successCriteria: string;
};

export type MetricRow = {
  id: string;
  /** Bumped on every update of the row: its ETag (absent in rows rebuilt from a stored version). */
  revision?: number;
  focusAreaId: string | null;
  position: number;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  baseline: number;
  target: number;
};

export type MeasurementRow = {
  id: string;
  metricId: string;
  date: string;
  value: number;
  source: string | null;
  note: string | null;
};

export type ActivityRow = {
  id: string;
  /** Bumped on every update of the row: its ETag (absent in rows rebuilt from a stored version). */
  revision?: number;
  position: number;
  groupKey: 'technical' | 'soft_skills' | 'professional';
  section: string;
  title: string;
  dueDate: string | null;
  status: 'todo' | 'in_progress' | 'done';
  evidence: string | null;
  completedAt: string | null;
};

export type SuccessCriterionRow = {
  id: string;
  /** Bumped on every update of the row: its ETag (absent in rows rebuilt from a stored version). */
  revision?: number;
  position: number;
  text: string;
  isMet: boolean;
  checkedByUserId: string | null;
  checkedAt: string | null;
};

export type ContactRow = {
  id: string;
  /** Bumped on every update of the row: its ETag (absent in rows rebuilt from a stored version). */
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
};

export type ExpenseRow = { id: string; date: string; description: string; amount: number };

export type ApprovalRow = {
  round: number;
  role: 'manager' | 'hr';
  userId: string;
  comment: string | null;
  createdAt: string;
};

export type SignatureRow = {
  id: string;
  version: number;
  role: 'employee' | 'manager' | 'hr';
  userId: string;
  signerName: string;
  typedName: string | null;
  clauses: string[];
  documentHash: string;
  isRefused: boolean;
  response: string | null;
  witnessUserId: string | null;
  witnessName: string | null;
  witnessStatement: string | null;
  witnessedAt: string | null;
  ip: string | null;
  userAgent: string | null;
  signedAt: string;
};

/** The employee's written response, kept as written. */
export type ResponseRow = {
  id: string;
  authorUserId: string;
  context: 'signing' | 'refusal' | 'any_time';
  text: string;
  createdAt: string;
};

export type AppealRow = {
  id: string;
  appellantUserId: string;
  reason: string;
  status: 'open' | 'decided';
  outcomeDecidedByUserId: string;
  decision: AppealDecision | null;
  decisionReason: string | null;
  decidedByUserId: string | null;
  decidedByName: string | null;
  newOutcome: 'successful' | 'unsuccessful' | null;
  newEndDate: string | null;
  createdAt: string;
  decidedAt: string | null;
};

/** A person the plan names, from the directory: for headers, contacts and "checked by" labels. */
export type PersonRow = { userId: string; name: string; email: string; jobTitle: string | null };

export type PlanAggregate = {
  plan: PlanRow;
  focusAreas: FocusAreaRow[];
  metrics: MetricRow[];
  measurements: MeasurementRow[];
  activities: ActivityRow[];
  successCriteria: SuccessCriterionRow[];
  contacts: ContactRow[];
  expenses: ExpenseRow[];
  approvals: ApprovalRow[];
  signatures: SignatureRow[];
  /** Absent in aggregates rebuilt from a stored version. */
  responses?: ResponseRow[];
  appeals?: AppealRow[];
  people: PersonRow[];
};
