// Closing a plan is HR's decision on the manager's recommendation: a successful outcome needs the final
// evaluation held or HR's written override, completion steps are never ticked for anyone, and a check-in is
// held only once its time has come (a meeting that already took place can be recorded).
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

type CheckIn = { id: string; type: string; status: string; scheduledAt: string };

describe.each(engines)('closing a plan on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;

  const startPlan = async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const draft = await createPlan(manager, { hrRepId: hrRep.user.id, startDate: '2026-11-30' });
    return activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id);
  };
  const checkInsOf = async (planId: string): Promise<CheckIn[]> =>
    (await manager.get(`/api/v1/plans/${planId}/check-ins`)).body.items;
  const transition = (client: Client, planId: string, body: Record<string, unknown>) =>
    client.post(`/api/v1/plans/${planId}/transitions`, body);

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(() => t?.close());

  it('a check-in cannot be marked held before its time, naming the field', async () => {
    const plan = await startPlan();
    const first = (await checkInsOf(plan.id)).find((c) => c.type === 'weekly_checkin')!;
    const early = await manager.patch(`/api/v1/check-ins/${first.id}`, { status: 'held', notes: 'Too soon' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0].path).toBe('body/status');
    expect((await checkInsOf(plan.id)).find((c) => c.id === first.id)!.status).toBe('scheduled');
    t.clock.set(new Date(Date.parse(first.scheduledAt) + 60_000).toISOString());
    const onTime = await manager.patch(`/api/v1/check-ins/${first.id}`, {
      status: 'held',
      notes: 'Went well',
    });
    expect(onTime.status, onTime.text).toBe(200);
    expect(onTime.body.status).toBe('held');
  });

  it('a meeting that already took place is recorded as held at its real time; a future time is refused', async () => {
    const plan = await startPlan();
    const second = (await checkInsOf(plan.id)).filter((c) => c.type === 'weekly_checkin')[1];
    // The meeting was brought forward: it took place on the Monday before its scheduled day.
    t.clock.set('2026-12-08T08:00:00Z');
    const future = await manager.patch(`/api/v1/check-ins/${second.id}`, {
      status: 'held',
      scheduledAt: '2026-12-09T10:00:00Z',
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].path).toBe('body/scheduledAt');
    const recorded = await manager.patch(`/api/v1/check-ins/${second.id}`, {
      status: 'held',
      scheduledAt: '2026-12-07T15:00:00Z',
      notes: 'Met a day early at Elena’s request.',
    });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'held', scheduledAt: '2026-12-07T15:00:00.000Z' });
    expect(recorded.body.isRescheduled).toBe(true);

    // A meeting outside the cadence, added after it happened, is recorded as held too.
    const added = await manager.post(`/api/v1/plans/${plan.id}/check-ins`, {
      type: 'weekly_checkin',
      scheduledAt: '2026-12-04T11:00:00Z',
    });
    expect(added.status, added.text).toBe(201);
    const held = await manager.patch(`/api/v1/check-ins/${added.body.id}`, {
      status: 'held',
      notes: 'Ad hoc',
    });
    expect(held.status, held.text).toBe(200);
  });

  it('the manager recommends an outcome; only HR closes, and success without the final evaluation needs a written override', async () => {
    const plan = await startPlan();
    t.clock.set('2026-12-20T10:00:00Z');
    const byManager = await transition(manager, plan.id, {
      action: 'close',
      outcome: 'successful',
      summary: 'Done',
    });
    expect(byManager.status).toBe(409);
    expect(byManager.body.allowedActions).toContain('recommend');
    expect(byManager.body.allowedActions).not.toContain('close');

    const vague = await transition(manager, plan.id, { action: 'recommend', outcome: 'successful' });
    expect(vague.status).toBe(422);
    expect(vague.body.errors.map((e: { path: string }) => e.path)).toEqual(['body/summary']);
    const recommended = await transition(manager, plan.id, {
      action: 'recommend',
      outcome: 'successful',
      summary: 'All four metrics at target for three weeks.',
    });
    expect(recommended.status, recommended.text).toBe(200);
    expect(recommended.body.status).toBe('active');
    const hrNews = (await hrRep.get('/api/v1/notifications')).body.items;
    expect(hrNews.some((n: { kind: string }) => n.kind === 'plan.outcome_recommended')).toBe(true);
    const employeeNews = (await employee.get('/api/v1/notifications')).body.items;
    expect(employeeNews.some((n: { kind: string }) => n.kind === 'plan.outcome_recommended')).toBe(false);

    const noReason = await transition(hrRep, plan.id, {
      action: 'close',
      outcome: 'successful',
      summary: 'Goals met.',
    });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['body/overrideReason']);
    expect((await hrRep.get(`/api/v1/plans/${plan.id}`)).body.status).toBe('active');

    const reason = 'Targets met early and confirmed by the team; the final evaluation is waived.';
    const closed = await transition(hrRep, plan.id, {
      action: 'close',
      outcome: 'successful',
      summary: 'Goals met.',
      overrideReason: reason,
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.outcome).toMatchObject({
      outcome: 'successful',
      decidedByName: 'Hugo Reyes',
      overrideReason: reason,
      recommendation: {
        outcome: 'successful',
        summary: 'All four metrics at target for three weeks.',
        recommendedByName: 'Marta Navarro',
      },
    });
    // Nobody ticked the completion steps: none is done.
    expect(closed.body.outcome.completionSteps.length).toBeGreaterThan(0);
    expect(closed.body.outcome.completionSteps.every((s: { isDone: boolean }) => !s.isDone)).toBe(true);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.planId, plan.id), eq(auditEvents.action, 'plan.closed_with_override')));
    expect(event.digest).toMatchObject({ overrideReason: reason, isFinalEvaluationHeld: false });
  });

  it('once the final evaluation is held, HR closes as successful without an override', async () => {
    const plan = await startPlan();
    const final = (await checkInsOf(plan.id)).find((c) => c.type === 'final_evaluation')!;
    t.clock.set(new Date(Date.parse(final.scheduledAt) + 3_600_000).toISOString());
    const held = await manager.patch(`/api/v1/check-ins/${final.id}`, {
      status: 'held',
      ratings: plan.focusAreas.map((a: { id: string }) => ({ focusAreaId: a.id, rating: 4 })),
      overallRating: 4,
      summary: 'Every goal met and sustained.',
    });
    expect(held.status, held.text).toBe(200);
    const closed = await transition(hr, plan.id, {
      action: 'close',
      outcome: 'successful',
      summary: 'Goals met; back to the regular review cycle.',
      completionSteps: [{ text: 'Final evaluation meeting held', isDone: true }],
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.outcome).toMatchObject({
      outcome: 'successful',
      overrideReason: null,
      recommendation: null,
    });
    expect(closed.body.outcome.completionSteps).toEqual([
      { text: 'Final evaluation meeting held', isDone: true },
    ]);
  });

  it('HR may close as unsuccessful without the final evaluation', async () => {
    const plan = await startPlan();
    t.clock.set('2026-12-20T10:00:00Z');
    const closed = await transition(hr, plan.id, {
      action: 'close',
      outcome: 'unsuccessful',
      summary: 'Targets missed after the agreed support.',
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body.outcome).toMatchObject({ outcome: 'unsuccessful', overrideReason: null });
  });
});
