// The Users of SCIM 2.0 over the directory: list with filter and pages, read, create, replace, patch and
// deactivate people of the token's organisation. Every write is one transaction with its audit event (names of the
// attributes changed, never their values).
import { aliasedTable, and, asc, count, eq, ne, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { employees, roleMemberships, users } from '../../db/schema/index.ts';
import { isUniqueViolation, lower, selectRows } from '../../db/sql.ts';
import type { AuditAction } from '../../domain/audit/events.ts';
import type { IfMatch } from '../../domain/revision.ts';
import { parseFilter } from '../../domain/scim/filter.ts';
import { maxResults } from '../../domain/scim/schemas.ts';
import { ScimError, scimBadRequest } from '../../domain/scim/scim-error.ts';
import {
  applyPatch,
  canonicalUserOf,
  type Person,
  type PersonInput,
  personInputOf,
  userResourceOf,
} from '../../domain/scim/user-resource.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { type Deps, inTransaction, type RequestMeta } from '../context.ts';
import type { ScimCaller } from './scim-tokens.ts';
import { deactivateScimPerson, reactivateScimPerson } from './set-person-active.ts';
import { userFilterSql } from './user-filter-sql.ts';

export type ScimContext = {
  deps: Deps;
  caller: ScimCaller;
  meta: RequestMeta;
  /** The SCIM base URL the resources' locations start with. */
  baseUrl: string;
  ifMatch?: IfMatch;
};

const managers = aliasedTable(employees, 'managers');

const personColumns = {
  id: employees.id,
  revision: employees.revision,
  email: employees.email,
  name: employees.name,
  jobTitle: employees.jobTitle,
  department: employees.department,
  employeeNumber: employees.employeeNumber,
  externalId: employees.externalId,
  locale: employees.locale,
  managerId: employees.managerId,
  managerName: managers.name,
  deactivatedAt: employees.deactivatedAt,
  createdAt: employees.createdAt,
  updatedAt: employees.updatedAt,
  userId: employees.userId,
};

type PersonRow = {
  [K in keyof typeof personColumns]: K extends 'managerName'
    ? string | null
    : (typeof employees.$inferSelect)[K extends 'managerName' ? never : K];
};

const personOf = (row: PersonRow): Person => ({
  id: row.id,
  revision: row.revision,
  email: row.email,
  name: row.name,
  jobTitle: row.jobTitle,
  department: row.department,
  employeeNumber: row.employeeNumber,
  externalId: row.externalId,
  locale: row.locale,
  managerId: row.managerId,
  managerName: row.managerName,
  isActive: row.deactivatedAt === null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = () => new ScimError(404, 'No such User in this organisation');

async function findPerson(
  db: Executor,
  orgId: string,
  id: string,
  isLocking = false,
): Promise<PersonRow | null> {
  if (!uuidPattern.test(id)) return null;
  const query = db
    .select(personColumns)
    .from(employees)
    .leftJoin(managers, and(eq(managers.id, employees.managerId), eq(managers.orgId, employees.orgId)))
    .where(and(eq(employees.orgId, orgId), eq(employees.id, id.toLowerCase())));
  const [row] = isLocking ? await query.for('update', { of: employees }) : await query;
  return (row as PersonRow | undefined) ?? null;
}

export async function getScimUser(ctx: ScimContext, id: string) {
  const row = await findPerson(ctx.deps.database.db, ctx.caller.orgId, id);
  if (!row) throw notFound();
  return userResourceOf(personOf(row), ctx.baseUrl);
}

export async function listScimUsers(
  ctx: ScimContext,
  query: { filter?: string; startIndex?: number; count?: number },
) {
  const db = ctx.deps.database.db;
  const where = and(
    eq(employees.orgId, ctx.caller.orgId),
    query.filter === undefined ? undefined : userFilterSql(parseFilter(query.filter)),
  );
  const startIndex = Math.max(1, Math.floor(query.startIndex ?? 1));
  const pageSize = Math.min(maxResults, Math.max(0, Math.floor(query.count ?? maxResults)));
  const [{ total }] = await db.select({ total: count() }).from(employees).where(where);
  const rows =
    pageSize === 0
      ? []
      : await db
          .select(personColumns)
          .from(employees)
          .leftJoin(managers, and(eq(managers.id, employees.managerId), eq(managers.orgId, employees.orgId)))
          .where(where)
          .orderBy(asc(employees.createdAt), asc(employees.id))
          .offset(startIndex - 1)
          .limit(pageSize);
  return {
    totalResults: Number(total),
    startIndex,
    itemsPerPage: rows.length,
    resources: rows.map((row) => userResourceOf(personOf(row as PersonRow), ctx.baseUrl)),
  };
}

/** Runs a write; a unique index that a concurrent request won is a 409 uniqueness like the checks before it. */
async function write<T>(ctx: ScimContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(ctx.deps, fn);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ScimError(
        409,
        'Another User already has this userName, externalId or employeeNumber',
        'uniqueness',
      );
    throw error;
  }
}

/** Refuses what another person of the organisation (or any account) already holds: one query for each table. */
async function requireUnique(
  tx: Executor,
  orgId: string,
  input: PersonInput,
  selfId: string | null,
  selfUserId: string | null,
) {
  const [other] = await tx
    .select({
      email: employees.email,
      externalId: employees.externalId,
      employeeNumber: employees.employeeNumber,
    })
    .from(employees)
    .where(
      and(
        eq(employees.orgId, orgId),
        or(
          eq(lower(employees.email), input.email),
          input.externalId ? eq(employees.externalId, input.externalId) : undefined,
          input.employeeNumber ? eq(employees.employeeNumber, input.employeeNumber) : undefined,
        ),
        selfId ? ne(employees.id, selfId) : undefined,
      ),
    )
    .limit(1);
  if (other) {
    const attribute =
      other.email.toLowerCase() === input.email
        ? 'userName'
        : other.externalId === input.externalId
          ? 'externalId'
          : 'employeeNumber';
    throw new ScimError(409, `Another User of this organisation already has this ${attribute}`, 'uniqueness');
  }
  const [account] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(lower(users.email), input.email), selfUserId ? ne(users.id, selfUserId) : undefined))
    .limit(1);
  if (account) throw new ScimError(409, 'An account with this userName already exists', 'uniqueness');
}

