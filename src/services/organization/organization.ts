// The organisation's settings, its default contacts and links, and its user accounts.

import { and, asc, eq, ilike, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  orgContactBody,
  orgContactCreateBody,
  userCreateBody,
  userUpdateBody,
} from '../../contracts/organization.ts';
import {
  contacts,
  employees,
  organizations,
  roleMemberships,
  sessions,
  users,
} from '../../db/schema/index.ts';
import type { OrganizationSettings } from '../../db/schema/organizations.ts';
import type { Role } from '../../domain/access/actor.ts';
import type { AuditAction } from '../../domain/audit/events.ts';
import { DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { WordingCategory } from '../../domain/plan/wording.ts';
import { requireUnchanged } from '../../domain/revision.ts';
import { appendActorEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { sendInvitation } from '../directory/invitations.ts';
import { claimUnchanged } from '../preconditions.ts';
import { forgetInTransaction } from '../transaction-cache.ts';
import { createUser } from '../users/create-user.ts';
import { withDefaults } from './fairness-settings.ts';
import { requireHrAdmin } from './hr-admin.ts';
import { logoInfo } from './logo.ts';

const audit = (
  ctx: ServiceContext,
  tx: Parameters<typeof appendActorEvent>[0],
  action: AuditAction,
  entityType: string,
  entityId: string,
  digest?: Record<string, unknown>,
) => appendActorEvent(tx, ctx, { action, entityType, entityId, digest });

export async function getOrganization(ctx: ServiceContext) {
  const [org] = await ctx.deps.database.db
    .select()
    .from(organizations)
    .where(eq(organizations.id, ctx.actor.orgId));
  return {
    id: org.id,
    name: org.name,
    ...withDefaults(org.settings),
    revision: org.revision,
    logo: await logoInfo(ctx.deps.database.db, org.id),
  };
}

export async function updateOrganization(
  ctx: ServiceContext,
  input: Partial<
    { name: string } & Omit<OrganizationSettings, 'wordingTerms'> & {
        wordingTerms: { category: WordingCategory; term: string; suggestion?: string | undefined }[];
      }
  >,
) {
  requireHrAdmin(ctx);
  return inTransaction(ctx.deps, async (tx) => {
    const [org] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, ctx.actor.orgId))
      .for('update');
    requireUnchanged(ctx.ifMatch, org.revision, 'organization');
    const { name, ...settings } = input;
    const next = { ...org.settings, ...settings };
    const [{ revision }] = await tx
      .update(organizations)
      .set({ name: name ?? org.name, settings: next })
      .where(eq(organizations.id, org.id))
      .returning({ revision: organizations.revision });
    forgetInTransaction(tx, 'organization.settings:');
    await audit(ctx, tx, 'organization.updated', 'organization', org.id, { fields: Object.keys(input) });
    return {
      id: org.id,
      name: name ?? org.name,
      ...withDefaults(next),
      revision,
      logo: await logoInfo(tx, org.id),
    };
  });
}

const orgContacts = (ctx: ServiceContext) =>
  and(eq(contacts.orgId, ctx.actor.orgId), isNull(contacts.planId));

export async function listOrgContacts(ctx: ServiceContext) {
  const rows = await ctx.deps.database.db
    .select()
    .from(contacts)
    .where(orgContacts(ctx))
    .orderBy(asc(contacts.kind), asc(contacts.position));
  return rows.map(({ orgId: _o, planId: _p, ...c }) => c);
}

export async function addOrgContact(ctx: ServiceContext, input: z.infer<typeof orgContactCreateBody>) {
  requireHrAdmin(ctx);
  return inTransaction(ctx.deps, async (tx) => {
    const [{ value }] = await tx
      .select({ value: max(contacts.position) })
      .from(contacts)
      .where(orgContacts(ctx));
    const [row] = await tx
      .insert(contacts)
      .values({ orgId: ctx.actor.orgId, planId: null, position: (value ?? -1) + 1, ...input })
      .returning();
    await audit(ctx, tx, 'organization.contact_added', 'contact', row.id);
    const { orgId: _o, planId: _p, ...c } = row;
    return c;
  });
}

export async function updateOrgContact(
  ctx: ServiceContext,
  id: string,
  input: z.infer<typeof orgContactBody>,
) {
  requireHrAdmin(ctx);
  return inTransaction(ctx.deps, async (tx) => {
    await claimUnchanged(tx, ctx, { kind: 'contact', id });
    const [row] = await tx
      .update(contacts)
      .set(input)
      .where(and(orgContacts(ctx), eq(contacts.id, id)))
      .returning();
    if (!row) throw notFound('Contact');
    await audit(ctx, tx, 'organization.contact_updated', 'contact', id);
    const { orgId: _o, planId: _p, ...c } = row;
    return c;
  });
}

export async function removeOrgContact(ctx: ServiceContext, id: string) {
  requireHrAdmin(ctx);
  await inTransaction(ctx.deps, async (tx) => {
    await claimUnchanged(tx, ctx, { kind: 'contact', id });
    const removed = await tx
      .delete(contacts)
      .where(and(orgContacts(ctx), eq(contacts.id, id)))
      .returning({ id: contacts.id });
    if (!removed.length) throw notFound('Contact');
    await audit(ctx, tx, 'organization.contact_removed', 'contact', id);
  });
}

