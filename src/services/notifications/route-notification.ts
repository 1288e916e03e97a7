// Where a notification goes for each person, by their preferences: the in-app list (unless off) and, for
// those who chose the digest, an item of their next digest.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { digestItems, users } from '../../db/schema/index.ts';
import { deliveryOf, type PreferenceValue } from '../../domain/notifications/preferences.ts';
import { oncePerTransaction } from '../transaction-cache.ts';

type Preferences = Record<string, PreferenceValue>;

/**
 * Each person's preferences, read once per transaction: an event told to the parties and then to HR, or several
 * events of one write, ask again for the same people. Who is not yet known is read in one query.
 */
async function preferencesOf(
  tx: Executor,
  orgId: string,
  userIds: string[],
): Promise<Map<string, Preferences>> {
  const unknown: string[] = [];
  let settle!: { resolve: (rows: Map<string, Preferences>) => void; reject: (error: unknown) => void };
  const batch = new Promise<Map<string, Preferences>>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Each person's entry is the one query's answer for them; `load` runs only for who was not read before.
  const entries = userIds.map((id) =>
    oncePerTransaction(tx, `notification-preferences:${orgId}:${id}`, () => {
      unknown.push(id);
      return batch.then((rows) => rows.get(id) ?? null);
    }),
  );
  if (unknown.length) {
    try {
      const people = await tx
        .select({ id: users.id, preferences: users.notificationPreferences })
        .from(users)
        .where(and(eq(users.orgId, orgId), inArray(users.id, unknown)));
      settle.resolve(new Map(people.map((p) => [p.id, p.preferences])));
    } catch (error) {
      settle.reject(error);
    }
  }
  const values = await Promise.all(entries);
  const found = new Map<string, Preferences>();
  userIds.forEach((id, i) => {
    const personal = values[i];
    if (personal) found.set(id, personal);
  });
  return found;
}

/** Each person's delivery of this kind, writing their digest items; the in-app notification is for `isInApp`. */
export async function routeNotification(
  tx: Executor,
  event: { orgId: string; userIds: string[]; kind: string; planId: string | null; at: Date },
): Promise<{ inApp: string[]; deliveries: Map<string, PreferenceValue | 'urgent'> }> {
  const deliveries = new Map<string, PreferenceValue | 'urgent'>();
  if (!event.userIds.length) return { inApp: [], deliveries };
  const preferences = await preferencesOf(tx, event.orgId, event.userIds);
  for (const [id, personal] of preferences) deliveries.set(id, deliveryOf(event.kind, personal));
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
