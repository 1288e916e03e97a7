// Creates a user account with roles (used by the CLI, the demo and HR's "Add user").
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { employees, roleMemberships, users } from '../../db/schema/index.ts';
import { lower } from '../../db/sql.ts';
import type { Role } from '../../domain/access/actor.ts';
import { invalidField } from '../../domain/errors.ts';
import { hashPassword } from '../auth/passwords.ts';

export type NewUser = {
  orgId: string;
  email: string;
  name: string;
  /** Absent: the account has no password until the person sets one (invitation) or signs in through SSO. */
  password?: string;
  roles: Role[];
  locale?: 'en' | 'es';
  employeeId?: string | null;
};

export async function createUser(db: Executor, input: NewUser): Promise<string> {
  if (input.password !== undefined && input.password.length < 10)
    throw invalidField('password', 'must be at least 10 characters');
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(lower(users.email), input.email.toLowerCase()));
  if (taken) throw invalidField('email', 'a user with this email already exists');
  const [user] = await db
    .insert(users)
    .values({
      orgId: input.orgId,
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: input.password === undefined ? null : await hashPassword(input.password),
      locale: input.locale ?? 'en',
    })
    .returning({ id: users.id });
  if (input.roles.length) {
    await db
      .insert(roleMemberships)
      .values(input.roles.map((role) => ({ orgId: input.orgId, userId: user.id, role })));
  }
  if (input.employeeId) {
    await db
      .update(employees)
      .set({ userId: user.id })
      .where(and(eq(employees.orgId, input.orgId), eq(employees.id, input.employeeId)));
  }
  return user.id;
}
