// Major adjustments of an agreed plan: proposed with a reason, decided by HR; approval makes a new version,
// voids the signatures and sends the plan back for acknowledgment. An extension is an adjustment of the end date.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { AdjustmentChanges } from '../../contracts/lifecycle.ts';
import type { Tx } from '../../db/client.ts';
import { adjustments, plans, users } from '../../db/schema/index.ts';
import { can } from '../../domain/access/policy.ts';
import { conflict, DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanAggregate, PlanRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { isUnderAgreement } from '../../domain/plan/lifecycle.ts';
import type { Change } from '../../domain/plan/plan-document.ts';
import { planLengthLimits, planLengthWeeks } from '../../domain/plan/sections.ts';
import { planEndDate } from '../../domain/plan/timeline.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { hrAdministrators } from '../notifications/hr-administrators.ts';
import { notifyParties } from '../notifications/notify-parties.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { deleteFocusArea, insertFocusArea, patchFocusArea } from '../plans/focus-areas.ts';
import { deleteMetric, insertMetric, patchMetric } from '../plans/metrics.ts';
import { factsOf, loadVisiblePlan } from '../plans/plan-access.ts';
import { organizationTimezone } from '../plans/present-plan.ts';
import {
  deleteSuccessCriterion,
  insertSuccessCriterion,
  patchSuccessCriterion,
} from '../plans/success-criteria.ts';
import { changePlanDates } from '../plans/update-plan.ts';
import { findUserWithRole } from '../plans/users-with-role.ts';
import { requirePlanUnchanged } from '../preconditions.ts';

type AdjustmentRow = typeof adjustments.$inferSelect;

async function present(tx: Tx, rows: AdjustmentRow[]) {
  const ids = [
    ...new Set(
      rows.flatMap((r) => [r.proposedByUserId, r.decidedByUserId]).filter((x): x is string => Boolean(x)),
    ),
  ];
  const people = ids.length
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.orgId, rows[0].orgId), inArray(users.id, ids)))
    : [];
  const name = (id: string | null) => people.find((p) => p.id === id)?.name ?? null;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    changes: r.changes,
    summary: r.summary as (Change | string)[],
    reason: r.reason,
    proposedByName: name(r.proposedByUserId) ?? '',
    decidedByName: name(r.decidedByUserId),
    decisionReason: r.decisionReason,
    fromVersion: r.fromVersion,
    toVersion: r.toVersion,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
  }));
}

async function load(tx: Tx, ctx: ServiceContext, planId: string, isLocking: boolean): Promise<PlanAggregate> {
  const aggregate = await loadVisiblePlan(tx, ctx.actor, planId, { isLocking });
  // A mentor sees the development plan only: adjustments are none of theirs.
  if (!can(ctx.actor, 'plan.read', factsOf(aggregate.plan))) throw notFound('Plan');
  return aggregate;
}

export async function listAdjustments(ctx: ServiceContext, planId: string) {
  return inTransaction(ctx.deps, async (tx) => {
    await load(tx, ctx, planId, false);
    const rows = await tx
      .select()
      .from(adjustments)
      .where(and(eq(adjustments.orgId, ctx.actor.orgId), eq(adjustments.planId, planId)))
      .orderBy(desc(adjustments.createdAt));
    return present(tx, rows);
  });
}

/**
 * What the adjustment would change, read against the plan as it is; refuses ids that are not the plan's.
 * `at` is where the changes sit in the request (`body/changes` when proposed, `changes` when decided).
 */
