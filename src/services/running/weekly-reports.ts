// Every week, for each active plan: a progress report kept as a record and emailed to the manager and HR.
// Also the periodic risk scan, which catches what no user action triggers (overdue activities, silence).
import { and, eq, notExists } from 'drizzle-orm';
import { organizations, plans, progressReports } from '../../db/schema/index.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { Progress } from '../../domain/plan/progress.ts';
import { mondayOf } from '../../domain/plan/schedule.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { type Deps, inTransaction, jobMeta } from '../context.ts';
import type { EmailParams } from '../email/templates.ts';
import { loadProgress } from './load-progress.ts';
import { hrOf, notifyPerson } from './notify-person.ts';
import { refreshRiskFlags } from './risk-flags.ts';

const percent = (x: number | null) => (x === null ? null : Math.round(x * 100));

export function reportSummary(progress: Progress, weekStart: string): NonNullable<EmailParams['report']> {
  return {
    weekStart,
    elapsedPercent: percent(progress.elapsedShare) ?? 0,
    overallProgressPercent: percent(progress.overallProgress),
    held: progress.checkIns.held,
    missed: progress.checkIns.missed,
    compliancePercent: percent(progress.cadenceCompliance.share),
    areas: progress.focusAreas.map((a) => ({ title: a.title, status: a.status ?? 'none' })),
    riskFlags: progress.riskFlags.map((f) => f.flag),
  };
}

/** Produces the reports of the week (starting Monday, on the organisation's calendar) not produced yet. */
export async function produceWeeklyReports(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.now();
  let produced = 0;
  const orgs = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations);
  for (const org of orgs) {
    const today = todayIn(org.settings.timezone, now);
    const weekStart = mondayOf(today);
    const due = (await db
      .select()
      .from(plans)
      .where(
        and(
          eq(plans.orgId, org.id),
          eq(plans.status, 'active'),
          notExists(
            db
              .select({ id: progressReports.id })
              .from(progressReports)
              .where(
                and(
                  eq(progressReports.orgId, plans.orgId),
                  eq(progressReports.planId, plans.id),
                  eq(progressReports.weekStart, weekStart),
                ),
              ),
          ),
        ),
      )) as PlanRow[];
    for (const plan of due) {
      await inTransaction(deps, async (tx) => {
        const { progress } = await loadProgress(tx, plan, now, today);
        const [report] = await tx
          .insert(progressReports)
          .values({
            orgId: plan.orgId,
            planId: plan.id,
            weekStart,
            body: { ...progress, planId: plan.id, employeeName: plan.header.employeeName } as Record<
              string,
              unknown
            >,
            createdAt: now.toISOString(),
          })
          .onConflictDoNothing()
          .returning({ id: progressReports.id });
        // Another server produced it first.
        if (!report) return;
        produced++;
        const readers = [...new Set([plan.managerUserId, ...(await hrOf(tx, plan))])].filter(
          (id): id is string => Boolean(id),
        );
        for (const userId of readers) {
          await notifyPerson(tx, plan, {
            userId,
            dedupeKey: `weekly.report:${plan.id}:${weekStart}:${userId}`,
            kind: 'weekly.report',
            params: { report: reportSummary(progress, weekStart) },
            payload: { progressReportId: report.id, weekStart },
            at: now,
          });
        }
        await appendAuditEvent(tx, jobMeta('weekly-reports'), now, {
          orgId: plan.orgId,
          actorUserId: null,
          action: 'progress_report.produced',
          entityType: 'progress_report',
          entityId: report.id,
          planId: plan.id,
          digest: { weekStart },
        });
      });
    }
  }
  return produced;
}

/** Re-evaluates the risk flags of every active plan, each in its own transaction. */
export async function scanRiskFlags(deps: Deps): Promise<number> {
  const db = deps.database.db;
  const now = deps.now();
  let added = 0;
  const orgs = await db.select({ id: organizations.id }).from(organizations);
  for (const org of orgs) {
    const active = (await db
      .select()
      .from(plans)
      .where(and(eq(plans.orgId, org.id), eq(plans.status, 'active')))) as PlanRow[];
    for (const plan of active) {
      added += (await inTransaction(deps, (tx) => refreshRiskFlags(tx, plan, now, jobMeta('weekly-reports'))))
        .added.length;
    }
  }
  return added;
}
