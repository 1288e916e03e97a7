// Retention: closed plans older than the organisation's retention period are anonymised; their statistics stay.
import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  appeals,
  checkIns,
  feedbackRequests,
  focusAreas,
  measurements,
  organizations,
  planComments,
  planResponses,
  plans,
  planVersions,
  signatures,
} from '../../db/schema/index.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { jobMeta } from '../context.ts';

export type RetentionCandidate = { orgId: string; planId: string; status: string; closedAt: string };

const anonymous = '—';

/** Finds (and unless dry-running, anonymises) closed or cancelled plans past retention, each in its own transaction. */
export async function applyRetention(
  db: Db,
  now: Date,
  options: { isDryRun: boolean },
): Promise<RetentionCandidate[]> {
  const orgs = await db
    .select({ id: organizations.id, settings: organizations.settings })
    .from(organizations);
  const found: RetentionCandidate[] = [];
  for (const org of orgs) {
    const cutoff = new Date(now);
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - org.settings.retentionYears);
    const rows = await db
      .select({ id: plans.id, status: plans.status, closedAt: plans.closedAt })
      .from(plans)
      .where(
        and(
          eq(plans.orgId, org.id),
          inArray(plans.status, ['closed', 'cancelled']),
          eq(plans.isAnonymised, false),
          isNotNull(plans.closedAt),
          lt(plans.closedAt, cutoff.toISOString()),
        ),
      );
    for (const row of rows) {
      found.push({
        orgId: org.id,
        planId: row.id,
        status: row.status,
        closedAt: new Date(row.closedAt!).toISOString(),
      });
      if (!options.isDryRun) await anonymise(db, org.id, row.id, now);
    }
  }
  return found;
}

async function anonymise(db: Db, orgId: string, planId: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const scope = <T extends { orgId: unknown; planId: unknown }>(t: T) =>
      and(eq(t.orgId as never, orgId), eq(t.planId as never, planId));
    // Names and free text go; status, outcome, dates, department and the numbers stay for statistics.
    await tx
      .update(plans)
      .set({
        isAnonymised: true,
        employeeUserId: null,
        header: sql`jsonb_set(jsonb_set(${plans.header}, '{employeeName}', to_jsonb(${anonymous}::text)), '{position}', to_jsonb(${anonymous}::text))`,
        outcome: sql`case when ${plans.outcome} is null then null else jsonb_set(jsonb_set(${plans.outcome}, '{summary}', '""'), '{areaSummaries}', '[]') end`,
        pauseReason: null,
        procedure: null,
      })
      .where(and(eq(plans.orgId, orgId), eq(plans.id, planId)));
    await tx
      .update(focusAreas)
      .set({
        issue: '',
        impact: '',
        examples: [],
        requiredStandard: '',
        goal: '',
        measurement: '',
        successCriteria: '',
      })
      .where(scope(focusAreas));
    await tx.update(measurements).set({ note: null, source: null }).where(scope(measurements));
    await tx.delete(planComments).where(scope(planComments));
    await tx.delete(planResponses).where(scope(planResponses));
    await tx.update(appeals).set({ reason: anonymous, decisionReason: null }).where(scope(appeals));
    await tx
      .update(signatures)
      .set({
        typedName: null,
        signerName: anonymous,
        response: null,
        witnessStatement: null,
        ip: null,
        userAgent: null,
      })
      .where(scope(signatures));
    await tx
      .update(planVersions)
      .set({ snapshot: { anonymised: true } })
      .where(scope(planVersions));
    await tx
      .update(checkIns)
      .set({
        notes: null,
        privateNotes: null,
        employeeComments: null,
        summary: null,
        actionItems: [],
        attendees: [],
      })
      .where(scope(checkIns));
    await tx
      .update(feedbackRequests)
      .set({ name: anonymous, email: anonymous, answers: null })
      .where(scope(feedbackRequests));
    await appendAuditEvent(tx, jobMeta('retention'), now, {
      orgId,
      actorUserId: null,
      action: 'plan.anonymised',
      entityType: 'plan',
      entityId: planId,
      planId,
      digest: { reason: 'retention period elapsed' },
    });
  });
}
