// Tests of the one classification of changes: dates of tasks and contacts are minor, goals and targets major.
import { describe, expect, it } from 'vitest';
import type { PlanAggregate } from './aggregate.ts';
import type { PlanContent } from './plan.ts';
import { isMajorChange, majorHash, planDocument } from './plan-document.ts';

function aggregate(): PlanAggregate {
  return {
    plan: {
      id: 'p',
      orgId: 'o',
      employeeId: 'e',
      status: 'active',
      revision: 1,
      locale: 'en',
      templateId: 'default',
      templateVersion: 1,
      startDate: '2026-11-30',
      durationWeeks: 12,
      endDate: '2027-02-21',
      employeeUserId: null,
      managerUserId: null,
      hrRepUserId: null,
      mentorUserId: null,
      createdByUserId: 'u',
      header: {} as PlanAggregate['plan']['header'],
      content: {
        title: 'Plan',
        isTimelineEdited: false,
        timeline: { phases: [], milestones: [{ week: 2, date: '2026-12-13', title: 'First' }] },
      } as unknown as PlanContent,
      version: 1,
      approvalRound: 1,
      majorVersion: 1,
      pausedDays: 0,
      pausedAt: null,
      pauseReason: null,
      outcome: null,
      createdAt: '',
      updatedAt: '',
      closedAt: null,
    },
    focusAreas: [],
    metrics: [
      {
        id: 'm',
        focusAreaId: null,
        position: 0,
        name: 'Deadlines met',
        unit: '%',
        direction: 'higher',
        baseline: 50,
        target: 90,
      },
    ],
    measurements: [],
    activities: [
      {
        id: 'a',
        position: 0,
        groupKey: 'technical',
        section: 'Training',
        title: 'Course',
        dueDate: '2027-01-10',
        status: 'todo',
        evidence: null,
        completedAt: null,
      },
    ],
    successCriteria: [],
    contacts: [],
    expenses: [],
    approvals: [],
    signatures: [],
    people: [],
  };
}

describe('isMajorChange', () => {
  const latest = { majorHash: majorHash(planDocument(aggregate())) };

  it('the first version is no change at all', () => {
    expect(isMajorChange(undefined, planDocument(aggregate()))).toBe(false);
  });

  it('moving a task or an activity date is minor', () => {
    const agg = aggregate();
    agg.activities[0].dueDate = '2027-01-17';
    agg.plan.content.timeline.milestones[0].date = '2026-12-20';
    expect(isMajorChange(latest, planDocument(agg))).toBe(false);
  });

  it('a target, a goal or the end date is major', () => {
    const target = aggregate();
    target.metrics[0].target = 95;
    expect(isMajorChange(latest, planDocument(target))).toBe(true);
    const end = aggregate();
    end.plan.endDate = '2027-03-07';
    expect(isMajorChange(latest, planDocument(end))).toBe(true);
  });
});
