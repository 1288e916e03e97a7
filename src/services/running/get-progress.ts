// The progress of a plan, computed on read (nothing derived is stored), and its weekly reports.
import { and, desc, eq } from 'drizzle-orm';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { progressReports } from '../../db/schema/index.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { Progress } from '../../domain/plan/progress.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { requireRead } from '../plans/plan-access.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import { loadProgress } from './load-progress.ts';

async function requireReader(ctx: ServiceContext, planId: string) {
  const { deps, actor } = ctx;
  const plan = await findPlanRow(deps.database.db, actor.orgId, planId);
  // A mentor sees the development plan only: progress does not exist for them (404).
  return requireRead(actor, plan, 'plan.read');
}

export async function getProgress(
  ctx: ServiceContext,
  planId: string,
): Promise<Progress & { planId: string }> {
  const { deps, actor, meta } = ctx;
  const plan = await requireReader(ctx, planId);
  const now = deps.now();
  const today = todayIn(await organizationTimezone(deps.database.db, actor.orgId), now);
  const { progress } = await loadProgress(deps.database.db, plan, now, today);
  await inTransaction(deps, (tx) =>
    appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'progress.viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
    }),
  );
  return { planId, ...progress };
}

export async function listProgressReports(ctx: ServiceContext, planId: string) {
  const { deps, actor, meta } = ctx;
  await requireReader(ctx, planId);
  const rows = await deps.database.db
    .select()
    .from(progressReports)
    .where(and(eq(progressReports.orgId, actor.orgId), eq(progressReports.planId, planId)))
    .orderBy(desc(progressReports.weekStart));
  await inTransaction(deps, (tx) =>
    appendAuditEvent(tx, meta, deps.now(), {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'progress_reports.viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
    }),
  );
  return rows.map((r) => ({
    id: r.id,
    weekStart: r.weekStart,
    createdAt: new Date(r.createdAt).toISOString(),
    body: r.body,
  }));
}
