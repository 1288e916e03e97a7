// Peer and customer feedback over HTTP: requests, the public one-time form, metrics fed by ratings,
// anonymity towards the employee, expiry, single use and rate limits.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import { resolveLinks } from '../../src/services/email/resolve-links.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('feedback on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;
  // biome-ignore lint/suspicious/noExplicitAny: the plan as the API returns it
  let plan: any;
  let metricId: string;

  /** The link as the giver receives it, read from the outbox row of the request. */
  const tokenOf = async (requestId: string) => {
    const [row] = await t.database.db
      .select()
      .from(outbox)
      .where(
        and(eq(outbox.kind, 'feedback.requested'), eq(outbox.dedupeKey, `feedback.requested:${requestId}`)),
      );
    expect(row.text).not.toMatch(/fb_[\w-]{43}/);
    const url = /\/feedback\/(fb_[\w-]{43})/.exec(resolveLinks(row.text, t.deps.config));
    return url![1];
  };
  const form = (token: string) =>
    send(t.app, 'GET', `/api/v1/feedback/${token}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
  const submit = (token: string, body: unknown, ip = '203.0.113.10') =>
    send(t.app, 'POST', `/api/v1/feedback/${token}`, { body, headers: { 'x-forwarded-for': ip } });

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
    const draft = await createPlan(manager, { hrRepId: hrRep.user.id });
    plan = await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id);
    metricId = plan.metrics.find((m: { name: string }) => m.name === 'Team feedback score').id;
    t.clock.set('2026-12-10T10:00:00Z');
  });
  afterAll(() => t?.close());

  it('a peer answers the one-time link: the answers attach to the plan and the rating becomes a measurement', async () => {
    const bad = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Pablo',
      email: 'not-an-email',
      kind: 'peer',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('body/email');
    const wrongMetric = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Pablo',
      email: 'pablo@example.com',
      kind: 'peer',
      metricId: plan.id,
    });
    expect(wrongMetric.body.errors[0].path).toBe('body/metricId');
    expect(
      (
        await employee.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
          name: 'Me',
          email: 'me@example.com',
          kind: 'peer',
        })
      ).status,
    ).toBe(403);

    const requested = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Pablo Gil',
      email: 'pablo.gil@example.com',
      kind: 'peer',
      anonymous: true,
      metricId,
    });
    expect(requested.status, requested.text).toBe(201);
    expect(requested.body).toMatchObject({ status: 'pending', isAnonymous: true, metricId, answers: null });
    expect(requested.body.expiresAt).toBe('2026-12-24T10:00:00.000Z');
    const token = await tokenOf(requested.body.id);

    // No account needed: no cookie on these requests.
    const shown = await form(token);
    expect(shown.status, shown.text).toBe(200);
    expect(shown.body).toMatchObject({
      kind: 'peer',
      giverName: 'Pablo Gil',
      employeeName: 'Elena Martín',
      isAnonymous: true,
    });
    const ids = shown.body.questions.map((q: { id: string }) => q.id);
    expect(ids[0]).toBe('overall');
    expect(ids).toContain('strengths');
    // Nothing of the plan's focus areas reaches the outsider.
    expect(ids).toEqual(['overall', 'strengths', 'improvements']);

    const missing = await submit(token, {
      answers: [{ questionId: 'strengths', comment: 'Helpful in reviews' }],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('body/answers');
    const outOfRange = await submit(token, { answers: [{ questionId: 'overall', rating: 9 }] });
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.body.errors[0].path).toBe('body/answers/0/rating');
    const unknown = await submit(token, {
      answers: [
        { questionId: 'overall', rating: 4 },
        { questionId: 'nope', comment: 'x' },
      ],
    });
    expect(unknown.body.errors[0].path).toBe('body/answers/1/questionId');

    const answered = await submit(token, {
      answers: [
        { questionId: 'overall', rating: 4 },
        { questionId: 'improvements', comment: 'Reviews could be more careful' },
        { questionId: 'strengths', comment: 'Helpful in reviews' },
      ],
    });
    expect(answered.status, answered.text).toBe(201);
    // Used once: the link is gone.
    expect((await submit(token, { answers: [{ questionId: 'overall', rating: 5 }] })).status).toBe(410);
    expect((await form(token)).status).toBe(410);

    const metric = (await manager.get(`/api/v1/plans/${plan.id}`)).body.metrics.find(
      (m: { id: string }) => m.id === metricId,
    );
    expect(metric.measurements).toEqual([
      expect.objectContaining({ date: '2026-12-10', value: 4, source: 'peer feedback' }),
    ]);
    expect(metric.current).toBe(4);

    // Manager and HR see who answered; the employee sees the answers without the name.
    const managerView = (await manager.get(`/api/v1/plans/${plan.id}/feedback-requests`)).body.items;
    expect(managerView[0]).toMatchObject({
      name: 'Pablo Gil',
      email: 'pablo.gil@example.com',
      status: 'answered',
    });
    const employeeView = (await employee.get(`/api/v1/plans/${plan.id}/feedback-requests`)).body.items;
    expect(employeeView[0]).toMatchObject({ name: null, email: null, status: 'answered' });
    expect(employeeView[0].answers).toContainEqual(
      expect.objectContaining({ questionId: 'strengths', comment: 'Helpful in reviews', rating: null }),
    );
    expect(JSON.stringify(employeeView)).not.toContain('Pablo');
    const progress = (await hrRep.get(`/api/v1/plans/${plan.id}/progress`)).body;
    expect(progress.feedback).toEqual({ requested: 1, received: 1 });
    const notes = (await manager.get('/api/v1/notifications')).body.items;
    expect(notes.some((n: { kind: string }) => n.kind === 'feedback.received')).toBe(true);
  });

  it('a link expires after 14 days (410), an unknown one is 404, and submissions are rate limited', async () => {
    const requested = await hr.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Claire Dubois',
      email: 'claire@customer.example',
      kind: 'customer',
    });
    expect(requested.status).toBe(201);
    const token = await tokenOf(requested.body.id);
    const shown = await form(token);
    // Customers get the same neutral questions.
    expect(shown.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'strengths',
      'improvements',
    ]);
    expect((await form(`fb_${'x'.repeat(43)}`)).status).toBe(404);
    expect((await form('nonsense')).status).toBe(404);

    // Five tries a minute per link; the sixth is refused before anything else happens.
    for (let i = 0; i < 5; i++) {
      expect(
        (await submit(token, { answers: [{ questionId: 'overall', rating: 0 }] }, `203.0.113.${50 + i}`))
          .status,
      ).toBe(422);
    }
    expect(
      (await submit(token, { answers: [{ questionId: 'overall', rating: 3 }] }, '203.0.113.99')).status,
    ).toBe(429);

    t.clock.set('2026-12-24T10:00:01Z');
    const expired = await form(token);
    expect(expired.status).toBe(410);
    expect(expired.body.detail).toMatch(/expired/);
    const list = (await hr.get(`/api/v1/plans/${plan.id}/feedback-requests`)).body.items;
    expect(list.find((r: { id: string }) => r.id === requested.body.id).status).toBe('expired');
  });
});
