// The expected access of every API operation, written as data from DESIGN.md's Access section (not computed by the
// policy code it checks): who may see each part of a plan, in which state, and which confidential markers they may
// read.

export const actorKinds = [
  'hrAdmin',
  'hrRepAssigned',
  'hrRepOther',
  'manager',
  'managerOther',
  'employee',
  'employeeOther',
  'mentor',
  'mentorOther',
  'auditor',
  'strangerHrAdmin',
  'anonymous',
] as const;
export type ActorKind = (typeof actorKinds)[number];

export const planStates = ['draft', 'in_review', 'awaiting_acknowledgment', 'active', 'closed'] as const;
export type PlanState = (typeof planStates)[number];

/** Confidential text planted in each plan: who must never read it back. */
export type Marker = 'issue' | 'measurement' | 'approverComment' | 'privateNote';

/**
 * "employee (own plans, not drafts, not private notes, not the comments written for the approvers), mentor
 * (development plan and mentor sessions only: no issues, metrics, measurements, check-in notes or ratings)".
 */
export const markerReaders: Record<Marker, ReadonlySet<ActorKind>> = {
  issue: new Set(['hrAdmin', 'hrRepAssigned', 'manager', 'employee', 'auditor']),
  measurement: new Set(['hrAdmin', 'hrRepAssigned', 'manager', 'employee', 'auditor']),
  approverComment: new Set(['hrAdmin', 'hrRepAssigned', 'manager', 'auditor']),
  privateNote: new Set(['hrAdmin', 'hrRepAssigned', 'manager', 'auditor']),
};

/** What part of a plan an operation concerns: it decides who may know the plan exists at all. */
export type Scope = 'development' | 'full';

/** Who may see the plan (in this state) for operations of this scope: everyone else gets 404. */
export function seesPlan(actor: ActorKind, state: PlanState, scope: Scope): boolean {
  switch (actor) {
    case 'hrAdmin':
    case 'hrRepAssigned':
    case 'manager':
    case 'auditor':
      return true;
    case 'employee':
      // "The employee sees nothing of a plan before awaiting_acknowledgment."
      return state !== 'draft' && state !== 'in_review';
    case 'mentor':
      return scope === 'development';
    default:
      return false;
  }
}

/** Who may do what, as sets of actors that see the plan; an operation's readers or writers. */
type Allowed = (actor: ActorKind, state: PlanState) => boolean;

const seers =
  (scope: Scope): Allowed =>
  (actor, state) =>
    seesPlan(actor, state, scope);
const only =
  (...actors: ActorKind[]): Allowed =>
  (actor, state) =>
    actors.includes(actor) && seesPlan(actor, state, 'full');
const approvers = only('hrAdmin', 'hrRepAssigned', 'manager');
const auditReaders = only('hrAdmin', 'hrRepAssigned', 'auditor');
const planParties = only('hrAdmin', 'hrRepAssigned', 'manager', 'employee');

export type PlanOperation = { scope: Scope; allowed: Allowed };

