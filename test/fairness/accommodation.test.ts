// An accommodation request over HTTP: it pauses the plan and tells HR by email that a request waits, without its
// words; HR's resolution resumes the plan with the end date moved; its words reach the employee, HR and auditors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { type MailedApp, startMailedApp } from '../helpers/mail.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('accommodation requests on %s', (engine) => {
  let mail: MailedApp;
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;
  let mentor: Client;
  let auditor: Client;
  let planId: string;
  const details = 'I need a screen reader and shorter meetings because of a migraine condition.';

  const settled = () => mail.settled();

  beforeAll(async () => {
    mail = await startMailedApp(engine, 'accommodation', {
      env: { SESSION_IDLE_MINUTES: '5000000', SESSION_MAX_HOURS: '100000' },
      jobs: { deliveryExpireSeconds: 2 },
    });
    t = mail.t;
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
    mentor = await signIn(t.app, demo.mentor);
    auditor = await signIn(t.app, demo.auditor);
    const created = await createPlan(manager, { hrRepId: hrRep.user.id, mentorId: mentor.user.id });
    await completePlan(manager, created);
    planId = created.id;
    await activatePlan(manager, hr, employee, planId);
  });
  afterAll(async () => {
    await mail?.close();
  });

  it('bad input and the wrong people get a 4xx; a request with no waiting request cannot be resolved', async () => {
    const empty = await employee.post(`/api/v1/plans/${planId}/accommodation-request`, { details: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].path).toBe('body/details');
    expect((await manager.post(`/api/v1/plans/${planId}/accommodation-request`, { details })).status).toBe(
      403,
    );
    expect((await mentor.post(`/api/v1/plans/${planId}/accommodation-request`, { details })).status).toBe(
      404,
    );
    const early = await hrRep.post(`/api/v1/plans/${planId}/accommodation-request/resolution`, {
      decision: 'granted',
      note: '',
    });
    expect(early.status).toBe(409);
  });

  it('a request pauses the plan and tells HR by email that a request waits, without its words', async () => {
    const before = (await hrRep.get(`/api/v1/plans/${planId}`)).body;
    expect(before.status).toBe('active');
    const requested = await employee.post(`/api/v1/plans/${planId}/accommodation-request`, { details });
    expect(requested.status, requested.text).toBe(201);
    expect(requested.body.procedure.accommodation).toMatchObject({ status: 'requested', details });
    const paused = (await hrRep.get(`/api/v1/plans/${planId}`)).body;
    expect(paused.status).toBe('paused');
    const again = await employee.post(`/api/v1/plans/${planId}/accommodation-request`, { details });
    expect(again.status).toBe(409);
    await settled();
    const emails = mail.smtp.byKind('plan.accommodation_requested');
    expect(emails.map((m) => m.to)).toEqual([demo.hrRep]);
    expect(emails[0].text).toContain(`/plans/${planId}`);
    expect(emails[0].text).not.toContain('migraine');
    expect(emails[0].text).not.toContain('screen reader');
    const inbox = await hrRep.get('/api/v1/notifications');
    expect(inbox.status).toBe(200);
    expect(JSON.stringify(inbox.body)).not.toContain('migraine');
  });

  it('its words reach the employee, HR and auditors; the manager reads only that the plan is paused for it; the mentor nothing', async () => {
    for (const reader of [employee, hr, hrRep, auditor]) {
      const view = await reader.get(`/api/v1/plans/${planId}`);
      expect(view.status).toBe(200);
      expect(view.body.procedure.accommodation.details).toBe(details);
    }
    const managerView = await manager.get(`/api/v1/plans/${planId}`);
    expect(managerView.status).toBe(200);
    expect(managerView.text).not.toContain('migraine');
    expect(managerView.body.status).toBe('paused');
    expect(managerView.body.procedure.accommodation).toMatchObject({ status: 'requested', details: '' });
    const mentorView = await mentor.get(`/api/v1/plans/${planId}`);
    expect(mentorView.text).not.toContain('migraine');
    const audit = (await hr.get(`/api/v1/plans/${planId}/audit`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toContain('plan.accommodation_requested');
  });

  it('HR’s resolution resumes the plan with the end date moved by the days paused', async () => {
    const before = (await hrRep.get(`/api/v1/plans/${planId}`)).body;
    t.clock.advance(5 * 86_400_000);
    const bad = await hrRep.post(`/api/v1/plans/${planId}/accommodation-request/resolution`, {
      decision: 'maybe',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('body/decision');
    expect(
      (
        await manager.post(`/api/v1/plans/${planId}/accommodation-request/resolution`, {
          decision: 'granted',
        })
      ).status,
    ).toBe(403);
    const resolved = await hrRep.post(`/api/v1/plans/${planId}/accommodation-request/resolution`, {
      decision: 'granted',
      note: 'Screen reader installed; meetings kept under 30 minutes.',
    });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body.status).toBe('active');
    const endBefore = new Date(`${before.header.endDate}T00:00:00Z`).getTime();
    const endAfter = new Date(`${resolved.body.header.endDate}T00:00:00Z`).getTime();
    expect((endAfter - endBefore) / 86_400_000).toBe(5);
    expect(resolved.body.procedure.accommodation.resolution).toMatchObject({ decision: 'granted' });
    const managerView = (await manager.get(`/api/v1/plans/${planId}`)).text;
    expect(managerView).not.toContain('Screen reader installed');
    const twice = await hrRep.post(`/api/v1/plans/${planId}/accommodation-request/resolution`, {
      decision: 'declined',
    });
    expect(twice.status).toBe(409);
    const audit = (await auditor.get(`/api/v1/plans/${planId}/audit`)).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit).toContain('plan.accommodation_resolved');
  });
});
