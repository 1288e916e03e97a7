// Finds a user of the organisation who holds one of the given roles, or says which field is wrong.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { roleMemberships, users } from '../../db/schema/index.ts';
import type { Role } from '../../domain/access/actor.ts';
import { invalidField } from '../../domain/errors.ts';

export async function findUserWithRole(
  tx: Tx,
  orgId: string,
  userId: string | null | undefined,
  roles: Role[],
  path: string,
): Promise<{ id: string; name: string } | null> {
  if (!userId) return null;
  const rows = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(
      roleMemberships,
      and(eq(roleMemberships.userId, users.id), eq(roleMemberships.orgId, users.orgId)),
    )
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), inArray(roleMemberships.role, roles)));
  if (!rows[0]) throw invalidField(path, `no user with the role ${roles.join(' or ')} has this id`);
  return rows[0];
}
