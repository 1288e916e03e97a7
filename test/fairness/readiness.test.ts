// The readiness check over HTTP: a plan reaches the employee only when it passes, or HR accepted each warning.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('readiness check on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;
  let mentor: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
  });
  afterAll(() => t?.close());

  const newPlan = async () => {
    const created = await createPlan(manager, { hrRepId: hrRep.user.id, mentorId: mentor.user.id });
    return completePlan(manager, created);
  };
  const codesOf = (items: { code: string }[]) => items.map((i) => i.code);

  it('HR approving a plan with readiness errors answers 409 with the items, and the plan stays in review', async () => {
    const plan = await newPlan();
    const area = plan.focusAreas[0];
    await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`, {
      examples: [{ date: null, text: 'Reopened tickets in the autumn.' }],
    });
    await manager.patch(`/api/v1/plans/${plan.id}`, {
      procedure: { priorConversation: { date: null }, accommodation: null },
    });
    const readiness = await manager.get(`/api/v1/plans/${plan.id}/readiness`);
    expect(readiness.status).toBe(200);
    expect(readiness.body.isReady).toBe(false);
    expect(codesOf(readiness.body.items)).toEqual([
      'issue.undated_example',
      'conversation.missing',
      'accommodation.missing',
    ]);
    const undated = readiness.body.items[0];
    expect(undated).toMatchObject({ severity: 'error', path: `focusAreas/${area.id}/examples` });
    expect(undated.why).toMatch(/dated examples/);

    // Submitting only asks HR to review; sending to the employee is what the check guards.
    expect((await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' })).status).toBe(
      200,
    );
    const approved = await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' });
    expect(approved.status).toBe(409);
    expect(approved.headers['content-type']).toMatch(/problem\+json/);
    expect(codesOf(approved.body.items)).toEqual(codesOf(readiness.body.items));
    expect((await hr.get(`/api/v1/plans/${plan.id}`)).body.status).toBe('in_review');
    expect((await employee.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
  });

  it('a wording warning blocks until HR accepts it with a reason; the acceptance is listed and audited', async () => {
    const plan = await newPlan();
    const area = plan.focusAreas[0];
    await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${area.id}`, {
      issue: `${area.issue} Shows a bad attitude when tickets are reopened.`,
    });
    const before = (await manager.get(`/api/v1/plans/${plan.id}/readiness`)).body;
    expect(before.items).toEqual([
      expect.objectContaining({
        code: 'wording.vague_judgment',
        severity: 'warning',
        path: `focusAreas/${area.id}/issue`,
        message: expect.stringContaining('bad attitude'),
      }),
    ]);
    await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect((await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' })).status).toBe(409);

    const reason = 'The words quote the customer complaint of 12 October verbatim.';
    const byManager = await manager.post(`/api/v1/plans/${plan.id}/readiness/acceptances`, {
      code: 'wording.vague_judgment',
      reason,
    });
    expect(byManager.status).toBe(403);
    const unknown = await hr.post(`/api/v1/plans/${plan.id}/readiness/acceptances`, {
      code: 'length.minimum',
      reason,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body/code');
    const accepted = await hr.post(`/api/v1/plans/${plan.id}/readiness/acceptances`, {
      code: 'wording.vague_judgment',
      reason,
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.isReady).toBe(true);
    expect(accepted.body.items[0].acceptance).toMatchObject({ reason, acceptedByName: hr.user.name });

    const sent = await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('awaiting_acknowledgment');
    const audit = (await hr.get(`/api/v1/plans/${plan.id}/audit`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toContain('plan.readiness_warning_accepted');
  });

  it('an error cannot be accepted; the employee and the mentor cannot see the check', async () => {
    const plan = await newPlan();
    await manager.patch(`/api/v1/plans/${plan.id}`, { consequences: '' });
    const refused = await hr.post(`/api/v1/plans/${plan.id}/readiness/acceptances`, {
      code: 'consequences.missing',
      reason: 'We will say it in the meeting.',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toMatch(/error cannot be accepted/);
    expect((await mentor.get(`/api/v1/plans/${plan.id}/readiness`)).status).toBe(404);
    expect((await employee.get(`/api/v1/plans/${plan.id}/readiness`)).status).toBe(404);
  });

  it('the organisation’s minimum length and extra wording terms feed the check', async () => {
    const plan = await newPlan();
    expect((await manager.get(`/api/v1/plans/${plan.id}/readiness`)).body).toEqual({
      items: [],
      isReady: true,
    });
    const settings = await hr.patch('/api/v1/organization', {
      minimumPlanDays: 100,
      wordingTerms: [{ category: 'vague_judgment', term: 'reopened' }],
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ minimumPlanDays: 100, appealWorkingDays: 10 });
    const items = (await manager.get(`/api/v1/plans/${plan.id}/readiness`)).body.items;
    expect(codesOf(items)).toContain('length.minimum');
    expect(codesOf(items)).toContain('wording.vague_judgment');
    const restored = await hr.patch('/api/v1/organization', { minimumPlanDays: 30, wordingTerms: [] });
    expect(restored.status).toBe(200);
  });
  it('an organisation’s own pair of contradictory demands gives one warning naming both texts', async () => {
    const plan = await newPlan();
    const [a, b] = plan.focusAreas;
    await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${a.id}`, {
      requiredStandard: 'Ship a release every day.',
    });
    await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${b ? b.id : a.id}`, {
      goal: 'Freeze all changes until the audit closes.',
    });
    const before = await manager.get(`/api/v1/plans/${plan.id}/readiness`);
    expect(codesOf(before.body.items)).not.toContain('wording.contradictory_demand');

    const refused = await hr.patch('/api/v1/organization', {
      wordingPairs: [{ first: 'ship a release', second: '' }],
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/wordingPairs/);

    const settings = await hr.patch('/api/v1/organization', {
      wordingPairs: [{ first: 'ship a release every day', second: 'freeze all changes' }],
    });
    expect(settings.status).toBe(200);
    expect(settings.body.wordingPairs).toEqual([
      { first: 'ship a release every day', second: 'freeze all changes' },
    ]);
    const items = (await manager.get(`/api/v1/plans/${plan.id}/readiness`)).body.items;
    const hits = items.filter((i: { code: string }) => i.code === 'wording.contradictory_demand');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      severity: 'warning',
      path: `focusAreas/${a.id}/requiredStandard`,
      fix: 'State which comes first, or when each applies.',
    });
    expect(hits[0].message).toContain(`(focusAreas/${b ? b.id : a.id}/goal)`);
    expect((await hr.patch('/api/v1/organization', { wordingPairs: [] })).status).toBe(200);
  });
});
