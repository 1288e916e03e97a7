// A proposed adjustment waits for HR: the organisation's HR administrators are told of it once each, whether or
// not they are people of the plan, as their notification preferences say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('who is told of a proposed adjustment on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hrAdmin: Client;
  let hrRep: Client;
  let employee: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hrAdmin = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(() => t?.close());

  async function activePlanWith(hrRepId: string, hr: Client) {
    const plan = await completePlan(manager, await createPlan(manager, { hrRepId }));
    return activatePlan(manager, hr, employee, plan.id);
  }

  async function propose(planId: string, target: number, metricId: string) {
    const proposed = await manager.post(`/api/v1/plans/${planId}/adjustments`, {
      reason: 'Extension: two weeks of sick leave in January',
      changes: { metrics: { update: [{ id: metricId, target }] } },
    });
    expect(proposed.status, proposed.text).toBe(201);
  }

  async function proposedNotices(client: Client, planId: string) {
    const list = await client.get('/api/v1/notifications');
    expect(list.status).toBe(200);
    return list.body.items.filter(
      (n: { kind: string; planId: string }) => n.kind === 'adjustment.proposed' && n.planId === planId,
    );
  }

  it('an HR administrator who is not of the plan gets exactly one notification', async () => {
    const plan = await activePlanWith(hrRep.user.id, hrRep);
    expect(plan.header.hrRepUserId).toBe(hrRep.user.id);
    expect(plan.header.managerUserId).not.toBe(hrAdmin.user.id);
    await propose(plan.id, plan.metrics[0].target + 1, plan.metrics[0].id);

    const notices = await proposedNotices(hrAdmin, plan.id);
    expect(notices).toHaveLength(1);
    expect(notices[0].payload).toMatchObject({ by: 'Marta Navarro' });
    // The plan's people are told as before.
    expect(await proposedNotices(hrRep, plan.id)).toHaveLength(1);
    expect(await proposedNotices(employee, plan.id)).toHaveLength(1);
  });

  it('an HR administrator who is also the plan’s HR representative is told once, not twice', async () => {
    const plan = await activePlanWith(hrAdmin.user.id, hrAdmin);
    await propose(plan.id, plan.metrics[0].target + 1, plan.metrics[0].id);
    expect(await proposedNotices(hrAdmin, plan.id)).toHaveLength(1);
  });

  it('an HR administrator who turned adjustments off is not told in the app', async () => {
    const plan = await activePlanWith(hrRep.user.id, hrRep);
    const off = await hrAdmin.patch('/api/v1/me/notification-preferences', { kinds: { adjustments: 'off' } });
    expect(off.status, off.text).toBe(200);
    try {
      await propose(plan.id, plan.metrics[0].target + 1, plan.metrics[0].id);
      expect(await proposedNotices(hrAdmin, plan.id)).toHaveLength(0);
      expect(await proposedNotices(hrRep, plan.id)).toHaveLength(1);
    } finally {
      await hrAdmin.patch('/api/v1/me/notification-preferences', { kinds: { adjustments: 'email' } });
    }
  });
});
