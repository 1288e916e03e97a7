// The plans an export reads from the database: a page of ids at a time, each plan loaded and presented only when
// it is rendered, as its reader sees it, and recorded in its audit chain as read by that reader.
import { and, asc, count, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PlanView } from '../../contracts/plans.ts';
import type { Database } from '../../db/client.ts';
import { loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import { organizations, plans } from '../../db/schema/index.ts';
import type { PlanEntry, PlanSource } from '../../documents/export/export-documents.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { jobMeta } from '../context.ts';
import { loadLogo } from '../organization/logo.ts';
import { presentPlan } from '../plans/present-plan.ts';

export type PlanFilter = {
  /** Plan statuses to export; empty = all. */
  statuses?: string[];
  /** Departments to export (case-insensitive); empty = all. */
  departments?: string[];
};

/**
 * Who reads the plans, given by the caller: the HR administrator who asked for the export in the app (the export
 * job reads for them, in their organisation, and each read is theirs), or a command run on the server, over every
 * organisation, which acts for no user and is named in the audit events as a job is (`job:<command>`).
 */
export type ExportReader =
  | { kind: 'requester'; actor: Actor; exportId: string }
  | { kind: 'command'; command: string };

/** The reader of an export run by a command on the server: `commandReader('mejora documents export')`. */
export const commandReader = (command: string): ExportReader => ({ kind: 'command', command });

/**
 * Whom a plan is presented to: the requester; for a command, the sight an HR administrator of the plan's
 * organisation has, for no user (the zero id is nobody's relationship to a plan), under the command's name.
 */
function viewerOf(reader: ExportReader, orgId: string): Actor {
  if (reader.kind === 'requester') return reader.actor;
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    orgId,
    name: reader.command,
    email: '',
    locale: 'en',
    roles: new Set(['hr_admin']),
    employeeId: null,
  };
}

export function planSource(
  deps: { database: Database; now: () => Date },
  reader: ExportReader,
  filter: PlanFilter = {},
  pageSize = 100,
): PlanSource {
  const db = deps.database.db;
  const conditions: SQL[] = [];
  // A person reads their own organisation's plans only.
  if (reader.kind === 'requester') conditions.push(eq(plans.orgId, reader.actor.orgId));
  if (filter.statuses?.length) conditions.push(inArray(plans.status, filter.statuses));
  if (filter.departments?.length) {
    const wanted = filter.departments.map((d) => d.trim().toLowerCase());
    conditions.push(inArray(sql`lower(${plans.header}->>'department')`, wanted));
  }
  const timezoneOf = oncePerOrganization(async (orgId) => {
    const [org] = await db
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    return org?.settings.timezone ?? 'UTC';
  });
  // The copy owns its memory: a Buffer read from the database may be a view of a much larger one, and the
  // whole of that would be copied to the render thread with every plan.
  const logoOf = oncePerOrganization(async (orgId) => {
    const logo = await loadLogo(db, orgId);
    return logo ? { ...logo, image: Buffer.from(new Uint8Array(logo.image).buffer) } : null;
  });

  const load = async (orgId: string, planId: string): Promise<PlanView> => {
    const aggregate = await loadPlanAggregate(db, orgId, planId);
    if (!aggregate) throw new Error('the plan no longer exists');
    const now = deps.now();
    const view = presentPlan(viewerOf(reader, orgId), aggregate, todayIn(await timezoneOf(orgId), now));
    // Every read of a plan is audited: a read by the user who asked for the export, or by the command.
    const isRequested = reader.kind === 'requester';
    await db.transaction((tx) =>
      appendAuditEvent(tx, jobMeta(isRequested ? 'document-export' : reader.command), now, {
        orgId,
        actorUserId: isRequested ? reader.actor.userId : null,
        action: 'plan.document_exported',
        entityType: 'document',
        entityId: planId,
        planId,
        digest: {
          version: aggregate.plan.version,
          ...(isRequested ? { exportId: reader.exportId } : {}),
        },
      }),
    );
    return view;
  };

  return {
    async count() {
      const [row] = await db
        .select({ n: count() })
        .from(plans)
        .where(and(...conditions));
      return Number(row?.n ?? 0);
    },
    async *pages() {
      // Keyset pages over (created_at, id): stable while plans are added, and no OFFSET scans.
      let after: { createdAt: string; id: string } | null = null;
      for (;;) {
        const cursor: SQL | undefined = after
          ? or(
              gt(plans.createdAt, after.createdAt),
              and(eq(plans.createdAt, after.createdAt), gt(plans.id, after.id)),
            )
          : undefined;
        const rows: {
          id: string;
          orgId: string;
          version: number;
          employeeName: string | null;
          createdAt: string;
        }[] = await db
          .select({
            id: plans.id,
            orgId: plans.orgId,
            version: plans.version,
            employeeName: sql<string>`${plans.header}->>'employeeName'`,
            createdAt: plans.createdAt,
          })
          .from(plans)
          .where(and(...conditions, cursor))
          .orderBy(asc(plans.createdAt), asc(plans.id))
          .limit(pageSize);
        if (rows.length === 0) return;
        yield rows.map(
          (r): PlanEntry => ({
            planId: r.id,
            version: r.version,
            employeeName: r.employeeName ?? 'plan',
            load: () => load(r.orgId, r.id),
            logo: () => logoOf(r.orgId),
          }),
        );
        const last = rows[rows.length - 1];
        after = { createdAt: last.createdAt, id: last.id };
        if (rows.length < pageSize) return;
      }
    },
  };
}

/**
 * `read` once per organisation for the whole export: the answer is shared by every plan of that organisation.
 * A failed read is not kept: the next plan reads again.
 */
function oncePerOrganization<T>(read: (orgId: string) => Promise<T>): (orgId: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (orgId) => {
    let answer = answers.get(orgId);
    if (answer === undefined) {
      answer = read(orgId);
      answers.set(orgId, answer);
      answer.catch(() => answers.delete(orgId));
    }
    return answer;
  };
}
