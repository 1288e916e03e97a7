// Statements per request on the hot writes and reads, counted with the database's own counter: signing,
// a check-in held with two measurements, and the whole audited plan read. A use case loads the plan once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('statements per request on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;

  const cost = async <T>(run: () => Promise<T>): Promise<{ count: number; result: T }> => {
    const before = t.database.queryCount();
    const result = await run();
    const count = t.database.queryCount() - before;
    return { count, result };
  };

  beforeAll(async () => {
    t = await startTestApp(engine, {
      env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000', LOG_LEVEL: 'error' },
    });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(() => t?.close());

  it('a signature takes at most 15 statements (19 when it starts the plan), a check-in held with two measurements 20, a read 3', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const draft = await completePlan(manager, await createPlan(manager, { hrRepId: hr.user.id }));
    const readiness = (await hr.get(`/api/v1/plans/${draft.id}/readiness`)).body;
    for (const item of readiness.items.filter((i: { severity: string }) => i.severity === 'warning'))
      await hr.post(`/api/v1/plans/${draft.id}/readiness/acceptances`, { code: item.code, reason: 'Agreed' });
    expect((await manager.post(`/api/v1/plans/${draft.id}/transitions`, { action: 'submit' })).status).toBe(
      200,
    );
    let plan = (
      await hr.post(`/api/v1/plans/${draft.id}/transitions`, { action: 'approve', comment: 'Fair' })
    ).body;

    const counts: Record<string, number> = {};
    for (const [client, role] of [
      [employee, 'employee'],
      [manager, 'manager'],
      [hr, 'hr'],
    ] as const) {
      const clauses = plan.acknowledgmentClauses[role].map((c: { id: string }) => c.id);
      const { count, result } = await cost(() =>
        client.post(`/api/v1/plans/${draft.id}/signatures`, { role, typedName: client.user.name, clauses }),
      );
      expect(result.status, result.text).toBe(201);
      counts[`sign as ${role}`] = count;
      plan = result.body;
    }
    expect(plan.status).toBe('active');

    const checkIns = (await manager.get(`/api/v1/plans/${draft.id}/check-ins`)).body.items;
    const weekly = checkIns.find((c: { type: string }) => c.type === 'weekly_checkin');
    const [first, second] = plan.metrics;
    t.clock.set('2026-12-01T10:30:00Z');
    const held = await cost(() =>
      manager.patch(`/api/v1/check-ins/${weekly.id}`, {
        status: 'held',
        notes: 'Went through the board together.',
        measurements: [
          { metricId: first.id, value: 3 },
          { metricId: second.id, value: 4 },
        ],
      }),
    );
    expect(held.result.status, held.result.text).toBe(200);
    counts['check-in held with two measurements'] = held.count;
    const read = await cost(() => manager.get(`/api/v1/plans/${draft.id}`));
    expect(read.result.body.metrics.find((m: { id: string }) => m.id === first.id).current).toBe(3);
    counts['whole plan read'] = read.count;

    // PostgreSQL counts the transaction's begin and commit too; PGlite runs them outside the counter.
    expect(counts['sign as employee'], JSON.stringify(counts)).toBeLessThanOrEqual(15);
    expect(counts['sign as manager'], JSON.stringify(counts)).toBeLessThanOrEqual(15);
    // The last signature also starts the plan: it schedules the check-ins and tells everyone it started.
    expect(counts['sign as hr'], JSON.stringify(counts)).toBeLessThanOrEqual(19);
    expect(counts['check-in held with two measurements']).toBeLessThanOrEqual(20);
    // A read: the session, the plan, the view appended at its chain's head (hashed by PostgreSQL).
    expect(counts['whole plan read'], JSON.stringify(counts)).toBeLessThanOrEqual(3);
  });
});
