import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('draft save points on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
  });
  afterAll(() => t?.close());

  const versionsOf = async (id: string) =>
    (await manager.get(`/api/v1/plans/${id}/versions`)).body.items as {
      version: number;
      reason: string | null;
    }[];

  it('twenty edits of a draft and its submission make one version; every edit is still audited', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    for (let i = 1; i <= 20; i++) {
      const edited = await manager.patch(`/api/v1/plans/${plan.id}`, { issuesIntro: `Draft wording ${i}` });
      expect(edited.status, edited.text).toBe(200);
    }
    const submitted = await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.version).toBe(1);
    const versions = await versionsOf(plan.id);
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect(versions[0].reason).toBe('submitted for approval');
    const v1 = (await manager.get(`/api/v1/plans/${plan.id}/versions/1`)).body;
    expect(JSON.stringify(v1)).toContain('Draft wording 20');

    const audit = await hr.get(`/api/v1/plans/${plan.id}/audit`);
    expect(audit.status, audit.text).toBe(200);
    const edits = audit.body.items.filter((e: { action: string }) => e.action === 'plan.updated');
    expect(edits.length).toBeGreaterThanOrEqual(20);
  });

  it('after a rejection the submitted version stays; the next draft edits share one new save point', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    expect((await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' })).status).toBe(
      200,
    );
    const rejected = await hr.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'reject',
      reason: 'Add a dated example per area',
    });
    expect(rejected.body.status).toBe('draft');
    for (let i = 1; i <= 3; i++)
      expect((await manager.patch(`/api/v1/plans/${plan.id}`, { issuesIntro: `Revised ${i}` })).status).toBe(
        200,
      );
    expect((await versionsOf(plan.id)).map((v) => v.version).sort()).toEqual([1, 2]);
    const v1 = (await manager.get(`/api/v1/plans/${plan.id}/versions/1`)).body;
    expect(JSON.stringify(v1)).not.toContain('Revised');
    const resubmitted = await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect(resubmitted.body.version).toBe(2);
  });
});
