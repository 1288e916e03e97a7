// The employee directory over HTTP.
import { z } from 'zod';
import { accountSchema } from './accounts.ts';
import { calendarDate, page, pageQuery, revisionField, shortText, uuid } from './common.ts';

export const employeeSchema = z
  .object({
    id: uuid,
    name: z.string(),
    email: z.string(),
    jobTitle: z.string(),
    department: z.string(),
    managerId: uuid.nullable(),
    managerName: z.string().nullable(),
    hireDate: z.string().nullable(),
    userId: uuid.nullable(),
    revision: revisionField,
  })
  .meta({ id: 'Employee' });
export type EmployeeView = z.infer<typeof employeeSchema>;

export const employeePage = page(employeeSchema);

export const employeeListQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional(),
  department: z.string().trim().max(200).optional(),
  managerId: uuid.optional(),
});

export const employeeCreateBody = z
  .object({
    name: shortText(),
    email: z.email({ message: 'must be an email address' }).max(254),
    jobTitle: shortText(),
    department: shortText(),
    managerId: uuid.nullable().optional(),
    hireDate: calendarDate.nullable().optional(),
    userId: uuid.nullable().optional(),
  })
  .strict();
export type EmployeeCreate = z.infer<typeof employeeCreateBody>;

export const employeeUpdateBody = employeeCreateBody.partial().strict();
export type EmployeeUpdate = z.infer<typeof employeeUpdateBody>;

/** One employee as HR reads them: with whether and how the person can sign in (null for others). */
export const employeeDetailSchema = employeeSchema
  .extend({ account: accountSchema.nullable() })
  .meta({ id: 'EmployeeDetail' });
