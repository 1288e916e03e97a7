// Where a notification goes for each person, by their preferences: the in-app list (unless off) and, for
// those who chose the digest, an item of their next digest.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { digestItems, users } from '../../db/schema/index.ts';
import { deliveryOf, type PreferenceValue } from '../../domain/notifications/preferences.ts';

/** Each person's delivery of this kind, writing their digest items; the in-app notification is for `isInApp`. */
export async function routeNotification(
  tx: Executor,
  event: { orgId: string; userIds: string[]; kind: string; planId: string | null; at: Date },
): Promise<{ inApp: string[]; deliveries: Map<string, PreferenceValue | 'urgent'> }> {
  const deliveries = new Map<string, PreferenceValue | 'urgent'>();
  if (!event.userIds.length) return { inApp: [], deliveries };
  const people = await tx
    .select({ id: users.id, preferences: users.notificationPreferences })
    .from(users)
    .where(and(eq(users.orgId, event.orgId), inArray(users.id, event.userIds)));
  for (const person of people) deliveries.set(person.id, deliveryOf(event.kind, person.preferences));
  const digested = event.userIds.filter((id) => deliveries.get(id) === 'digest');
  if (digested.length) {
    await tx.insert(digestItems).values(
      digested.map((userId) => ({
        orgId: event.orgId,
        userId,
        kind: event.kind,
        planId: event.planId,
        createdAt: event.at.toISOString(),
      })),
    );
  }
  return { inApp: event.userIds.filter((id) => deliveries.get(id) !== 'off'), deliveries };
}
