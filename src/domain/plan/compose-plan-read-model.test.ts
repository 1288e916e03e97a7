// Tests of the plan read model: what is computed from the stored rows (gaps, progress, SMART, review dates, budget).
import { describe, expect, it } from 'vitest';
import { defaultTemplate } from '../template/default-templates.ts';
import type { PlanAggregate, SignatureRow } from './aggregate.ts';
import { composePlanReadModel, type ReadModelContext } from './compose-plan-read-model.ts';
import { buildPlanContent } from './plan.ts';
import { buildTimeline, planEndDate } from './timeline.ts';

const startDate = '2026-01-05';
const endDate = planEndDate(startDate, 12);
const template = defaultTemplate('en');
const ids = {
  manager: '00000000-0000-4000-8000-000000000001',
  hr: '00000000-0000-4000-8000-000000000002',
  employee: '00000000-0000-4000-8000-000000000003',
  deadlines: '00000000-0000-4000-8000-0000000000a1',
  communication: '00000000-0000-4000-8000-0000000000a2',
  onTime: '00000000-0000-4000-8000-0000000000b1',
  escalations: '00000000-0000-4000-8000-0000000000b2',
};

function signature(overrides: Partial<SignatureRow>): SignatureRow {
  return {
    id: 's',
    version: 2,
    role: 'employee',
    userId: ids.employee,
    signerName: 'Daniel Ortiz',
    typedName: 'Daniel Ortiz',
    clauses: ['received'],
    documentHash: 'hash',
    isRefused: false,
    response: null,
    witnessUserId: null,
    witnessName: null,
    witnessStatement: null,
    witnessedAt: null,
    ip: '203.0.113.7',
    userAgent: 'test',
    signedAt: '2026-01-06T09:00:00.000Z',
    ...overrides,
  };
}

