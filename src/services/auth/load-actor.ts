// Loads the acting user: account, roles, directory record and what /me shows of them, in one query.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organizations, users } from '../../db/schema/index.ts';
import type { Actor, Role } from '../../domain/access/actor.ts';

/** What the signed-in user's own page shows beside the actor, read with it so /me costs no extra query. */
export type Account = {
  organizationName: string;
  timezone: string;
  isEmailOptOut: boolean;
  /** The seed of the secret calendar feed address (null until the user regenerates it). */
  calendarSeed: string | null;
};

/**
 * The acting user's columns: the account with the roles and directory record the database keeps on it (migration
 * 0026), and the organisation's name and time zone; every statement that selects them joins `organizations`
 * (`withOrganization`).
 */
export const actorColumns = {
  userId: users.id,
  orgId: users.orgId,
  name: users.name,
  email: users.email,
  locale: users.locale,
  isEmailOptOut: users.isEmailOptOut,
  calendarSeed: users.calendarTokenHash,
  roles: users.roles,
  employeeId: users.employeeId,
  organizationName: organizations.name,
  timezone: sql<string | null>`${organizations.settings}->>'timezone'`,
};

/** The join `actorColumns` reads the organisation through. */
export const withOrganization = eq(organizations.id, users.orgId);

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
    .innerJoin(organizations, withOrganization)
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
