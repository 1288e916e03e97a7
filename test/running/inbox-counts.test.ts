// The inbox's counts are of the whole inbox, every page together: they match the items of all pages, kind by
// kind, for every person, whatever the page size, and they are not capped by the first page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

const kinds = [
  'approve_plan',
  'sign_plan',
  'witness_refusal',
  'decide_adjustment',
  'record_check_in',
  'record_mentor_session',
  'recommend_outcome',
  'close_plan',
];

describe.each(engines)('inbox counts on %s', (engine) => {
  let t: TestApp;
  const clients: Record<string, Client> = {};

  /** Every item of every page, walking the cursor with pages of `limit` items. */
  async function allItems(client: Client, limit: number) {
    const items: { kind: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await client.get(`/api/v1/me/inbox?${query}`);
      expect(page.status, page.text).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 200);
    return items;
  }

  const tally = (items: { kind: string }[]) =>
    Object.fromEntries(kinds.map((kind) => [kind, items.filter((i) => i.kind === kind).length]));

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '200000', SESSION_MAX_HOURS: '5000' } });
    for (const [name, email] of Object.entries(demo)) clients[name] = await signIn(t.app, email);
    const { manager, hr, employee } = clients;
    // Three plans wait for HR's approval, two for signatures, one with an adjustment to decide.
    for (let i = 0; i < 3; i++) {
      const plan = await completePlan(manager, await createPlan(manager));
      expect((await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' })).status).toBe(
        200,
      );
    }
    for (let i = 0; i < 2; i++) {
      const plan = await completePlan(manager, await createPlan(manager));
      await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
      const approved = await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' });
      expect(approved.status, approved.text).toBe(200);
    }
    const active = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    const proposed = await manager.post(`/api/v1/plans/${active.id}/adjustments`, {
      reason: 'Extension: two weeks of sick leave in January',
      changes: { metrics: { update: [{ id: active.metrics[0].id, target: active.metrics[0].target + 1 }] } },
    });
    expect(proposed.status, proposed.text).toBe(201);
    // A refusal waits for HR's witness statement; a plan with a mentor will have sessions to record.
    const refusing = await completePlan(manager, await createPlan(manager));
    await manager.post(`/api/v1/plans/${refusing.id}/transitions`, { action: 'submit' });
    await hr.post(`/api/v1/plans/${refusing.id}/transitions`, { action: 'approve' });
    const refused = await employee.post(`/api/v1/plans/${refusing.id}/signatures`, {
      role: 'employee',
      refused: true,
      response: 'I do not agree with the examples.',
    });
    expect(refused.status, refused.text).toBe(201);
    const mentored = await completePlan(
      manager,
      await createPlan(manager, { mentorId: clients.mentor.user.id }),
    );
    await activatePlan(manager, hr, employee, mentored.id);
  });

  /** For every person: the counts equal the items of all pages, kind by kind, with pages of any size. */
  async function expectCountsOfEveryPage() {
    for (const [name, client] of Object.entries(clients)) {
      const whole = await client.get('/api/v1/me/inbox?limit=100');
      expect(whole.status, whole.text).toBe(200);
      expect(Object.keys(whole.body.counts).sort(), name).toEqual([...kinds].sort());
      const all = await allItems(client, 1);
      expect(tally(all), name).toEqual(whole.body.counts);
      expect(tally(await allItems(client, 2)), name).toEqual(whole.body.counts);
      if (!whole.body.nextCursor) expect(whole.body.counts, name).toEqual(tally(whole.body.items));
    }
  }
  afterAll(() => t?.close());

  it('HR’s counts go beyond a page: three approvals counted on a page of one', async () => {
    const first = await clients.hr.get('/api/v1/me/inbox?limit=1');
    expect(first.status, first.text).toBe(200);
    // A page holds one plan's items together: one plan here, with one or two items for HR.
    expect(first.body.items.length).toBeLessThanOrEqual(2);
    expect(first.body.nextCursor).not.toBeNull();
    expect(first.body.counts.approve_plan).toBe(3);
    expect(first.body.counts.decide_adjustment).toBe(1);
    expect(first.body.counts.sign_plan).toBe(3);
    expect(Object.values(first.body.counts).reduce((a: number, b) => a + (b as number), 0)).toBeGreaterThan(
      first.body.items.length,
    );
  });

  it('for every person the counts equal the items of all pages, kind by kind, with any page size', async () => {
    await expectCountsOfEveryPage();
    // The manager owes signatures on the plans awaiting acknowledgment; the employee on those not refused.
    expect((await clients.manager.get('/api/v1/me/inbox')).body.counts.sign_plan).toBe(3);
    expect((await clients.employee.get('/api/v1/me/inbox')).body.counts.sign_plan).toBe(2);
    expect((await clients.hr.get('/api/v1/me/inbox')).body.counts.witness_refusal).toBe(1);
  });

  it('past the plans’ end: check-ins and mentor sessions to record, outcomes to recommend, plans to close', async () => {
    t.clock.set('2027-03-15T09:00:00Z');
    await expectCountsOfEveryPage();
    const manager = (await clients.manager.get('/api/v1/me/inbox?limit=1')).body.counts;
    expect(manager.record_check_in).toBeGreaterThan(1);
    expect(manager.recommend_outcome).toBe(2);
    expect((await clients.hr.get('/api/v1/me/inbox')).body.counts.close_plan).toBe(2);
    expect((await clients.mentor.get('/api/v1/me/inbox')).body.counts.record_mentor_session).toBeGreaterThan(
      0,
    );
  });
});
