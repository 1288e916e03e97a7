// The employee directory: who works where and reports to whom.
import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisationKey, sameOrganisation } from './keys.ts';
import { users } from './organizations.ts';

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    jobTitle: text('job_title').notNull(),
    department: text('department').notNull(),
    managerId: uuid('manager_id'),
    hireDate: date('hire_date', { mode: 'string' }),
    /** The company's own number for the person (HRIS / payroll); the key a directory import matches on. */
    employeeNumber: text('employee_number'),
    /** The identity provider's id for the person (SCIM externalId). */
    externalId: text('external_id'),
    /** The person's preferred language, from the directory. */
    locale: text('locale').$type<'en' | 'es'>(),
    /** Set when the person left (directory import, SCIM or HR); their records are kept. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('employees_org_name_idx').on(t.orgId, t.name, t.id),
    index('employees_org_manager_idx').on(t.orgId, t.managerId),
    // Analytics: headcount per department.
    index('employees_org_department_idx').on(t.orgId, t.department),
    index('employees_org_user_idx').on(t.orgId, t.userId),
    index('employees_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
    uniqueIndex('employees_org_number_idx')
      .on(t.orgId, t.employeeNumber)
      .where(sql`${t.employeeNumber} is not null`),
    uniqueIndex('employees_org_external_idx')
      .on(t.orgId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    organisationKey('employees_pkey', t),
    sameOrganisation('employees_user_id_fkey', t, t.userId, users),
    sameOrganisation('employees_manager_id_fkey', t, t.managerId, t),
  ],
);
