// A person's notification preferences: per kind of event (in-app, email at once, digest, off) and how often
// the digest comes.
import { and, eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { invalidField } from '../../domain/errors.ts';
import {
  defaultPreferences,
  inAppOnlyKinds,
  type PreferenceKind,
  type PreferenceValue,
  preferenceKinds,
} from '../../domain/notifications/preferences.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

export type NotificationPreferences = {
  kinds: Record<PreferenceKind, PreferenceValue>;
  digestFrequency: 'daily' | 'weekly';
};

const present = (row: {
  preferences: Record<string, PreferenceValue>;
  digestFrequency: 'daily' | 'weekly';
}): NotificationPreferences => ({
  kinds: Object.fromEntries(
    preferenceKinds.map((k) => [k, row.preferences[k] ?? defaultPreferences[k]]),
  ) as Record<PreferenceKind, PreferenceValue>,
  digestFrequency: row.digestFrequency,
});

export async function getNotificationPreferences({ deps, actor }: ServiceContext) {
  const [row] = await deps.database.db
    .select({ preferences: users.notificationPreferences, digestFrequency: users.digestFrequency })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)));
  return present(row);
}

export async function updateNotificationPreferences(
  ctx: ServiceContext,
  input: { kinds?: Partial<Record<PreferenceKind, PreferenceValue>>; digestFrequency?: 'daily' | 'weekly' },
) {
  if (input.kinds === undefined && input.digestFrequency === undefined)
    throw invalidField('body', 'send kinds or digestFrequency');
  for (const [kind, value] of Object.entries(input.kinds ?? {})) {
    if (value === 'email' && inAppOnlyKinds.has(kind as PreferenceKind))
      throw invalidField(`body/kinds/${kind}`, 'has no email of its own: choose in_app, digest or off');
  }
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const [current] = await tx
      .select({ preferences: users.notificationPreferences })
      .from(users)
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)))
      .for('update');
    const [row] = await tx
      .update(users)
      .set({
        notificationPreferences: { ...current.preferences, ...input.kinds },
        ...(input.digestFrequency ? { digestFrequency: input.digestFrequency } : {}),
      })
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)))
      .returning({ preferences: users.notificationPreferences, digestFrequency: users.digestFrequency });
    await appendActorEvent(tx, ctx, {
      action: 'user.notification_preferences_updated',
      entityType: 'user',
      entityId: actor.userId,
      digest: {
        ...input.kinds,
        ...(input.digestFrequency ? { digestFrequency: input.digestFrequency } : {}),
      },
    });
    return present(row);
  });
}