/** Every operation on one plan, by method and OpenAPI path. The auditor reads and never writes. */
export const planOperations: Record<string, PlanOperation> = {
  'GET /api/v1/plans/{id}': { scope: 'development', allowed: seers('development') },
  'PATCH /api/v1/plans/{id}': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/focus-areas': { scope: 'full', allowed: approvers },
  'PATCH /api/v1/plans/{id}/focus-areas/{focusAreaId}': { scope: 'full', allowed: approvers },
  'DELETE /api/v1/plans/{id}/focus-areas/{focusAreaId}': { scope: 'full', allowed: approvers },
  'PUT /api/v1/plans/{id}/focus-areas/order': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/metrics': { scope: 'full', allowed: approvers },
  'PATCH /api/v1/plans/{id}/metrics/{metricId}': { scope: 'full', allowed: approvers },
  'DELETE /api/v1/plans/{id}/metrics/{metricId}': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/metrics/{metricId}/measurements': { scope: 'full', allowed: approvers },
  'GET /api/v1/plans/{id}/metrics/{metricId}/measurements': { scope: 'full', allowed: seers('full') },
  'DELETE /api/v1/plans/{id}/metrics/{metricId}/measurements/{measurementId}': {
    scope: 'full',
    allowed: approvers,
  },
  'POST /api/v1/plans/{id}/activities': { scope: 'full', allowed: approvers },
  // The employee ticks off training; the mentor sees the development plan but does not edit it.
  'PATCH /api/v1/plans/{id}/activities/{activityId}': { scope: 'development', allowed: planParties },
  'DELETE /api/v1/plans/{id}/activities/{activityId}': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/activities/removals': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/success-criteria': { scope: 'full', allowed: approvers },
  'PATCH /api/v1/plans/{id}/success-criteria/{criterionId}': { scope: 'full', allowed: approvers },
  'DELETE /api/v1/plans/{id}/success-criteria/{criterionId}': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/contacts': { scope: 'full', allowed: approvers },
  'PATCH /api/v1/plans/{id}/contacts/{contactId}': { scope: 'full', allowed: approvers },
  'DELETE /api/v1/plans/{id}/contacts/{contactId}': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/expenses': { scope: 'full', allowed: approvers },
  'DELETE /api/v1/plans/{id}/expenses/{expenseId}': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/transitions': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/signatures': { scope: 'full', allowed: planParties },
  'POST /api/v1/plans/{id}/signatures/{signatureId}/witness': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned'),
  },
  'GET /api/v1/plans/{id}/adjustments': { scope: 'full', allowed: seers('full') },
  'POST /api/v1/plans/{id}/adjustments': { scope: 'full', allowed: approvers },
  'POST /api/v1/plans/{id}/adjustments/{adjustmentId}/decision': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned'),
  },
  'GET /api/v1/plans/{id}/versions': { scope: 'full', allowed: seers('full') },
  'GET /api/v1/plans/{id}/versions/diff': { scope: 'full', allowed: seers('full') },
  'GET /api/v1/plans/{id}/versions/{version}': { scope: 'full', allowed: seers('full') },
  'GET /api/v1/plans/{id}/comments': { scope: 'full', allowed: seers('full') },
  'POST /api/v1/plans/{id}/comments': { scope: 'full', allowed: planParties },
  'GET /api/v1/plans/{id}/audit': { scope: 'full', allowed: auditReaders },
  'GET /api/v1/plans/{id}/document.pdf': { scope: 'full', allowed: seers('full') },
  'GET /api/v1/plans/{id}/document.docx': { scope: 'full', allowed: seers('full') },
  'GET /api/v1/plans/{id}/dossier.pdf': { scope: 'full', allowed: auditReaders },
  // The weekly report carries the private notes of the week's check-ins.
  'GET /api/v1/plans/{id}/progress-report.pdf': { scope: 'full', allowed: approvers },
  // The mentor lists the mentor sessions only.
  'GET /api/v1/plans/{id}/check-ins': { scope: 'development', allowed: seers('development') },
  'POST /api/v1/plans/{id}/check-ins': { scope: 'full', allowed: approvers },
  'GET /api/v1/plans/{id}/progress': { scope: 'full', allowed: seers('full') },
  'GET /api/v1/plans/{id}/progress-reports': { scope: 'full', allowed: seers('full') },
  'POST /api/v1/plans/{id}/feedback-requests': { scope: 'full', allowed: approvers },
  'GET /api/v1/plans/{id}/feedback-requests': { scope: 'full', allowed: seers('full') },
  // A weekly check-in of the plan (not a mentor session): the mentor does not see it.
  'PATCH /api/v1/check-ins/{id}': { scope: 'full', allowed: planParties },
  // The readiness check is for the approvers and auditors; HR alone accepts a warning, before the plan is sent.
  'GET /api/v1/plans/{id}/readiness': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned', 'manager', 'auditor'),
  },
  'POST /api/v1/plans/{id}/readiness/acceptances': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned'),
  },
  // "The employee may respond in writing at any time" and appeal the outcome: nobody else writes either.
  'POST /api/v1/plans/{id}/responses': { scope: 'full', allowed: only('employee') },
  'POST /api/v1/plans/{id}/appeals': { scope: 'full', allowed: only('employee') },
  // An accommodation request is the employee's, or HR's on their behalf; HR alone resolves it.
  'POST /api/v1/plans/{id}/accommodation-request': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned', 'employee'),
  },
  'POST /api/v1/plans/{id}/accommodation-request/resolution': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned'),
  },
  'GET /api/v1/plans/{id}/outcome-evidence': {
    scope: 'full',
    allowed: only('hrAdmin', 'hrRepAssigned', 'manager', 'auditor'),
  },
  // Handing the plan to a new manager is HR's.
  'POST /api/v1/plans/{id}/manager': { scope: 'full', allowed: only('hrAdmin', 'hrRepAssigned') },
};

/**
 * Operations outside one plan: who must be refused (anything but 2xx). Unlisted actors are not judged here (their
 * result depends on their own data, e.g. their own notifications); anonymous callers always get 401.
 */
