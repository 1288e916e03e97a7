// Writes a Slack and/or Teams message for each person told about an event, inside the caller's transaction,
// when the organisation connected them. Only what reaches the person at once goes to chat (not digest items).
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { chatConnections, chatMessages, users } from '../../db/schema/index.ts';
import { deliveryOf } from '../../domain/notifications/preferences.ts';
import { oncePerTransaction } from '../transaction-cache.ts';

export type ChatEvent = {
  orgId: string;
  userIds: string[];
  kind: string;
  planId: string | null;
  /** The event's identity; with the channel and the person, each message is written at most once. */
  dedupeKey: string;
  at: Date;
};

export async function enqueueChatMessages(tx: Executor, event: ChatEvent): Promise<number> {
  if (!event.userIds.length) return 0;
  const [connection] = await oncePerTransaction(tx, `chat:${event.orgId}`, () =>
    tx.select().from(chatConnections).where(eq(chatConnections.orgId, event.orgId)),
  );
  const channels = [
    ...(connection?.slackBotToken ? (['slack'] as const) : []),
    ...(connection?.teamsWebhookUrl ? (['teams'] as const) : []),
  ];
  if (!channels.length) return 0;
  const people = await tx
    .select({ id: users.id, preferences: users.notificationPreferences, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.orgId, event.orgId), inArray(users.id, event.userIds)));
  const rows = people
    .filter(
      (p) => !p.disabledAt && ['urgent', 'email', 'in_app'].includes(deliveryOf(event.kind, p.preferences)),
    )
    .flatMap((p) =>
      channels.map((channel) => ({
        orgId: event.orgId,
        channel,
        dedupeKey: `${channel}:${event.dedupeKey}:${p.id}`,
        toUserId: p.id,
        kind: event.kind,
        planId: event.planId,
        createdAt: event.at.toISOString(),
      })),
    );
  if (!rows.length) return 0;
  const inserted = await tx
    .insert(chatMessages)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: chatMessages.id });
  return inserted.length;
}
