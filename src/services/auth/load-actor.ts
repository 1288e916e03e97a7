// Loads the acting user: account, roles and directory record, in one query.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import type { Actor, Role } from '../../domain/access/actor.ts';

export async function loadActor(db: Executor, userId: string): Promise<Actor | null> {
  const rows = await db
    .select({
      userId: users.id,
      orgId: users.orgId,
      name: users.name,
      email: users.email,
      locale: users.locale,
      // Drizzle leaves columns unqualified on single-table selects, so the subqueries name them in full.
      roles: sql<Role[]>`coalesce((select array_agg(rm.role order by rm.role) from role_memberships rm
        where rm.user_id = "users"."id" and rm.org_id = "users"."org_id"), '{}')`,
      employeeId: sql<string | null>`(select e.id from employees e
        where e.user_id = "users"."id" and e.org_id = "users"."org_id" limit 1)`,
    })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.userId,
    orgId: row.orgId,
    name: row.name,
    email: row.email,
    locale: row.locale,
    roles: new Set(parseArray(row.roles) as Role[]),
    employeeId: row.employeeId,
  };
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
