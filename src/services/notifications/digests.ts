// The notification digest: one email per person with everything they chose to read later, daily (from 08:00
// on the organisation's clock) or weekly (Mondays), in their language.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { digestItems, organizations, users } from '../../db/schema/index.ts';
import { eventLabel } from '../../domain/notifications/event-labels.ts';
import { localDateTime, mondayOf } from '../../domain/plan/schedule.ts';
import { type Deps, inTransaction } from '../context.ts';
import { writeEmail } from '../email/write-email.ts';

/** Digests go out from this local hour on. */
export const digestHour = 8;

export async function sendDigests(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.now();
  const waiting = await db
    .selectDistinct({
      orgId: digestItems.orgId,
      userId: digestItems.userId,
      frequency: users.digestFrequency,
      locale: users.locale,
      settings: organizations.settings,
    })
    .from(digestItems)
    .innerJoin(users, and(eq(users.id, digestItems.userId), eq(users.orgId, digestItems.orgId)))
    .innerJoin(organizations, eq(organizations.id, digestItems.orgId))
    .where(isNull(digestItems.digestedAt));
  let sent = 0;
  for (const person of waiting) {
    const local = localDateTime(now, person.settings.timezone);
    if (Number(local.time.slice(0, 2)) < digestHour) continue;
    if (person.frequency === 'weekly' && local.weekday !== 1) continue;
    const period = person.frequency === 'weekly' ? `week:${mondayOf(local.date)}` : `day:${local.date}`;
    await inTransaction(deps, async (tx) => {
      const items = await tx
        .select()
        .from(digestItems)
        .where(
          and(
            eq(digestItems.orgId, person.orgId),
            eq(digestItems.userId, person.userId),
            isNull(digestItems.digestedAt),
          ),
        )
        .orderBy(asc(digestItems.createdAt))
        .for('update');
      if (!items.length) return;
      const isNew = await writeEmail(tx, {
        orgId: person.orgId,
        toUserId: person.userId,
        dedupeKey: `digest:${person.userId}:${period}`,
        kind: 'digest',
        at: now,
        params: {
          items: items.map((i) => ({
            label: eventLabel(i.kind, person.locale),
            planId: i.planId,
            at: new Date(i.createdAt).toISOString(),
          })),
        },
      });
      // This period's digest went out already: the items wait for the next one.
      if (!isNew) return;
      await tx
        .update(digestItems)
        .set({ digestedAt: now.toISOString() })
        .where(
          inArray(
            digestItems.id,
            items.map((i) => i.id),
          ),
        );
      sent++;
    });
  }
  return sent;
}
