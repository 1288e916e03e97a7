// Each user's secret calendar feed (iCalendar, RFC 5545) of the check-ins they attend; the URL can be regenerated.
import { randomBytes } from 'node:crypto';
import { and, eq, gte, inArray, or } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Executor } from '../../db/client.ts';
import { checkIns, plans, users } from '../../db/schema/index.ts';
import { notFound } from '../../domain/errors.ts';
import { endOf } from '../../domain/plan/schedule.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { hashSecret } from '../auth/tokens.ts';
import { type Deps, inTransaction, type RequestMeta, type ServiceContext } from '../context.ts';
import { checkInName } from '../email/templates.ts';
import { calendarToken, isSameToken } from './secret-links.ts';

const feedPattern = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})(?:\.ics)?$/;
/** Past occurrences stay in the feed this long, so a calendar keeps recent history. */
const pastDays = 30;

export async function calendarFeedUrl(
  db: Executor,
  deps: Pick<Deps, 'config'>,
  orgId: string,
  userId: string,
): Promise<string> {
  const [user] = await db
    .select({ seed: users.calendarTokenHash })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return calendarFeedAddress(deps, userId, user?.seed ?? null);
}

/** The feed's address from the user's token seed, when the caller has read the seed already. */
export function calendarFeedAddress(deps: Pick<Deps, 'config'>, userId: string, seed: string | null): string {
  return `${deps.config.publicUrl}/api/v1/calendar/${calendarToken(deps.config.secret, userId, seed)}.ics`;
}

/** A new secret URL; the old one stops working at once. */
export async function regenerateCalendarToken(ctx: ServiceContext): Promise<{ calendarFeedUrl: string }> {
  const { deps, actor, meta } = ctx;
  return inTransaction(deps, async (tx) => {
    await tx
      .update(users)
      .set({ calendarTokenHash: hashSecret(randomBytes(32).toString('base64url')) })
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)));
    await appendAuditEvent(tx, meta, deps.now(), {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'calendar.token_regenerated',
      entityType: 'user',
      entityId: actor.userId,
    });
    return { calendarFeedUrl: await calendarFeedUrl(tx, deps, actor.orgId, actor.userId) };
  });
}

/** The feed behind a secret URL; an unknown or superseded token answers 404 like any unknown address. */
export async function renderCalendarFeed(deps: Deps, meta: RequestMeta, feed: string): Promise<string> {
  const match = feedPattern.exec(feed);
  if (!match) throw notFound('Calendar');
  const [, userId] = match;
  const db = deps.database.db;
  const [user] = await db
    .select({
      id: users.id,
      orgId: users.orgId,
      locale: users.locale,
      seed: users.calendarTokenHash,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  const expected = user ? calendarToken(deps.config.secret, user.id, user.seed) : '';
  if (!user || user.disabledAt || !isSameToken(`${match[1]}.${match[2]}`, expected))
    throw notFound('Calendar');

  const now = deps.now();
  const mine = or(
    eq(plans.employeeUserId, user.id),
    eq(plans.managerUserId, user.id),
    eq(plans.mentorUserId, user.id),
  );
  const rows = await db
    .select({ checkIn: checkIns, plan: plans })
    .from(checkIns)
    .innerJoin(plans, and(eq(plans.id, checkIns.planId), eq(plans.orgId, checkIns.orgId)))
    .where(
      and(
        eq(checkIns.orgId, user.orgId),
        inArray(plans.status, ['active', 'paused', 'awaiting_acknowledgment']),
        inArray(checkIns.status, ['scheduled', 'cancelled']),
        gte(checkIns.scheduledAt, new Date(now.getTime() - pastDays * 86_400_000).toISOString()),
        mine,
      ),
    );
  // The employee attends everything; the manager the manager's meetings; the mentor the mentor sessions.
  const attended = rows.filter(({ checkIn, plan }) =>
    plan.employeeUserId === user.id
      ? true
      : checkIn.type === 'mentor_session'
        ? plan.mentorUserId === user.id
        : plan.managerUserId === user.id,
  );
  const es = user.locale === 'es';
  const calendar = ical({
    name: es ? 'Mejora: reuniones de seguimiento' : 'Mejora: check-ins',
    prodId: { company: 'Mejora', product: 'Mejora', language: es ? 'ES' : 'EN' },
    ttl: 3600,
  });
  for (const { checkIn, plan } of attended) {
    const name = checkInName(user.locale, checkIn.type);
    const title = name.charAt(0).toUpperCase() + name.slice(1);
    const start = new Date(checkIn.scheduledAt);
    calendar.createEvent({
      id: `${checkIn.id}@mejora`,
      start,
      end: new Date(endOf(start.toISOString(), checkIn.durationMinutes)),
      stamp: new Date(checkIn.updatedAt),
      summary: plan.employeeUserId === user.id ? title : `${title}: ${plan.header.employeeName}`,
      url: `${deps.config.publicUrl}/plans/${plan.id}`,
      status: checkIn.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  await inTransaction(deps, (tx) =>
    appendAuditEvent(tx, meta, now, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: 'calendar.feed_read',
      entityType: 'user',
      entityId: user.id,
      digest: { events: attended.length },
    }),
  );
  return calendar.toString();
}
