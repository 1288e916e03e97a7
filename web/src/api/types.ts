// Types of the HTTP contract as the web app uses them: derived from src/contracts, never redefined.
import type { z } from 'zod';
import type {
  meResponse,
  roleSchema,
  sessionSchema,
  tokenCreatedSchema,
  tokenSchema,
  userSchema,
} from '../../../src/contracts/auth.ts';
import type { employeeCreateBody, employeeSchema } from '../../../src/contracts/employees.ts';
import type {
  adjustmentChanges,
  adjustmentSchema,
  auditEventSchema,
  commentSchema,
  diffSchema,
  signBody,
  transitionBody,
  verificationSchema,
  versionSummarySchema,
} from '../../../src/contracts/lifecycle.ts';
import type { notificationSchema } from '../../../src/contracts/notifications.ts';
import type { organizationSchema, userSummarySchema } from '../../../src/contracts/organization.ts';
import type {
  activitySchema,
  contactSchema,
  focusAreaBody,
  mentorPlanSchema,
  metricBody,
  metricSchema,
  planCreateBody,
  planSchema,
  planStatus,
  planSummarySchema,
  planUpdateBody,
  signatureSchema,
  smartFindingSchema,
  successCriterionSchema,
} from '../../../src/contracts/plans.ts';

export type User = z.infer<typeof userSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Me = z.infer<typeof meResponse>;
export type ApiToken = z.infer<typeof tokenSchema>;
export type ApiTokenCreated = z.infer<typeof tokenCreatedSchema>;
export type Session = z.infer<typeof sessionSchema>;

export type Employee = z.infer<typeof employeeSchema>;
export type EmployeeCreate = z.input<typeof employeeCreateBody>;

export type PlanView = z.infer<typeof planSchema>;
export type MentorPlanView = z.infer<typeof mentorPlanSchema>;
export type PlanSummary = z.infer<typeof planSummarySchema>;
export type PlanStatus = z.infer<typeof planStatus>;
export type PlanCreate = z.input<typeof planCreateBody>;
export type PlanUpdate = z.input<typeof planUpdateBody>;
export type FocusArea = PlanView['focusAreas'][number];
export type FocusAreaInput = z.input<typeof focusAreaBody>;
export type Metric = z.infer<typeof metricSchema>;
export type MetricInput = z.input<typeof metricBody>;
export type Activity = z.infer<typeof activitySchema>;
export type SuccessCriterion = z.infer<typeof successCriterionSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type Signature = z.infer<typeof signatureSchema>;
export type SmartFinding = z.infer<typeof smartFindingSchema>;
export type SignerRole = Signature['role'];

export type Page<T> = { items: T[]; nextCursor: string | null };

/** What GET /plans/{id} answers: the whole plan, or for a mentor the development view. */
export type AnyPlanView = PlanView | MentorPlanView;
export const isMentorView = (plan: AnyPlanView): plan is MentorPlanView =>
  (plan as MentorPlanView).isMentorView === true;

export type Template = {
  id: string;
  name: string;
  locale: 'en' | 'es';
  version: number;
  basedOn: string;
  isDefault: boolean;
};

export type TransitionBody = z.input<typeof transitionBody>;
export type TransitionAction = TransitionBody['action'];
export type SignBody = z.input<typeof signBody>;
export type PlanVersion = z.infer<typeof versionSummarySchema>;
export type VersionDiff = z.infer<typeof diffSchema>;
export type VersionChange = VersionDiff['changes'][number];
export type AdjustmentChanges = z.input<typeof adjustmentChanges>;
export type Adjustment = z.infer<typeof adjustmentSchema>;
export type PlanComment = z.infer<typeof commentSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type AuditVerification = z.infer<typeof verificationSchema>;
export type UserSummary = z.infer<typeof userSummarySchema>;
export type Organization = z.infer<typeof organizationSchema>;

// The notification schema lives beside its route rather than in src/contracts.
export type AppNotification = z.infer<typeof notificationSchema>;
