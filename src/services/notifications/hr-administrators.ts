// The organisation's HR administrators with an active account: they hear of what HR as a whole decides.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { roleMemberships, users } from '../../db/schema/index.ts';

export async function hrAdministrators(tx: Executor, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(
      roleMemberships,
      and(eq(roleMemberships.userId, users.id), eq(roleMemberships.orgId, users.orgId)),
    )
    .where(and(eq(users.orgId, orgId), eq(roleMemberships.role, 'hr_admin'), isNull(users.disabledAt)));
  return rows.map((row) => row.id);
}
