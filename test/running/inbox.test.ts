// The inbox: what waits on each person appears for them, with its action, and leaves once done; nobody sees an item
// on a plan they may not act on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

type Item = {
  kind: string;
  planId: string;
  action: string;
  title: string;
  dueAt: string | null;
  subjectId: string;
};

describe.each(engines)('the inbox on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let mentor: Client;

  const inbox = async (client: Client, planId: string): Promise<Item[]> => {
    const response = await client.get('/api/v1/me/inbox');
    expect(response.status, response.text).toBe(200);
    return response.body.items.filter((item: Item) => item.planId === planId);
  };
  const kinds = async (client: Client, planId: string) =>
    (await inbox(client, planId)).map((i) => i.kind).sort();

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '200000', SESSION_MAX_HOURS: '5000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
  });
  afterAll(() => t?.close());

  it('an approval waits on HR until given, then the signatures wait on each party until signed', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    expect(await kinds(hr, plan.id)).toEqual([]);
    expect((await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' })).status).toBe(
      200,
    );

    const waiting = await inbox(hr, plan.id);
    expect(waiting.map((i) => [i.kind, i.action])).toEqual([['approve_plan', 'approve']]);
    expect(waiting[0]?.title).toContain(plan.header.employeeName);
    // The employee knows nothing of a plan in review.
    expect(await kinds(employee, plan.id)).toEqual([]);

    const approved = await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' });
    expect(approved.body.status).toBe('awaiting_acknowledgment');
    expect(await kinds(hr, plan.id)).toEqual(['sign_plan']);
    expect(await kinds(manager, plan.id)).toEqual(['sign_plan']);
    expect(await kinds(employee, plan.id)).toEqual(['sign_plan']);

    const clauses = approved.body.acknowledgmentClauses.employee.map((c: { id: string }) => c.id);
    const signed = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      role: 'employee',
      typedName: employee.user.name,
      clauses,
    });
    expect(signed.status, signed.text).toBe(201);
    expect(await kinds(employee, plan.id)).toEqual([]);
    expect(await kinds(manager, plan.id)).toEqual(['sign_plan']);
  });

  it('a refusal waits on HR as a witness statement', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' });
    const refused = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
      role: 'employee',
      refused: true,
      response: 'I do not agree with the examples.',
    });
    expect(refused.status, refused.text).toBe(201);
    const items = await inbox(hr, plan.id);
    expect(items.map((i) => i.kind).sort()).toEqual(['sign_plan', 'witness_refusal']);
    expect(items.find((i) => i.kind === 'witness_refusal')?.subjectId).toBeTruthy();
    expect(await kinds(employee, plan.id)).toEqual([]);
  });

  it('a pending adjustment waits on HR (not on the manager who proposed it) until decided', async () => {
    const plan = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    const proposed = await manager.post(`/api/v1/plans/${plan.id}/adjustments`, {
      reason: 'The goals were agreed to include this',
      changes: { successCriteria: { add: [{ text: 'Pairs on two reviews a week' }] } },
    });
    expect(proposed.status, proposed.text).toBe(201);
    const items = await inbox(hr, plan.id);
    expect(items.map((i) => [i.kind, i.subjectId])).toContainEqual(['decide_adjustment', proposed.body.id]);
    expect((await kinds(manager, plan.id)).includes('decide_adjustment')).toBe(false);

    const decided = await hr.post(`/api/v1/plans/${plan.id}/adjustments/${proposed.body.id}/decision`, {
      decision: 'approve',
      reason: 'Agreed',
    });
    expect(decided.status, decided.text).toBe(200);
    expect((await kinds(hr, plan.id)).includes('decide_adjustment')).toBe(false);
  });

  it('a check-in waits on the manager from the day before it is due; the mentor never sees it', async () => {
    const plan = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    const checkIns = (await manager.get(`/api/v1/plans/${plan.id}/check-ins`)).body.items as {
      id: string;
      type: string;
      scheduledAt: string;
    }[];
    const weekly = checkIns
      .filter((c) => c.type === 'weekly_checkin')
      .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt))[0];
    expect(weekly).toBeDefined();
    expect((await kinds(manager, plan.id)).includes('record_check_in')).toBe(false);

    t.clock.set(new Date(new Date(weekly!.scheduledAt).getTime() - 2 * 3_600_000).toISOString());
    const items = await inbox(manager, plan.id);
    const due = items.find((i) => i.kind === 'record_check_in');
    expect(due?.subjectId).toBe(weekly!.id);
    expect(due?.dueAt).toBe(new Date(weekly!.scheduledAt).toISOString());
    expect(await kinds(mentor, plan.id)).not.toContain('record_check_in');
    expect(await kinds(employee, plan.id)).toEqual([]);
  });

  it('answers in the person’s language and refuses anonymous callers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/inbox' })).statusCode).toBe(401);
    const plan = await completePlan(manager, await createPlan(manager));
    await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect((await hr.patch('/api/v1/me', { locale: 'es' })).status).toBe(200);
    const [item] = await inbox(hr, plan.id);
    expect(item?.title).toMatch(/^Aprobar el plan de /);
    expect((await hr.patch('/api/v1/me', { locale: 'en' })).status).toBe(200);
  });
});
