// A user's in-app notifications: list, mark read.
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';

export async function listNotifications(
  { deps, actor }: ServiceContext,
  options: { isUnreadOnly?: boolean; limit: number },
) {
  const mine = and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.userId));
  const db = deps.database.db;
  const [items, [{ value: unreadCount }]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(options.isUnreadOnly ? and(mine, isNull(notifications.readAt)) : mine)
      .orderBy(desc(notifications.createdAt))
      .limit(options.limit),
    db
      .select({ value: count() })
      .from(notifications)
      .where(and(mine, isNull(notifications.readAt))),
  ]);
  return {
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      planId: n.planId,
      payload: n.payload,
      createdAt: new Date(n.createdAt).toISOString(),
      readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
    })),
    unreadCount,
  };
}

export async function markNotificationRead(
  { deps, actor }: ServiceContext,
  id: string | 'all',
): Promise<void> {
  const mine = and(
    eq(notifications.orgId, actor.orgId),
    eq(notifications.userId, actor.userId),
    isNull(notifications.readAt),
  );
  const updated = await deps.database.db
    .update(notifications)
    .set({ readAt: deps.now().toISOString() })
    .where(id === 'all' ? mine : and(mine, eq(notifications.id, id)))
    .returning({ id: notifications.id });
  if (id !== 'all' && updated.length === 0) {
    const [exists] = await deps.database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(
        and(
          eq(notifications.orgId, actor.orgId),
          eq(notifications.userId, actor.userId),
          eq(notifications.id, id),
        ),
      );
    if (!exists) throw notFound('Notification');
  }
}
