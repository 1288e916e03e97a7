// Removing several development activities at once: one request, one transaction, one audited change; an id that is
// not of the plan refuses the whole request naming it, and who may not edit the plan removes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('removing several activities on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let mentor: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    mentor = await signIn(t.app, demo.mentor);
  });
  afterAll(() => t?.close());

  async function planWithActivities(count: number) {
    const plan = await completePlan(manager, await createPlan(manager));
    for (let i = plan.activities.length; i < count; i++) {
      const added = await manager.post(`/api/v1/plans/${plan.id}/activities`, {
        groupKey: 'technical',
        section: 'Courses',
        title: `Course ${i + 1}`,
      });
      expect(added.status, added.text).toBe(201);
    }
    const read = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(read.activities.length).toBeGreaterThanOrEqual(count);
    return read as { id: string; activities: { id: string; title: string }[] };
  }

  const removalsOf = async (planId: string) =>
    (await hr.get(`/api/v1/plans/${planId}/audit`)).body.items.filter(
      (e: { action: string }) => e.action === 'activity.removed',
    ).length;

  it('removes the listed activities in one audited change and keeps the others', async () => {
    const plan = await planWithActivities(4);
    const gone = plan.activities.slice(0, 3).map((a) => a.id);
    const removed = await manager.post(`/api/v1/plans/${plan.id}/activities/removals`, { ids: gone });
    expect(removed.status, removed.text).toBe(204);
    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.activities.map((a: { id: string }) => a.id)).toEqual(
      plan.activities.slice(3).map((a) => a.id),
    );
    expect(await removalsOf(plan.id)).toBe(1);
  });

  it('an id not of the plan, or listed twice, is a 422 naming it, and nothing is removed', async () => {
    const plan = await planWithActivities(2);
    const other = await planWithActivities(1);
    const [first, second] = plan.activities.map((a) => a.id);
    const foreign = await manager.post(`/api/v1/plans/${plan.id}/activities/removals`, {
      ids: [first, other.activities[0].id],
    });
    expect(foreign.status, foreign.text).toBe(422);
    expect(foreign.body.errors).toEqual([
      expect.objectContaining({ path: 'body/ids/1', message: 'no activity of this plan has this id' }),
    ]);
    const twice = await manager.post(`/api/v1/plans/${plan.id}/activities/removals`, {
      ids: [second, first, second],
    });
    expect(twice.status, twice.text).toBe(422);
    expect(twice.body.errors.map((e: { path: string }) => e.path)).toEqual(['body/ids/2']);
    const malformed = await manager.post(`/api/v1/plans/${plan.id}/activities/removals`, { ids: ['x'] });
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    expect(malformed.text).toContain('ids');
    const empty = await manager.post(`/api/v1/plans/${plan.id}/activities/removals`, { ids: [] });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    const after = (await manager.get(`/api/v1/plans/${plan.id}`)).body;
    expect(after.activities).toHaveLength(plan.activities.length);
    expect(await removalsOf(plan.id)).toBe(0);
  });

  it('who may not edit the plan removes nothing', async () => {
    const plan = await planWithActivities(1);
    const refused = await mentor.post(`/api/v1/plans/${plan.id}/activities/removals`, {
      ids: [plan.activities[0].id],
    });
    expect([403, 404]).toContain(refused.status);
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).body.activities).toHaveLength(
      plan.activities.length,
    );
  });
});
