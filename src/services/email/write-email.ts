// Writes an email to the outbox inside the caller's transaction; its dedupe key makes it go out at most once.
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { outbox, users } from '../../db/schema/index.ts';
import { deliveryOf } from '../../domain/notifications/preferences.ts';
import {
  type EmailKind,
  type EmailLocale,
  type EmailParams,
  nonEssentialKinds,
  renderEmail,
} from './templates.ts';

type Recipient = { toUserId: string } | { toEmail: string; locale: EmailLocale };

export type EmailInput = Recipient & {
  orgId: string;
  /** Unique per organisation: the same key is never written twice, whoever tries and however often. */
  dedupeKey: string;
  kind: EmailKind;
  params: EmailParams;
  at: Date;
  /** An iCalendar invitation or cancellation sent as the message's text/calendar part. */
  calendar?: string;
};

/**
 * Renders the email in the recipient's language and stores it. A user who turned off non-essential emails
 * gets the row as `skipped`, which still claims the dedupe key. Returns false when the key was taken
 * already (the event was handled before) or the recipient has no active account.
 */
export async function writeEmail(tx: Executor, input: EmailInput): Promise<boolean> {
  let toEmail: string;
  let locale: EmailLocale;
  let recipientName: string | null = null;
  let isSkipped = false;
  let isDigested = false;
  if ('toUserId' in input) {
    const [user] = await tx
      .select({
        email: users.email,
        name: users.name,
        locale: users.locale,
        isEmailOptOut: users.isEmailOptOut,
        preferences: users.notificationPreferences,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .where(and(eq(users.orgId, input.orgId), eq(users.id, input.toUserId)));
    if (!user || user.disabledAt) return false;
    toEmail = user.email;
    locale = user.locale;
    recipientName = user.name;
    // What the person chose for this kind: at once, in their digest (notify-*.ts writes the item), or no email.
    const delivery = deliveryOf(input.kind, user.preferences);
    isDigested = delivery === 'digest';
    isSkipped =
      (user.isEmailOptOut && nonEssentialKinds.has(input.kind)) ||
      delivery === 'in_app' ||
      delivery === 'off';
  } else {
    toEmail = input.toEmail;
    locale = input.locale;
  }
  const rendered = renderEmail(input.kind, locale, { recipientName, ...input.params });
  const inserted = await tx
    .insert(outbox)
    .values({
      orgId: input.orgId,
      dedupeKey: input.dedupeKey,
      toUserId: 'toUserId' in input ? input.toUserId : null,
      toEmail,
      locale,
      kind: input.kind,
      ...rendered,
      status: isDigested ? 'digested' : isSkipped ? 'skipped' : 'pending',
      calendar: input.calendar ?? null,
      createdAt: input.at.toISOString(),
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  return inserted.length > 0;
}