/**
 * The manager's id: the SCIM id (RFC 7643), else the userName, employeeNumber or externalId of a person of the
 * organisation. Unknown is a 400: the identity provider sets the manager once the manager exists. A person cannot
 * manage themselves or someone above them.
 */
async function resolveManager(tx: Executor, orgId: string, reference: string | null, selfId: string | null) {
  if (!reference) return null;
  const byId = uuidPattern.test(reference) ? eq(employees.id, reference.toLowerCase()) : undefined;
  const [manager] = await tx
    .select({ id: employees.id })
    .from(employees)
    .where(
      and(
        eq(employees.orgId, orgId),
        or(
          byId,
          eq(lower(employees.email), reference.toLowerCase()),
          eq(employees.employeeNumber, reference),
          eq(employees.externalId, reference),
        ),
      ),
    )
    .orderBy(sql`${employees.id}::text = ${reference.toLowerCase()} desc`)
    .limit(1);
  if (!manager)
    throw scimBadRequest(
      'invalidValue',
      'manager.value names no User of this organisation: create the manager first, then set the manager',
    );
  if (manager.id === selfId) throw scimBadRequest('invalidValue', 'A person cannot be their own manager');
  if (!selfId) return manager.id;
  const chain = await selectRows(
    tx,
    sql`
    with recursive up(id, depth) as (
      select manager_id, 1 from employees where org_id = ${orgId} and id = ${manager.id}
      union all
      select e.manager_id, up.depth + 1 from employees e join up on e.id = up.id
      where e.org_id = ${orgId} and up.depth < 1000
    )
    select 1 from up where id = ${selfId} limit 1`,
  );
  if (chain.length)
    throw scimBadRequest(
      'invalidValue',
      'This manager reports to the person, directly or not: that would be a cycle',
    );
  return manager.id;
}

const audit = (tx: Executor, ctx: ScimContext, action: AuditAction, employeeId: string, fields: string[]) =>
  appendAuditEvent(tx, ctx.meta, ctx.deps.now(), {
    orgId: ctx.caller.orgId,
    actorUserId: null,
    action,
    entityType: 'employee',
    entityId: employeeId,
    digest: { via: 'scim', scimTokenId: ctx.caller.tokenId, ...(fields.length ? { fields } : {}) },
  });

export async function createScimUser(ctx: ScimContext, body: unknown) {
  const asked = personInputOf(canonicalUserOf(body));
  const orgId = ctx.caller.orgId;
  const now = ctx.deps.now();
  const id = await write(ctx, async (tx) => {
    await requireUnique(tx, orgId, asked, null, null);
    const input = { ...asked, managerId: await resolveManager(tx, orgId, asked.managerId, null) };
    const [user] = await tx
      .insert(users)
      .values({
        orgId,
        email: input.email,
        name: input.name,
        passwordHash: null,
        locale: input.locale ?? 'en',
      })
      .returning({ id: users.id });
    await tx.insert(roleMemberships).values({ orgId, userId: user.id, role: 'employee' });
    const [employee] = await tx
      .insert(employees)
      .values({
        orgId,
        userId: user.id,
        email: input.email,
        name: input.name,
        jobTitle: input.jobTitle,
        department: input.department,
        managerId: input.managerId,
        employeeNumber: input.employeeNumber,
        externalId: input.externalId,
        locale: input.locale,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: employees.id });
    await audit(tx, ctx, 'scim.user_created', employee.id, []);
    if (input.isActive === false) {
      await deactivateScimPerson(tx, { orgId, employeeId: employee.id, userId: user.id, at: now });
      await audit(tx, ctx, 'scim.user_deactivated', employee.id, []);
    }
    return employee.id;
  });
  return getScimUser(ctx, id);
}