async function describe(
  tx: Tx,
  agg: PlanAggregate,
  changes: AdjustmentChanges,
  at: string,
): Promise<Change[]> {
  const summary: Change[] = [];
  const { plan } = agg;
  if (changes.plan?.endDate !== undefined) {
    summary.push({ path: 'endDate', before: plan.endDate, after: changes.plan.endDate });
  }
  if (changes.plan?.hrRepId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.hrRepId,
      ['hr', 'hr_admin'],
      `${at}/plan/hrRepId`,
    );
    summary.push({ path: 'hrRep', before: plan.header.hrRepName, after: user?.name ?? null });
  }
  if (changes.plan?.mentorId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.mentorId,
      ['mentor'],
      `${at}/plan/mentorId`,
    );
    summary.push({ path: 'mentor', before: plan.header.mentorName, after: user?.name ?? null });
  }
  const rows = <T extends { id: string }>(
    section: string,
    list: T[],
    ops?: { add?: unknown[]; update?: ({ id: string } & object)[]; remove?: string[] },
  ) => {
    for (const [i, add] of (ops?.add ?? []).entries())
      summary.push({ path: `${section}[new ${i + 1}]`, before: null, after: add });
    for (const [i, update] of (ops?.update ?? []).entries()) {
      const row = list.find((r) => r.id === update.id);
      if (!row)
        throw invalidField(`${at}/${section}/update/${i}/id`, `no ${section} row of this plan has this id`);
      for (const [key, value] of Object.entries(update)) {
        if (key !== 'id')
          summary.push({
            path: `${section}[${update.id}].${key}`,
            before: (row as Record<string, unknown>)[key] ?? null,
            after: value,
          });
      }
    }
    for (const [i, id] of (ops?.remove ?? []).entries()) {
      const row = list.find((r) => r.id === id);
      if (!row)
        throw invalidField(`${at}/${section}/remove/${i}`, `no ${section} row of this plan has this id`);
      summary.push({ path: `${section}[${id}]`, before: row, after: null });
    }
  };
  rows('focusAreas', agg.focusAreas, changes.focusAreas);
  rows('metrics', agg.metrics, changes.metrics);
  rows('successCriteria', agg.successCriteria, changes.successCriteria);
  // A removed focus area takes its metrics with it: say so, so that HR approves it knowingly.
  const removedAreas = new Set(changes.focusAreas?.remove ?? []);
  const removedMetrics = new Set(changes.metrics?.remove ?? []);
  for (const metric of agg.metrics) {
    if (metric.focusAreaId && removedAreas.has(metric.focusAreaId) && !removedMetrics.has(metric.id))
      summary.push({ path: `metrics[${metric.id}]`, before: metric, after: null });
  }
  if (summary.length === 0) throw invalidField(at, 'name at least one change');
  return summary;
}

/** Runs the writes and undoes them: the proposal is checked by exactly the code that will apply it. */
async function tryOut(tx: Tx, write: (tx: Tx) => Promise<void>): Promise<void> {
  const undo = new Error('undo the trial writes');
  try {
    await tx.transaction(async (trial) => {
      await write(trial as Tx);
      throw undo;
    });
  } catch (error) {
    if (error !== undo) throw error;
  }
}

const todayOf = async (tx: Tx, ctx: ServiceContext) =>
  todayIn(await organizationTimezone(tx, ctx.actor.orgId), ctx.deps.now());

