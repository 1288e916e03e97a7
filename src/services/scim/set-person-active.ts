// Turning a person off and on again from the identity provider: sign-out everywhere, no sign-in, records kept.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiTokens, employees, sessions, users } from '../../db/schema/index.ts';

type Person = { orgId: string; employeeId: string; userId: string | null; at: Date };

// integrator: replace with deactivatePerson (src/services/directory/deactivate-person.ts), which also pauses the
// person's active plans and tells HR.
/** Ends every session and API token of the person, stops their sign-in and marks their record as left. */
export async function deactivateScimPerson(
  tx: Executor,
  { orgId, employeeId, userId, at }: Person,
): Promise<void> {
  await tx
    .update(employees)
    .set({ deactivatedAt: at, updatedAt: at })
    .where(and(eq(employees.orgId, orgId), eq(employees.id, employeeId)));
  if (!userId) return;
  await tx
    .update(users)
    .set({ disabledAt: at })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.disabledAt)));
  await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.orgId, orgId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
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
