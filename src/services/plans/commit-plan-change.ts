// After a write to a plan: enforce the major-change rule, record a new version when content changed, audit it.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { loadPlanAggregate } from '../../db/repositories/plan-repository.ts';
import { adjustments, plans, planVersions } from '../../db/schema/index.ts';
import type { PlanChangeAction } from '../../domain/audit/events.ts';
import { conflict, notFound } from '../../domain/errors.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';
import { isUnderAgreement } from '../../domain/plan/lifecycle.ts';
import {
  diffDocuments,
  documentHash,
  isMajorChange,
  majorHash,
  planDocument,
} from '../../domain/plan/plan-document.ts';
import { type AuditInput, appendAuditEvent, appendAuditEvents } from '../audit/append-audit-event.ts';
import type { Deps, RequestMeta } from '../context.ts';

/** What a change needs to know of its use case: the clock, who acts (null: the directory itself), the request. */
/** The reason a version carries once it was submitted for approval: a draft save point no longer. */
export const SUBMITTED_REASON = 'submitted for approval';

export type CommitContext = {
  deps: Pick<Deps, 'now'>;
  actor: { orgId: string; userId: string | null };
  meta: RequestMeta;
};

export type CommitOptions = {
  /** An event of the catalogue written through a plan change. */
  action: PlanChangeAction;
  entityType: string;
  entityId?: string | null;
  reason?: string | null;
  /** Set by approved adjustments: the one path by which major content changes under agreement. */
  isMajorAllowed?: boolean;
  /** Resuming a pause moves dates without changing what was agreed: signatures stay valid. */
  isSignatureNeutral?: boolean;
  digest?: Record<string, unknown>;
};

export type Committed = {
  aggregate: PlanAggregate;
  version: number;
  changedPaths: string[];
  isMajor: boolean;
};

