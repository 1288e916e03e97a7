// Keeps a plan's risk flags current and tells HR about each new one, once.
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { riskFlags } from '../../db/schema/index.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import type { RiskFlag } from '../../domain/plan/progress.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import type { RequestMeta } from '../context.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import { loadProgress } from './load-progress.ts';
import { hrOf, notifyPerson } from './notify-person.ts';

/**
 * Runs inside the caller's transaction. A flag that clears is forgotten, so if it comes back HR hears
 * again; one that stays is reported only the first time. Two servers racing insert the same row once.
 */
export async function refreshRiskFlags(
  tx: Executor,
  plan: PlanRow,
  now: Date,
  meta: RequestMeta,
): Promise<{ current: RiskFlag[]; added: string[] }> {
  if (plan.status !== 'active') return { current: [], added: [] };
  const today = todayIn(await organizationTimezone(tx, plan.orgId), now);
  const { progress } = await loadProgress(tx, plan, now, today);
  const current = progress.riskFlags;
  const seen = await tx
    .select({ flag: riskFlags.flag })
    .from(riskFlags)
    .where(and(eq(riskFlags.orgId, plan.orgId), eq(riskFlags.planId, plan.id)));
  const cleared = seen.map((s) => s.flag).filter((f) => !current.some((c) => c.flag === f));
  if (cleared.length) {
    await tx
      .delete(riskFlags)
      .where(
        and(eq(riskFlags.orgId, plan.orgId), eq(riskFlags.planId, plan.id), inArray(riskFlags.flag, cleared)),
      );
  }
  const inserted = current.length
    ? await tx
        .insert(riskFlags)
        .values(
          current.map((c) => ({
            orgId: plan.orgId,
            planId: plan.id,
            flag: c.flag,
            firstSeenAt: now.toISOString(),
          })),
        )
        .onConflictDoNothing()
        .returning({ flag: riskFlags.flag })
    : [];
  const added = inserted.map((r) => r.flag).sort();
  if (added.length) {
    for (const userId of await hrOf(tx, plan)) {
      await notifyPerson(tx, plan, {
        userId,
        dedupeKey: `risk.flagged:${plan.id}:${added.join(',')}:${now.getTime()}:${userId}`,
        kind: 'risk.flagged',
        params: { flags: added },
        payload: { flags: added },
        at: now,
      });
    }
    await appendAuditEvent(tx, meta, now, {
      orgId: plan.orgId,
      actorUserId: null,
      action: 'risk.flagged',
      entityType: 'plan',
      entityId: plan.id,
      planId: plan.id,
      digest: { flags: added },
    });
  }
  return { current, added };
}