/** Everyone may list HR representatives and mentors (names only) to fill a plan; HR administrators see all accounts. */
export async function listUsers(ctx: ServiceContext, query: { role?: Role; q?: string }) {
  const isAdmin = ctx.actor.roles.has('hr_admin');
  const pickable: Role[] = ['hr', 'hr_admin', 'mentor'];
  if (!isAdmin && (!query.role || !pickable.includes(query.role))) {
    throw new DomainError(
      'forbidden',
      'Only HR administrators list every account; others may list role=hr, hr_admin or mentor',
    );
  }
  const db = ctx.deps.database.db;
  const filters = [eq(users.orgId, ctx.actor.orgId)];
  if (query.role) {
    filters.push(
      inArray(
        users.id,
        db
          .select({ id: roleMemberships.userId })
          .from(roleMemberships)
          .where(and(eq(roleMemberships.orgId, ctx.actor.orgId), eq(roleMemberships.role, query.role))),
      ),
    );
  }
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(users.name, like), ilike(users.email, like))!);
  }
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      disabledAt: users.disabledAt,
      revision: users.revision,
      roles: sql<
        Role[]
      >`coalesce((select array_agg(rm.role order by rm.role) from role_memberships rm where rm.org_id = "users"."org_id" and rm.user_id = "users"."id"), '{}')`,
      employeeId: sql<
        string | null
      >`(select e.id from employees e where e.org_id = "users"."org_id" and e.user_id = "users"."id" limit 1)`,
    })
    .from(users)
    .where(and(...filters))
    .orderBy(asc(users.name));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: isAdmin ? r.email : '',
    locale: r.locale,
    roles: (Array.isArray(r.roles)
      ? r.roles
      : String(r.roles)
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean)) as Role[],
    employeeId: r.employeeId,
    isDisabled: r.disabledAt !== null,
    revision: r.revision,
  }));
}

export async function addUser(ctx: ServiceContext, input: z.infer<typeof userCreateBody>) {
  requireHrAdmin(ctx);
  const id = await inTransaction(ctx.deps, async (tx) => {
    if (input.employeeId) {
      const [employee] = await tx
        .select()
        .from(employees)
        .where(and(eq(employees.orgId, ctx.actor.orgId), eq(employees.id, input.employeeId)));
      if (!employee) throw invalidField('body/employeeId', 'no employee in this organisation has this id');
      if (employee.userId) throw invalidField('body/employeeId', 'this employee already has an account');
    }
    const userId = await createUser(tx, { orgId: ctx.actor.orgId, ...input }).catch((error: DomainError) => {
      throw invalidField(
        `body/${error.fieldErrors?.[0]?.path ?? 'email'}`,
        error.fieldErrors?.[0]?.message ?? error.message,
      );
    });
    await audit(ctx, tx, 'user.created', 'user', userId, { roles: input.roles });
    if (input.password === undefined) {
      const [org] = await tx
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, ctx.actor.orgId));
      await sendInvitation(
        tx,
        ctx,
        { id: userId, orgId: ctx.actor.orgId, locale: input.locale },
        org,
        ctx.deps.now(),
        input.employeeId ?? null,
      );
    }
    return userId;
  });
  ctx.deps.afterCommit?.('email');
  return (await listUsers(ctx, {})).find((u) => u.id === id)!;
}

export async function updateUser(ctx: ServiceContext, id: string, input: z.infer<typeof userUpdateBody>) {
  requireHrAdmin(ctx);
  if (id === ctx.actor.userId && (input.isDisabled || (input.roles && !input.roles.includes('hr_admin')))) {
    throw invalidField(
      input.isDisabled ? 'body/isDisabled' : 'body/roles',
      'you cannot lock yourself out of administration',
    );
  }
  await inTransaction(ctx.deps, async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, id)));
    if (!user) throw notFound('User');
    await claimUnchanged(tx, ctx, { kind: 'user', id });
    const now = ctx.deps.now();
    const changes = {
      ...(input.name ? { name: input.name } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.isDisabled === undefined ? {} : { disabledAt: input.isDisabled ? now : null }),
    };
    // A change of roles alone leaves the user row as it is.
    if (Object.keys(changes).length) await tx.update(users).set(changes).where(eq(users.id, id));
    if (input.isDisabled)
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    if (input.roles) {
      await tx
        .delete(roleMemberships)
        .where(and(eq(roleMemberships.orgId, ctx.actor.orgId), eq(roleMemberships.userId, id)));
      await tx
        .insert(roleMemberships)
        .values([...new Set(input.roles)].map((role) => ({ orgId: ctx.actor.orgId, userId: id, role })));
    }
    await audit(ctx, tx, 'user.updated', 'user', id, { fields: Object.keys(input) });
  });
  return (await listUsers(ctx, {})).find((u) => u.id === id)!;
}
