// Responses and appeals over HTTP, with every role: the employee responds and appeals, the HR person who closed
// the plan may not decide the appeal, another HR person does; responses reach every party but the mentor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('responses and appeals on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;
  let mentor: Client;
  let auditor: Client;
  let planId: string;
  const responseText =
    'I disagree with the second example:\nthe ticket was reopened by the customer, not by me.';

  beforeAll(async () => {
    // The clock moves past the appeal period: sessions outlive it.
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '5000000', SESSION_MAX_HOURS: '100000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
    auditor = await signIn(t.app, demo.auditor);
    const created = await createPlan(manager, { hrRepId: hrRep.user.id, mentorId: mentor.user.id });
    await completePlan(manager, created);
    planId = created.id;
    await activatePlan(manager, hr, employee, planId);
  });
  afterAll(() => t?.close());

  const close = (by: Client, outcome: 'successful' | 'unsuccessful') =>
    by.post(`/api/v1/plans/${planId}/transitions`, {
      action: 'close',
      outcome,
      summary: 'Decided on the evidence recorded.',
      overrideReason: 'Decided before the final evaluation for this test.',
    });

  it('the employee’s response is kept as written and visible to every party that may read the plan, not the mentor', async () => {
    const added = await employee.post(`/api/v1/plans/${planId}/responses`, { text: responseText });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ text: responseText, context: 'any_time' });
    expect(
      (await manager.post(`/api/v1/plans/${planId}/responses`, { text: 'Not mine to write.' })).status,
    ).toBe(403);
    expect(
      (await mentor.post(`/api/v1/plans/${planId}/responses`, { text: 'Not mine to write.' })).status,
    ).toBe(404);
    for (const reader of [hr, hrRep, manager, employee, auditor]) {
      const view = await reader.get(`/api/v1/plans/${planId}`);
      expect(view.status).toBe(200);
      expect(view.body.responses).toEqual([
        { id: added.body.id, text: responseText, context: 'any_time', createdAt: added.body.createdAt },
      ]);
    }
    const mentorView = await mentor.get(`/api/v1/plans/${planId}`);
    expect(mentorView.status).toBe(200);
    expect(mentorView.text).not.toContain('reopened by the customer');
    const audit = (await hr.get(`/api/v1/plans/${planId}/audit`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toContain('plan.response_added');
  });

  it('an appeal waits for the outcome; HR sees the evidence before closing', async () => {
    expect((await employee.post(`/api/v1/plans/${planId}/appeals`, { reason: 'Too early.' })).status).toBe(
      409,
    );
    const evidence = await hr.get(`/api/v1/plans/${planId}/outcome-evidence`);
    expect(evidence.status).toBe(200);
    expect(evidence.body.metrics.length).toBeGreaterThan(0);
    expect(evidence.body.metrics[0]).toMatchObject({
      baseline: expect.any(Number),
      target: expect.any(Number),
    });
    expect(evidence.body.checkIns).toMatchObject({ held: 0 });
    expect(evidence.body.activities.total).toBeGreaterThan(0);
    expect(evidence.body.responses.map((r: { text: string }) => r.text)).toEqual([responseText]);
    expect((await employee.get(`/api/v1/plans/${planId}/outcome-evidence`)).status).toBe(403);
    expect((await mentor.get(`/api/v1/plans/${planId}/outcome-evidence`)).status).toBe(404);
  });

  it('the employee appeals; the HR person who closed is refused; another HR person extends the plan', async () => {
    expect((await close(hr, 'unsuccessful')).status).toBe(200);
    expect((await employee.post(`/api/v1/plans/${planId}/responses`, { text: 'Late.' })).status).toBe(409);
    expect((await manager.post(`/api/v1/plans/${planId}/appeals`, { reason: 'x' })).status).toBe(403);
    const appeal = await employee.post(`/api/v1/plans/${planId}/appeals`, {
      reason: 'The customer reopened the tickets; the metric counts them against me.',
    });
    expect(appeal.status).toBe(201);
    expect(appeal.body).toMatchObject({ status: 'open', decision: null });
    expect((await employee.post(`/api/v1/plans/${planId}/appeals`, { reason: 'Again.' })).status).toBe(409);
    const handlerNews = (await hrRep.get('/api/v1/notifications')).body.items.map(
      (n: { kind: string }) => n.kind,
    );
    expect(handlerNews).toContain('appeal.lodged');

    const decision = {
      decision: 'extended',
      reason: 'Four more weeks with the metric corrected.',
      endDate: '2027-03-26',
    };
    const byCloser = await hr.post(`/api/v1/appeals/${appeal.body.id}/decision`, decision);
    expect(byCloser.status).toBe(403);
    expect(byCloser.body.detail).toMatch(/another HR person/);
    expect((await manager.post(`/api/v1/appeals/${appeal.body.id}/decision`, decision)).status).toBe(403);
    expect((await mentor.post(`/api/v1/appeals/${appeal.body.id}/decision`, decision)).status).toBe(404);
    expect((await employee.post(`/api/v1/appeals/${appeal.body.id}/decision`, decision)).status).toBe(403);
    const noDate = await hrRep.post(`/api/v1/appeals/${appeal.body.id}/decision`, {
      ...decision,
      endDate: undefined,
    });
    expect(noDate.status).toBe(422);
    expect(noDate.body.errors[0].path).toBe('body/endDate');

    const decided = await hrRep.post(`/api/v1/appeals/${appeal.body.id}/decision`, decision);
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      status: 'decided',
      decision: 'extended',
      decidedByName: hrRep.user.name,
    });
    const plan = (await employee.get(`/api/v1/plans/${planId}`)).body;
    expect(plan).toMatchObject({ status: 'active', outcome: null });
    expect(plan.header.endDate ?? plan.endDate).toBe('2027-03-26');
    expect(plan.appeals).toEqual([expect.objectContaining({ id: appeal.body.id, decision: 'extended' })]);
    const news = (await employee.get('/api/v1/notifications')).body.items.map(
      (n: { kind: string }) => n.kind,
    );
    expect(news).toContain('appeal.decided');
    const audit = (await hr.get(`/api/v1/plans/${planId}/audit`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toEqual(expect.arrayContaining(['plan.appealed', 'appeal.decided']));
  });

  it('closed again, a second appeal changes the outcome; after the period no appeal is taken', async () => {
    expect((await close(hrRep, 'unsuccessful')).status).toBe(200);
    const appeal = await employee.post(`/api/v1/plans/${planId}/appeals`, {
      reason: 'The targets were met late.',
    });
    expect(appeal.status).toBe(201);
    expect(
      (await hrRep.post(`/api/v1/appeals/${appeal.body.id}/decision`, { decision: 'upheld', reason: 'x' }))
        .status,
    ).toBe(403);
    const changed = await hr.post(`/api/v1/appeals/${appeal.body.id}/decision`, {
      decision: 'changed',
      reason: 'The last two weeks met every target.',
      outcome: 'successful',
    });
    expect(changed.status).toBe(200);
    const plan = (await auditor.get(`/api/v1/plans/${planId}`)).body;
    expect(plan.status).toBe('closed');
    expect(plan.outcome).toMatchObject({ outcome: 'successful', decidedByName: hr.user.name });

    t.clock.advance(15 * 86_400_000);
    const late = await employee.post(`/api/v1/plans/${planId}/appeals`, { reason: 'Once more.' });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('appeal_period_ended');
  });
});