export async function proposeAdjustment(
  ctx: ServiceContext,
  planId: string,
  input: { reason: string; changes: AdjustmentChanges },
) {
  const { deps, actor, meta } = ctx;
  return inTransaction(deps, async (tx) => {
    const agg = await load(tx, ctx, planId, true);
    requirePlanUnchanged(ctx, agg.plan);
    if (!can(actor, 'plan.propose_adjustment', factsOf(agg.plan))) {
      throw new DomainError('forbidden', 'Only the manager or HR may propose adjustments');
    }
    if (!isUnderAgreement(agg.plan.status)) {
      throw conflict(
        agg.plan.status === 'draft'
          ? 'A draft is edited directly; adjustments are for agreed plans'
          : `A plan that is ${agg.plan.status} cannot be adjusted`,
        [],
      );
    }
    const summary = await describe(tx, agg, input.changes, 'body/changes');
    const today = await todayOf(tx, ctx);
    await tryOut(tx, (trial) => apply(trial, agg, input.changes, 'body/changes', today));
    const now = deps.now();
    const [row] = await tx
      .insert(adjustments)
      .values({
        orgId: actor.orgId,
        planId,
        kind: 'major',
        status: 'pending',
        changes: input.changes as Record<string, unknown>,
        summary: summary as never,
        reason: input.reason,
        proposedByUserId: actor.userId,
        fromVersion: agg.plan.version,
        createdAt: now.toISOString(),
      })
      .returning();
    await appendAuditEvent(tx, meta, now, {
      orgId: actor.orgId,
      actorUserId: actor.userId,
      action: 'adjustment.proposed',
      entityType: 'adjustment',
      entityId: row.id,
      planId,
      digest: { paths: summary.map((s) => s.path) },
    });
    // HR decides an adjustment: the organisation's HR administrators hear of it even when not of the plan.
    await notifyParties(
      tx,
      agg.plan,
      'adjustment.proposed',
      now,
      { adjustmentId: row.id, by: actor.name },
      await hrAdministrators(tx, actor.orgId),
    );
    return (await present(tx, [row]))[0];
  });
}

export async function decideAdjustment(
  ctx: ServiceContext,
  planId: string,
  adjustmentId: string,
  input: { decision: 'approve' | 'reject'; reason: string },
) {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const agg = await load(tx, ctx, planId, true);
    requirePlanUnchanged(ctx, agg.plan);
    if (!can(actor, 'plan.decide_adjustment', factsOf(agg.plan)))
      throw new DomainError('forbidden', 'Only HR decides adjustments');
    const [row] = await tx
      .select()
      .from(adjustments)
      .where(
        and(
          eq(adjustments.orgId, actor.orgId),
          eq(adjustments.planId, planId),
          eq(adjustments.id, adjustmentId),
        ),
      );
    if (!row) throw notFound('Adjustment');
    if (row.status !== 'pending') throw conflict(`This adjustment was already ${row.status}`, []);
    if (!isUnderAgreement(agg.plan.status))
      throw conflict(`A plan that is ${agg.plan.status} cannot be adjusted`, []);
    const now = deps.now().toISOString();
    let toVersion: number | null = null;
    if (input.decision === 'approve') {
      // Checked again against the plan as it is now: it may have changed since the proposal.
      const changes = row.changes as AdjustmentChanges;
      await describe(tx, agg, changes, 'changes');
      await apply(tx, agg, changes, 'changes', await todayOf(tx, ctx));
      // New content needs new signatures: back to acknowledgment (a paused plan stays paused until resumed).
      await tx
        .update(plans)
        .set({ status: 'awaiting_acknowledgment', pausedAt: null, pauseReason: null })
        .where(eq(plans.id, planId));
      const committed = await commitPlanChange(tx, ctx, planId, {
        action: 'adjustment.approved',
        entityType: 'adjustment',
        entityId: adjustmentId,
        reason: row.reason,
        isMajorAllowed: true,
      });
      // Even a change that leaves the document's major hash unchanged was agreed as major: signatures restart.
      toVersion = committed.version;
      await tx.update(plans).set({ majorVersion: committed.version }).where(eq(plans.id, planId));
      await notifyParties(tx, committed.aggregate.plan, 'adjustment.decided', deps.now(), {
        decision: 'approved',
        adjustmentId,
      });
    } else {
      await appendAuditEvent(tx, ctx.meta, deps.now(), {
        orgId: actor.orgId,
        actorUserId: actor.userId,
        action: 'adjustment.rejected',
        entityType: 'adjustment',
        entityId: adjustmentId,
        planId,
      });
      await notifyParties(tx, agg.plan, 'adjustment.decided', deps.now(), {
        decision: 'rejected',
        adjustmentId,
      });
    }
    const [updated] = await tx
      .update(adjustments)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedByUserId: actor.userId,
        decisionReason: input.reason,
        decidedAt: now,
        toVersion,
      })
      .where(eq(adjustments.id, adjustmentId))
      .returning();
    return (await present(tx, [updated]))[0];
  });
}