export async function commitPlanChange(
  tx: Tx,
  { deps, actor, meta }: CommitContext,
  planId: string,
  options: CommitOptions,
): Promise<Committed> {
  const aggregate = await loadPlanAggregate(tx, actor.orgId, planId);
  if (!aggregate) throw notFound('Plan');
  const doc = planDocument(aggregate);
  const hash = documentHash(doc);
  const [latest] = await tx
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.orgId, actor.orgId), eq(planVersions.planId, planId)))
    .orderBy(desc(planVersions.version))
    .limit(1);
  const isMajor = isMajorChange(latest, doc);
  if (isMajor && isUnderAgreement(aggregate.plan.status) && !options.isMajorAllowed) {
    throw conflict(
      `This is a major change to an agreed plan: propose it as an adjustment for HR approval (POST /api/v1/plans/${planId}/adjustments)`,
      [],
      { adjustmentsUrl: `/api/v1/plans/${planId}/adjustments` },
    );
  }
  const changedPaths = latest
    ? diffDocuments(latest.snapshot, JSON.parse(JSON.stringify(doc))).map((c) => c.path)
    : [];
  let version = aggregate.plan.version;
  const now = deps.now();
  // A draft has one save point: its edits overwrite the draft's latest version until the plan is submitted,
  // so the first version anyone reviews or signs is not the hundredth autosave. Each edit is still audited
  // below, with the hash of the document it saved and the paths it changed.
  const isDraftSavePoint =
    aggregate.plan.status === 'draft' && latest !== undefined && latest.reason !== SUBMITTED_REASON;
  if (latest && latest.documentHash !== hash && isDraftSavePoint) {
    version = latest.version;
    await tx
      .update(planVersions)
      .set({
        snapshot: doc as unknown as Record<string, unknown>,
        documentHash: hash,
        majorHash: majorHash(doc),
        reason: options.reason ?? latest.reason,
        createdByUserId: actor.userId,
        createdAt: now.toISOString(),
      })
      .where(and(eq(planVersions.orgId, actor.orgId), eq(planVersions.id, latest.id)));
  } else if (!latest || latest.documentHash !== hash) {
    version = latest ? latest.version + 1 : 1;
    await tx.insert(planVersions).values({
      orgId: actor.orgId,
      planId,
      version,
      snapshot: doc as unknown as Record<string, unknown>,
      documentHash: hash,
      majorHash: majorHash(doc),
      reason: options.reason ?? null,
      createdByUserId: actor.userId,
      createdAt: now.toISOString(),
    });
  }
  // Submission seals the draft's save point: it is the version that was submitted, and later draft edits
  // (after a rejection) start a new one.
  if (latest && aggregate.plan.status !== 'draft' && options.action === 'plan.submitted') {
    await tx
      .update(planVersions)
      .set({ reason: SUBMITTED_REASON })
      .where(
        and(
          eq(planVersions.orgId, actor.orgId),
          eq(planVersions.planId, planId),
          eq(planVersions.version, version),
        ),
      );
  }
  const majorVersion = isMajor && !options.isSignatureNeutral ? version : aggregate.plan.majorVersion;
  const [{ revision }] = await tx
    .update(plans)
    .set({ version, majorVersion, updatedAt: now.toISOString() })
    .where(and(eq(plans.orgId, actor.orgId), eq(plans.id, planId)))
    .returning({ revision: plans.revision });
  aggregate.plan.version = version;
  aggregate.plan.revision = revision;
  aggregate.plan.majorVersion = majorVersion;
  // Under agreement, minor changes are applied at once and logged as adjustments.
  if (
    isUnderAgreement(aggregate.plan.status) &&
    !isMajor &&
    changedPaths.length > 0 &&
    !options.isMajorAllowed &&
    actor.userId
  ) {
    await tx.insert(adjustments).values({
      orgId: actor.orgId,
      planId,
      kind: 'minor',
      status: 'applied',
      changes: { action: options.action },
      summary: changedPaths.slice(0, 50),
      reason: options.reason ?? options.action,
      proposedByUserId: actor.userId,
      decidedByUserId: actor.userId,
      fromVersion: latest?.version ?? version,
      toVersion: version,
      createdAt: now.toISOString(),
      decidedAt: now.toISOString(),
    });
  }
  await appendAuditEvent(tx, meta, now, {
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: options.action,
    entityType: options.entityType,
    entityId: options.entityId ?? planId,
    planId,
    digest: { version, documentHash: hash, changed: changedPaths.slice(0, 50), ...options.digest },
  });
  return { aggregate, version, changedPaths, isMajor };
}

export type RecordEvent = {
  action: PlanChangeAction;
  entityType: string;
  entityId?: string | null;
  digest?: Record<string, unknown>;
};

/**
 * A write to the plan's record that is not its content (a signature, a measurement, the status): no version is
 * made, the plan's revision moves (with any plan fields the write sets) and each event is audited with the
 * version and document hash it stands on — three statements however many events.
 */
export async function commitPlanRecord(
  tx: Tx,
  { deps, actor, meta }: CommitContext,
  planId: string,
  events: RecordEvent[],
  options: {
    set?: Partial<Pick<typeof plans.$inferInsert, 'status'>>;
    /** Events of the same plan written by other steps of this write, before and after its own. */
    earlier?: AuditInput[];
    later?: AuditInput[];
  } = {},
): Promise<{ revision: number; version: number; documentHash: string }> {
  const now = deps.now();
  const [row] = await tx
    .update(plans)
    .set({ ...options.set, updatedAt: now.toISOString() })
    .where(and(eq(plans.orgId, actor.orgId), eq(plans.id, planId)))
    .returning({
      revision: plans.revision,
      version: plans.version,
      // Columns named in full: inside RETURNING the query builder would leave them unqualified.
      documentHash: sql<string>`(select v.document_hash from plan_versions v where v.org_id = plans.org_id and v.plan_id = plans.id and v.version = plans.version)`,
    });
  if (!row) throw notFound('Plan');
  await appendAuditEvents(tx, meta, now, [
    ...(options.earlier ?? []),
    ...events.map((event) => ({
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? planId,
      planId,
      digest: { version: row.version, documentHash: row.documentHash, changed: [], ...event.digest },
    })),
    ...(options.later ?? []),
  ]);
  return row;
}
