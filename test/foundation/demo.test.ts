import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit/verify-audit.ts';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { demo, signIn } from '../helpers/http.ts';

describe.each(engines)('demo plans on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('seeds an active, a draft and a closed plan once, through the real use cases', async () => {
    expect(await seedDemoPlans(t.deps)).toBe(true);
    expect(await seedDemoPlans(t.deps)).toBe(false);
    const hr = await signIn(t.app, demo.hr);
    const list = (await hr.get('/api/v1/plans?limit=10')).body.items;
    expect(
      list.map((p: { employeeName: string; status: string }) => `${p.employeeName}:${p.status}`).sort(),
    ).toEqual(['Carmen Serrano:closed', 'Daniel Ortega:active', 'Lucía Fernández:draft']);
    const active = list.find((p: { status: string }) => p.status === 'active');
    const plan = (await hr.get(`/api/v1/plans/${active.id}`)).body;
    expect(plan.metrics).toHaveLength(4);
    expect(plan.metrics[0].measurements).toHaveLength(4);
    expect(plan.signatures.filter((s: { isCurrent: boolean }) => s.isCurrent)).toHaveLength(3);
    expect(plan.development.groups[0].done).toBe(5);
    const daniel = await signIn(t.app, 'daniel.ortega@lumina.example');
    expect((await daniel.get(`/api/v1/plans/${active.id}`)).status).toBe(200);
    expect((await verifyAudit(t.database.db, hr.user.orgId)).isIntact).toBe(true);
    // The closed plan is seeded with its twelve weeks of record, which takes a while on a busy machine.
  }, 120_000);

  it('the closed demo plan follows the closing rules: measured weekly, final evaluation held, decided by HR', async () => {
    const hr = await signIn(t.app, demo.hr);
    const list = (await hr.get('/api/v1/plans?limit=10')).body.items;
    const closedId = list.find((p: { status: string }) => p.status === 'closed').id;
    const plan = (await hr.get(`/api/v1/plans/${closedId}`)).body;
    for (const metric of plan.metrics) expect(metric.measurements).toHaveLength(12);
    const checkIns = (await hr.get(`/api/v1/plans/${closedId}/check-ins`)).body.items;
    expect(checkIns.filter((c: { status: string }) => c.status === 'held')).toHaveLength(12);
    expect(checkIns).toContainEqual(expect.objectContaining({ type: 'final_evaluation', status: 'held' }));
    expect(plan.outcome).toMatchObject({
      outcome: 'successful',
      decidedByName: 'Hugo Reyes',
      overrideReason: null,
      recommendation: expect.objectContaining({ outcome: 'successful', recommendedByName: 'Marta Navarro' }),
    });
  });
});
