// Email and background jobs end to end: the outbox, pg-boss workers and a real SMTP receiver. Reminders and
// reports on a controlled clock arrive exactly once; a failed delivery is retried; a delivery whose worker
// dies mid-job runs again on a new worker; without SMTP the messages become .eml files.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Db as QueueConnection } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIns, outbox } from '../../src/db/schema/index.ts';
import {
  createJobRunner,
  type JobRunner,
  queueConnection,
  type SweepQueue,
} from '../../src/jobs/job-runner.ts';
import { createMailTransport, type MailTransport } from '../../src/services/email/mail-transport.ts';
import { sendReminders } from '../../src/services/running/send-reminders.ts';
import { produceWeeklyReports } from '../../src/services/running/weekly-reports.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { fastJobs, outboxSettled } from '../helpers/mail.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';
import { type SmtpReceiver, startSmtpReceiver, waitFor } from './smtp-receiver.ts';

/** Short timings so a test waits for seconds, not minutes; the production defaults are in the runner. */
const fast = { ...fastJobs, deliveryExpireSeconds: 2 };

describe.each(engines)('email and jobs on %s', (engine) => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let runner: JobRunner;
  let manager: Client;
  let hr: Client;
  let hrRep: Client;
  let employee: Client;
  let planId: string;

  const to = (kind: string, email: string) => smtp.byKind(kind).filter((m) => m.to === email);
  /** Every email written so far has been delivered. */
  const settled = () => outboxSettled(t, runner);
  /** The same sweep again, directly, as a second server would run it. */
  const again = async (sweep: () => Promise<unknown>) => {
    await sweep();
    await settled();
  };
  const run = async (queue: SweepQueue) => {
    const id = await runner.trigger(queue);
    expect(id).not.toBeNull();
    await waitFor(
      () => runner.boss.findJobs(queue, { id: id! }),
      (jobs) => jobs[0]?.state === 'completed',
    );
    await settled();
  };
  const startRunner = async (options: Parameters<typeof createJobRunner>[1] = {}) => {
    const started = createJobRunner(t.deps, { ...fast, ...options });
    t.deps.afterCommit = () => started.wake();
    await started.start();
    return started;
  };

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await startTestApp(engine, {
      env: {
        SMTP_URL: smtp.url,
        MEJORA_DATA_DIR: mkdtempSync(join(tmpdir(), 'mejora-mail-')),
        SESSION_IDLE_MINUTES: '500000',
        SESSION_MAX_HOURS: '10000',
      },
    });
    runner = await startRunner();
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await smtp?.close();
  });

  it('sending a plan for acknowledgment emails the employee, and each signer that a signature is needed, once, in their language', async () => {
    const language = await hrRep.patch('/api/v1/me', { locale: 'es' });
    expect(language.status, language.text).toBe(200);
    expect((await hrRep.patch('/api/v1/me', { locale: 'fr' })).body.errors[0].path).toBe('body/locale');
    const draft = await createPlan(manager, { hrRepId: hrRep.user.id });
    planId = (await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id)).id;
    await settled();
    expect(to('plan.sent_for_acknowledgment', demo.employee)).toHaveLength(1);
    expect(to('signature.needed', demo.manager)).toHaveLength(1);
    const spanish = to('signature.needed', demo.hrRep);
    expect(spanish).toHaveLength(1);
    expect(spanish[0].text).toContain(
      'El Plan de Mejora de Rendimiento de Elena Martín está pendiente de su firma.',
    );
    expect(spanish[0].raw).toContain('text/plain');
    expect(spanish[0].raw).toContain('text/html');
    expect(spanish[0].text).toContain(`http://localhost:3000/plans/${planId}`);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(smtp.messages.length);
  });

  it('the reminder job on a controlled clock sends each reminder once, even run again and concurrently; opted-out users get none', async () => {
    expect((await employee.patch('/api/v1/me', { isEmailOptOut: true })).body).toEqual({
      locale: 'en',
      isEmailOptOut: true,
    });
    expect((await employee.get('/api/v1/me')).body.isEmailOptOut).toBe(true);
    const [first] = (await employee.get(`/api/v1/plans/${planId}/check-ins`)).body.items;
    expect(first.scheduledAt).toBe('2026-12-01T09:00:00.000Z');

    t.clock.set('2026-11-30T12:00:00Z');
    await run('reminders');
    expect(to('checkin.tomorrow', demo.manager)).toHaveLength(1);
    expect(to('checkin.tomorrow', demo.employee)).toHaveLength(0);
    // The opted-out employee still sees it in the app.
    const inApp = (await employee.get('/api/v1/notifications')).body.items;
    expect(inApp.filter((n: { kind: string }) => n.kind === 'checkin.tomorrow')).toHaveLength(1);
    const [skipped] = await t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'checkin.tomorrow'), eq(outbox.toEmail, demo.employee)));
    expect(skipped.status).toBe('skipped');

    // Again through the queue, and twice more at once as two servers would: nothing new.
    await run('reminders');
    await again(() => Promise.all([sendReminders(t.deps), sendReminders(t.deps)]));
    expect(smtp.byKind('checkin.tomorrow')).toHaveLength(1);

    // 24 hours after its time with nothing recorded, the check-in is missed: the manager hears once.
    t.clock.set('2026-12-02T09:00:01Z');
    await run('reminders');
    await again(() => sendReminders(t.deps));
    const [row] = await t.database.db.select().from(checkIns).where(eq(checkIns.id, first.id));
    expect(row.status).toBe('missed');
    expect(to('checkin.missed', demo.manager)).toHaveLength(1);
    expect(smtp.byKind('checkin.missed')).toHaveLength(1);

    // A week without a measurement: the manager is reminded once that week.
    t.clock.set('2026-12-08T07:00:00Z');
    await run('reminders');
    await again(() => sendReminders(t.deps));
    const due = to('measurement.due', demo.manager);
    expect(due).toHaveLength(1);
    expect(due[0].text).toContain('Deadlines met');
    expect(smtp.byKind('measurement.due')).toHaveLength(1);
  });

  it('the weekly progress report is kept as a record and emailed to the manager and HR, once', async () => {
    await run('progress-sweep');
    await again(() => produceWeeklyReports(t.deps));
    const reports = (await manager.get(`/api/v1/plans/${planId}/progress-reports`)).body.items;
    expect(reports).toHaveLength(1);
    expect(reports[0].weekStart).toBe('2026-12-07');
    expect(reports[0].body).toMatchObject({ planId, checkIns: expect.objectContaining({ missed: 1 }) });
    expect(to('weekly.report', demo.manager)).toHaveLength(1);
    expect(to('weekly.report', demo.hrRep)).toHaveLength(1);
    expect(to('weekly.report', demo.hrRep)[0].text).toContain('Reuniones realizadas: 0; no realizadas: 1.');
    expect(smtp.byKind('weekly.report')).toHaveLength(2);
  });

  it('a delivery the SMTP server refuses for now is retried with backoff and arrives once', async () => {
    smtp.failOnceFor(/^flaky\./);
    const requested = await manager.post(`/api/v1/plans/${planId}/feedback-requests`, {
      name: 'Iván Flaky',
      email: 'flaky.peer@example.com',
      kind: 'peer',
    });
    expect(requested.status, requested.text).toBe(201);
    const [received] = await waitFor(
      () => to('feedback.requested', 'flaky.peer@example.com'),
      (m) => m.length > 0,
    );
    expect(received.text).toMatch(/http:\/\/localhost:3000\/feedback\/fb_[\w-]{43}/);
    expect(received.text).not.toContain('{{');
    // The receiver has the message before the worker records the hand-over as sent.
    const [row] = await waitFor(
      () => t.database.db.select().from(outbox).where(eq(outbox.toEmail, 'flaky.peer@example.com')),
      ([r]) => r?.status === 'sent',
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(to('feedback.requested', 'flaky.peer@example.com')).toHaveLength(1);
  });

  it('a delivery in flight when its worker dies runs again on a new worker on the same database', async () => {
    await runner.stop();
    // Worker A: its SMTP never answers, then its database connection drops, as when the process is killed.
    let release!: (error: Error) => void;
    let markActive!: () => void;
    const isActive = new Promise<void>((resolve) => {
      markActive = resolve;
    });
    const hanging: MailTransport = {
      kind: 'smtp',
      isIdempotent: false,
      send: () =>
        new Promise<void>((_resolve, reject) => {
          release = reject;
          markActive();
        }),
      close: () => {},
    };
    const inner = queueConnection(t.database);
    let isSevered = false;
    const severable: QueueConnection = {
      executeSql: (text, values) =>
        isSevered ? Promise.reject(new Error('connection lost')) : inner.executeSql(text, values),
    };
    const a = await startRunner({ transport: hanging, connection: severable });
    const requested = await manager.post(`/api/v1/plans/${planId}/feedback-requests`, {
      name: 'Carla Crash',
      email: 'crash.peer@example.com',
      kind: 'peer',
    });
    expect(requested.status).toBe(201);
    await isActive;
    const [row] = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toEmail, 'crash.peer@example.com'));
    isSevered = true;
    await a.stop({ timeoutMs: 1000 }).catch(() => {});
    expect(to('feedback.requested', 'crash.peer@example.com')).toHaveLength(0);

    // Worker B starts on the same database: the job expires, is retried, and B delivers it.
    runner = await startRunner();
    await waitFor(
      () => to('feedback.requested', 'crash.peer@example.com'),
      (m) => m.length > 0,
    );
    const [job] = await waitFor(
      () => runner.boss.findJobs('email-deliver', { key: row.id }),
      (jobs) => jobs[0]?.state === 'completed',
    );
    expect(job.retryCount).toBeGreaterThanOrEqual(1);
    release(new Error('worker A gave up'));
    await settled();
    expect(to('feedback.requested', 'crash.peer@example.com')).toHaveLength(1);
    const [sent] = await t.database.db.select().from(outbox).where(eq(outbox.id, row.id));
    expect(sent.status).toBe('sent');
  });

  it('closing the plan tells every party by email once', async () => {
    const closed = await hrRep.post(`/api/v1/plans/${planId}/transitions`, {
      action: 'close',
      outcome: 'successful',
      summary: 'Goals met and sustained.',
      overrideReason: 'Goals met early; the final evaluation is waived.',
    });
    expect(closed.status, closed.text).toBe(200);
    await settled();
    for (const email of [demo.employee, demo.manager, demo.hrRep]) {
      expect(to('plan.closed', email), email).toHaveLength(1);
    }
    // A closed plan takes no more reminders.
    await again(() => sendReminders(t.deps));
    expect(smtp.byKind('plan.closed')).toHaveLength(3);
  });
});

describe('without SMTP_URL', () => {
  it('writes each email as an .eml file (plain text and HTML) under the data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mejora-eml-'));
    const transport = createMailTransport({
      smtpUrl: undefined,
      mailFrom: 'Mejora <no-reply@mejora.local>',
      dataDir,
    });
    expect(transport.kind).toBe('eml');
    await transport.send({
      messageId: '<0c6f4c7e-0000-4000-8000-000000000001@mejora>',
      to: 'someone@example.com',
      subject: 'Recordatorio: reunión de seguimiento',
      text: 'Hola',
      html: '<p>Hola</p>',
      kind: 'checkin.tomorrow',
    });
    const files = readdirSync(join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = readFileSync(join(dataDir, 'mail', files[0]), 'utf8');
    expect(raw).toContain('To: someone@example.com');
    expect(raw).toContain('Message-ID: <0c6f4c7e-0000-4000-8000-000000000001@mejora>');
    expect(raw).toContain('text/plain');
    expect(raw).toContain('text/html');
    expect(raw).toContain('X-Mejora-Kind: checkin.tomorrow');
  });
});
