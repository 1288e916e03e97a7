// Invitations: HR invites a person of the directory to sign in; they choose their own password from the email's
// one-time link. The account is created when it does not exist yet, without a password.
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { employees, oneTimeTokens, organizations, roleMemberships, users } from '../../db/schema/index.ts';
import { lower } from '../../db/sql.ts';
import type { Role } from '../../domain/access/actor.ts';
import { canOnEmployee } from '../../domain/access/policy.ts';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { issueOneTimeToken } from '../auth/one-time-links.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { formatDay, oneTimeLinkPlaceholder } from '../email/templates.ts';
import { writeEmail } from '../email/write-email.ts';

type EmployeeRow = typeof employees.$inferSelect;

export type Invited = { employeeId: string; userId: string; expiresAt: string };

const employeeFacts = (e: EmployeeRow) => ({
  orgId: e.orgId,
  employeeId: e.id,
  userId: e.userId,
  managerId: e.managerId,
});

/** The account an invitation goes to: the employee's own, one with their address, or a new one. */
async function accountFor(tx: Tx, employee: EmployeeRow, defaultLocale: 'en' | 'es', at: Date) {
  if (employee.userId) {
    const [user] = await tx.select().from(users).where(eq(users.id, employee.userId));
    return user;
  }
  const [existing] = await tx
    .select()
    .from(users)
    .where(eq(lower(users.email), employee.email.trim().toLowerCase()));
  if (existing) {
    const [linked] = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.orgId, employee.orgId), eq(employees.userId, existing.id)));
    if (existing.orgId !== employee.orgId || linked) {
      throw conflict('Another account already uses this email address; correct the address first', []);
    }
    await tx
      .update(employees)
      .set({ userId: existing.id, updatedAt: at })
      .where(and(eq(employees.orgId, employee.orgId), eq(employees.id, employee.id)));
    return existing;
  }
  const [hasReports] = await tx
    .select({ id: employees.id })
    .from(employees)
    .where(
      and(
        eq(employees.orgId, employee.orgId),
        eq(employees.managerId, employee.id),
        isNull(employees.deactivatedAt),
      ),
    )
    .limit(1);
  const [user] = await tx
    .insert(users)
    .values({
      orgId: employee.orgId,
      email: employee.email.trim().toLowerCase(),
      name: employee.name,
      passwordHash: null,
      locale: employee.locale ?? defaultLocale,
      createdAt: at,
    })
    .returning();
  const roles: Role[] = hasReports ? ['employee', 'manager'] : ['employee'];
  await tx
    .insert(roleMemberships)
    .values(roles.map((role) => ({ orgId: employee.orgId, userId: user.id, role })));
  await tx
    .update(employees)
    .set({ userId: user.id, updatedAt: at })
    .where(and(eq(employees.orgId, employee.orgId), eq(employees.id, employee.id)));
  return user;
}

/** Creates the account if needed, voids any earlier invitation, and writes the email to the outbox. */
async function invite(
  tx: Tx,
  ctx: ServiceContext,
  employee: EmployeeRow,
  organization: { name: string; defaultLocale: 'en' | 'es' },
  at: Date,
): Promise<Invited> {
  if (employee.deactivatedAt) throw conflict('This person has left: reactivate their record first', []);
  const user = await accountFor(tx, employee, organization.defaultLocale, at);
  if (user.disabledAt) throw conflict('This account is deactivated: reactivate it first', []);
  if (user.passwordHash) {
    throw conflict(
      'This person has already set a password; they can use "Forgot password?" on the sign-in page',
      [],
    );
  }
  const expiresAt = await sendInvitation(tx, ctx, user, organization, at, employee.id);
  return { employeeId: employee.id, userId: user.id, expiresAt };
}

/** Issues the invitation link of an account without a password and writes its email, in the person's language. */
export async function sendInvitation(
  tx: Tx,
  ctx: ServiceContext,
  user: { id: string; orgId: string; locale: 'en' | 'es' },
  organization: { name: string },
  at: Date,
  employeeId: string | null,
): Promise<string> {
  const link = await issueOneTimeToken(tx, ctx.deps.config.secret, {
    orgId: user.orgId,
    userId: user.id,
    purpose: 'invitation',
    createdByUserId: ctx.actor.userId,
    at,
  });
  const expiresOn = link.expiresAt.toISOString().slice(0, 10);
  await writeEmail(tx, {
    orgId: user.orgId,
    toUserId: user.id,
    dedupeKey: `invitation:${link.id}`,
    kind: 'account.invitation',
    at,
    params: {
      organizationName: organization.name,
      link: oneTimeLinkPlaceholder(link.id),
      expiresOn: formatDay(expiresOn, user.locale),
    },
  });
  await appendAuditEvent(tx, ctx.meta, at, {
    orgId: user.orgId,
    actorUserId: ctx.actor.userId,
    action: 'user.invited',
    entityType: 'user',
    entityId: user.id,
    digest: { employeeId },
  });
  return link.expiresAt.toISOString();
}

