// Webhooks end to end: an HR administrator subscribes a receiver in this process; plan events reach it through
// the job queue, signed per Standard Webhooks (verified with the `standardwebhooks` package), retried after a
// 500 with every attempt in the log, replayed on request, and signed with both secrets after a rotation.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, type JobRunner } from '../../src/jobs/job-runner.ts';
import { outboundUrlRefusal } from '../../src/services/integrations/outbound-url.ts';
import { controlledClock, engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { fastJobs } from '../helpers/mail.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';
import { waitFor } from '../running/smtp-receiver.ts';
import { type Receiver, startReceiver } from './receiver.ts';

describe.each(engines)('webhooks on %s', (engine) => {
  let t: TestApp;
  let runner: JobRunner;
  let receiver: Receiver;
  let hr: Client;
  let manager: Client;
  let employee: Client;
  let hookId: string;
  let secret: string;
  let planId: string;

  const deliveries = async () => (await hr.get(`/api/v1/webhooks/${hookId}/deliveries`)).body.items;
  const verified = (key: string, index: number) => {
    const request = receiver.requests[index];
    return new Webhook(key).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as { type: string; data: { planId: string; links: { plan: string } } };
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    // Signatures carry the time of sending, which the verifier compares with its own clock.
    t = await startTestApp(engine, { clock: controlledClock(new Date().toISOString()) });
    runner = createJobRunner(t.deps, fastJobs);
    t.deps.afterCommit = () => runner.wake();
    await runner.start();
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await receiver?.close();
  });

  it('an HR administrator creates a webhook and sees its secret once; others may not', async () => {
    const created = await hr.post('/api/v1/webhooks', {
      url: `${receiver.url}/hooks/mejora`,
      events: ['plan.submitted', 'plan.approved'],
      description: 'HRIS sync',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    hookId = created.body.id;
    secret = created.body.secret;
    const read = await hr.get(`/api/v1/webhooks/${hookId}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(secret.slice(6));
    const list = await hr.get('/api/v1/webhooks');
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([hookId]);
    expect(list.body.eventTypes).toContain('check_in.missed');
    expect(list.text).not.toContain('whsec_');
    expect(
      (await manager.post('/api/v1/webhooks', { url: receiver.url, events: ['plan.closed'] })).status,
    ).toBe(403);
    expect((await employee.get('/api/v1/webhooks')).status).toBe(403);
  });

  it('refuses URLs it must not call, naming the field', async () => {
    for (const url of ['ftp://example.com/hook', 'http://example.com/hook', 'not a url']) {
      const refused = await hr.post('/api/v1/webhooks', { url, events: ['plan.closed'] });
      expect(refused.status, url).toBe(422);
      expect(refused.body.errors[0].path).toBe('body/url');
    }
    const unknownEvent = await hr.post('/api/v1/webhooks', { url: receiver.url, events: ['plan.exploded'] });
    expect(unknownEvent.status).toBe(422);
    expect(unknownEvent.body.errors[0].path).toMatch(/^body\/events/);
    // In production private and loopback addresses are refused (server-side request forgery) unless allowed.
    const production = { isPrivateWebhookAllowed: false };
    expect(await outboundUrlRefusal(production, 'https://10.1.2.3/hook')).toMatch(/private/);
    expect(await outboundUrlRefusal(production, 'https://[::1]/hook')).toMatch(/private|loopback/);
    expect(await outboundUrlRefusal(production, 'https://localhost/hook')).toMatch(/private|loopback/);
    expect(await outboundUrlRefusal(production, `${receiver.url}/hook`)).toMatch(/https/);
    expect(await outboundUrlRefusal(production, 'https://93.184.215.14/hook')).toBeNull();
  });

  it('a submitted plan reaches the receiver signed, after a 500 is retried, with ids and links only', async () => {
    receiver.failNext(500);
    const draft = await createPlan(manager, {});
    planId = (await completePlan(manager, draft)).id;
    const submitted = await manager.post(`/api/v1/plans/${planId}/transitions`, { action: 'submit' });
    expect(submitted.status, submitted.text).toBe(200);
    const [delivery] = await waitFor(deliveries, (items) => items[0]?.status === 'delivered', 30_000);
    expect(delivery.eventType).toBe('plan.submitted');
    expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    expect(delivery.attemptLog[0].error).toMatch(/500/);
    expect(delivery.attemptLog[1].durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0].headers['webhook-id']).toBe(receiver.requests[1].headers['webhook-id']);
    expect(receiver.requests[1].headers['webhook-id']).toBe(delivery.messageId);
    const event = verified(secret, 1);
    expect(event.type).toBe('plan.submitted');
    expect(event.data.planId).toBe(planId);
    expect(event.data.links.plan).toBe(`http://localhost:3000/plans/${planId}`);
    // Nothing of the person or the plan's text.
    expect(receiver.requests[1].body).not.toContain('Elena');
    expect(receiver.requests[1].body).not.toContain('lesson player');
    expect(() => verified('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 1)).toThrow();
  });

  it('a delivery is replayed on request with the same webhook-id, and the log says so', async () => {
    const [delivery] = await deliveries();
    const replay = await hr.post(`/api/v1/webhooks/${hookId}/deliveries/${delivery.id}/replay`);
    expect(replay.status, replay.text).toBe(202);
    await waitFor(
      () => receiver.requests.length,
      (n) => n === 3,
    );
    expect(receiver.requests[2].headers['webhook-id']).toBe(delivery.messageId);
    expect(verified(secret, 2).data.planId).toBe(planId);
    const [after] = await waitFor(deliveries, (items) => items[0]?.attemptLog.length === 3);
    expect(after.attemptLog[2]).toMatchObject({ statusCode: 200, isReplay: true });
    const missing = await hr.post(
      `/api/v1/webhooks/${hookId}/deliveries/00000000-0000-4000-8000-000000000000/replay`,
    );
    expect(missing.status).toBe(404);
  });

  it('after a rotation deliveries carry both signatures during the grace period', async () => {
    const rotated = await hr.post(`/api/v1/webhooks/${hookId}/rotate-secret`);
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    expect(Date.parse(rotated.body.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const approved = await hr.post(`/api/v1/plans/${planId}/transitions`, {
      action: 'approve',
      comment: 'Fair',
    });
    expect(approved.status, approved.text).toBe(200);
    await waitFor(
      () => receiver.requests.length,
      (n) => n === 4,
    );
    const signatures = String(receiver.requests[3].headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    expect(verified(rotated.body.secret, 3).type).toBe('plan.approved');
    expect(verified(secret, 3).type).toBe('plan.approved');
  });

  it('a webhook can be paused, changed and deleted; a deleted one receives nothing', async () => {
    const changed = await hr.patch(`/api/v1/webhooks/${hookId}`, {
      events: ['plan.closed'],
      isEnabled: false,
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ events: ['plan.closed'], isEnabled: false });
    expect((await hr.delete(`/api/v1/webhooks/${hookId}`)).status).toBe(204);
    expect((await hr.get(`/api/v1/webhooks/${hookId}`)).status).toBe(404);
    expect((await hr.get('/api/v1/webhooks')).body.items).toEqual([]);
  });
});
