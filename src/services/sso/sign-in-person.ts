// Signs in the person an identity provider vouched for: the linked account, else the account with their verified
// email, else (when the organisation allows it) a new employee account; never a disabled account.
import { and, eq } from 'drizzle-orm';
import { employees, roleMemberships, ssoIdentities, users } from '../../db/schema/index.ts';
import { lower } from '../../db/sql.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { openSsoSession, type SignedIn } from '../auth/sessions.ts';
import { type Deps, inTransaction, type RequestMeta } from '../context.ts';
import { SsoRefusal } from './sso-refusal.ts';

export type VouchedPerson = {
  issuer: string;
  subject: string;
  /** Only an email the identity provider verified (OIDC email_verified, SAML NameID email). */
  verifiedEmail: string | null;
  name: string | null;
};

export async function signInPerson(
  deps: Deps,
  meta: RequestMeta,
  org: { id: string; isAutoCreate: boolean },
  person: VouchedPerson,
  method: 'oidc' | 'saml',
): Promise<SignedIn> {
  const db = deps.database.db;
  const [linked] = await db
    .select({ id: users.id, orgId: users.orgId, disabledAt: users.disabledAt })
    .from(ssoIdentities)
    .innerJoin(users, and(eq(users.id, ssoIdentities.userId), eq(users.orgId, ssoIdentities.orgId)))
    .where(
      and(
        eq(ssoIdentities.orgId, org.id),
        eq(ssoIdentities.issuer, person.issuer),
        eq(ssoIdentities.subject, person.subject),
      ),
    );
  const email = person.verifiedEmail?.trim().toLowerCase() ?? null;
  let user = linked;
  if (!user && email) {
    [user] = await db
      .select({ id: users.id, orgId: users.orgId, disabledAt: users.disabledAt })
      .from(users)
      .where(and(eq(users.orgId, org.id), eq(lower(users.email), email)));
  }
  if (user?.disabledAt) throw new SsoRefusal('disabled', 'The Mejora account is disabled');
  const now = deps.now();
  if (!user) {
    if (!org.isAutoCreate || !email)
      throw new SsoRefusal(
        'unknown_person',
        'No Mejora account matches the person the identity provider signed in',
      );
    user = await inTransaction(deps, async (tx) => {
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(lower(users.email), email));
      if (taken)
        throw new SsoRefusal('unknown_person', 'The email belongs to an account of another organisation');
      const name = person.name?.trim().slice(0, 200) || email;
      const [created] = await tx
        .insert(users)
        .values({ orgId: org.id, email, name, passwordHash: null })
        .returning({ id: users.id, orgId: users.orgId, disabledAt: users.disabledAt });
      await tx.insert(roleMemberships).values({ orgId: org.id, userId: created.id, role: 'employee' });
      const [existing] = await tx
        .select({ id: employees.id, userId: employees.userId })
        .from(employees)
        .where(and(eq(employees.orgId, org.id), eq(lower(employees.email), email)));
      if (existing && !existing.userId)
        await tx.update(employees).set({ userId: created.id }).where(eq(employees.id, existing.id));
      else if (!existing)
        await tx
          .insert(employees)
          .values({ orgId: org.id, userId: created.id, name, email, jobTitle: '', department: '' });
      await appendAuditEvent(tx, meta, now, {
        orgId: org.id,
        actorUserId: created.id,
        action: 'user.created',
        entityType: 'user',
        entityId: created.id,
        digest: { via: method, roles: ['employee'] },
      });
      return created;
    });
  }
  if (!linked) {
    await db
      .insert(ssoIdentities)
      .values({
        orgId: org.id,
        userId: user.id,
        issuer: person.issuer,
        subject: person.subject,
        createdAt: now,
      })
      .onConflictDoNothing();
  }
  return openSsoSession(deps, meta, user, method);
}
