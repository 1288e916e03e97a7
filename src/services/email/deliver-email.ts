// Delivers one outbox email: sends it unless it went out already, then records the result.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.ts';
import type { Deps } from '../context.ts';
import type { MailTransport } from './mail-transport.ts';
import { resolveLinks } from './resolve-links.ts';

export type DeliveryResult = 'sent' | 'already_done';

/** Error texts of SMTP servers may quote addresses: keep the code and the gist, never an address. */
export const redactError = (error: unknown): string =>
  String((error as Error)?.message ?? error)
    .replace(/[^\s<>@"']+@[^\s<>@"']+/g, '[address]')
    .slice(0, 500);

/**
 * At most one worker delivers a row at a time (the queue allows one job per row), and a row that is no
 * longer pending is left alone, so a retried or duplicated job never sends twice. Only a crash between
 * the SMTP server's acceptance and the update below can repeat a message; it keeps its Message-ID.
 */
export async function deliverEmail(
  deps: Deps,
  transport: MailTransport,
  outboxId: string,
  options: { isLastAttempt: boolean },
): Promise<DeliveryResult> {
  const db = deps.database.db;
  const [row] = await db.select().from(outbox).where(eq(outbox.id, outboxId));
  if (row?.status !== 'pending') return 'already_done';
  try {
    await transport.send({
      messageId: `<${row.id}@mejora>`,
      to: row.toEmail,
      subject: row.subject,
      text: resolveLinks(row.text, deps.config),
      html: resolveLinks(row.html, deps.config),
      kind: row.kind,
    });
  } catch (error) {
    await db
      .update(outbox)
      .set({
        attempts: row.attempts + 1,
        lastError: redactError(error),
        status: options.isLastAttempt ? 'failed' : 'pending',
      })
      .where(and(eq(outbox.id, outboxId), eq(outbox.status, 'pending')));
    throw error;
  }
  await db
    .update(outbox)
    .set({ status: 'sent', attempts: row.attempts + 1, lastError: null, sentAt: deps.now().toISOString() })
    .where(and(eq(outbox.id, outboxId), eq(outbox.status, 'pending')));
  return 'sent';
}

/** Pending emails, oldest first: what the dispatcher hands to the delivery queue. */
export async function pendingEmails(deps: Deps, limit = 200): Promise<string[]> {
  const rows = await deps.database.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(inArray(outbox.status, ['pending']))
    .orderBy(asc(outbox.createdAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
