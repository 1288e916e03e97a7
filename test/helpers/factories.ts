// Factories that build valid data with overrides: organisations, users, employees.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import { employees, organizations } from '../../src/db/schema/index.ts';
import type { Role } from '../../src/domain/access/actor.ts';
import { createUser } from '../../src/services/users/create-user.ts';

export async function createOrganization(db: Db, overrides: { name?: string; timezone?: string } = {}) {
  const id = randomUUID();
  const [org] = await db
    .insert(organizations)
    .values({
      id,
      orgId: id,
      name: overrides.name ?? 'Other Org',
      slug: `org-${id.slice(0, 8)}`,
      settings: { timezone: overrides.timezone ?? 'UTC', retentionYears: 7, defaultLocale: 'en' },
    })
    .returning();
  return org;
}

export async function createEmployeeRow(
  db: Db,
  orgId: string,
  overrides: Partial<{
    name: string;
    email: string;
    managerId: string | null;
    department: string;
    jobTitle: string;
  }> = {},
) {
  const [row] = await db
    .insert(employees)
    .values({
      orgId,
      name: overrides.name ?? 'Pat Example',
      email: overrides.email ?? `${randomUUID().slice(0, 8)}@example.com`,
      jobTitle: overrides.jobTitle ?? 'Analyst',
      department: overrides.department ?? 'Operations',
      managerId: overrides.managerId ?? null,
    })
    .returning();
  return row;
}

export async function createUserWithEmployee(
  db: Db,
  orgId: string,
  options: { roles: Role[]; name?: string; managerId?: string | null; email?: string; password?: string },
) {
  const email = options.email ?? `${randomUUID().slice(0, 8)}@example.com`;
  const employee = await createEmployeeRow(db, orgId, {
    name: options.name,
    email,
    managerId: options.managerId,
  });
  const userId = await createUser(db, {
    orgId,
    email,
    name: options.name ?? 'Pat Example',
    password: options.password ?? 'mejora-demo',
    roles: options.roles,
    employeeId: employee.id,
  });
  return { userId, employee, email };
}
