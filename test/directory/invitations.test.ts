// Invitations and password reset end to end: HR invites, a real SMTP server receives the email, the link in it
// sets the password and signs the person in. Links are single use, expire, and a newer one voids the older; a
// reset never says whether an address has an account, and is rate limited.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employees, outbox } from '../../src/db/schema/index.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/job-runner.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createEmployeeRow, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { fastJobs, outboxSettled } from '../helpers/mail.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../running/smtp-receiver.ts';

const day = 24 * 60 * 60 * 1000;
let addresses = 0;
/** Each anonymous request from its own client address unless the test means the same one. */
const fromAddress = () => {
  addresses++;
  return `203.0.113.${addresses % 250}`;
};

describe.each(engines)('invitations and password reset on %s', (engine) => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let runner: JobRunner;
  let hr: Client;

  const settled = () => outboxSettled(t, runner);
  const mailsTo = (kind: string, email: string) => smtp.byKind(kind).filter((m) => m.to === email);
  /** The token of the link in the latest email of this kind to this address. */
  const linkTokenOf = async (kind: string, email: string) => {
    await settled();
    const mails = mailsTo(kind, email);
    expect(mails.length).toBeGreaterThan(0);
    const match = mails[mails.length - 1].text.match(
      /http:\/\/localhost:3000\/set-password#token=(ot_[\w-]{43})/,
    );
    expect(match, mails[mails.length - 1].text).not.toBeNull();
    return match![1];
  };
  const anonymous = (url: string, body: unknown, ip = fromAddress()) =>
    send(t.app, 'POST', url, { body, headers: { 'x-forwarded-for': ip } });
  const setPassword = (token: string, password: string) =>
    anonymous('/api/v1/auth/password', { token, password });
  const account = async (employeeId: string) =>
    (await hr.get(`/api/v1/employees/${employeeId}`)).body.account;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await startTestApp(engine, {
      env: {
        SMTP_URL: smtp.url,
        MEJORA_DATA_DIR: mkdtempSync(join(tmpdir(), 'mejora-invite-')),
        SESSION_IDLE_MINUTES: '500000',
        SESSION_MAX_HOURS: '10000',
      },
    });
    runner = createJobRunner(t.deps, { ...fastJobs, deliveryExpireSeconds: 2 });
    t.deps.afterCommit = () => runner.wake();
    await runner.start();
    hr = await signIn(t.app, demo.hr);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await smtp?.close();
  });

  it('HR invites a person without an account; the emailed link sets their password once and signs them in', async () => {
    const person = await createEmployeeRow(t.database.db, hr.user.orgId, {
      name: 'Lucía Invitada',
      email: 'lucia.invitada@example.com',
    });
    await t.database.db.update(employees).set({ locale: 'es' }).where(eq(employees.id, person.id));
    expect(await account(person.id)).toMatchObject({ status: 'none', userId: null, hasPassword: false });

    const invited = await hr.post(`/api/v1/employees/${person.id}/invitation`);
    expect(invited.status, invited.text).toBe(201);
    expect(new Date(invited.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(7 * day);
    expect(await account(person.id)).toMatchObject({
      status: 'invited',
      userId: invited.body.userId,
      roles: ['employee'],
      hasPassword: false,
      invitationExpiresAt: invited.body.expiresAt,
    });

    // In the person's language; the token is in the email but nowhere in the database.
    const token = await linkTokenOf('account.invitation', 'lucia.invitada@example.com');
    const [mail] = mailsTo('account.invitation', 'lucia.invitada@example.com');
    expect(mail.text).toContain('Establecer su contraseña');
    const stored = await t.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.toEmail, 'lucia.invitada@example.com'));
    expect(JSON.stringify(stored)).not.toContain(token);

    // No password yet: nothing signs in.
    const guess = await anonymous('/api/v1/auth/login', {
      email: 'lucia.invitada@example.com',
      password: 'x'.repeat(12),
    });
    expect(guess.status).toBe(401);

    const short = await setPassword(token, 'too-short');
    expect(short.status).toBe(422);
    expect(short.body.errors[0].path).toBe('body/password');

    const set = await setPassword(token, 'mi contraseña larga');
    expect(set.status, set.text).toBe(200);
    expect(set.body.user.email).toBe('lucia.invitada@example.com');
    const cookie = String(set.headers['set-cookie']).match(/mejora_session=([^;]+)/)![1];
    const me = await send(t.app, 'GET', '/api/v1/me', { headers: { cookie: `mejora_session=${cookie}` } });
    expect(me.status).toBe(200);
    expect(me.body.user.employeeId).toBe(person.id);

    // Single use.
    const again = await setPassword(token, 'otra contraseña larga');
    expect(again.status).toBe(410);
    const signedIn = await signIn(t.app, 'lucia.invitada@example.com', 'mi contraseña larga');
    expect(signedIn.user.roles).toEqual(['employee']);
    expect(await account(person.id)).toMatchObject({ status: 'active', hasPassword: true });

    // Someone who has a password gets no invitation; they reset it themselves.
    expect((await hr.post(`/api/v1/employees/${person.id}/invitation`)).status).toBe(409);
  });

  it('a new invitation voids the earlier link, and an invitation expires after seven days', async () => {
    const person = await createEmployeeRow(t.database.db, hr.user.orgId, { email: 'twice@example.com' });
    expect((await hr.post(`/api/v1/employees/${person.id}/invitation`)).status).toBe(201);
    const first = await linkTokenOf('account.invitation', 'twice@example.com');
    expect((await hr.post(`/api/v1/employees/${person.id}/invitation`)).status).toBe(201);
    const second = await linkTokenOf('account.invitation', 'twice@example.com');
    expect(second).not.toBe(first);
    expect(mailsTo('account.invitation', 'twice@example.com')).toHaveLength(2);
    expect((await setPassword(first, 'a long enough password')).status).toBe(410);

    const start = t.clock.now().toISOString();
    try {
      t.clock.advance(7 * day + 60_000);
      const expired = await setPassword(second, 'a long enough password');
      expect(expired.status).toBe(410);
      expect(expired.body.detail).toContain('expired');
      expect(await account(person.id)).toMatchObject({ status: 'invited', hasPassword: false });
    } finally {
      t.clock.set(start);
    }
  });

  it('"Add user" without a password creates the account without one and emails the person an invitation', async () => {
    const created = await hr.post('/api/v1/users', {
      email: 'added.by.hr@example.com',
      name: 'Added By HR',
      roles: ['mentor'],
      locale: 'en',
    });
    expect(created.status, created.text).toBe(201);
    const token = await linkTokenOf('account.invitation', 'added.by.hr@example.com');
    expect(mailsTo('account.invitation', 'added.by.hr@example.com')[0].text).toContain('Set your password');
    expect((await setPassword(token, 'chosen by the person')).status).toBe(200);
    expect((await signIn(t.app, 'added.by.hr@example.com', 'chosen by the person')).user.roles).toEqual([
      'mentor',
    ]);
  });

  it('only HR invites: a manager, an employee and an auditor are refused, and an unknown employee is 404', async () => {
    const person = await createEmployeeRow(t.database.db, hr.user.orgId, {
      email: 'not-by-them@example.com',
    });
    for (const who of [demo.manager, demo.employee, demo.auditor]) {
      const client = await signIn(t.app, who);
      const refused = await client.post(`/api/v1/employees/${person.id}/invitation`);
      expect([403, 404], `${who}: ${refused.status}`).toContain(refused.status);
      expect((await client.get(`/api/v1/employees/${person.id}`)).body?.account ?? null).toBeNull();
    }
    expect((await hr.post('/api/v1/employees/00000000-0000-4000-8000-000000000000/invitation')).status).toBe(
      404,
    );
    expect(mailsTo('account.invitation', 'not-by-them@example.com')).toHaveLength(0);
  });

  it('a reset answers the same for a known and an unknown address and emails only the known one; the new password ends other sessions', async () => {
    const { email } = await createUserWithEmployee(t.database.db, hr.user.orgId, {
      roles: ['employee'],
      email: 'forgetful@example.com',
      password: 'the old password',
    });
    const elsewhere = await signIn(t.app, email, 'the old password');
    const known = await anonymous('/api/v1/auth/password-reset', { email: 'Forgetful@Example.com' });
    const unknown = await anonymous('/api/v1/auth/password-reset', { email: 'nobody-here@example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);
    const token = await linkTokenOf('account.password_reset', email);
    expect(smtp.messages.filter((m) => m.to === 'nobody-here@example.com')).toHaveLength(0);
    const [mail] = mailsTo('account.password_reset', email);
    expect(mail.text).toContain('expires in one hour');

    const set = await setPassword(token, 'a brand new password');
    expect(set.status, set.text).toBe(200);
    expect((await elsewhere.get('/api/v1/me')).status).toBe(401);
    const old = await anonymous('/api/v1/auth/login', { email, password: 'the old password' });
    expect(old.status).toBe(401);
    expect((await signIn(t.app, email, 'a brand new password')).user.name).toBe('Pat Example');
    expect((await setPassword(token, 'yet another password')).status).toBe(410);
  });

  it('a reset link expires after one hour', async () => {
    const { email } = await createUserWithEmployee(t.database.db, hr.user.orgId, {
      roles: ['employee'],
      email: 'slow-reader@example.com',
      password: 'the old password',
    });
    expect((await anonymous('/api/v1/auth/password-reset', { email })).status).toBe(202);
    const token = await linkTokenOf('account.password_reset', email);
    const start = t.clock.now().toISOString();
    try {
      t.clock.advance(60 * 60 * 1000 + 1000);
      expect((await setPassword(token, 'a brand new password')).status).toBe(410);
    } finally {
      t.clock.set(start);
    }
    expect((await signIn(t.app, email, 'the old password')).user.name).toBe('Pat Example');
  });

  it('reset requests are rate limited per address and per client: the sixth for one address answers 429', async () => {
    const email = 'limited@example.com';
    for (let i = 0; i < 5; i++) {
      expect((await anonymous('/api/v1/auth/password-reset', { email })).status).toBe(202);
    }
    const sixth = await anonymous('/api/v1/auth/password-reset', { email });
    expect(sixth.status).toBe(429);
    expect(sixth.headers['content-type']).toContain('application/problem+json');
    const ip = '192.0.2.77';
    for (let i = 0; i < 20; i++) {
      expect(
        (await anonymous('/api/v1/auth/password-reset', { email: `n${i}@example.com` }, ip)).status,
      ).toBe(202);
    }
    expect((await anonymous('/api/v1/auth/password-reset', { email: 'n99@example.com' }, ip)).status).toBe(
      429,
    );
  });

  it('HR invites everyone not invited yet in one call: a count, one email each, and nobody twice', async () => {
    const written = async () =>
      (
        await t.database.db
          .select({ id: outbox.id })
          .from(outbox)
          .where(eq(outbox.kind, 'account.invitation'))
      ).length;
    const before = await written();
    const started = performance.now();
    const everyone = await hr.post('/api/v1/directory/invitations');
    console.info(
      `invited ${everyone.body.invited} people on ${engine} in ${Math.round(performance.now() - started)} ms`,
    );
    expect(everyone.status, everyone.text).toBe(200);
    expect(everyone.body.invited).toBeGreaterThan(25);
    // One email each, in the outbox with the invitations (delivery over SMTP is proven above).
    expect((await written()) - before).toBe(everyone.body.invited);
    const again = await hr.post('/api/v1/directory/invitations');
    expect(again.body).toEqual({ invited: 0, skipped: 0 });
    // Managers of the directory get the manager role with their account.
    const page = (await hr.get('/api/v1/employees?q=Carolina')).body.items;
    expect(page.length).toBeGreaterThan(0);
    expect((await account(page[0].id)).status).toBe('invited');
    const manager = await signIn(t.app, demo.manager);
    expect([403, 404]).toContain((await manager.post('/api/v1/directory/invitations')).status);
  });
});
