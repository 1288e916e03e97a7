// The access policy: one place that says who may do what to which plan or directory record.
import type { Actor, Role } from './actor.ts';

export type PlanStatus =
  | 'draft'
  | 'in_review'
  | 'awaiting_acknowledgment'
  | 'active'
  | 'paused'
  | 'closed'
  | 'cancelled';

/** The facts of a plan the policy needs; nothing else of the plan reaches it. */
export type PlanFacts = {
  orgId: string;
  status: PlanStatus;
  employeeUserId: string | null;
  managerUserId: string | null;
  hrRepUserId: string | null;
  mentorUserId: string | null;
  createdByUserId: string;
};

export type EmployeeFacts = {
  orgId: string;
  employeeId: string;
  userId: string | null;
  managerId: string | null;
};

export type Relationship = 'self' | 'manager' | 'hr_rep' | 'mentor' | 'creator';

export type PlanAction =
  | 'plan.read'
  | 'plan.read_development'
  | 'plan.read_private'
  | 'plan.read_approver_comments'
  | 'plan.update'
  | 'plan.submit'
  | 'plan.approve_as_manager'
  | 'plan.approve_as_hr'
  | 'plan.sign_as_employee'
  | 'plan.sign_as_manager'
  | 'plan.sign_as_hr'
  | 'plan.witness'
  | 'plan.pause'
  | 'plan.cancel'
  | 'plan.close'
  | 'plan.recommend_outcome'
  | 'plan.propose_adjustment'
  | 'plan.decide_adjustment'
  | 'plan.comment'
  | 'plan.update_activity'
  | 'plan.record_progress'
  | 'plan.record_mentor_session'
  | 'plan.request_feedback'
  | 'plan.read_audit'
  | 'plan.read_readiness'
  | 'plan.accept_readiness_warning'
  | 'plan.read_accommodation'
  /** Record an accommodation request (the employee, or HR on their behalf); it pauses the plan. */
  | 'plan.request_accommodation'
  /** Grant, decline or withdraw an accommodation request; resolving resumes a plan paused for it. */
  | 'plan.resolve_accommodation'
  | 'plan.respond'
  | 'plan.appeal'
  | 'plan.decide_appeal'
  | 'plan.read_outcome_evidence'
  /** Hand the plan to another manager (the first one left or moved). */
  | 'plan.reassign_manager';

/** `employee.export_data`: everything Mejora holds about the person, for a data-access request (HR administrators). */
export type EmployeeAction =
  | 'employee.read'
  | 'employee.write'
  | 'employee.create_plan'
  | 'employee.export_data'
  /** Invite the person to sign in, and see whether and how they can. */
  | 'employee.invite';

const hiddenFromEmployee: ReadonlySet<PlanStatus> = new Set(['draft', 'in_review']);

export function relationshipsTo(actor: Actor, plan: PlanFacts): Set<Relationship> {
  const rel = new Set<Relationship>();
  if (actor.orgId !== plan.orgId) return rel;
  if (plan.employeeUserId === actor.userId) rel.add('self');
  if (plan.managerUserId === actor.userId) rel.add('manager');
  if (plan.hrRepUserId === actor.userId) rel.add('hr_rep');
  if (plan.mentorUserId === actor.userId) rel.add('mentor');
  if (plan.createdByUserId === actor.userId) rel.add('creator');
  return rel;
}

type Context = { roles: ReadonlySet<Role>; rel: Set<Relationship>; status: PlanStatus };

const isHrAdmin = (c: Context) => c.roles.has('hr_admin');
/** HR administrators oversee every plan; HR representatives the plans assigned to them or that they created. */
const isPlanHr = (c: Context) =>
  isHrAdmin(c) || (c.roles.has('hr') && (c.rel.has('hr_rep') || c.rel.has('creator')));
const isPlanManager = (c: Context) => c.rel.has('manager');
const isVisibleEmployee = (c: Context) => c.rel.has('self') && !hiddenFromEmployee.has(c.status);
const isAuditor = (c: Context) => c.roles.has('auditor');