const employeesAndMentors: ActorKind[] = ['employee', 'employeeOther', 'mentor', 'mentorOther'];
const readOnly: ActorKind[] = ['auditor'];
const allButHrAdmins: ActorKind[] = [
  ...employeesAndMentors,
  ...readOnly,
  'manager',
  'managerOther',
  'hrRepAssigned',
  'hrRepOther',
];
export const organizationOperations: Record<string, { refused: ActorKind[] }> = {
  'GET /api/v1/employees/{id}': {
    refused: ['employeeOther', 'mentor', 'mentorOther', 'managerOther', 'strangerHrAdmin'],
  },
  'POST /api/v1/employees': { refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'] },
  'PATCH /api/v1/employees/{id}': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther', 'strangerHrAdmin'],
  },
  'POST /api/v1/plans': { refused: [...employeesAndMentors, ...readOnly] },
  'POST /api/v1/templates': { refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'] },
  'PUT /api/v1/templates/{id}': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther', 'strangerHrAdmin'],
  },
  'PATCH /api/v1/organization': { refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'] },
  'POST /api/v1/organization/contacts': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  'PUT /api/v1/organization/logo': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  'DELETE /api/v1/organization/logo': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  'GET /api/v1/users': { refused: [...employeesAndMentors, 'manager', 'managerOther'] },
  'POST /api/v1/users': { refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'] },
  'PATCH /api/v1/users/{id}': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther', 'strangerHrAdmin'],
  },
  // Single sign-on settings are the HR administrator's alone (the sign-in routes under /auth/sso are public).
  'GET /api/v1/organization/sso': { refused: [...allButHrAdmins] },
  'PUT /api/v1/organization/sso': { refused: [...allButHrAdmins] },
  'DELETE /api/v1/organization/sso': { refused: [...allButHrAdmins] },
  'GET /api/v1/audit/verify': { refused: [...employeesAndMentors, 'manager', 'managerOther'] },
  'POST /api/v1/exports': { refused: [...employeesAndMentors, 'manager', 'managerOther'] },
  // SCIM tokens provision the whole directory: HR administrators only (not HR representatives or auditors).
  'POST /api/v1/organization/scim-tokens': { refused: [...allButHrAdmins] },
  'GET /api/v1/organization/scim-tokens': { refused: [...allButHrAdmins] },
  'DELETE /api/v1/organization/scim-tokens/{id}': { refused: [...allButHrAdmins] },
  // HR analytics: HR administrators and auditors (organisation), HR representatives (their plans).
  'GET /api/v1/analytics/overview': { refused: [...employeesAndMentors, 'manager', 'managerOther'] },
  'GET /api/v1/analytics/consistency': { refused: [...employeesAndMentors, 'manager', 'managerOther'] },
  // The transparency page is for everyone signed in.
  'GET /api/v1/transparency.pdf': { refused: [] },
  // The directory import is HR's (administrators and representatives); the auditor reads, never imports.
  'GET /api/v1/directory/imports/template': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  'POST /api/v1/directory/imports': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  'GET /api/v1/directory/imports/{id}': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther', 'strangerHrAdmin'],
  },
  'POST /api/v1/directory/imports/{id}/apply': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther', 'strangerHrAdmin'],
  },
  // Invitations and reassignments are HR's; POST /api/v1/auth/password-reset and /auth/password are public.
  'POST /api/v1/employees/{id}/invitation': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther', 'strangerHrAdmin'],
  },
  'POST /api/v1/directory/invitations': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  'GET /api/v1/directory/reassignments': {
    refused: [...employeesAndMentors, ...readOnly, 'manager', 'managerOther'],
  },
  // An appeal is decided by HR of the plan, never by the one who decided the outcome (checked in test/fairness).
  'POST /api/v1/appeals/{id}/decision': {
    refused: [
      ...employeesAndMentors,
      ...readOnly,
      'manager',
      'managerOther',
      'hrRepOther',
      'strangerHrAdmin',
    ],
  },
  // Integrations are the organisation's: HR administrators only (an administrator of another organisation
  // sees its own, empty, list and none of these ids).
  'GET /api/v1/webhooks': { refused: allButHrAdmins },
  'POST /api/v1/webhooks': { refused: allButHrAdmins },
  'GET /api/v1/webhooks/{id}': { refused: [...allButHrAdmins, 'strangerHrAdmin'] },
  'PATCH /api/v1/webhooks/{id}': { refused: [...allButHrAdmins, 'strangerHrAdmin'] },
  'DELETE /api/v1/webhooks/{id}': { refused: [...allButHrAdmins, 'strangerHrAdmin'] },
  'POST /api/v1/webhooks/{id}/rotate-secret': { refused: [...allButHrAdmins, 'strangerHrAdmin'] },
  'GET /api/v1/webhooks/{id}/deliveries': { refused: [...allButHrAdmins, 'strangerHrAdmin'] },
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay': {
    refused: [...allButHrAdmins, 'strangerHrAdmin'],
  },
  'GET /api/v1/organization/chat': { refused: allButHrAdmins },
  'PATCH /api/v1/organization/chat': { refused: allButHrAdmins },
  // Everyone's own preferences: nobody is refused.
  'GET /api/v1/me/notification-preferences': { refused: [] },
  'PATCH /api/v1/me/notification-preferences': { refused: [] },
  // Saved views of the plans list are each person's own: everyone signed in lists and saves theirs; a view of
  // someone else (here an id nobody owns) answers 404 to everyone.
  'GET /api/v1/saved-views': { refused: [] },
  'POST /api/v1/saved-views': { refused: [] },
  'PATCH /api/v1/saved-views/{id}': { refused: actorKinds.filter((a) => a !== 'anonymous') },
  'DELETE /api/v1/saved-views/{id}': { refused: actorKinds.filter((a) => a !== 'anonymous') },
};
