import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import {
  blockingItems,
  checkReadiness,
  type ReadinessContext,
  type ReadinessPlan,
  usualLength,
} from './readiness.ts';

const area = (id: string) => ({
  id,
  title: `Area ${id}`,
  templateKey: null,
  issue: 'Pull requests reach review with failing tests.',
  impact: 'Releases slip by a week.',
  requiredStandard: 'Pull requests pass tests before review.',
  goal: 'Open pull requests with passing tests for 95% of changes.',
  measurement: 'Counted weekly from the repository.',
  successCriteria: '95% of pull requests pass tests for three weeks.',
  examples: [{ date: '2026-10-12', text: 'Three pull requests failed tests in the October release.' }],
  deadline: '2027-02-20',
});

const support = {
  mentor: { focusAreas: 'Testing habits', supportProvided: 'Weekly pairing' },
  hr: { availability: 'Mondays', supportAreas: 'Workload', additionalResources: '' },
  training: { internal: '', external: '', online: '', certification: '' },
};

const ready = (): ReadinessPlan => ({
  locale: 'en',
  startDate: '2026-11-30',
  endDate: '2027-02-21',
  focusAreas: [area('a'), area('b')],
  metrics: [
    { focusAreaId: 'a', name: 'Passing PRs', baseline: 60, target: 95 },
    { focusAreaId: 'b', name: 'Passing PRs', baseline: 60, target: 95 },
  ],
  activities: [{ title: 'Testing course', dueDate: '2026-12-20' }],
  checkInCadence: { frequency: 'weekly' },
  hasMentor: true,
  support: structuredClone(support),
  procedure: {
    priorConversation: {
      date: '2026-11-10',
      participants: 'Manager and employee',
      summary: 'Went through the examples.',
    },
    preferredLanguage: 'en',
    accommodation: { status: 'none', details: '' },
    noMentorReason: '',
  },
  consequences: 'Further action may follow under company policy.',
});

const context: ReadinessContext = {
  today: '2026-11-24',
  minimumPlanDays: 30,
  usualPlanDays: null,
  prompts: {},
};
const codes = (plan: ReadinessPlan, ctx = context) => checkReadiness(plan, ctx).items.map((i) => i.code);