const rules: Record<PlanAction, (c: Context) => boolean> = {
  'plan.read': (c) => isPlanHr(c) || isPlanManager(c) || isVisibleEmployee(c) || isAuditor(c),
  'plan.read_development': (c) =>
    isPlanHr(c) || isPlanManager(c) || isVisibleEmployee(c) || isAuditor(c) || c.rel.has('mentor'),
  'plan.read_private': (c) => (isPlanHr(c) || isPlanManager(c)) && !c.rel.has('self'),
  // What the manager writes for the approvers at submission, and the approvers' own comments.
  'plan.read_approver_comments': (c) =>
    (isPlanHr(c) || isPlanManager(c) || isAuditor(c)) && !c.rel.has('self'),
  'plan.update': (c) => (isPlanHr(c) || isPlanManager(c)) && !c.rel.has('self'),
  'plan.submit': (c) => (isPlanHr(c) || isPlanManager(c)) && !c.rel.has('self'),
  'plan.approve_as_manager': (c) => isPlanManager(c),
  'plan.approve_as_hr': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.sign_as_employee': (c) => isVisibleEmployee(c),
  'plan.sign_as_manager': (c) => isPlanManager(c),
  'plan.sign_as_hr': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.witness': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.pause': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.cancel': (c) => isPlanHr(c) && !c.rel.has('self'),
  // The outcome is HR's decision, on the manager's recommendation.
  'plan.close': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.recommend_outcome': (c) => isPlanManager(c) && !c.rel.has('self'),
  'plan.propose_adjustment': (c) => (isPlanHr(c) || isPlanManager(c)) && !c.rel.has('self'),
  'plan.decide_adjustment': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.comment': (c) => isPlanHr(c) || isPlanManager(c) || isVisibleEmployee(c),
  'plan.update_activity': (c) => isPlanHr(c) || isPlanManager(c) || isVisibleEmployee(c),
  'plan.record_progress': (c) => (isPlanHr(c) || isPlanManager(c)) && !c.rel.has('self'),
  'plan.record_mentor_session': (c) => c.rel.has('mentor') || isPlanHr(c) || isPlanManager(c),
  'plan.request_feedback': (c) => (isPlanHr(c) || isPlanManager(c)) && !c.rel.has('self'),
  'plan.read_audit': (c) => (isPlanHr(c) || isAuditor(c)) && !c.rel.has('self'),
  'plan.read_readiness': (c) => (isPlanHr(c) || isPlanManager(c) || isAuditor(c)) && !c.rel.has('self'),
  'plan.accept_readiness_warning': (c) => isPlanHr(c) && !c.rel.has('self'),
  // An accommodation request may reveal health: HR, auditors and the employee read its details, nobody else.
  'plan.read_accommodation': (c) =>
    ((isPlanHr(c) || isAuditor(c)) && !c.rel.has('self')) || isVisibleEmployee(c),
  'plan.request_accommodation': (c) => (isPlanHr(c) && !c.rel.has('self')) || isVisibleEmployee(c),
  'plan.resolve_accommodation': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.respond': (c) => isVisibleEmployee(c),
  'plan.appeal': (c) => isVisibleEmployee(c),
  // Who decided the outcome never decides its appeal: the service checks that beside this rule.
  'plan.decide_appeal': (c) => isPlanHr(c) && !c.rel.has('self'),
  'plan.read_outcome_evidence': (c) =>
    (isPlanHr(c) || isPlanManager(c) || isAuditor(c)) && !c.rel.has('self'),
  'plan.reassign_manager': (c) => isPlanHr(c) && !c.rel.has('self'),
};

/** Actions on the development plan and mentor sessions: the mentor's whole view. */
const developmentActions: ReadonlySet<PlanAction> = new Set([
  'plan.read_development',
  'plan.update_activity',
  'plan.record_mentor_session',
]);

/**
 * The read an actor needs to even know what an action concerns: an actor without it gets 404, not 403.
 * A mentor sees the development plan only, so every other section answers them 404.
 */
export const readNeededFor = (action: PlanAction): 'plan.read' | 'plan.read_development' =>
  developmentActions.has(action) ? 'plan.read_development' : 'plan.read';

/** May the actor do this to the plan? Organisations never see each other's plans. */
export function can(actor: Actor, action: PlanAction, plan: PlanFacts): boolean {
  if (actor.orgId !== plan.orgId) return false;
  return rules[action]({ roles: actor.roles, rel: relationshipsTo(actor, plan), status: plan.status });
}

/** May the actor do this to a directory record? `isInLine` says the actor manages the employee. */
export function canOnEmployee(actor: Actor, action: EmployeeAction, employee: EmployeeFacts): boolean {
  if (actor.orgId !== employee.orgId) return false;
  const isHrRole = actor.roles.has('hr_admin') || actor.roles.has('hr');
  const isSelf = actor.employeeId === employee.employeeId;
  const isManagerOf = actor.employeeId !== null && employee.managerId === actor.employeeId;
  switch (action) {
    case 'employee.read':
      return isHrRole || actor.roles.has('auditor') || isSelf || isManagerOf;
    case 'employee.write':
    case 'employee.invite':
      return isHrRole;
    case 'employee.create_plan':
      return !isSelf && (isHrRole || isManagerOf);
    case 'employee.export_data':
      return actor.roles.has('hr_admin');
  }
}

export type OrganizationAction = 'organization.manage_scim_tokens';

/** May the actor do this to their organisation's settings? Directory provisioning belongs to HR administrators. */
export function canOnOrganization(actor: Actor, action: OrganizationAction, orgId: string): boolean {
  if (actor.orgId !== orgId) return false;
  switch (action) {
    case 'organization.manage_scim_tokens':
      return actor.roles.has('hr_admin');
  }
}

/** Roles that see the whole directory (others see themselves and their reports). */
export const seesWholeDirectory = (actor: Actor): boolean =>
  actor.roles.has('hr_admin') || actor.roles.has('hr') || actor.roles.has('auditor');

/** Roles that may list every plan of the organisation; others see plans related to them. */
export const seesAllPlans = (actor: Actor): boolean =>
  actor.roles.has('hr_admin') || actor.roles.has('auditor');

/**
 * Who reads HR analytics, and over which plans: HR administrators and auditors the organisation's,
 * HR representatives the plans assigned to them or that they created; nobody else any.
 */
export function analyticsScopeOf(actor: Actor): 'organization' | 'assigned' | null {
  if (actor.roles.has('hr_admin') || actor.roles.has('auditor')) return 'organization';
  if (actor.roles.has('hr')) return 'assigned';
  return null;
}

export type DirectoryAction = 'directory.import' | 'directory.read_reassignments';

/** May the actor import the directory or see the plans left without their manager? HR administrators and HR. */
export function canOnDirectory(actor: Actor, action: DirectoryAction, orgId: string): boolean {
  if (actor.orgId !== orgId) return false;
  switch (action) {
    case 'directory.import':
    case 'directory.read_reassignments':
      return actor.roles.has('hr_admin') || actor.roles.has('hr');
  }
}
