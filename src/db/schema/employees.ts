// The employee directory: who works where and reports to whom.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './organizations.ts';

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    jobTitle: text('job_title').notNull(),
    department: text('department').notNull(),
    managerId: uuid('manager_id').references((): AnyPgColumn => employees.id),
    hireDate: date('hire_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('employees_org_name_idx').on(t.orgId, t.name, t.id),
    index('employees_org_manager_idx').on(t.orgId, t.managerId),
    index('employees_org_user_idx').on(t.orgId, t.userId),
    index('employees_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
  ],
);