function aggregate(): PlanAggregate {
  const header = {
    organizationName: 'Acme',
    employeeName: 'Daniel Ortiz',
    position: 'Developer',
    department: 'Engineering',
    managerName: 'Maria Lopez',
    hrRepName: 'Hana Reyes',
    mentorName: null,
    mentorRole: null,
  };
  const content = buildPlanContent(template, header, buildTimeline(template.timeline, startDate, 12));
  content.support.trainingBudget = 1000;
  return {
    plan: {
      id: 'p',
      orgId: 'o',
      employeeId: 'e',
      status: 'active',
      locale: 'en',
      templateId: 'default',
      templateVersion: 1,
      startDate,
      durationWeeks: 12,
      endDate,
      employeeUserId: ids.employee,
      managerUserId: ids.manager,
      hrRepUserId: ids.hr,
      mentorUserId: null,
      createdByUserId: ids.manager,
      header,
      content,
      version: 3,
      revision: 7,
      approvalRound: 2,
      majorVersion: 2,
      pausedDays: 0,
      pausedAt: null,
      pauseReason: null,
      outcome: null,
      procedure: null,
      createdAt: '2026-01-02T10:00:00.000Z',
      updatedAt: '2026-01-06T10:00:00.000Z',
      closedAt: null,
    },
    focusAreas: [
      {
        id: ids.deadlines,
        revision: 2,
        position: 0,
        templateKey: null,
        title: 'Sprint deadlines',
        goalTitle: 'Deliver sprint tasks on time',
        issue: 'Sprint tasks are delivered after their agreed date.',
        impact: 'The team replans every sprint.',
        examples: [{ date: '2025-12-10', text: 'Two tasks slipped a week.' }],
        requiredStandard: 'Tasks done by the agreed date.',
        goal: 'Deliver 90% of sprint tasks by their agreed date.',
        measurement: 'Share of tasks done on time, from the sprint board.',
        deadline: '2026-03-20',
        successCriteria: '90% on time for four sprints in a row.',
      },
      {
        id: ids.communication,
        revision: 1,
        position: 1,
        templateKey: null,
        title: 'Communication',
        goalTitle: 'Raise blockers early',
        issue: 'Blockers are raised late in stand-ups.',
        impact: 'Slips are found at the sprint review.',
        examples: [],
        requiredStandard: 'Blockers raised the day they appear.',
        goal: 'Raise every blocker in the stand-up of the day it appears.',
        measurement: '',
        deadline: null,
        successCriteria: '',
      },
    ],
    metrics: [
      {
        id: ids.onTime,
        revision: 1,
        focusAreaId: ids.deadlines,
        position: 0,
        name: 'Tasks on time',
        unit: '%',
        direction: 'higher',
        baseline: 50,
        target: 90,
      },
      {
        id: ids.escalations,
        revision: 1,
        focusAreaId: null,
        position: 1,
        name: 'Late escalations',
        unit: 'per sprint',
        direction: 'lower',
        baseline: 10,
        target: 2,
      },
    ],
    // Recorded out of date order: the read model lists them by date.
    measurements: [
      { id: 'x3', metricId: ids.onTime, date: '2026-02-16', value: 80, source: 'board', note: null },
      { id: 'x1', metricId: ids.onTime, date: '2026-01-19', value: 60, source: 'board', note: 'first' },
      { id: 'x2', metricId: ids.onTime, date: '2026-02-02', value: 70, source: null, note: null },
    ],
    activities: [
      {
        id: 'a1',
        position: 0,
        groupKey: 'technical',
        section: 'Training',
        title: 'Estimation course',
        dueDate: '2026-02-01',
        status: 'done',
        evidence: 'Certificate',
        completedAt: '2026-01-30T12:00:00.000Z',
      },
      {
        id: 'a2',
        position: 1,
        groupKey: 'technical',
        section: 'Training',
        title: 'Pairing sessions',
        dueDate: null,
        status: 'in_progress',
        evidence: null,
        completedAt: null,
      },
      {
        id: 'a3',
        position: 2,
        groupKey: 'professional',
        section: 'Habits',
        title: 'Daily plan',
        dueDate: null,
        status: 'done',
        evidence: null,
        completedAt: '2026-01-20T12:00:00.000Z',
      },
    ],
    successCriteria: [
      {
        id: 'c1',
        revision: 1,
        position: 0,
        text: 'Four sprints on time',
        isMet: true,
        checkedByUserId: ids.manager,
        checkedAt: '2026-02-10T09:00:00.000Z',
      },
    ],
    contacts: [
      {
        id: 'k1',
        revision: 1,
        kind: 'contact',
        key: 'eap',
        position: 0,
        label: 'Employee assistance',
        name: null,
        email: 'eap@example.com',
        phone: null,
        location: null,
        url: null,
        instructions: null,
      },
      {
        id: 'k2',
        revision: 1,
        kind: 'resource',
        key: null,
        position: 0,
        label: 'Estimation guide',
        name: null,
        email: null,
        phone: null,
        location: null,
        url: 'https://example.com/guide',
        instructions: null,
      },
    ],
    expenses: [
      { id: 'e1', date: '2026-01-15', description: 'Course', amount: 100.1 },
      { id: 'e2', date: '2026-01-20', description: 'Book', amount: 200.2 },
    ],
    approvals: [
      { round: 1, role: 'manager', userId: ids.manager, comment: 'First round', createdAt: '2026-01-03' },
      { round: 2, role: 'hr', userId: ids.hr, comment: 'Fair', createdAt: '2026-01-04' },
    ],
    signatures: [
      signature({ id: 's1', version: 1, role: 'manager', userId: ids.manager, signerName: 'Maria Lopez' }),
      signature({ id: 's2', version: 2 }),
    ],
    responses: [
      {
        id: 'r1',
        authorUserId: ids.employee,
        context: 'signing',
        text: 'I agree.',
        createdAt: '2026-01-06T09:00:00.000Z',
      },
    ],
    appeals: [],
    people: [
      { userId: ids.manager, name: 'Maria Lopez', email: 'maria@example.com', jobTitle: 'Lead' },
      { userId: ids.hr, name: 'Hana Reyes', email: 'hana@example.com', jobTitle: 'HR' },
      { userId: ids.employee, name: 'Daniel Ortiz', email: 'daniel@example.com', jobTitle: 'Developer' },
    ],
  };
}

const context = (today: string): ReadModelContext => ({
  today,
  prompts: {},
  allowedActions: ['pause'],
  permissions: {
    canEdit: true,
    canUpdateActivities: true,
    canRecordProgress: true,
    canReadAudit: false,
    canSignAs: [],
  },
});

