// Signing in and out, and resolving a session cookie or API token into the acting user.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { preparedByName } from '../../db/prepared.ts';
import { apiTokens, organizationSso, organizations, sessions, users } from '../../db/schema/index.ts';
import { lower } from '../../db/sql.ts';
import type { Actor } from '../../domain/access/actor.ts';
import type { AuditAction } from '../../domain/audit/events.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { type Deps, inTransaction, type RequestMeta } from '../context.ts';
import {
  type Account,
  actorColumns,
  actorOf,
  enabledUser,
  loadActor,
  withOrganization,
} from './load-actor.ts';
import { verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './tokens.ts';

export type SignedIn = { actor: Actor; sessionToken: string; csrfToken: string; expiresAt: Date };

export async function login(
  deps: Deps,
  meta: RequestMeta,
  email: string,
  password: string,
): Promise<SignedIn> {
  const db = deps.database.db;
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(lower(users.email), email.trim().toLowerCase()), isNull(users.disabledAt)));
  const isValid = await verifyPassword(user?.passwordHash ?? null, password);
  const now = deps.now();
  if (!user || !isValid) {
    if (user) {
      await inTransaction(deps, (tx) =>
        appendAuditEvent(tx, meta, now, {
          orgId: user.orgId,
          actorUserId: user.id,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
        }),
      );
    }
    throw new DomainError('unauthenticated', 'The email or password is incorrect');
  }
  await refuseIfSsoOnly(db, user);
  const session = await inTransaction(deps, (tx) => openSession(tx, deps, meta, user, 'auth.login', now));
  return signedInAs(deps, user.id, session);
}

/** Password sign-in is refused in an organisation that signs in through its identity provider only. */
async function refuseIfSsoOnly(db: Deps['database']['db'], user: { id: string; orgId: string }) {
  const [sso] = await db
    .select({ isSsoOnly: organizationSso.isSsoOnly, breakGlassUserId: organizationSso.breakGlassUserId })
    .from(organizationSso)
    .where(eq(organizationSso.orgId, user.orgId));
  if (sso?.isSsoOnly && sso.breakGlassUserId !== user.id)
    throw new DomainError(
      'forbidden',
      'Your organisation signs in through its identity provider only: use "Sign in with …" on the sign-in page',
    );
}

/**
 * Opens a session for a user who proved who they are through the identity provider: the same cookie, idle and
 * absolute expiry and sign-out as with a password.
 */
export async function openSsoSession(
  deps: Deps,
  meta: RequestMeta,
  user: { id: string; orgId: string },
  method: 'oidc' | 'saml',
): Promise<SignedIn> {
  const session = await inTransaction(deps, (tx) =>
    openSession(tx, deps, meta, user, 'auth.login', deps.now(), { method }),
  );
  return signedInAs(deps, user.id, session);
}

/** Opens a session for an account that has just proved who it is, inside the caller's transaction. */
export async function openSession(
  tx: Tx,
  deps: Deps,
  meta: RequestMeta,
  user: { id: string; orgId: string },
  action: AuditAction,
  at: Date,
  digest?: Record<string, unknown>,
): Promise<Omit<SignedIn, 'actor'>> {
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(at.getTime() + deps.config.sessionMaxMs);
  await tx.insert(sessions).values({
    id: hashSecret(sessionToken),
    orgId: user.orgId,
    userId: user.id,
    csrfToken,
    createdAt: at,
    lastSeenAt: at,
    expiresAt,
  });
  await appendAuditEvent(tx, meta, at, {
    orgId: user.orgId,
    actorUserId: user.id,
    action,
    entityType: 'user',
    entityId: user.id,
    ...(digest ? { digest } : {}),
  });
  return { sessionToken, csrfToken, expiresAt };
}

/** The signed-in answer for a session just opened. */
export async function signedInAs(deps: Deps, userId: string, session: Omit<SignedIn, 'actor'>) {
  const actor = await loadActor(deps.database.db, userId);
  if (!actor) throw new DomainError('unauthenticated', 'The account is disabled');
  return { actor, ...session };
}

