// Delivers one outbox email: claims it, sends it unless it went out already, then records the result.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.ts';
import type { Deps } from '../context.ts';
import type { MailTransport } from './mail-transport.ts';
import { resolveLinks } from './resolve-links.ts';

export type DeliveryResult = 'sent' | 'already_done' | 'interrupted';

/** Error texts of SMTP servers may quote addresses: keep the code and the gist, never an address. */
export const redactError = (error: unknown): string =>
  String((error as Error)?.message ?? error)
    .replace(/[^\s<>@"']+@[^\s<>@"']+/g, '[address]')
    .slice(0, 500);

/** What an interrupted SMTP hand-over leaves in the row: it may have arrived, so it is not sent again. */
export const interruptedHandOver =
  'interrupted while it was handed to the SMTP server: it may have arrived, so it is not sent again';

/** Rows a delivery may still have to do something about; `sending` and `handed_over` only after a crash. */
const unfinished = ['pending', 'sending', 'handed_over'] as const;

/**
 * At most one job delivers a row at a time (the queue allows one job per row). The row is claimed before
 * anything is sent (`sending`), and marked `handed_over` by the transport just before the step after which
 * the message may have reached the recipient; `sent` replaces either in one update. A later attempt that
 * finds the row still claimed knows an earlier one died:
 * - `sending`: nothing was handed over yet, so it is sent now;
 * - `handed_over` on SMTP: it may have arrived, so it is marked failed with that reason, never sent twice;
 *   the .eml writer writes the same file again under the same name, which replaces rather than duplicates.
 */
export async function deliverEmail(
  deps: Deps,
  transport: MailTransport,
  outboxId: string,
  options: { isLastAttempt: boolean },
): Promise<DeliveryResult> {
  const db = deps.database.db;
  const byId = eq(outbox.id, outboxId);
  const [row] = await db.select().from(outbox).where(byId);
  if (!row || !(unfinished as readonly string[]).includes(row.status)) return 'already_done';
  if (row.status === 'handed_over' && !transport.isIdempotent) {
    await db
      .update(outbox)
      .set({ status: 'failed', lastError: interruptedHandOver })
      .where(and(byId, eq(outbox.status, 'handed_over')));
    return 'interrupted';
  }
  const [claimed] = await db
    .update(outbox)
    .set({ status: 'sending', attempts: row.attempts + 1 })
    .where(and(byId, eq(outbox.status, row.status)))
    .returning({ attempts: outbox.attempts });
  if (!claimed) return 'already_done';
  try {
    await transport.send(
      {
        messageId: `<${row.id}@mejora>`,
        to: row.toEmail,
        subject: row.subject,
        text: resolveLinks(row.text, deps.config),
        html: resolveLinks(row.html, deps.config),
        kind: row.kind,
        calendar: row.calendar ? resolveLinks(row.calendar, deps.config) : null,
        createdAt: row.createdAt,
      },
      async () => {
        await db
          .update(outbox)
          .set({ status: 'handed_over' })
          .where(and(byId, eq(outbox.status, 'sending')));
      },
    );
  } catch (error) {
    // Refused or unreachable: it did not arrive, so it may be tried again.
    await db
      .update(outbox)
      .set({ lastError: redactError(error), status: options.isLastAttempt ? 'failed' : 'pending' })
      .where(and(byId, inArray(outbox.status, ['sending', 'handed_over'])));
    throw error;
  }
  await db
    .update(outbox)
    .set({ status: 'sent', lastError: null, sentAt: deps.now().toISOString() })
    .where(and(byId, inArray(outbox.status, ['sending', 'handed_over'])));
  return 'sent';
}

/** Emails still to deliver, oldest first (with any a crash left claimed): the dispatcher queues each. */
export async function pendingEmails(deps: Deps, limit = 200): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(inArray(outbox.status, [...unfinished]))
    .orderBy(asc(outbox.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