describe('readiness check', () => {
  it('a complete plan is ready with no items', () => {
    expect(checkReadiness(ready(), context)).toEqual({ items: [], isReady: true });
  });

  it('an issue with examples but none dated is an error at its examples', () => {
    const plan = ready();
    plan.focusAreas[0].examples = [{ date: null, text: 'Happened in a review.' }];
    const item = checkReadiness(plan, context).items[0];
    expect(item).toMatchObject({
      code: 'issue.undated_example',
      severity: 'error',
      path: 'focusAreas/a/examples',
    });
    expect(item.why).toMatch(/dated examples/);
    expect(item.fix).toMatch(/date/);
  });

  it('a goal without a metric, or with a deadline outside the plan, is an error', () => {
    const plan = ready();
    plan.metrics = plan.metrics.filter((m) => m.focusAreaId !== 'a');
    plan.focusAreas[1].deadline = '2027-03-30';
    expect(codes(plan)).toEqual(['goal.no_metric', 'goal.deadline_outside']);
  });

  it('a field left as its template prompt is a placeholder error', () => {
    const plan = ready();
    plan.support.hr = {
      ...support.hr,
      availability: 'Who to call?',
      placeholders: { availability: 'Who to call?' },
    };
    expect(checkReadiness(plan, context).items).toEqual([
      expect.objectContaining({ code: 'placeholder', severity: 'error', path: 'support/hr/availability' }),
    ]);
  });

  it('names an empty or prompted field with the plan language’s label, never its key', () => {
    const plan = ready();
    plan.focusAreas[0].issue = '';
    plan.support.hr = {
      ...support.hr,
      availability: 'Who to call?',
      placeholders: { availability: 'Who to call?' },
    };
    const messages = (locale: 'en' | 'es') =>
      checkReadiness({ ...plan, locale }, context).items.map((i) => i.message);
    expect(messages('en')).toEqual([
      'Area a: Issue is empty.',
      'HR Support: Availability still shows the template prompt.',
    ]);
    expect(messages('es')).toEqual([
      'Area a: Problema de rendimiento: sin completar.',
      'Apoyo de RR. HH.: Disponibilidad todavía muestra el texto de ejemplo de la plantilla.',
    ]);
    for (const message of messages('es')) expect(message).not.toMatch(/\b(issue|availability|hr)\b/);
  });

  it('a plan shorter than the minimum is an error; much shorter than usual a warning; no data, no item', () => {
    const plan = { ...ready(), endDate: '2026-12-20' };
    expect(codes(plan, { ...context, minimumPlanDays: 30 })).toContain('length.minimum');
    const longer = ready();
    expect(codes(longer, { ...context, usualPlanDays: 200 })).toEqual(['length.shorter_than_usual']);
    expect(codes(longer, { ...context, usualPlanDays: 100 })).toEqual([]);
    expect(codes(longer, { ...context, usualPlanDays: null })).toEqual([]);
  });

  it('support must be listed: a dated activity, the cadence, a mentor or a reason for none', () => {
    const plan = {
      ...ready(),
      activities: [{ title: 'Course', dueDate: null }],
      checkInCadence: null,
      hasMentor: false,
    };
    expect(codes(plan)).toEqual(['support.no_activity', 'support.no_cadence', 'support.no_mentor']);
    plan.procedure = { ...plan.procedure, noMentorReason: 'The team has no senior engineer free.' };
    expect(codes(plan)).toEqual(['support.no_activity', 'support.no_cadence']);
  });

  it('asks for the prior conversation, the consequence, the language and the accommodation question', () => {
    const plan = {
      ...ready(),
      consequences: ' ',
      procedure: {
        priorConversation: { date: null, participants: '', summary: 'We talked.' },
        preferredLanguage: null,
        accommodation: null,
        noMentorReason: '',
      },
    };
    const items = checkReadiness(plan, context).items;
    expect(items.map((i) => i.code)).toEqual([
      'conversation.missing',
      'consequences.missing',
      'language.missing',
      'accommodation.missing',
    ]);
    expect(items[0].message).toMatch(/date, who took part/);
  });

  it('a prior conversation dated in the future is an error', () => {
    const plan = ready();
    plan.procedure.priorConversation.date = '2026-12-01';
    expect(codes(plan)).toEqual(['conversation.future']);
  });

  it('wording hits are warnings coded wording.<category>; HR’s acceptance stops them blocking and lists them', () => {
    const plan = ready();
    plan.focusAreas[0].issue = 'Shows a bad attitude in reviews.';
    const before = checkReadiness(plan, context);
    expect(before.items).toEqual([
      expect.objectContaining({
        code: 'wording.vague_judgment',
        severity: 'warning',
        path: 'focusAreas/a/issue',
      }),
    ]);
    expect(before.isReady).toBe(false);
    const acceptance = {
      code: 'wording.vague_judgment',
      reason: 'Quoted from the employee’s own self-review.',
      acceptedByName: 'HR',
      acceptedAt: '2026-11-24T10:00:00.000Z',
    };
    const after = checkReadiness(plan, { ...context, acceptances: [acceptance] });
    expect(after.isReady).toBe(true);
    expect(after.items[0].acceptance).toEqual(acceptance);
    expect(blockingItems(after)).toEqual([]);
  });

  it('contradictory demands give one wording.contradictory_demand warning naming both texts and paths', () => {
    const plan = ready();
    plan.focusAreas[0].requiredStandard = 'Work independently on release tickets.';
    plan.focusAreas[1].goal = 'Check every decision with your manager for 95% of changes.';
    const items = checkReadiness(plan, context).items;
    expect(items).toEqual([
      expect.objectContaining({
        code: 'wording.contradictory_demand',
        severity: 'warning',
        path: 'focusAreas/a/requiredStandard',
        fix: 'State which comes first, or when each applies.',
      }),
    ]);
    expect(items[0].message).toContain('"Work independently" (focusAreas/a/requiredStandard)');
    expect(items[0].message).toContain('"Check every decision with your manager" (focusAreas/b/goal)');
    const extra = ready();
    extra.focusAreas[0].issue = 'Pull requests reach review with failing tests; ship daily.';
    extra.focusAreas[1].impact = 'Releases slip; freeze changes for a month.';
    expect(codes(extra)).toEqual([]);
    expect(
      codes(extra, { ...context, extraPairs: [{ first: 'ship daily', second: 'freeze changes' }] }),
    ).toEqual(['wording.contradictory_demand']);
  });

  it('an error is never made ready by an acceptance of its code', () => {
    const plan = { ...ready(), consequences: '' };
    const result = checkReadiness(plan, {
      ...context,
      acceptances: [{ code: 'consequences.missing', reason: 'x', acceptedByName: 'HR', acceptedAt: '' }],
    });
    expect(result.isReady).toBe(false);
    expect(result.items[0].acceptance).toBeUndefined();
  });

  it('speaks Spanish for a Spanish plan', () => {
    const plan = { ...ready(), locale: 'es' as const, consequences: '' };
    const [item] = checkReadiness(plan, context).items;
    expect(item.message).toMatch(/consecuencia/);
    expect(item.why).toMatch(/firmar/);
  });

  it('is ready exactly when no error remains and every warning is accepted (property)', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 200 }),
        (dated, hasMetric, flagged, days) => {
          const plan = ready();
          plan.endDate = addDays(plan.startDate, days - 1);
          for (const a of plan.focusAreas) a.deadline = plan.endDate;
          if (!dated) plan.focusAreas[0].examples = [{ date: null, text: 'x' }];
          if (!hasMetric) plan.metrics = [];
          if (flagged) plan.focusAreas[1].goal = 'Be less abrasive; 0 complaints in 8 weeks.';
          const result = checkReadiness(plan, context);
          const hasError = result.items.some((i) => i.severity === 'error');
          expect(hasError).toBe(!dated || !hasMetric || days < 30);
          expect(result.isReady).toBe(!hasError && !flagged);
        },
      ),
    );
  });

  it('the usual length is the median of five or more earlier plans, else unknown', () => {
    expect(usualLength([84, 84, 84, 84])).toBeNull();
    expect(usualLength([56, 84, 84, 112, 168])).toBe(84);
    expect(usualLength([56, 84, 98, 112, 168, 182])).toBe(105);
  });
});
