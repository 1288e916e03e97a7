// Background work on pg-boss, in the same database as everything else: email delivery from the outbox
// (retries with exponential backoff), document exports, the reminder sweep, weekly reports with the risk
// scan, the audit checkpoint and the removal of expired export zips. Embedded: pg-boss runs on the one PGlite connection; server: on the pg pool.
import { fromPglite, type JobWithMetadata, PgBoss, type Db as QueueConnection } from 'pg-boss';
import type { Database } from '../db/client.ts';
import { sealAllCheckpoints } from '../services/audit/seal-checkpoint.ts';
import type { Deps } from '../services/context.ts';
import { deliverEmail, pendingEmails, redactError } from '../services/email/deliver-email.ts';
import { createMailTransport, type MailTransport } from '../services/email/mail-transport.ts';
import {
  expireExports,
  queuedExports,
  runDocumentExport,
  runningExports,
} from '../services/exports/run-document-export.ts';
import { deliverChatMessage, pendingChatMessages } from '../services/integrations/deliver-chat-message.ts';
import { deliverWebhook, pendingWebhookDeliveries } from '../services/integrations/deliver-webhook.ts';
import { sendDigests } from '../services/notifications/digests.ts';
import { sendDueInvitations } from '../services/running/check-in-invitations.ts';
import { sendReminders } from '../services/running/send-reminders.ts';
import { produceWeeklyReports, scanRiskFlags } from '../services/running/weekly-reports.ts';

export const queues = {
  deliverEmail: 'email-deliver',
  deliverWebhook: 'webhook-deliver',
  deliverChat: 'chat-deliver',
  reminders: 'reminders',
  progressSweep: 'progress-sweep',
  auditCheckpoint: 'audit-checkpoint',
  documentExport: 'document-export',
  exportCleanup: 'export-cleanup',
  digest: 'notification-digest',
} as const;
export type SweepQueue =
  | typeof queues.reminders
  | typeof queues.progressSweep
  | typeof queues.auditCheckpoint
  | typeof queues.exportCleanup
  | typeof queues.digest;

/** When the sweeps run (cron, in UTC: each sweep works on every organisation's own calendar). */
export const schedules: Record<SweepQueue, string> = {
  [queues.reminders]: '*/5 * * * *',
  [queues.progressSweep]: '7 * * * *',
  [queues.auditCheckpoint]: '*/10 * * * *',
  [queues.exportCleanup]: '23 * * * *',
  [queues.digest]: '3 * * * *',
};

type Log = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};
const silent: Log = { info: () => {}, warn: () => {}, error: () => {} };

export type JobRunnerOptions = {
  /** How often idle workers look for jobs. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs (their worker died) are found and retried. */
  superviseIntervalSeconds?: number;
  /** How often the outbox is checked for pending emails (a commit also wakes it). */
  outboxPollMs?: number;
  /** A delivery still active after this long is presumed dead and retried. */
  deliveryExpireSeconds?: number;
  /** First retry delay; doubled each time (with jitter) up to an hour. */
  retryDelaySeconds?: number;
  retryLimit?: number;
  /** A running export that sends no heartbeat for this long (its worker died) is retried. */
  exportHeartbeatSeconds?: number;
  /** A delivery that sends no heartbeat for this long (its worker died) is retried. */
  deliveryHeartbeatSeconds?: number;
  /** Render threads per export; default every core. */
  exportWorkers?: number;
  /** How often a running export writes its progress. */
  exportProgressMs?: number;
  /** Registers the cron schedules (one server or many: pg-boss fires each occurrence once). */
  isScheduling?: boolean;
  transport?: MailTransport;
  /** The connection pg-boss runs on; by default the application's own database. */
  connection?: QueueConnection;
  log?: Log;
};

export type JobRunner = {
  boss: PgBoss;
  transport: MailTransport;
  start(): Promise<void>;
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Hands pending emails and waiting exports to their queues now rather than at the next poll. */
  wake(): void;
  /** Queues a sweep to run now. */
  trigger(queue: SweepQueue): Promise<string | null>;
};

/** pg-boss on the application's database: the PGlite instance itself, or the pg pool. */
export function queueConnection(database: Database): QueueConnection {
  if (database.pglite) return fromPglite(database.pglite);
  const pool = database.pool!;
  // As pg-boss's own pool does: a multi-statement text answers one result per statement, all of them.
  return { executeSql: (text, values) => pool.query(text, values as unknown[] | undefined) as never };
}

