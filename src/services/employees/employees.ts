// Directory use cases: list, read, create and update employees.
import { aliasedTable, and, asc, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../contracts/common.ts';
import type { EmployeeCreate, EmployeeUpdate, EmployeeView } from '../../contracts/employees.ts';
import type { Executor } from '../../db/client.ts';
import { employees, users } from '../../db/schema/index.ts';
import { canOnEmployee, seesWholeDirectory } from '../../domain/access/policy.ts';
import { invalidField, notFound } from '../../domain/errors.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { claimUnchanged } from '../preconditions.ts';

const managers = aliasedTable(employees, 'managers');

const columns = {
  id: employees.id,
  name: employees.name,
  email: employees.email,
  jobTitle: employees.jobTitle,
  department: employees.department,
  managerId: employees.managerId,
  managerName: managers.name,
  hireDate: employees.hireDate,
  userId: employees.userId,
  revision: employees.revision,
};

const cursorSchema = z.object({ name: z.string(), id: z.string() });

export async function listEmployees(
  { deps, actor }: ServiceContext,
  query: { q?: string; department?: string; managerId?: string; cursor?: string; limit: number },
): Promise<{ items: EmployeeView[]; nextCursor: string | null }> {
  const filters: (SQL | undefined)[] = [eq(employees.orgId, actor.orgId)];
  if (!seesWholeDirectory(actor)) {
    // Others see themselves and their direct reports.
    filters.push(
      actor.employeeId
        ? or(eq(employees.id, actor.employeeId), eq(employees.managerId, actor.employeeId))
        : eq(employees.id, '00000000-0000-0000-0000-000000000000'),
    );
  }
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(ilike(employees.name, like), ilike(employees.email, like), ilike(employees.jobTitle, like)),
    );
  }
  if (query.department) filters.push(eq(employees.department, query.department));
  if (query.managerId) filters.push(eq(employees.managerId, query.managerId));
  const cursor = decodeCursor(query.cursor, cursorSchema);
  if (query.cursor && !cursor) throw invalidField('query/cursor', 'is not a cursor this API returned');
  if (cursor) {
    filters.push(
      or(gt(employees.name, cursor.name), and(eq(employees.name, cursor.name), gt(employees.id, cursor.id))),
    );
  }
  const rows: EmployeeView[] = await deps.database.db
    .select(columns)
    .from(employees)
    .leftJoin(managers, and(eq(managers.orgId, employees.orgId), eq(managers.id, employees.managerId)))
    .where(and(...filters))
    .orderBy(asc(employees.name), asc(employees.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

async function findEmployee(db: Executor, orgId: string, id: string): Promise<EmployeeView | undefined> {
  const [row] = await db
    .select(columns)
    .from(employees)
    .leftJoin(managers, and(eq(managers.orgId, employees.orgId), eq(managers.id, employees.managerId)))
    .where(and(eq(employees.orgId, orgId), eq(employees.id, id)));
  return row;
}

export async function getEmployee({ deps, actor }: ServiceContext, id: string): Promise<EmployeeView> {
  const row = await findEmployee(deps.database.db, actor.orgId, id);
  if (!row || !canOnEmployee(actor, 'employee.read', facts(actor.orgId, row))) throw notFound('Employee');
  return row;
}

const facts = (orgId: string, e: { id: string; userId: string | null; managerId: string | null }) => ({
  orgId,
  employeeId: e.id,
  userId: e.userId,
  managerId: e.managerId,
});

async function checkReferences(db: Executor, orgId: string, input: EmployeeUpdate, selfId?: string) {
  if (input.managerId) {
    if (input.managerId === selfId)
      throw invalidField('body/managerId', 'an employee cannot manage themselves');
    const manager = await findEmployee(db, orgId, input.managerId);
    if (!manager) throw invalidField('body/managerId', 'no such employee in this organisation');
  }
  if (input.userId) {
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, orgId), eq(users.id, input.userId)));
    if (!user) throw invalidField('body/userId', 'no such user in this organisation');
  }
}

export async function createEmployee({ deps, actor, meta }: ServiceContext, input: EmployeeCreate) {
  if (
    !canOnEmployee(actor, 'employee.write', {
      orgId: actor.orgId,
      employeeId: '',
      userId: null,
      managerId: null,
    })
  ) {
    throw notFound('Employee directory');
  }
  const now = deps.now();
  return inTransaction(deps, async (tx) => {
    await checkReferences(tx, actor.orgId, input);
    const [row] = await tx
      .insert(employees)
      .values({
        orgId: actor.orgId,
        name: input.name,
        email: input.email,
        jobTitle: input.jobTitle,
        department: input.department,
        managerId: input.managerId ?? null,
        hireDate: input.hireDate ?? null,
        userId: input.userId ?? null,
      })
      .returning({ id: employees.id });
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'employee.created',
      entityType: 'employee',
      entityId: row.id,
    });
    return (await findEmployee(tx, actor.orgId, row.id))!;
  });
}

export async function updateEmployee(ctx: ServiceContext, id: string, input: EmployeeUpdate) {
  const { deps, actor, meta } = ctx;
  const now = deps.now();
  return inTransaction(deps, async (tx) => {
    const existing = await findEmployee(tx, actor.orgId, id);
    if (!existing || !canOnEmployee(actor, 'employee.write', facts(actor.orgId, existing))) {
      throw notFound('Employee');
    }
    await claimUnchanged(tx, ctx, { kind: 'employee', id });
    await checkReferences(tx, actor.orgId, input, id);
    await tx
      .update(employees)
      .set({ ...input, updatedAt: now })
      .where(and(eq(employees.orgId, actor.orgId), eq(employees.id, id)));
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'employee.updated',
      entityType: 'employee',
      entityId: id,
      digest: { fields: Object.keys(input) },
    });
    return (await findEmployee(tx, actor.orgId, id))!;
  });
}
