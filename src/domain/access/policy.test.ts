import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './actor.ts';
import {
  can,
  canOnOrganization,
  type PlanAction,
  type PlanFacts,
  type PlanStatus,
  readNeededFor,
} from './policy.ts';

const org = 'org-a';
const actor = (userId: string, roles: Role[], orgId = org): Actor => ({
  userId,
  orgId,
  name: userId,
  email: `${userId}@x`,
  locale: 'en',
  roles: new Set(roles),
  employeeId: null,
});

const plan = (status: PlanStatus): PlanFacts => ({
  orgId: org,
  status,
  employeeUserId: 'emp',
  managerUserId: 'mgr',
  hrRepUserId: 'rep',
  mentorUserId: 'men',
  createdByUserId: 'mgr',
});

const people = {
  hrAdmin: actor('admin', ['hr_admin']),
  assignedHr: actor('rep', ['hr']),
  otherHr: actor('other-rep', ['hr']),
  manager: actor('mgr', ['manager']),
  otherManager: actor('other-mgr', ['manager']),
  employee: actor('emp', ['employee']),
  mentor: actor('men', ['mentor']),
  auditor: actor('aud', ['auditor']),
  stranger: actor('admin', ['hr_admin'], 'org-b'),
};
type Who = keyof typeof people;

/** Role × relationship × action: who may, for an active plan. Everyone not listed may not. */
const activeTable: [PlanAction, Who[]][] = [
  ['plan.read', ['hrAdmin', 'assignedHr', 'manager', 'employee', 'auditor']],
  ['plan.read_development', ['hrAdmin', 'assignedHr', 'manager', 'employee', 'mentor', 'auditor']],
  ['plan.read_private', ['hrAdmin', 'assignedHr', 'manager']],
  ['plan.read_approver_comments', ['hrAdmin', 'assignedHr', 'manager', 'auditor']],
  ['plan.update', ['hrAdmin', 'assignedHr', 'manager']],
  ['plan.approve_as_manager', ['manager']],
  ['plan.approve_as_hr', ['hrAdmin', 'assignedHr']],
  ['plan.sign_as_employee', ['employee']],
  ['plan.sign_as_manager', ['manager']],
  ['plan.sign_as_hr', ['hrAdmin', 'assignedHr']],
  ['plan.pause', ['hrAdmin', 'assignedHr']],
  ['plan.cancel', ['hrAdmin', 'assignedHr']],
  ['plan.close', ['hrAdmin', 'assignedHr']],
  ['plan.recommend_outcome', ['manager']],
  ['plan.propose_adjustment', ['hrAdmin', 'assignedHr', 'manager']],
  ['plan.decide_adjustment', ['hrAdmin', 'assignedHr']],
  ['plan.update_activity', ['hrAdmin', 'assignedHr', 'manager', 'employee']],
  ['plan.record_progress', ['hrAdmin', 'assignedHr', 'manager']],
  ['plan.record_mentor_session', ['hrAdmin', 'assignedHr', 'manager', 'mentor']],
  ['plan.read_audit', ['hrAdmin', 'assignedHr', 'auditor']],
  ['plan.read_readiness', ['hrAdmin', 'assignedHr', 'manager', 'auditor']],
  ['plan.accept_readiness_warning', ['hrAdmin', 'assignedHr']],
  ['plan.read_accommodation', ['hrAdmin', 'assignedHr', 'employee', 'auditor']],
  ['plan.respond', ['employee']],
  ['plan.appeal', ['employee']],
  ['plan.decide_appeal', ['hrAdmin', 'assignedHr']],
  ['plan.read_outcome_evidence', ['hrAdmin', 'assignedHr', 'manager', 'auditor']],
];

describe('access policy', () => {
  for (const [action, allowed] of activeTable) {
    for (const who of Object.keys(people) as Who[]) {
      const expected = allowed.includes(who);
      it(`${who} ${expected ? 'may' : 'may not'} ${action} on an active plan`, () => {
        expect(can(people[who], action, plan('active'))).toBe(expected);
      });
    }
  }

  it('employee cannot see a draft or in-review plan, and can once it awaits acknowledgment', () => {
    expect(can(people.employee, 'plan.read', plan('draft'))).toBe(false);
    expect(can(people.employee, 'plan.read', plan('in_review'))).toBe(false);
    expect(can(people.employee, 'plan.read', plan('awaiting_acknowledgment'))).toBe(true);
  });

  it('an HR representative who is the plan’s employee gets no HR powers over their own plan', () => {
    const hrEmployee = actor('emp', ['hr']);
    const own = { ...plan('active'), hrRepUserId: 'emp' };
    expect(can(hrEmployee, 'plan.approve_as_hr', own)).toBe(false);
    expect(can(hrEmployee, 'plan.read_private', own)).toBe(false);
  });

  it('a mentor sees only what concerns the development plan: everything else needs the full read', () => {
    expect(readNeededFor('plan.record_mentor_session')).toBe('plan.read_development');
    expect(readNeededFor('plan.update_activity')).toBe('plan.read_development');
    for (const action of [
      'plan.update',
      'plan.submit',
      'plan.read_private',
      'plan.record_progress',
    ] as const) {
      expect(readNeededFor(action)).toBe('plan.read');
      expect(can(people.mentor, readNeededFor(action), plan('active'))).toBe(false);
    }
  });

  it('an organisation never reaches another organisation’s plan', () => {
    for (const [action] of activeTable) expect(can(people.stranger, action, plan('active'))).toBe(false);
  });
});

describe('organisation settings', () => {
  it('only an HR administrator of the organisation manages SCIM tokens', () => {
    expect(canOnOrganization(people.hrAdmin, 'organization.manage_scim_tokens', org)).toBe(true);
    expect(canOnOrganization(people.hrAdmin, 'organization.manage_scim_tokens', 'org-b')).toBe(false);
    expect(canOnOrganization(people.assignedHr, 'organization.manage_scim_tokens', org)).toBe(false);
    expect(canOnOrganization(people.manager, 'organization.manage_scim_tokens', org)).toBe(false);
  });
});