export function createJobRunner(deps: Deps, options: JobRunnerOptions = {}): JobRunner {
  const log = options.log ?? silent;
  const polling = options.pollingIntervalSeconds ?? 2;
  // Short, so that a job whose server died is found soon after: exports and deliveries resume within seconds.
  const supervise = options.superviseIntervalSeconds ?? 5;
  // On PostgreSQL a job whose server died is handed over when its heartbeat is missed: 10 s, plus the
  // 5 s supervision, resumes it within 15 s. Embedded, a heartbeat queues behind the one busy connection, so
  // it is longer there, and a crash does not wait for it (see recoverInterrupted).
  const heartbeatSeconds = deps.database.engine === 'postgres' ? 10 : 30;
  const isScheduling = options.isScheduling ?? true;
  const transport = options.transport ?? createMailTransport(deps.config);
  const boss = new PgBoss({
    db: options.connection ?? queueConnection(deps.database),
    ...(deps.database.engine === 'pglite' ? { backend: 'pglite' as const } : {}),
    superviseIntervalSeconds: supervise,
    // pg-boss fails jobs whose heartbeat stopped in its monitoring pass, so on PostgreSQL that pass runs as often
    // as the supervision: a job whose server died is handed to another within heartbeat + 5 s, not a minute.
    monitorIntervalSeconds:
      options.superviseIntervalSeconds ?? (deps.database.engine === 'postgres' ? supervise : 60),
    schedule: isScheduling,
    registerInstance: false,
  });
  boss.on('error', (error) => log.error({ error: redactError(error) }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ warning: redactError(warning.message) }, 'job queue warning'));

  let timer: NodeJS.Timeout | undefined;
  let isStopping = false;
  let isReady = false;
  let dispatching: Promise<void> | null = null;
  let isDispatchAgain = false;

  /**
   * Each pending email gets one delivery job and each waiting export one export job; the queues refuse a
   * second while one is queued or running.
   */
  const dispatch = async (): Promise<void> => {
    if (dispatching) {
      isDispatchAgain = true;
      return dispatching;
    }
    dispatching = (async () => {
      do {
        isDispatchAgain = false;
        for (const outboxId of await pendingEmails(deps)) {
          if (isStopping) return;
          await boss.send(queues.deliverEmail, { outboxId }, { singletonKey: outboxId });
        }
        for (const deliveryId of await pendingWebhookDeliveries(deps)) {
          if (isStopping) return;
          await boss.send(queues.deliverWebhook, { deliveryId }, { singletonKey: deliveryId });
        }
        for (const messageId of await pendingChatMessages(deps)) {
          if (isStopping) return;
          await boss.send(queues.deliverChat, { messageId }, { singletonKey: messageId });
        }
        for (const exportId of await queuedExports(deps)) {
          if (isStopping) return;
          await boss.send(queues.documentExport, { exportId }, { singletonKey: exportId });
        }
      } while (isDispatchAgain && !isStopping);
    })()
      .catch((error) => log.warn({ error: redactError(error) }, 'outbox dispatch failed'))
      .finally(() => {
        dispatching = null;
      });
    return dispatching;
  };

  /**
   * A queue of deliveries (email, webhook, chat): two at a time, each told whether it is the last attempt. A failure
   * is logged and stored by pg-boss without personal data, and retried with the queue's backoff.
   */
  const workDelivery = <K extends string>(
    queue: string,
    idKey: K,
    failure: string,
    deliver: (id: string, isLastAttempt: boolean) => Promise<unknown>,
  ) =>
    boss.work(
      queue,
      { pollingIntervalSeconds: polling, includeMetadata: true, localConcurrency: 2 },
      async (jobs) => {
        const job = jobs[0] as JobWithMetadata<Record<K, string>>;
        const id = job.data[idKey];
        try {
          return await deliver(id, job.retryCount >= job.retryLimit);
        } catch (error) {
          const message = redactError(error);
          log.warn({ [idKey]: id, attempt: job.retryCount + 1, error: message }, failure);
          throw new Error(message);
        }
      },
    );

  /**
   * Embedded, this process is the only one on the database (the data-dir lock refuses a second), so a
   * delivery or an export still active in the queue at start was cut short by a crash: it is put back to
   * run now, rather than when its heartbeat is missed or it expires. (On PostgreSQL another server may be
   * running it; there the missed heartbeat hands it over.)
   */
  const recoverInterrupted = async () => {
    if (deps.database.engine !== 'pglite') return;
    const inFlight: [string, string[]][] = [
      [queues.deliverEmail, await pendingEmails(deps)],
      [queues.deliverWebhook, await pendingWebhookDeliveries(deps)],
      [queues.deliverChat, await pendingChatMessages(deps)],
      [queues.documentExport, await runningExports(deps)],
    ];
    for (const [queue, keys] of inFlight) {
      for (const key of keys) {
        const jobs = await boss.findJobs(queue, { key });
        const active = jobs.filter((job) => job.state === 'active').map((job) => job.id);
        if (!active.length) continue;
        await boss.cancel(queue, active);
        await boss.resume(queue, active);
        log.info({ queue, jobs: active.length }, 'resumed a job cut short by a crash');
      }
    }
  };

  const sweep = (name: SweepQueue, run: () => Promise<unknown>) =>
    boss.work(name, { pollingIntervalSeconds: polling }, async ([job]) => {
      const result = await run();
      // Counts only; a sweep that found nothing to do stays quiet.
      if (JSON.stringify(result ?? 0).match(/[1-9]/))
        log.info({ queue: name, jobId: job.id, result }, 'sweep done');
      void dispatch();
      return result;
    });

  const start = async () => {
    await boss.start();
    await boss.createQueue(queues.deliverEmail, {
      policy: 'exclusive',
      retryLimit: options.retryLimit ?? 8,
      retryDelay: options.retryDelaySeconds ?? 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: options.deliveryExpireSeconds ?? 120,
      heartbeatSeconds: options.deliveryHeartbeatSeconds ?? heartbeatSeconds,
      deleteAfterSeconds: 7 * 86_400,
    });
    await boss.createQueue(queues.deliverWebhook, {
      policy: 'exclusive',
      retryLimit: options.retryLimit ?? 8,
      retryDelay: options.retryDelaySeconds ?? 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      // A request times out after 10 s; a job still active long after that lost its worker.
      expireInSeconds: 60,
      deleteAfterSeconds: 7 * 86_400,
    });
    await boss.createQueue(queues.deliverChat, {
      policy: 'exclusive',
      retryLimit: options.retryLimit ?? 8,
      retryDelay: options.retryDelaySeconds ?? 30,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 60,
      deleteAfterSeconds: 7 * 86_400,
    });
    await boss.createQueue(queues.documentExport, {
      policy: 'exclusive',
      retryLimit: 3,
      // A retry resumes where the last run stopped: nothing is gained by waiting.
      retryDelay: 1,
      // A long export keeps its claim by heartbeats; one whose worker died is retried and resumes.
      expireInSeconds: 12 * 3600,
      heartbeatSeconds: options.exportHeartbeatSeconds ?? heartbeatSeconds,
      deleteAfterSeconds: 7 * 86_400,
    });
    for (const name of [
      queues.reminders,
      queues.progressSweep,
      queues.auditCheckpoint,
      queues.exportCleanup,
      queues.digest,
    ]) {
      await boss.createQueue(name, {
        policy: 'exclusive',
        retryLimit: 2,
        retryDelay: 60,
        expireInSeconds: 900,
      });
    }
    if (isScheduling) {
      for (const [name, cron] of Object.entries(schedules)) await boss.schedule(name, cron);
    }
    await recoverInterrupted();
    await workDelivery(queues.deliverEmail, 'outboxId', 'email delivery failed', (id, isLastAttempt) =>
      deliverEmail(deps, transport, id, { isLastAttempt }),
    );
    await workDelivery(queues.deliverWebhook, 'deliveryId', 'webhook delivery failed', (id, isLastAttempt) =>
      deliverWebhook(deps, id, { isLastAttempt }),
    );
    await workDelivery(queues.deliverChat, 'messageId', 'chat message failed', (id, isLastAttempt) =>
      deliverChatMessage(deps, id, { isLastAttempt }),
    );
    // One export at a time per server: each already uses every core.
    await boss.work(
      queues.documentExport,
      { pollingIntervalSeconds: polling, includeMetadata: true, localConcurrency: 1 },
      async (jobs) => {
        const job = jobs[0] as JobWithMetadata<{ exportId: string }>;
        const result = await runDocumentExport(deps, job.data.exportId, {
          signal: job.signal,
          isLastAttempt: job.retryCount >= job.retryLimit,
          workers: options.exportWorkers,
          progressIntervalMs: options.exportProgressMs,
        }).catch((error: unknown) => {
          log.warn(
            { exportId: job.data.exportId, attempt: job.retryCount + 1, error: redactError(error) },
            'document export interrupted',
          );
          throw new Error(redactError(error));
        });
        log.info({ exportId: job.data.exportId, result }, 'document export done');
        void dispatch();
        return result;
      },
    );
    await sweep(queues.exportCleanup, () => expireExports(deps));
    await sweep(queues.reminders, async () => ({
      ...(await sendReminders(deps)),
      invitations: await sendDueInvitations(deps),
    }));
    await sweep(queues.progressSweep, async () => ({
      reports: await produceWeeklyReports(deps),
      newRiskFlags: await scanRiskFlags(deps),
    }));
    await sweep(queues.digest, () => sendDigests(deps));
    await sweep(queues.auditCheckpoint, () => sealAllCheckpoints(deps.database.db, deps.now()));
    isReady = true;
    if (!isStopping) {
      timer = setInterval(() => void dispatch(), options.outboxPollMs ?? 5000);
      timer.unref();
      void dispatch();
    }
  };

  let started: Promise<void> | undefined;
  return {
    boss,
    transport,
    start: () => {
      started ??= start();
      return started;
    },
    stop: async ({ timeoutMs = 10_000 } = {}) => {
      isStopping = true;
      if (timer) clearInterval(timer);
      await started?.catch(() => {});
      await dispatching;
      await boss.stop({ graceful: true, timeout: timeoutMs, close: false });
      transport.close();
    },
    wake: () => {
      if (isReady && !isStopping) void dispatch();
    },
    trigger: (queue) => boss.send(queue, {}),
  };
}