export async function organizationOf(tx: Tx, orgId: string) {
  const [org] = await tx
    .select({ name: organizations.name, settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return { name: org.name, defaultLocale: org.settings.defaultLocale };
}

/** Invites one person, or sends them a new invitation (the earlier link stops working). */
export async function inviteEmployee(ctx: ServiceContext, employeeId: string): Promise<Invited> {
  const { deps, actor } = ctx;
  const invited = await inTransaction(deps, async (tx) => {
    const [employee] = await tx
      .select()
      .from(employees)
      .where(and(eq(employees.orgId, actor.orgId), eq(employees.id, employeeId)))
      .for('update');
    if (!employee || !canOnEmployee(actor, 'employee.read', employeeFacts(employee))) {
      throw notFound('Employee');
    }
    if (!canOnEmployee(actor, 'employee.invite', employeeFacts(employee))) {
      throw new DomainError('forbidden', 'Only HR invites people to sign in');
    }
    return invite(tx, ctx, employee, await organizationOf(tx, actor.orgId), deps.now());
  });
  deps.afterCommit?.('email');
  return invited;
}

/** People of the directory still on the roll whose account has no password and was never invited. */
const notYetInvited = (orgId: string) =>
  and(
    eq(employees.orgId, orgId),
    isNull(employees.deactivatedAt),
    sql`(${employees.userId} is null or exists (select 1 from users u where u.id = ${employees.userId}
      and u.password_hash is null and u.disabled_at is null and not exists (select 1 from one_time_tokens t
      where t.user_id = u.id and t.org_id = u.org_id and t.purpose = 'invitation')))`,
  );

const batchSize = 100;

/**
 * Invites everyone not yet invited, a batch per transaction so a large directory never holds one long
 * transaction; a person who cannot be invited (their address is another account's) is counted and skipped.
 */
export async function inviteEveryone(ctx: ServiceContext): Promise<{ invited: number; skipped: number }> {
  const { deps, actor } = ctx;
  if (
    !canOnEmployee(actor, 'employee.invite', {
      orgId: actor.orgId,
      employeeId: '',
      userId: null,
      managerId: null,
    })
  ) {
    throw notFound('Employee directory');
  }
  let invited = 0;
  let skipped = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await deps.database.db
      .select({ id: employees.id })
      .from(employees)
      .where(and(notYetInvited(actor.orgId), gt(employees.id, after)))
      .orderBy(asc(employees.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    await inTransaction(deps, async (tx) => {
      const organization = await organizationOf(tx, actor.orgId);
      const rows = await tx
        .select()
        .from(employees)
        .where(
          and(
            notYetInvited(actor.orgId),
            inArray(
              employees.id,
              batch.map((b) => b.id),
            ),
          ),
        )
        .orderBy(asc(employees.id))
        .for('update');
      const at = deps.now();
      for (const employee of rows) {
        // A savepoint per person: one refused address leaves the rest of the batch in place.
        try {
          await tx.transaction(async (one) => {
            await invite(one as Tx, ctx, employee, organization, at);
          });
          invited++;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          skipped++;
        }
      }
    });
    deps.afterCommit?.('email');
  }
  return { invited, skipped };
}

export type AccountStatus = 'active' | 'invited' | 'not_invited' | 'none' | 'deactivated';

export type AccountView = {
  status: AccountStatus;
  userId: string | null;
  roles: Role[];
  hasPassword: boolean;
  invitedAt: string | null;
  invitationExpiresAt: string | null;
};

/** Whether and how the person of a directory record can sign in: what HR sees on the employee page. */
export async function accountOfEmployee(
  ctx: ServiceContext,
  employee: { id: string; userId: string | null },
): Promise<AccountView | null> {
  const facts = { orgId: ctx.actor.orgId, employeeId: employee.id, userId: employee.userId, managerId: null };
  if (!canOnEmployee(ctx.actor, 'employee.invite', facts)) return null;
  const none: AccountView = {
    status: 'none',
    userId: null,
    roles: [],
    hasPassword: false,
    invitedAt: null,
    invitationExpiresAt: null,
  };
  if (!employee.userId) return none;
  const db = ctx.deps.database.db;
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, employee.userId)));
  if (!user) return none;
  const roles = await db
    .select({ role: roleMemberships.role })
    .from(roleMemberships)
    .where(and(eq(roleMemberships.orgId, ctx.actor.orgId), eq(roleMemberships.userId, user.id)))
    .orderBy(asc(roleMemberships.role));
  const invitations = await db
    .select()
    .from(oneTimeTokens)
    .where(
      and(
        eq(oneTimeTokens.orgId, ctx.actor.orgId),
        eq(oneTimeTokens.userId, user.id),
        eq(oneTimeTokens.purpose, 'invitation'),
      ),
    )
    .orderBy(desc(oneTimeTokens.createdAt));
  // At most one is pending: a new invitation voids the earlier ones.
  const pending = invitations.find((i) => !i.usedAt && !i.voidedAt);
  const invitation = pending ?? invitations[0];
  const hasPassword = user.passwordHash !== null;
  const status: AccountStatus = user.disabledAt
    ? 'deactivated'
    : hasPassword
      ? 'active'
      : pending
        ? 'invited'
        : 'not_invited';
  return {
    status,
    userId: user.id,
    roles: roles.map((r) => r.role),
    hasPassword,
    invitedAt: invitation ? invitation.createdAt.toISOString() : null,
    invitationExpiresAt: pending ? pending.expiresAt.toISOString() : null,
  };
}
