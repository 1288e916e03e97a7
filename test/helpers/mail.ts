// An app that sends its email to a real SMTP receiver through a running job runner: what the email tests share.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Engine } from '../../src/db/client.ts';
import { outbox } from '../../src/db/schema/index.ts';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from '../../src/jobs/job-runner.ts';
import {
  type ReceivedEmail,
  type SmtpReceiver,
  startSmtpReceiver,
  waitFor,
} from '../running/smtp-receiver.ts';
import { startTestApp, type TestApp } from './engines.ts';

/** Job timings short enough for tests; the cron schedules are off (tests run sweeps themselves). */
export const fastJobs = {
  pollingIntervalSeconds: 0.5,
  superviseIntervalSeconds: 1,
  outboxPollMs: 200,
  retryDelaySeconds: 1,
  isScheduling: false,
} satisfies JobRunnerOptions;

export type MailedApp = {
  smtp: SmtpReceiver;
  t: TestApp;
  runner: JobRunner;
  /** The emails of one kind received so far by one address, in the order they arrived. */
  to(kind: string, email: string): ReceivedEmail[];
  /** Resolves once every email written so far has left the outbox (sent or failed). */
  settled(): Promise<number>;
  close(): Promise<void>;
};

/** Wakes the runner and resolves once every email written so far has left the outbox (sent or failed). */
export async function outboxSettled(t: TestApp, runner: JobRunner): Promise<number> {
  runner.wake();
  return waitFor(
    async () =>
      (
        await t.database.db
          .select({ id: outbox.id })
          .from(outbox)
          .where(inArray(outbox.status, ['pending', 'sending', 'handed_over']))
      ).length,
    (n) => n === 0,
    30_000,
  );
}

/** Starts an SMTP receiver, the app on `engine` with its own data folder, and a job runner a commit wakes. */
export async function startMailedApp(
  engine: Engine,
  name: string,
  options: { env?: Record<string, string>; jobs?: JobRunnerOptions } = {},
): Promise<MailedApp> {
  const smtp = await startSmtpReceiver();
  const t = await startTestApp(engine, {
    env: {
      SMTP_URL: smtp.url,
      MEJORA_DATA_DIR: mkdtempSync(join(tmpdir(), `mejora-${name}-`)),
      ...options.env,
    },
  });
  const runner = createJobRunner(t.deps, { ...fastJobs, ...options.jobs });
  t.deps.afterCommit = () => runner.wake();
  await runner.start();
  return {
    smtp,
    t,
    runner,
    to: (kind, email) => smtp.byKind(kind).filter((m) => m.to === email),
    settled: () => outboxSettled(t, runner),
    close: async () => {
      await runner.stop();
      await t.close();
      await smtp.close();
    },
  };
}
