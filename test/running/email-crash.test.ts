// The window a crash can hit during a delivery: after the claim, during the hand-over to SMTP, after the
// .eml file is written. Whatever moment the process dies at, the retry never produces a second message.
// A "crash" here is a send that never returns: the delivery stops where it was, as when the process is killed.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations, outbox } from '../../src/db/schema/index.ts';
import { deliverEmail, interruptedHandOver } from '../../src/services/email/deliver-email.ts';
import { createMailTransport, type MailTransport } from '../../src/services/email/mail-transport.ts';
import { writeEmail } from '../../src/services/email/write-email.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type SmtpReceiver, startSmtpReceiver, waitFor } from './smtp-receiver.ts';

const never = new Promise<void>(() => {});

/** The real transport up to `stage`, then the process "dies": the call never returns. */
function dyingAt(real: MailTransport, stage: 'before-hand-over' | 'after-send'): MailTransport {
  return {
    ...real,
    send: async (message, handOver) => {
      if (stage === 'before-hand-over') return never;
      await real.send(message, handOver);
      return never;
    },
  };
}

describe.each(engines)('a delivery cut short by a crash on %s', (engine) => {
  let smtp: SmtpReceiver;
  let t: TestApp;
  let orgId: string;
  let count = 0;

  const queueEmail = async (to: string) => {
    const dedupeKey = `crash-test-${++count}`;
    await writeEmail(t.database.db, {
      orgId,
      dedupeKey,
      toEmail: to,
      locale: 'en',
      kind: 'plan.closed',
      params: { employeeName: 'Elena Martín', organizationName: 'Lumina Learning' },
      at: t.clock.now(),
    });
    const [row] = await t.database.db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey));
    return row.id;
  };
  const rowOf = async (id: string) => (await t.database.db.select().from(outbox).where(eq(outbox.id, id)))[0];
  const received = (to: string) => smtp.messages.filter((m) => m.to === to);

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await startTestApp(engine, { env: { SMTP_URL: smtp.url } });
    [{ id: orgId }] = await t.database.db.select({ id: organizations.id }).from(organizations).limit(1);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('SMTP: a crash after the server accepted the message and before it was marked sent does not send it again', async () => {
    const smtpTransport = createMailTransport(t.deps.config);
    const id = await queueEmail('after.accept@example.com');
    deliverEmail(t.deps, dyingAt(smtpTransport, 'after-send'), id, { isLastAttempt: false }).catch(() => {});
    await waitFor(
      () => received('after.accept@example.com'),
      (m) => m.length === 1,
    );
    expect((await rowOf(id)).status).toBe('handed_over');

    // The server restarts and the job runs again.
    const result = await deliverEmail(t.deps, smtpTransport, id, { isLastAttempt: false });
    expect(result).toBe('interrupted');
    await new Promise((r) => setTimeout(r, 300));
    expect(received('after.accept@example.com')).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'failed', lastError: interruptedHandOver });
    smtpTransport.close();
  });

  it('SMTP: a crash after the claim and before the hand-over sends it on the retry, once', async () => {
    const smtpTransport = createMailTransport(t.deps.config);
    const id = await queueEmail('before.handover@example.com');
    deliverEmail(t.deps, dyingAt(smtpTransport, 'before-hand-over'), id, { isLastAttempt: false }).catch(
      () => {},
    );
    await waitFor(
      () => rowOf(id),
      (row) => row.status === 'sending',
    );
    expect(await deliverEmail(t.deps, smtpTransport, id, { isLastAttempt: false })).toBe('sent');
    expect(received('before.handover@example.com')).toHaveLength(1);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2 });
    // A duplicated job after that finds it done.
    expect(await deliverEmail(t.deps, smtpTransport, id, { isLastAttempt: false })).toBe('already_done');
    expect(received('before.handover@example.com')).toHaveLength(1);
    smtpTransport.close();
  });

  it('.eml: a crash after the file was written and before it was marked sent leaves one file, not two', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mejora-eml-crash-'));
    const eml = createMailTransport({ smtpUrl: undefined, mailFrom: t.deps.config.mailFrom, dataDir });
    const id = await queueEmail('eml.crash@example.com');
    deliverEmail(t.deps, dyingAt(eml, 'after-send'), id, { isLastAttempt: false }).catch(() => {});
    const mail = join(dataDir, 'mail');
    await waitFor(
      () => (existsSync(mail) ? readdirSync(mail).filter((f) => f.endsWith('.eml')) : []),
      (files) => files.length === 1,
    );
    // Later, as the restarted server would, with a later clock.
    t.clock.advance(60_000);
    expect(await deliverEmail(t.deps, eml, id, { isLastAttempt: false })).toBe('sent');
    const files = readdirSync(mail).filter((f) => !f.startsWith('.'));
    expect(files).toHaveLength(1);
    expect(files[0]).toContain(id);
    expect((await rowOf(id)).status).toBe('sent');
  });
});
