// A feedback giver's 1–5 rating feeds a metric only on its own scale or through the requester's conversion,
// and never as a measurement dated before the plan starts.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import { resolveLinks } from '../../src/services/email/resolve-links.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('feedback ratings on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  // biome-ignore lint/suspicious/noExplicitAny: the plan as the API returns it
  let plan: any;
  const metricIdOf = (name: string) => plan.metrics.find((m: { name: string }) => m.name === name).id;

  const tokenOf = async (requestId: string) => {
    const [row] = await t.database.db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.kind, 'feedback.requested'), eq(outbox.dedupeKey, `feedback.requested:${requestId}`)),
      );
    return /\/feedback\/(fb_[\w-]{43})/.exec(resolveLinks(row.text, t.deps.config))![1];
  };
  const answer = async (requestId: string, rating: number) => {
    const response = await send(t.app, 'POST', `/api/v1/feedback/${await tokenOf(requestId)}`, {
      body: { answers: [{ questionId: 'overall', rating }] },
      headers: { 'x-forwarded-for': '203.0.113.20' },
    });
    expect(response.status, response.text).toBe(201);
  };
  const request = (body: Record<string, unknown>) =>
    manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Pablo Gil',
      email: 'pablo.gil@example.com',
      kind: 'peer',
      ...body,
    });
  const measurementsOf = async (metricId: string) =>
    (await manager.get(`/api/v1/plans/${plan.id}`)).body.metrics.find(
      (m: { id: string }) => m.id === metricId,
    );

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    // The test clock starts on 2026-11-24: the plan is active before its start on 2026-11-30.
    const draft = await createPlan(manager, { startDate: '2026-11-30' });
    plan = await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id);
  });
  afterAll(() => t?.close());

  it('a rating answered before the plan starts is kept but makes no measurement', async () => {
    const metricId = metricIdOf('Team feedback score');
    const requested = await request({ metricId });
    expect(requested.status, requested.text).toBe(201);
    const before = await measurementsOf(metricId);
    await answer(requested.body.id, 5);
    const after = await measurementsOf(metricId);
    expect(after.measurements).toEqual([]);
    expect(after.progress).toBe(before.progress);
    const listed = (await manager.get(`/api/v1/plans/${plan.id}/feedback-requests`)).body.items;
    expect(listed[0].answers).toContainEqual(expect.objectContaining({ questionId: 'overall', rating: 5 }));
  });

  it('a metric in its own unit refuses a rating without a conversion, naming the field', async () => {
    const refused = await request({ metricId: metricIdOf('Reopened tickets') });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('body/conversion');
    expect(refused.body.errors[0].message).toContain('%');
    const orphan = await request({ conversion: { kind: 'linear', a: 1, b: 0 } });
    expect(orphan.status).toBe(422);
    expect(orphan.body.errors[0].path).toBe('body/conversion');
    const short = await request({
      metricId: metricIdOf('Reopened tickets'),
      conversion: { kind: 'map', values: [1, 2, 3] },
    });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].path).toMatch(/^body\/conversion/);
  });

  it('a rating on the 1–5 metric is recorded as is, once the plan has started', async () => {
    t.clock.set('2026-12-10T10:00:00Z');
    const metricId = metricIdOf('Team feedback score');
    const requested = await request({ metricId });
    expect(requested.body).toMatchObject({
      conversion: null,
      conversionText: expect.stringContaining('1–5'),
    });
    await answer(requested.body.id, 3);
    expect((await measurementsOf(metricId)).measurements).toEqual([
      expect.objectContaining({ date: '2026-12-10', value: 3, source: 'peer feedback' }),
    ]);
  });

  it('a conversion set by the requester turns the rating into the metric’s unit, and the plan shows it', async () => {
    t.clock.set('2026-12-11T10:00:00Z');
    const metricId = metricIdOf('Reopened tickets');
    const conversion = { kind: 'map', values: [40, 30, 20, 10, 5] };
    const requested = await request({ metricId, conversion });
    expect(requested.status, requested.text).toBe(201);
    expect(requested.body).toMatchObject({ metricId, conversion });
    expect(requested.body.conversionText).toBe('1→40, 2→30, 3→20, 4→10, 5→5 %');
    await answer(requested.body.id, 4);
    expect((await measurementsOf(metricId)).measurements).toEqual([
      expect.objectContaining({ date: '2026-12-11', value: 10, source: 'peer feedback' }),
    ]);

    const linear = await request({
      metricId: metricIdOf('Deadlines met'),
      conversion: { kind: 'linear', a: 10, b: 45 },
    });
    expect(linear.body.conversionText).toBe('10 × rating + 45 %');
    await answer(linear.body.id, 2);
    expect((await measurementsOf(metricIdOf('Deadlines met'))).measurements).toEqual([
      expect.objectContaining({ value: 65 }),
    ]);
    const listed = (await employee.get(`/api/v1/plans/${plan.id}/feedback-requests`)).body.items;
    expect(listed.find((r: { id: string }) => r.id === requested.body.id)).toMatchObject({ conversion });
  });
});
