// Tests of the closing rules: a successful outcome needs the final evaluation held or HR's written override.
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../access/actor.ts';
import type { PlanFacts } from '../access/policy.ts';
import { closingProblems, isOverride, recommendationProblems } from './closing.ts';
import { allowedTransitions, mayTransition } from './lifecycle.ts';

const held = { isFinalEvaluationHeld: true };
const notHeld = { isFinalEvaluationHeld: false };

describe('closingProblems', () => {
  it('accepts a successful outcome once the final evaluation is held', () => {
    expect(closingProblems({ outcome: 'successful', summary: 'Goals met.' }, held)).toEqual([]);
  });

  it('refuses a successful outcome without the final evaluation and without a reason, naming the field', () => {
    const problems = closingProblems({ outcome: 'successful', summary: 'Goals met.' }, notHeld);
    expect(problems.map((p) => p.path)).toEqual(['body/overrideReason']);
    expect(
      closingProblems({ outcome: 'successful', summary: 'x', overrideReason: '  ' }, notHeld),
    ).toHaveLength(1);
  });

  it('accepts an override with a written reason, and an unsuccessful outcome without the evaluation', () => {
    const request = { outcome: 'successful', summary: 'x', overrideReason: 'Evaluation waived.' } as const;
    expect(closingProblems(request, notHeld)).toEqual([]);
    expect(isOverride(request, notHeld)).toBe(true);
    expect(isOverride(request, held)).toBe(false);
    expect(closingProblems({ outcome: 'unsuccessful', summary: 'Not met.' }, notHeld)).toEqual([]);
  });

  it('lists every missing field at once', () => {
    expect(closingProblems({}, notHeld).map((p) => p.path)).toEqual(['body/outcome', 'body/summary']);
  });
});

describe('recommendationProblems', () => {
  it('needs an outcome and a reason', () => {
    expect(recommendationProblems({ summary: ' ' }).map((p) => p.path)).toEqual([
      'body/outcome',
      'body/summary',
    ]);
    expect(recommendationProblems({ outcome: 'unsuccessful', summary: 'Targets missed.' })).toEqual([]);
  });
});

describe('who closes and who recommends', () => {
  const plan: PlanFacts = {
    orgId: 'org',
    status: 'active',
    employeeUserId: 'employee',
    managerUserId: 'manager',
    hrRepUserId: 'hr-rep',
    mentorUserId: null,
    createdByUserId: 'manager',
  };
  const actor = (userId: string, role: Role): Actor => ({
    userId,
    orgId: 'org',
    name: userId,
    email: `${userId}@example.com`,
    locale: 'en',
    roles: new Set<Role>([role]),
    employeeId: null,
  });
  const allowed = (a: Actor) =>
    allowedTransitions(a, plan, { hasManagerApproval: true, hasHrApproval: true });

  it('HR admin and the assigned HR representative close; the manager only recommends', () => {
    expect(allowed(actor('admin', 'hr_admin'))).toContain('close');
    expect(allowed(actor('hr-rep', 'hr'))).toContain('close');
    expect(allowed(actor('manager', 'manager'))).not.toContain('close');
    expect(allowed(actor('manager', 'manager'))).toContain('recommend');
    expect(allowed(actor('other-hr', 'hr'))).not.toContain('close');
    expect(allowed(actor('employee', 'employee'))).toEqual([]);
  });

  it('a recommendation is made on an active plan only', () => {
    const paused = { ...plan, status: 'paused' as const };
    expect(
      mayTransition(actor('manager', 'manager'), paused, 'recommend', {
        hasManagerApproval: true,
        hasHrApproval: true,
      }),
    ).toBe(false);
  });
});