/**
 * Writes an adjustment through the section writers of the direct endpoints, so each section is checked by
 * its one rule; an end date reschedules the timeline as a change of dates does on a draft.
 */
async function apply(
  tx: Tx,
  agg: PlanAggregate,
  changes: AdjustmentChanges,
  at: string,
  today: string,
): Promise<void> {
  const { plan } = agg;
  const content = structuredClone(plan.content);
  const header = { ...plan.header };
  const planSet: Partial<typeof plans.$inferInsert> = {};
  let durationWeeks = plan.durationWeeks;
  if (changes.plan?.endDate !== undefined) {
    durationWeeks = planLengthWeeks(
      plan.startDate,
      changes.plan.endDate,
      planLengthLimits.extension,
      `${at}/plan/endDate`,
    );
  }
  // Rows are checked against the plan's new dates.
  const written: PlanRow = { ...plan, durationWeeks, endDate: planEndDate(plan.startDate, durationWeeks) };
  if (changes.plan?.hrRepId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.hrRepId,
      ['hr', 'hr_admin'],
      `${at}/plan/hrRepId`,
    );
    planSet.hrRepUserId = user?.id ?? null;
    header.hrRepName = user?.name ?? null;
  }
  if (changes.plan?.mentorId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.mentorId,
      ['mentor'],
      `${at}/plan/mentorId`,
    );
    planSet.mentorUserId = user?.id ?? null;
    header.mentorName = user?.name ?? null;
  }
  const missing = (path: string) => invalidField(path, 'no row of this plan has this id');

  for (const [i, area] of (changes.focusAreas?.add ?? []).entries())
    await insertFocusArea(tx, written, area, `${at}/focusAreas/add/${i}`);
  for (const [i, { id, ...fields }] of (changes.focusAreas?.update ?? []).entries()) {
    if (!(await patchFocusArea(tx, written, id, fields, `${at}/focusAreas/update/${i}`)))
      throw missing(`${at}/focusAreas/update/${i}/id`);
  }
  for (const [i, id] of (changes.focusAreas?.remove ?? []).entries()) {
    if (!(await deleteFocusArea(tx, written, id))) throw missing(`${at}/focusAreas/remove/${i}`);
  }
  if (written.endDate !== plan.endDate) {
    Object.assign(
      planSet,
      await changePlanDates(
        tx,
        plan,
        content,
        { startDate: plan.startDate, durationWeeks },
        today,
        `${at}/plan/endDate`,
      ),
    );
  }
  for (const [i, metric] of (changes.metrics?.add ?? []).entries())
    await insertMetric(tx, written, metric, `${at}/metrics/add/${i}`);
  for (const [i, { id, ...fields }] of (changes.metrics?.update ?? []).entries()) {
    if (!(await patchMetric(tx, written, id, fields, `${at}/metrics/update/${i}`)))
      throw missing(`${at}/metrics/update/${i}/id`);
  }
  for (const [i, id] of (changes.metrics?.remove ?? []).entries()) {
    if (!(await deleteMetric(tx, written, id))) throw missing(`${at}/metrics/remove/${i}`);
  }
  for (const { text } of changes.successCriteria?.add ?? []) await insertSuccessCriterion(tx, written, text);
  for (const [i, { id, text }] of (changes.successCriteria?.update ?? []).entries()) {
    if (!(await patchSuccessCriterion(tx, written, id, { text })))
      throw missing(`${at}/successCriteria/update/${i}/id`);
  }
  for (const [i, id] of (changes.successCriteria?.remove ?? []).entries()) {
    if (!(await deleteSuccessCriterion(tx, written, id))) throw missing(`${at}/successCriteria/remove/${i}`);
  }
  await tx
    .update(plans)
    .set({ ...planSet, header, content })
    .where(and(eq(plans.orgId, plan.orgId), eq(plans.id, plan.id)));
}