const fieldsOf: (keyof PersonInput)[] = [
  'email',
  'name',
  'jobTitle',
  'department',
  'employeeNumber',
  'externalId',
  'locale',
  'managerId',
];

/** Writes what the request asks on top of the locked person: fields, account, active; audited by attribute name. */
async function update(ctx: ScimContext, id: string, next: (current: PersonRow) => PersonInput) {
  const orgId = ctx.caller.orgId;
  const now = ctx.deps.now();
  await write(ctx, async (tx) => {
    const current = await findPerson(tx, orgId, id, true);
    if (!current) throw notFound();
    requireVersion(ctx.ifMatch, current.revision);
    const asked = next(current);
    const input =
      asked.managerId === current.managerId
        ? asked
        : { ...asked, managerId: await resolveManager(tx, orgId, asked.managerId, current.id) };
    const changed = fieldsOf.filter((field) => input[field] !== current[field as keyof PersonRow]);
    if (changed.includes('email') || changed.includes('externalId') || changed.includes('employeeNumber'))
      await requireUnique(tx, orgId, input, current.id, current.userId);
    let userId = current.userId;
    if (!userId) {
      // A person known to the directory before the identity provider: they get their account now.
      const [user] = await tx
        .insert(users)
        .values({
          orgId,
          email: input.email,
          name: input.name,
          passwordHash: null,
          locale: input.locale ?? 'en',
        })
        .returning({ id: users.id });
      await tx.insert(roleMemberships).values({ orgId, userId: user.id, role: 'employee' });
      userId = user.id;
    } else if (changed.includes('email') || changed.includes('name') || changed.includes('locale')) {
      await tx
        .update(users)
        .set({ email: input.email, name: input.name, ...(input.locale ? { locale: input.locale } : {}) })
        .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    }
    const isActive = current.deactivatedAt === null;
    if (changed.length || !current.userId) {
      await tx
        .update(employees)
        .set({
          email: input.email,
          name: input.name,
          jobTitle: input.jobTitle,
          department: input.department,
          employeeNumber: input.employeeNumber,
          externalId: input.externalId,
          locale: input.locale,
          managerId: input.managerId,
          userId,
          updatedAt: now,
        })
        .where(and(eq(employees.orgId, orgId), eq(employees.id, current.id)));
      await audit(tx, ctx, 'scim.user_updated', current.id, changed);
    }
    const person = { orgId, employeeId: current.id, userId, at: now };
    if (input.isActive === false && isActive) {
      await deactivateScimPerson(tx, person);
      await audit(tx, ctx, 'scim.user_deactivated', current.id, []);
    } else if (input.isActive === true && !isActive) {
      await reactivateScimPerson(tx, person);
      await audit(tx, ctx, 'scim.user_reactivated', current.id, []);
    }
  });
  return getScimUser(ctx, id);
}

function requireVersion(ifMatch: IfMatch | undefined, revision: number): void {
  if (!ifMatch || ifMatch.isAny) return;
  if ('isMalformed' in ifMatch)
    throw new ScimError(412, 'If-Match must be * or the meta.version of the User');
  if (!ifMatch.tags.some((tag) => tag.replace(/^W\//, '') === `"${revision}"`))
    throw new ScimError(412, `The User changed since that version: it is now at W/"${revision}"`);
}

/** PUT: the User as sent replaces what Mejora keeps (an absent `active` leaves the person as they are). */
export function replaceScimUser(ctx: ScimContext, id: string, body: unknown) {
  const input = personInputOf(canonicalUserOf(body));
  return update(ctx, id, () => input);
}

export function patchScimUser(ctx: ScimContext, id: string, body: unknown) {
  return update(ctx, id, (current) => {
    const before = canonicalUserOf(userResourceOf(personOf(current), ctx.baseUrl));
    return personInputOf(applyPatch(before, body), before);
  });
}

/** DELETE deactivates: the person is signed out and cannot sign in; their records stay. */
export async function deleteScimUser(ctx: ScimContext, id: string): Promise<void> {
  await update(ctx, id, (current) => ({ ...inputOf(current), isActive: false }));
}

const inputOf = (row: PersonRow): PersonInput => ({
  email: row.email,
  name: row.name,
  jobTitle: row.jobTitle,
  department: row.department,
  employeeNumber: row.employeeNumber,
  externalId: row.externalId,
  locale: row.locale,
  managerId: row.managerId,
  isActive: row.deactivatedAt === null,
});
