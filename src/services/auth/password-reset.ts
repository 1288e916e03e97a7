// Password reset by email, and setting a password through a one-time link (a reset or an invitation).
import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '../../db/schema/index.ts';
import { lower } from '../../db/sql.ts';
import { DomainError, invalidField } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { type Deps, inTransaction, type RequestMeta } from '../context.ts';
import { oneTimeLinkPlaceholder } from '../email/templates.ts';
import { writeEmail } from '../email/write-email.ts';
import { claimOneTimeToken, issueOneTimeToken, voidOneTimeTokens } from './one-time-links.ts';
import { hashPassword } from './passwords.ts';
import { openSession, type SignedIn, signedInAs } from './sessions.ts';

/** The password rule of every password a person chooses. */
export const minPasswordLength = 12;

/**
 * Emails a reset link to an active account with this address. The caller answers the same whatever happens here:
 * an unknown or disabled address sends nothing and says nothing.
 */
export async function requestPasswordReset(deps: Deps, meta: RequestMeta, email: string): Promise<void> {
  const [user] = await deps.database.db
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(and(eq(lower(users.email), email.trim().toLowerCase()), isNull(users.disabledAt)));
  if (!user) return;
  const at = deps.now();
  await inTransaction(deps, async (tx) => {
    const link = await issueOneTimeToken(tx, deps.config.secret, {
      orgId: user.orgId,
      userId: user.id,
      purpose: 'password_reset',
      createdByUserId: null,
      at,
    });
    await writeEmail(tx, {
      orgId: user.orgId,
      toUserId: user.id,
      dedupeKey: `password_reset:${link.id}`,
      kind: 'account.password_reset',
      at,
      params: { link: oneTimeLinkPlaceholder(link.id) },
    });
    await appendAuditEvent(tx, meta, at, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: 'auth.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
    });
  });
  deps.afterCommit?.('email');
}

/**
 * Sets the password of the link's owner: the link is used up, their other links and every session they had end,
 * and they are signed in with a new session.
 */
export async function setPasswordWithToken(
  deps: Deps,
  meta: RequestMeta,
  token: string,
  password: string,
): Promise<SignedIn> {
  if (password.length < minPasswordLength)
    throw invalidField('body/password', `must be at least ${minPasswordLength} characters`);
  // Hashed before the transaction: argon2 takes a while and must not hold the link's row.
  const passwordHash = await hashPassword(password);
  const signedIn = await inTransaction(deps, async (tx) => {
    const at = deps.now();
    const claimed = await claimOneTimeToken(tx, token, at);
    const [user] = claimed
      ? await tx
          .select({ id: users.id, orgId: users.orgId })
          .from(users)
          .where(and(eq(users.orgId, claimed.orgId), eq(users.id, claimed.userId), isNull(users.disabledAt)))
      : [];
    if (!claimed || !user) {
      throw new DomainError('gone', 'This link has expired or was already used; ask for a new one');
    }
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await voidOneTimeTokens(tx, user.orgId, user.id, at);
    await tx
      .update(sessions)
      .set({ revokedAt: at })
      .where(and(eq(sessions.orgId, user.orgId), eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    await appendAuditEvent(tx, meta, at, {
      orgId: user.orgId,
      actorUserId: user.id,
      action: claimed.purpose === 'invitation' ? 'auth.invitation_accepted' : 'auth.password_reset',
      entityType: 'user',
      entityId: user.id,
    });
    return { userId: user.id, session: await openSession(tx, deps, meta, user, 'auth.login', at) };
  });
  return signedInAs(deps, signedIn.userId, signedIn.session);
}
