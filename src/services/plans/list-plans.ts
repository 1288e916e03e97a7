// Lists the plans an actor may see, with filters and cursor pagination.
import { and, desc, eq, ilike, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../contracts/common.ts';
import { plans } from '../../db/schema/index.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { seesAllPlans } from '../../domain/access/policy.ts';
import { invalidField } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';

export type PlanListQuery = {
  status?: string;
  department?: string;
  managerId?: string;
  employeeId?: string;
  q?: string;
  cursor?: string;
  limit: number;
};

const cursorSchema = z.object({ createdAt: z.string(), id: z.string() });

/** The plans an actor may list: every plan for those who oversee all, else the plans related to them. */
export function relatedPlansFilter(actor: Actor): SQL | undefined {
  if (seesAllPlans(actor)) return undefined;
  const me = actor.userId;
  return or(
    eq(plans.managerUserId, me),
    eq(plans.hrRepUserId, me),
    actor.roles.has('hr') ? eq(plans.createdByUserId, me) : undefined,
    eq(plans.mentorUserId, me),
    and(eq(plans.employeeUserId, me), notInArray(plans.status, ['draft', 'in_review'])),
  );
}

export async function listPlans({ deps, actor }: ServiceContext, query: PlanListQuery) {
  const filters: (SQL | undefined)[] = [eq(plans.orgId, actor.orgId), relatedPlansFilter(actor)];
  if (query.status) filters.push(eq(plans.status, query.status));
  if (query.department) filters.push(sql`${plans.header}->>'department' = ${query.department}`);
  if (query.managerId) filters.push(eq(plans.managerUserId, query.managerId));
  if (query.employeeId) filters.push(eq(plans.employeeId, query.employeeId));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    filters.push(
      or(
        ilike(sql`${plans.header}->>'employeeName'`, like),
        ilike(sql`${plans.header}->>'position'`, like),
        ilike(sql`${plans.header}->>'department'`, like),
      ),
    );
  }
  const cursor = decodeCursor(query.cursor, cursorSchema);
  if (query.cursor && !cursor) throw invalidField('querystring/cursor', 'is not a cursor this API returned');
  if (cursor) {
    filters.push(
      or(
        lt(plans.createdAt, cursor.createdAt),
        and(eq(plans.createdAt, cursor.createdAt), lt(plans.id, cursor.id)),
      ),
    );
  }
  const rows = await deps.database.db
    .select({
      id: plans.id,
      status: plans.status,
      locale: plans.locale,
      employeeId: plans.employeeId,
      header: plans.header,
      startDate: plans.startDate,
      endDate: plans.endDate,
      version: plans.version,
      createdAt: plans.createdAt,
    })
    .from(plans)
    .where(and(...filters))
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    status: r.status as never,
    locale: r.locale,
    employeeId: r.employeeId,
    employeeName: r.header.employeeName,
    position: r.header.position,
    department: r.header.department,
    managerName: r.header.managerName,
    hrRepName: r.header.hrRepName,
    startDate: r.startDate,
    endDate: r.endDate,
    version: r.version,
    createdAt: new Date(r.createdAt).toISOString(),
  }));
  const last = rows[query.limit - 1];
  return {
    items,
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}
