// A user's email preferences: the language of their emails and whether reminders and reports are sent.
import { and, eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.ts';
import { invalidField } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';

export type Preferences = { locale: 'en' | 'es'; isEmailOptOut: boolean };

export async function getPreferences({ deps, actor }: ServiceContext): Promise<Preferences> {
  const [row] = await deps.database.db
    .select({ locale: users.locale, isEmailOptOut: users.isEmailOptOut })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)));
  return row;
}

export async function updatePreferences(
  ctx: ServiceContext,
  input: Partial<Preferences>,
): Promise<Preferences> {
  const { deps, actor, meta } = ctx;
  if (input.locale === undefined && input.isEmailOptOut === undefined) {
    throw invalidField('body', 'send locale or isEmailOptOut');
  }
  return inTransaction(deps, async (tx) => {
    const [row] = await tx
      .update(users)
      .set(input)
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)))
      .returning({ locale: users.locale, isEmailOptOut: users.isEmailOptOut });
    await appendAuditEvent(tx, meta, deps.now(), {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'user.preferences_updated',
      entityType: 'user',
      entityId: actor.userId,
      digest: input,
    });
    return row;
  });
}
