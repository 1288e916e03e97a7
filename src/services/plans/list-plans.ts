// Lists the plans an actor may see: filters, sorting on any column with keyset pagination, each plan's
// progress and risk as its plan page shows them, and the whole list as CSV.

import { and, eq, ilike, inArray, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../../contracts/common.ts';
import type { PlanListSort, planStatuses } from '../../contracts/plans.ts';
import { planSummaries, plans } from '../../db/schema/index.ts';
import { selectRows } from '../../db/sql.ts';
import { documentWords } from '../../documents/words.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { seesAllPlans } from '../../domain/access/policy.ts';
import { invalidField } from '../../domain/errors.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { type CsvColumn, toCsv } from '../analytics/csv.ts';
import type { ServiceContext } from '../context.ts';
import { planRiskRank, riskOfRank } from './plan-summary-sql.ts';
import { organizationTimezone } from './present-plan.ts';

export type PlanListQuery = {
  status?: string[];
  department?: string;
  managerId?: string;
  employeeId?: string;
  q?: string;
  sort?: PlanListSort;
  order?: 'asc' | 'desc';
  cursor?: string;
  limit: number;
};

export type PlanListItem = {
  id: string;
  status: (typeof planStatuses)[number];
  locale: 'en' | 'es';
  employeeId: string;
  employeeName: string;
  position: string;
  department: string;
  managerName: string | null;
  hrRepName: string | null;
  startDate: string;
  endDate: string;
  version: number;
  createdAt: string;
  progress: number | null;
  risk: 'onTrack' | 'atRisk' | 'offTrack' | null;
};

const cursorSchema = z.object({ k: z.union([z.string(), z.number()]), id: z.string().uuid() });

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

/** The same rule on the plans' summary rows, which the list and the inbox read. */
export function relatedSummariesFilter(actor: Actor): SQL | undefined {
  if (seesAllPlans(actor)) return undefined;
  const me = actor.userId;
  const s = planSummaries;
  return or(
    eq(s.managerUserId, me),
    eq(s.hrRepUserId, me),
    actor.roles.has('hr') ? eq(s.createdByUserId, me) : undefined,
    eq(s.mentorUserId, me),
    and(eq(s.employeeUserId, me), notInArray(s.status, ['draft', 'in_review'])),
  );
}

/**
 * Each sort's key and its SQL type. Nulls are a value below every other (so keyset comparisons stay total),
 * and each key but risk, which moves with the calendar, has an index ending with the plan id.
 */
function sortKey(sort: PlanListSort, today: string): { key: SQL; type: 'text' | 'int' | 'date' } {
  const s = planSummaries;
  switch (sort) {
    case 'employeeName':
      return { key: sql`${s.employeeName}`, type: 'text' };
    case 'department':
      return { key: sql`${s.department}`, type: 'text' };
    case 'managerName':
      return { key: sql`${s.managerName}`, type: 'text' };
    case 'status':
      return { key: sql`${s.statusRank}`, type: 'int' };
    case 'startDate':
      return { key: sql`${s.startDate}`, type: 'date' };
    case 'endDate':
      return { key: sql`${s.endDate}`, type: 'date' };
    case 'progress':
      return { key: sql`coalesce(${s.progress}, -1)`, type: 'int' };
    case 'risk':
      return { key: sql`coalesce(${planRiskRank(today)}, -1)`, type: 'int' };
  }
}

type Row = {
  id: string;
  status: string;
  locale: 'en' | 'es';
  employee_id: string;
  header: {
    employeeName: string;
    position: string;
    department: string;
    managerName: string | null;
    hrRepName: string | null;
  };
  start_date: string;
  end_date: string;
  version: number;
  created_at: string;
  progress: number | null;
  risk_rank: number | null;
  sort_key: string | number;
  sort_value: unknown;
};

async function selectPlans(
  { deps, actor }: ServiceContext,
  query: PlanListQuery,
  limit: number | null,
): Promise<{ rows: Row[]; sort: PlanListSort }> {
  const sort = query.sort ?? 'endDate';
  const isDescending = query.order === 'desc';
  const db = deps.database.db;
  const today = todayIn(await organizationTimezone(db, actor.orgId), deps.now());
  const s = planSummaries;
  const filters: (SQL | undefined)[] = [eq(s.orgId, actor.orgId), relatedSummariesFilter(actor)];
  if (query.status?.length) filters.push(inArray(s.status, query.status));
  if (query.department) filters.push(eq(s.department, query.department));
  if (query.managerId) filters.push(eq(s.managerUserId, query.managerId));
  if (query.employeeId) filters.push(eq(s.employeeId, query.employeeId));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    // The first condition reads the plan's stored search text (its trigram index, migration 0022, finds the
    // candidates); the three-way "or" keeps the answer exact should a search text contain the line break
    // between the fields.
    filters.push(
      ilike(plans.searchText, like),
      or(
        ilike(s.employeeName, like),
        ilike(sql`${plans.header}->>'position'`, like),
        ilike(s.department, like),
      ),
    );
  }
  const { key, type } = sortKey(sort, today);
  const cursor = decodeCursor(query.cursor, cursorSchema);
  if (query.cursor && !cursor) throw invalidField('querystring/cursor', 'is not a cursor this API returned');
  if (cursor) {
    const value =
      type === 'int'
        ? sql`${Number(cursor.k)}::int`
        : type === 'date'
          ? sql`${String(cursor.k)}::date`
          : sql`${String(cursor.k)}::text`;
    filters.push(
      isDescending
        ? sql`(${key}, ${s.planId}) < (${value}, ${cursor.id}::uuid)`
        : sql`(${key}, ${s.planId}) > (${value}, ${cursor.id}::uuid)`,
    );
  }
  const direction = sql.raw(isDescending ? 'desc' : 'asc');
  // The page is chosen on the summary rows alone (the plan itself is joined first only when the search reads its
  // header), and only the page's plans are then read for their header, language and version: joining every
  // plan before sorting read all of the organisation's plans for a sort on risk.
  const rows = await selectRows<Row>(
    db,
    sql`select x.*, ${plans.locale} as locale, ${plans.header} as header, ${plans.version} as version from (
          select ${s.planId} as id, ${s.orgId} as org_id, ${s.status} as status, ${s.employeeId} as employee_id,
            ${s.startDate}::text as start_date, ${s.endDate}::text as end_date,
            to_char(${s.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
            ${s.progress} as progress, ${planRiskRank(today)} as risk_rank,
            ${type === 'int' ? key : sql`${key}::text`} as sort_key, ${key} as sort_value
          from ${s} ${query.q ? sql`join ${plans} on ${plans.orgId} = ${s.orgId} and ${plans.id} = ${s.planId}` : sql``}
          where ${and(...filters)}
          order by ${key} ${direction}, ${s.planId} ${direction}
          ${limit === null ? sql`` : sql`limit ${limit + 1}`}
        ) x
        join ${plans} on ${plans.orgId} = x.org_id and ${plans.id} = x.id
        order by x.sort_value ${direction}, x.id ${direction}`,
  );
  return { rows, sort };
}

