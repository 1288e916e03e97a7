// Loads the acting user: account, roles, directory record and what /me shows of them, in one query.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import type { Actor, Role } from '../../domain/access/actor.ts';

/** What the signed-in user's own page shows beside the actor, read with it so /me costs no extra query. */
export type Account = {
  organizationName: string;
  timezone: string;
  isEmailOptOut: boolean;
  /** The seed of the secret calendar feed address (null until the user regenerates it). */
  calendarSeed: string | null;
};

// Drizzle leaves columns unqualified on single-table selects, so the subqueries name them in full.
export const actorColumns = {
  userId: users.id,
  orgId: users.orgId,
  name: users.name,
  email: users.email,
  locale: users.locale,
  isEmailOptOut: users.isEmailOptOut,
  calendarSeed: users.calendarTokenHash,
  roles: sql<Role[]>`coalesce((select array_agg(rm.role order by rm.role) from role_memberships rm
    where rm.user_id = "users"."id" and rm.org_id = "users"."org_id"), '{}')`,
  employeeId: sql<string | null>`(select e.id from employees e
    where e.user_id = "users"."id" and e.org_id = "users"."org_id" limit 1)`,
  organizationName: sql<string>`(select o.name from organizations o where o.id = "users"."org_id")`,
  timezone: sql<string>`(select o.settings->>'timezone' from organizations o where o.id = "users"."org_id")`,
};

type ActorRow = {
  userId: string;
  orgId: string;
  name: string;
  email: string;
  locale: 'en' | 'es';
  isEmailOptOut: boolean;
  calendarSeed: string | null;
  roles: unknown;
  employeeId: string | null;
  organizationName: string;
  timezone: string | null;
};

export function actorOf(row: ActorRow): { actor: Actor; account: Account } {
  return {
    actor: {
      userId: row.userId,
      orgId: row.orgId,
      name: row.name,
      email: row.email,
      locale: row.locale,
      roles: new Set(parseArray(row.roles) as Role[]),
      employeeId: row.employeeId,
    },
    account: {
      organizationName: row.organizationName,
      timezone: row.timezone ?? 'UTC',
      isEmailOptOut: row.isEmailOptOut,
      calendarSeed: row.calendarSeed,
    },
  };
}

/** `where`, limited to accounts that are not disabled. */
export const enabledUser = (where: SQL | undefined) => and(where, isNull(users.disabledAt));

export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const rows = await db
    .select(actorColumns)
    .from(users)
    .where(enabledUser(eq(users.id, userId)));
  return rows[0] ? actorOf(rows[0]).actor : null;
}

/** node-postgres parses text[] into arrays; PGlite may hand back the literal. */
function parseArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === 'string')
    return value
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean);
  return [];
}