describe('composePlanReadModel', () => {
  // Six weeks into a twelve-week plan.
  const model = composePlanReadModel(aggregate(), context('2026-02-16'));

  it('evaluates a measured metric from its latest measurement: current, gap, progress and forecast', () => {
    const metric = model.metrics.find((m) => m.id === ids.onTime)!;
    expect(metric).toMatchObject({ current: 80, gap: 10, isMet: false, progress: 0.75, status: 'onTrack' });
    // On a straight line from 50 to 80 in six weeks the end of the plan is well past the target.
    expect(metric.forecast).toMatchObject({ date: endDate, meetsTarget: true });
    expect(metric.measurements.map((m) => m.date)).toEqual(['2026-01-19', '2026-02-02', '2026-02-16']);
    expect(metric.measurements[0]).toEqual({
      id: 'x1',
      date: '2026-01-19',
      value: 60,
      source: 'board',
      note: 'first',
    });
  });

  it('a metric lowering a count, still unmeasured halfway through, is at its baseline and off track', () => {
    const metric = model.metrics.find((m) => m.id === ids.escalations)!;
    expect(metric).toMatchObject({ current: 10, gap: 8, progress: 0, isMet: false, status: 'offTrack' });
    expect(metric.forecast).toBeNull();
    expect(metric.measurements).toEqual([]);
  });

  it('links each focus area to its metrics and checks it against SMART', () => {
    const [deadlines, communication] = model.focusAreas;
    expect(deadlines.metricIds).toEqual([ids.onTime]);
    expect(deadlines.smart).toEqual({ findings: [], isSmart: true });
    expect(communication.metricIds).toEqual([]);
    expect(communication.smart.isSmart).toBe(false);
    const errors = communication.smart.findings.filter((f) => f.severity === 'error').map((f) => f.criterion);
    expect(errors).toEqual(['measurable', 'timeBound']);
    expect(communication.smart.findings.some((f) => f.severity === 'warning')).toBe(true);
  });

  it('gives the review period and the next review after today', () => {
    expect(model.header.reviewPeriod).toEqual({ weeks: 12, days: 84 });
    // Reviews every four weeks from the start: the one after week six is at week eight.
    expect(model.header.nextReviewDate).toBe('2026-03-02');
    expect(model.header.createdByName).toBe('Maria Lopez');
  });

  it('the last review falls on the plan’s last day', () => {
    const late = composePlanReadModel(aggregate(), context('2026-03-25'));
    expect(late.header.nextReviewDate).toBe(endDate);
    expect(endDate).toBe('2026-03-29');
  });

  it('counts the budget spent and left, in cents, and activities done per group', () => {
    expect(model.support.budget).toMatchObject({ total: 1000, spent: 300.3, remaining: 699.7 });
    expect(model.development.groups.map(({ key, done, total }) => ({ key, done, total }))).toEqual([
      { key: 'technical', done: 1, total: 2 },
      { key: 'soft_skills', done: 0, total: 0 },
      { key: 'professional', done: 1, total: 1 },
    ]);
  });

  it('lists the plan’s people from the directory before its stored contacts, and resources apart', () => {
    expect(model.contacts.map((c) => [c.key, c.source, c.name])).toEqual([
      ['manager', 'directory', 'Maria Lopez'],
      ['hr', 'directory', 'Hana Reyes'],
      ['eap', 'plan', null],
    ]);
    expect(model.resources.map((r) => r.id)).toEqual(['k2']);
  });

  it('shows this round’s approvals, who ticked a criterion, and which signatures still hold', () => {
    expect(model.approvals).toEqual([
      { role: 'hr', userId: ids.hr, name: 'Hana Reyes', comment: 'Fair', createdAt: '2026-01-04' },
    ]);
    expect(model.successCriteria[0].checkedByName).toBe('Maria Lopez');
    expect(model.signatures.map((s) => [s.id, s.isCurrent])).toEqual([
      ['s1', false],
      ['s2', true],
    ]);
    expect(model.signatures[0]).not.toHaveProperty('ip');
  });

  it('keeps responses without their author, an empty procedure when none was recorded, and the reader’s rights', () => {
    expect(model.responses).toEqual([
      { id: 'r1', context: 'signing', text: 'I agree.', createdAt: '2026-01-06T09:00:00.000Z' },
    ]);
    expect(model.procedure).toMatchObject({ preferredLanguage: null, accommodation: null });
    expect(model.allowedActions).toEqual(['pause']);
    expect(model.permissions.canEdit).toBe(true);
  });
});