const present = (r: Row): PlanListItem => ({
  id: r.id,
  status: r.status as PlanListItem['status'],
  locale: r.locale,
  employeeId: r.employee_id,
  employeeName: r.header.employeeName,
  position: r.header.position,
  department: r.header.department,
  managerName: r.header.managerName,
  hrRepName: r.header.hrRepName,
  startDate: r.start_date,
  endDate: r.end_date,
  version: r.version,
  createdAt: r.created_at,
  progress: r.progress === null ? null : Number(r.progress),
  risk: riskOfRank(r.risk_rank),
});

export async function listPlans(ctx: ServiceContext, query: PlanListQuery) {
  const { rows } = await selectPlans(ctx, query, query.limit);
  const items = rows.slice(0, query.limit).map(present);
  const last = rows[query.limit - 1];
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ k: last.sort_key, id: last.id }) : null,
  };
}

const csvLabels = {
  en: {
    columns: [
      'Employee',
      'Position',
      'Department',
      'Manager',
      'HR representative',
      'Status',
      'Start date',
      'End date',
      'Progress (%)',
      'Risk',
    ],
  },
  es: {
    columns: [
      'Empleado',
      'Puesto',
      'Departamento',
      'Responsable',
      'Representante de RR. HH.',
      'Estado',
      'Fecha de inicio',
      'Fecha de fin',
      'Progreso (%)',
      'Riesgo',
    ],
  },
} as const;

/** The whole filtered, sorted list (every page) as CSV, its header row in `locale`. */
export async function listPlansCsv(
  ctx: ServiceContext,
  query: Omit<PlanListQuery, 'cursor' | 'limit'>,
  locale: 'en' | 'es',
): Promise<string> {
  const { rows } = await selectPlans(ctx, { ...query, limit: 0 }, null);
  const labels = csvLabels[locale];
  // Statuses and risk in the documents' words, so a list's CSV and a plan's PDF name them alike.
  const words = documentWords(locale);
  const [employee, position, department, manager, hrRep, status, start, end, progress, risk] = labels.columns;
  const columns: CsvColumn<PlanListItem>[] = [
    { header: employee, value: (p) => p.employeeName },
    { header: position, value: (p) => p.position },
    { header: department, value: (p) => p.department },
    { header: manager, value: (p) => p.managerName },
    { header: hrRep, value: (p) => p.hrRepName },
    { header: status, value: (p) => words.planStatus[p.status] },
    { header: start, value: (p) => p.startDate },
    { header: end, value: (p) => p.endDate },
    { header: progress, value: (p) => p.progress },
    { header: risk, value: (p) => (p.risk ? words.metricStatus[p.risk] : null) },
  ];
  return toCsv(columns, rows.map(present));
}
