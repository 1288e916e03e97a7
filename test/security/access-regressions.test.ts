// Regressions of access: what the mentor, the employee, an outsider and an anonymous caller may not see or do.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.ts';
import { resolveLinks } from '../../src/services/email/resolve-links.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';
import { pdfText } from './pdf-text.ts';

const approverNote = 'APPROVER-NOTE-7f3a for HR only';
const hrApprovalNote = 'HR-APPROVAL-NOTE-91c2';

describe.each(engines)('access regressions on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let mentor: Client;
  let auditor: Client;
  // biome-ignore lint/suspicious/noExplicitAny: the plan as the API returns it
  let plan: any;
  let metricId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
    auditor = await signIn(t.app, demo.auditor);
    plan = await completePlan(manager, await createPlan(manager, { mentorId: mentor.user.id }));
    metricId = plan.metrics[0].id;
    const recorded = await manager.post(`/api/v1/plans/${plan.id}/metrics/${metricId}/measurements`, {
      date: '2026-11-20',
      value: 25,
    });
    expect(recorded.status, recorded.text).toBe(201);
  });
  afterAll(() => t?.close());

  it('the mentor gets 404 on measurements, progress, feedback requests and transitions of a draft', async () => {
    expect((await mentor.get(`/api/v1/plans/${plan.id}/metrics/${metricId}/measurements`)).status).toBe(404);
    expect((await mentor.get(`/api/v1/plans/${plan.id}/progress`)).status).toBe(404);
    expect((await mentor.get(`/api/v1/plans/${plan.id}/feedback-requests`)).status).toBe(404);
    const transition = await mentor.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' });
    expect(transition.status, transition.text).toBe(404);
    // What the design gives the mentor still answers: the development plan.
    const view = await mentor.get(`/api/v1/plans/${plan.id}`);
    expect(view.status).toBe(200);
    expect(view.body.isMentorView).toBe(true);
    expect(JSON.stringify(view.body)).not.toContain('Reopened tickets');
  });

  it('the employee and the mentor never see the comments written for the approvers; approvers and auditors do', async () => {
    const submitted = await manager.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'submit',
      comment: approverNote,
    });
    expect(submitted.status, submitted.text).toBe(200);
    const approved = await hr.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'approve',
      comment: hrApprovalNote,
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body.status).toBe('awaiting_acknowledgment');

    const employeeView = await employee.get(`/api/v1/plans/${plan.id}`);
    expect(employeeView.status).toBe(200);
    expect(employeeView.body.approvals.length).toBeGreaterThan(0);
    expect(employeeView.text).not.toContain('APPROVER-NOTE-7f3a');
    expect(employeeView.text).not.toContain('HR-APPROVAL-NOTE-91c2');
    expect((await mentor.get(`/api/v1/plans/${plan.id}`)).text).not.toContain('APPROVER-NOTE-7f3a');
    for (const format of ['pdf', 'docx'] as const) {
      const document = await t.app.inject({
        method: 'GET',
        url: `/api/v1/plans/${plan.id}/document.${format}`,
        headers: { cookie: employee.cookie },
      });
      expect(document.statusCode).toBe(200);
      const text = format === 'pdf' ? pdfText(document.rawPayload) : document.rawPayload.toString('latin1');
      expect(text).not.toContain('APPROVER-NOTE');
    }

    for (const approver of [manager, hr, auditor]) {
      const seen = await approver.get(`/api/v1/plans/${plan.id}`);
      expect(seen.status).toBe(200);
      expect(seen.text).toContain('APPROVER-NOTE-7f3a');
    }
  });

  it('anonymous callers get 401 before any input is validated', async () => {
    const report = await send(t.app, 'GET', `/api/v1/plans/${plan.id}/progress-report.pdf?week=1`);
    expect(report.status).toBe(401);
    expect(report.headers['content-type']).toMatch(/problem\+json/);
    expect((await send(t.app, 'GET', '/api/v1/plans/not-a-uuid')).status).toBe(401);
    expect((await send(t.app, 'POST', '/api/v1/plans', { body: { nonsense: true } })).status).toBe(401);
    // Public routes still answer without a session.
    expect((await send(t.app, 'GET', '/api/health')).status).toBe(200);
    expect((await send(t.app, 'POST', '/api/v1/auth/login', { body: {} })).status).toBe(422);
  });

  it('an outside colleague sees neutral questions, and a Mejora session in their browser needs no CSRF token', async () => {
    const signed = await activatePlan(manager, hr, employee, plan.id).catch(async () => {
      // Already awaiting acknowledgment from the previous test: sign the three parts only.
      let current = (await hr.get(`/api/v1/plans/${plan.id}`)).body;
      for (const [client, role] of [
        [employee, 'employee'],
        [manager, 'manager'],
        [hr, 'hr'],
      ] as const) {
        const clauses = current.acknowledgmentClauses[role].map((c: { id: string }) => c.id);
        const response = await client.post(`/api/v1/plans/${plan.id}/signatures`, {
          role,
          typedName: client.user.name,
          clauses,
        });
        expect(response.status, response.text).toBe(201);
        current = response.body;
      }
      return current;
    });
    expect(signed.status).toBe('active');
    const requested = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Pablo Gil',
      email: 'pablo.gil@example.com',
      kind: 'peer',
    });
    expect(requested.status, requested.text).toBe(201);
    const [row] = await t.database.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.kind, 'feedback.requested'),
          eq(outbox.dedupeKey, `feedback.requested:${requested.body.id}`),
        ),
      );
    const token = /\/feedback\/(fb_[\w-]{43})/.exec(resolveLinks(row.text, t.deps.config))![1];

    // The colleague is a Mejora user: their browser sends their session cookie, without any CSRF header.
    const headers = { cookie: employee.cookie, 'x-forwarded-for': '203.0.113.77' };
    const form = await send(t.app, 'GET', `/api/v1/feedback/${token}`, { headers });
    expect(form.status, form.text).toBe(200);
    for (const area of plan.focusAreas as { title: string }[]) expect(form.text).not.toContain(area.title);
    expect(form.text).not.toContain('Reopened');
    const answered = await send(t.app, 'POST', `/api/v1/feedback/${token}`, {
      headers,
      body: { answers: [{ questionId: 'overall', rating: 4 }] },
    });
    expect(answered.status, answered.text).toBe(201);

    // The requester phrases the questions; the request keeps them, after the overall rating.
    const written = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Ana Ruiz',
      email: 'ana.ruiz@example.com',
      kind: 'peer',
      questions: [{ kind: 'comment', text: 'How did the last release go when you worked together?' }],
    });
    expect(written.status, written.text).toBe(201);
    expect(written.body.questions.map((q: { id: string; text: string }) => [q.id, q.text])).toEqual([
      ['overall', expect.stringContaining('Overall')],
      ['q1', 'How did the last release go when you worked together?'],
    ]);
    const tooMany = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Ana Ruiz',
      email: 'ana.ruiz@example.com',
      kind: 'peer',
      questions: Array.from({ length: 11 }, () => ({ kind: 'comment', text: 'Same?' })),
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('body/questions');

    // Cookie-authenticated writes elsewhere still need the token.
    const forged = await send(t.app, 'POST', `/api/v1/plans/${plan.id}/comments`, {
      headers: { cookie: manager.cookie },
      body: { body: 'forged', kind: 'comment' },
    });
    expect(forged.status).toBe(403);
  });
});

describe.each(engines)('sign-in limit behind no proxy on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { env: { TRUSTED_PROXIES: '' } });
  });
  afterAll(() => t?.close());

  it('a changing X-Forwarded-For does not escape the per-address sign-in limit without trusted proxies', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await send(t.app, 'POST', '/api/v1/auth/login', {
        // A different account and a different claimed address each time: only the connection's address is left.
        body: { email: `nobody${i}@example.com`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe.each(engines)('sign-in limit behind a trusted proxy on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine, { env: { TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(() => t?.close());

  it('a listed proxy’s X-Forwarded-For names the client, so clients are limited one by one', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await send(t.app, 'POST', '/api/v1/auth/login', {
        body: { email: `someone${i}@example.com`, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(response.status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
  });
});
