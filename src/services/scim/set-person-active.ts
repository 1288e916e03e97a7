// Turning a person off and on again from the identity provider: sign-out everywhere, no sign-in, records kept.
import { and, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.ts';
import { employees, users } from '../../db/schema/index.ts';
import { deactivatePerson } from '../directory/deactivate-person.ts';

type Person = { orgId: string; employeeId: string; userId: string | null; at: Date };

/**
 * The identity provider says the person left: the leaver's path every way in shares (deactivatePerson) — signed out
 * everywhere, no sign-in, active plans paused with HR told, records kept.
 */
export async function deactivateScimPerson(tx: Executor, { orgId, employeeId, at }: Person): Promise<void> {
  await deactivatePerson(tx as Tx, {
    orgId,
    employeeId,
    actor: { userId: null, name: 'SCIM' },
    reason: 'SCIM active=false',
    at,
  });
}

/** Lets the person sign in again; sessions and tokens ended by the deactivation stay ended. */
export async function reactivateScimPerson(
  tx: Executor,
  { orgId, employeeId, userId, at }: Person,
): Promise<void> {
  await tx
    .update(employees)
    .set({ deactivatedAt: null, updatedAt: at })
    .where(and(eq(employees.orgId, orgId), eq(employees.id, employeeId)));
  if (userId)
    await tx
      .update(users)
      .set({ disabledAt: null })
      .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
}