export type Authenticated = {
  actor: Actor;
  account: Account;
  csrfToken: string | null;
  sessionId: string | null;
};

/** Touch at most once a minute: a read-heavy client must not write on every request. */
const touchEveryMs = 60_000;

/**
 * Resolves a session cookie in one query (session, account, roles, organisation); null when unknown,
 * revoked, idle too long or past its absolute expiry.
 */
/**
 * The two statements every request runs to know who asks, built once per database and prepared by name, so
 * that neither Drizzle nor PostgreSQL builds or plans them again on each request.
 */
function authStatements(db: Db) {
  const session = db
    .select({
      ...actorColumns,
      lastSeenAt: sessions.lastSeenAt,
      csrfToken: sessions.csrfToken,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.orgId, sessions.orgId)))
    .innerJoin(organizations, withOrganization)
    .where(
      enabledUser(
        and(
          eq(sessions.id, sql.placeholder('id')),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`),
        ),
      ),
    )
    .prepare('mejora_auth_session');
  const apiToken = db
    .select({ ...actorColumns, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.id, apiTokens.userId), eq(users.orgId, apiTokens.orgId)))
    .innerJoin(organizations, withOrganization)
    .where(enabledUser(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt))))
    .prepare('mejora_auth_api_token');
  return { session: preparedByName(session), apiToken: preparedByName(apiToken) };
}

const preparedAuth = new WeakMap<Db, ReturnType<typeof authStatements>>();

function authStatementsOf(db: Db): ReturnType<typeof authStatements> {
  let statements = preparedAuth.get(db);
  if (!statements) {
    statements = authStatements(db);
    preparedAuth.set(db, statements);
  }
  return statements;
}

export async function authenticateSession(deps: Deps, token: string): Promise<Authenticated | null> {
  const db = deps.database.db;
  const id = hashSecret(token);
  const now = deps.now();
  const [row] = await authStatementsOf(db).session.execute({ id, now: now.toISOString() });
  if (!row) return null;
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  if (idleMs > deps.config.sessionIdleMs) return null;
  if (idleMs > touchEveryMs) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(and(eq(sessions.orgId, row.orgId), eq(sessions.id, id)));
  }
  return { ...actorOf(row), csrfToken: row.csrfToken, sessionId: id };
}

/** Resolves a personal API token in one query; its last use is written at most once a minute. */
export async function authenticateApiToken(deps: Deps, token: string): Promise<Authenticated | null> {
  const db = deps.database.db;
  const now = deps.now();
  const [row] = await authStatementsOf(db).apiToken.execute({ hash: hashSecret(token) });
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > touchEveryMs) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.orgId, row.orgId), eq(apiTokens.id, row.tokenId)));
  }
  return { ...actorOf(row), csrfToken: null, sessionId: null };
}

export async function logout(deps: Deps, meta: RequestMeta, actor: Actor, sessionId: string): Promise<void> {
  await revokeSession(deps, meta, actor, sessionId);
}

export async function listSessions(deps: Deps, actor: Actor, currentSessionId: string | null) {
  const rows = await deps.database.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.orgId, actor.orgId),
        eq(sessions.userId, actor.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, deps.now()),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id.slice(0, 16),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    isCurrent: s.id === currentSessionId,
  }));
}

/** Revokes one of the actor's sessions, named by the full id or the 16-character prefix the API shows. */
export async function revokeSession(deps: Deps, meta: RequestMeta, actor: Actor, id: string): Promise<void> {
  const now = deps.now();
  await inTransaction(deps, async (tx) => {
    const own = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(eq(sessions.orgId, actor.orgId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)),
      );
    const match = own.find((s) => s.id === id || s.id.startsWith(id));
    if (!match || id.length < 16) throw notFound('Session');
    await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, match.id));
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'auth.session_revoked',
      entityType: 'session',
      entityId: match.id.slice(0, 16),
    });
  });
}
