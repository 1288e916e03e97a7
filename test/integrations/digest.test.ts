// Notification preferences and the digest: a person who chose the digest gets one email with everything
// pending, through a real SMTP exchange, in their language, once per period; urgent events still come at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDigests } from '../../src/services/notifications/digests.ts';
import { engines, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { type MailedApp, startMailedApp } from '../helpers/mail.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('notification digest on %s', (engine) => {
  let mail: MailedApp;
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let planId: string;

  const settled = () => mail.settled();
  const to = (kind: string, email: string) => mail.to(kind, email);

  beforeAll(async () => {
    mail = await startMailedApp(engine, 'digest');
    t = mail.t;
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
  });
  afterAll(async () => {
    await mail?.close();
  });

  it('each person reads and changes their preferences per kind of event; bad values name the field', async () => {
    const initial = await manager.get('/api/v1/me/notification-preferences');
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      kinds: expect.objectContaining({ plan_progress: 'in_app', adjustments: 'email' }),
      digestFrequency: 'daily',
    });
    const bad = await manager.patch('/api/v1/me/notification-preferences', {
      kinds: { adjustments: 'pigeon' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toMatch(/^body\/kinds/);
    const noEmail = await manager.patch('/api/v1/me/notification-preferences', {
      kinds: { comments: 'email' },
    });
    expect(noEmail.status).toBe(422);
    expect(noEmail.body.errors[0].path).toBe('body/kinds/comments');
    const changed = await manager.patch('/api/v1/me/notification-preferences', {
      kinds: { plan_progress: 'digest', plan_ended: 'digest', adjustments: 'digest', comments: 'off' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.kinds).toMatchObject({
      plan_progress: 'digest',
      adjustments: 'digest',
      comments: 'off',
    });
    expect((await hrRep.patch('/api/v1/me', { locale: 'es' })).status).toBe(200);
    const spanish = await hrRep.patch('/api/v1/me/notification-preferences', {
      kinds: { plan_progress: 'digest' },
      digestFrequency: 'daily',
    });
    expect(spanish.status).toBe(200);
  });

  it('events wait for the digest; what is urgent comes at once; a comment turned off is not even in-app', async () => {
    const draft = await createPlan(manager, { hrRepId: hrRep.user.id });
    planId = (await completePlan(manager, draft)).id;
    expect((await manager.post(`/api/v1/plans/${planId}/transitions`, { action: 'submit' })).status).toBe(
      200,
    );
    const approved = await hr.post(`/api/v1/plans/${planId}/transitions`, {
      action: 'approve',
      comment: 'Fair',
    });
    expect(approved.status, approved.text).toBe(200);
    const comment = await hrRep.post(`/api/v1/plans/${planId}/comments`, {
      body: 'Por favor, revise las fechas.',
    });
    expect([200, 201]).toContain(comment.status);
    await settled();
    // A signature due is urgent: it came at once although the manager chose the digest for plan progress.
    expect(to('signature.needed', demo.manager)).toHaveLength(1);
    expect(to('digest', demo.manager)).toHaveLength(0);
    const inApp = (await manager.get('/api/v1/notifications?limit=200')).body.items.filter(
      (n: { planId: string }) => n.planId === planId,
    );
    expect(inApp.map((n: { kind: string }) => n.kind)).toContain('plan.submitted');
    expect(inApp.map((n: { kind: string }) => n.kind)).not.toContain('comment.added');
  });

  it('the digest sweep sends one email per person with everything pending, in their language, once a day', async () => {
    expect(await sendDigests(t.deps)).toBeGreaterThanOrEqual(2);
    expect(await sendDigests(t.deps)).toBe(0);
    await settled();
    const [english, ...more] = to('digest', demo.manager);
    expect(more).toEqual([]);
    expect(english.text).toContain('Your Mejora digest');
    expect(english.text).toContain('A plan was submitted for review');
    expect(english.text).toContain(`http://localhost:3000/plans/${planId}`);
    expect(english.text).not.toContain('A new comment was added');
    const [spanish] = to('digest', demo.hrRep);
    expect(spanish.text).toContain('Su resumen de Mejora');
    expect(spanish.text).toContain('Se ha enviado un plan a revisión');

    // The next event waits for tomorrow's digest.
    const cancelled = await hr.post(`/api/v1/plans/${planId}/transitions`, {
      action: 'cancel',
      reason: 'Role changed',
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(to('plan.cancelled', demo.manager)).toHaveLength(0);
    expect(await sendDigests(t.deps)).toBe(0);
    t.clock.advance(24 * 3_600_000);
    expect(await sendDigests(t.deps)).toBeGreaterThanOrEqual(1);
    await settled();
    const digests = to('digest', demo.manager);
    expect(digests).toHaveLength(2);
    expect(digests[1].text).toContain('A plan was cancelled');
    expect(digests[1].text).not.toContain('A plan was submitted for review');
  });
});
