// Major adjustments of an agreed plan: proposed with a reason, decided by HR; approval makes a new version,
// voids the signatures and sends the plan back for acknowledgment. An extension is an adjustment of the end date.
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import type { AdjustmentChanges } from '../../contracts/lifecycle.ts';
import type { Tx } from '../../db/client.ts';
import { adjustments, focusAreas, metrics, plans, successCriteria, users } from '../../db/schema/index.ts';
import { can } from '../../domain/access/policy.ts';
import { conflict, DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanAggregate } from '../../domain/plan/aggregate.ts';
import { daysBetween } from '../../domain/plan/dates.ts';
import { isUnderAgreement } from '../../domain/plan/lifecycle.ts';
import type { Change } from '../../domain/plan/plan-document.ts';
import { appendAuditEvent } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notifyParties } from '../notifications/notify-parties.ts';
import { commitPlanChange } from '../plans/commit-plan-change.ts';
import { factsOf, loadVisiblePlan } from '../plans/plan-access.ts';
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
    ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
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

/** What the adjustment would change, read against the plan as it is; refuses ids and values that cannot apply. */
async function describe(tx: Tx, agg: PlanAggregate, changes: AdjustmentChanges): Promise<Change[]> {
  const summary: Change[] = [];
  const { plan } = agg;
  if (changes.plan?.endDate !== undefined) {
    const days = daysBetween(plan.startDate, changes.plan.endDate) + 1;
    if (days <= 0) throw invalidField('body/changes/plan/endDate', 'must be after the start date');
    if (days % 7 !== 0)
      throw invalidField(
        'body/changes/plan/endDate',
        'must end a whole number of weeks after the start date',
      );
    if (days / 7 > 52)
      throw invalidField('body/changes/plan/endDate', 'a plan may be extended to 52 weeks at most');
    summary.push({ path: 'endDate', before: plan.endDate, after: changes.plan.endDate });
  }
  if (changes.plan?.hrRepId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.hrRepId,
      ['hr', 'hr_admin'],
      'body/changes/plan/hrRepId',
    );
    summary.push({ path: 'hrRep', before: plan.header.hrRepName, after: user?.name ?? null });
  }
  if (changes.plan?.mentorId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.mentorId,
      ['mentor'],
      'body/changes/plan/mentorId',
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
        throw invalidField(
          `body/changes/${section}/update/${i}/id`,
          `no ${section} row of this plan has this id`,
        );
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
        throw invalidField(
          `body/changes/${section}/remove/${i}`,
          `no ${section} row of this plan has this id`,
        );
      summary.push({ path: `${section}[${id}]`, before: row, after: null });
    }
  };
  rows('focusAreas', agg.focusAreas, changes.focusAreas);
  rows('metrics', agg.metrics, changes.metrics);
  rows('successCriteria', agg.successCriteria, changes.successCriteria);
  for (const [i, m] of (changes.metrics?.add ?? []).entries()) {
    if (m.baseline === m.target)
      throw invalidField(`body/changes/metrics/add/${i}/target`, 'must differ from the baseline');
  }
  for (const [i, m] of (changes.metrics?.update ?? []).entries()) {
    const row = agg.metrics.find((r) => r.id === m.id)!;
    if ((m.baseline ?? row.baseline) === (m.target ?? row.target)) {
      throw invalidField(`body/changes/metrics/update/${i}/target`, 'must differ from the baseline');
    }
  }
  if (summary.length === 0) throw invalidField('body/changes', 'name at least one change');
  return summary;
}

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
    const summary = await describe(tx, agg, input.changes);
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
    await notifyParties(tx, agg.plan, 'adjustment.proposed', now, { adjustmentId: row.id, by: actor.name });
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
      await apply(tx, agg, row.changes as AdjustmentChanges);
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

async function apply(tx: Tx, agg: PlanAggregate, changes: AdjustmentChanges): Promise<void> {
  const { plan } = agg;
  const scope = (table: typeof focusAreas | typeof metrics | typeof successCriteria, id: string) =>
    and(eq(table.orgId, plan.orgId), eq(table.planId, plan.id), eq(table.id, id));
  const planSet: Partial<typeof plans.$inferInsert> = {};
  const header = { ...plan.header };
  if (changes.plan?.endDate) {
    planSet.endDate = changes.plan.endDate;
    planSet.durationWeeks = (daysBetween(plan.startDate, changes.plan.endDate) + 1) / 7;
  }
  if (changes.plan?.hrRepId !== undefined) {
    const user = await findUserWithRole(
      tx,
      plan.orgId,
      changes.plan.hrRepId,
      ['hr', 'hr_admin'],
      'changes/plan/hrRepId',
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
      'changes/plan/mentorId',
    );
    planSet.mentorUserId = user?.id ?? null;
    header.mentorName = user?.name ?? null;
  }
  await tx
    .update(plans)
    .set({ ...planSet, header })
    .where(eq(plans.id, plan.id));

  const next = async (table: typeof focusAreas | typeof metrics | typeof successCriteria) => {
    const [{ value }] = await tx
      .select({ value: max(table.position) })
      .from(table)
      .where(and(eq(table.orgId, plan.orgId), eq(table.planId, plan.id)));
    return (value ?? -1) + 1;
  };
  const base = { orgId: plan.orgId, planId: plan.id };
  for (const area of changes.focusAreas?.add ?? []) {
    await tx.insert(focusAreas).values({
      ...base,
      position: await next(focusAreas),
      templateKey: null,
      title: area.title,
      goalTitle: area.goalTitle ?? area.title,
      issue: area.issue ?? '',
      impact: area.impact ?? '',
      examples: area.examples ?? [],
      requiredStandard: area.requiredStandard ?? '',
      goal: area.goal ?? '',
      measurement: area.measurement ?? '',
      deadline: area.deadline ?? planSet.endDate ?? plan.endDate,
      successCriteria: area.successCriteria ?? '',
    });
  }
  for (const { id, position: _p, ...fields } of changes.focusAreas?.update ?? [])
    await tx.update(focusAreas).set(fields).where(scope(focusAreas, id));
  for (const id of changes.focusAreas?.remove ?? []) await tx.delete(focusAreas).where(scope(focusAreas, id));
  for (const metric of changes.metrics?.add ?? []) {
    await tx
      .insert(metrics)
      .values({ ...base, position: await next(metrics), ...metric, focusAreaId: metric.focusAreaId ?? null });
  }
  for (const { id, ...fields } of changes.metrics?.update ?? [])
    await tx.update(metrics).set(fields).where(scope(metrics, id));
  for (const id of changes.metrics?.remove ?? []) await tx.delete(metrics).where(scope(metrics, id));
  for (const { text } of changes.successCriteria?.add ?? []) {
    await tx.insert(successCriteria).values({ ...base, position: await next(successCriteria), text });
  }
  for (const { id, text } of changes.successCriteria?.update ?? [])
    await tx.update(successCriteria).set({ text }).where(scope(successCriteria, id));
  for (const id of changes.successCriteria?.remove ?? [])
    await tx.delete(successCriteria).where(scope(successCriteria, id));
}
