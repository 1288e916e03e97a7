// The plan's record: versions and their differences, comments and written responses, and its audit trail.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { findPlanRow } from '../../db/repositories/plan-repository.ts';
import { auditEvents, planComments, planVersions, users } from '../../db/schema/index.ts';
import { can, type PlanAction } from '../../domain/access/policy.ts';
import type { AuditAction } from '../../domain/audit/events.ts';
import { DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import { isReadOnly } from '../../domain/plan/lifecycle.ts';
import { diffDocuments } from '../../domain/plan/plan-document.ts';
import { appendActorEvent, appendAuditEvent } from '../audit/append-audit-event.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { notifyParties } from '../notifications/notify-parties.ts';
import { canSee, factsOf } from '../plans/plan-access.ts';

async function requireReadable(
  tx: Tx,
  ctx: ServiceContext,
  planId: string,
  action: PlanAction = 'plan.read',
): Promise<PlanRow> {
  const plan = await findPlanRow(tx, ctx.actor.orgId, planId);
  if (!plan || !canSee(ctx.actor, plan) || !can(ctx.actor, 'plan.read', factsOf(plan)))
    throw notFound('Plan');
  if (!can(ctx.actor, action, factsOf(plan)))
    throw new DomainError('forbidden', `You may not do this (${action})`);
  return plan;
}

const viewed = (
  tx: Tx,
  ctx: ServiceContext,
  planId: string,
  action: AuditAction,
  entityId: string | null = null,
) => appendActorEvent(tx, ctx, { action, entityType: 'plan', entityId: entityId ?? planId, planId });

async function namesOf(tx: Tx, orgId: string, ids: (string | null)[]) {
  const unique = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  const rows = unique.length
    ? await tx
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.orgId, orgId), inArray(users.id, unique)))
    : [];
  return (id: string | null) => rows.find((r) => r.id === id)?.name ?? null;
}

export async function listVersions(ctx: ServiceContext, planId: string) {
  return inTransaction(ctx.deps, async (tx) => {
    await requireReadable(tx, ctx, planId);
    const rows = await tx
      .select({
        version: planVersions.version,
        createdAt: planVersions.createdAt,
        createdByUserId: planVersions.createdByUserId,
        reason: planVersions.reason,
        documentHash: planVersions.documentHash,
      })
      .from(planVersions)
      .where(and(eq(planVersions.orgId, ctx.actor.orgId), eq(planVersions.planId, planId)))
      .orderBy(desc(planVersions.version));
    const name = await namesOf(
      tx,
      ctx.actor.orgId,
      rows.map((r) => r.createdByUserId),
    );
    return rows.map(({ createdByUserId, ...r }) => ({
      ...r,
      createdAt: new Date(r.createdAt).toISOString(),
      createdByName: name(createdByUserId),
    }));
  });
}

async function findVersion(tx: Tx, orgId: string, planId: string, version: number, path: string) {
  const [row] = await tx
    .select()
    .from(planVersions)
    .where(
      and(eq(planVersions.orgId, orgId), eq(planVersions.planId, planId), eq(planVersions.version, version)),
    );
  if (!row) throw path ? invalidField(path, `version ${version} does not exist`) : notFound('Version');
  return row;
}

export async function getVersion(ctx: ServiceContext, planId: string, version: number) {
  return inTransaction(ctx.deps, async (tx) => {
    await requireReadable(tx, ctx, planId);
    const row = await findVersion(tx, ctx.actor.orgId, planId, version, '');
    await viewed(tx, ctx, planId, 'plan.version_viewed', `${planId}@${version}`);
    const name = await namesOf(tx, ctx.actor.orgId, [row.createdByUserId]);
    return {
      version: row.version,
      createdAt: new Date(row.createdAt).toISOString(),
      createdByName: name(row.createdByUserId),
      reason: row.reason,
      documentHash: row.documentHash,
      snapshot: row.snapshot,
    };
  });
}

export async function diffVersions(ctx: ServiceContext, planId: string, from: number, to: number) {
  return inTransaction(ctx.deps, async (tx) => {
    await requireReadable(tx, ctx, planId);
    const a = await findVersion(tx, ctx.actor.orgId, planId, from, 'querystring/from');
    const b = await findVersion(tx, ctx.actor.orgId, planId, to, 'querystring/to');
    return { from, to, changes: diffDocuments(a.snapshot, b.snapshot) };
  });
}

export async function listComments(ctx: ServiceContext, planId: string) {
  return inTransaction(ctx.deps, async (tx) => {
    await requireReadable(tx, ctx, planId);
    const rows = await tx
      .select()
      .from(planComments)
      .where(and(eq(planComments.orgId, ctx.actor.orgId), eq(planComments.planId, planId)))
      .orderBy(asc(planComments.createdAt));
    return rows.map((r) => ({
      id: r.id,
      authorName: r.authorName,
      kind: r.kind,
      body: r.body,
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  });
}

/** Anyone of the plan may comment; the employee's written response is kept in the record. */
export async function addComment(
  ctx: ServiceContext,
  planId: string,
  input: { body: string; kind: 'comment' | 'response' },
) {
  return inTransaction(ctx.deps, async (tx) => {
    const plan = await requireReadable(tx, ctx, planId, 'plan.comment');
    if (isReadOnly(plan.status) && input.kind !== 'response') {
      throw new DomainError(
        'conflict',
        `The plan is ${plan.status} and read-only; only the employee’s written response can be added`,
      );
    }
    const now = ctx.deps.now();
    const [row] = await tx
      .insert(planComments)
      .values({
        orgId: ctx.actor.orgId,
        planId,
        authorUserId: ctx.actor.userId,
        authorName: ctx.actor.name,
        kind: input.kind,
        body: input.body,
        createdAt: now.toISOString(),
      })
      .returning();
    await appendAuditEvent(tx, ctx.meta, now, {
      orgId: ctx.actor.orgId,
      actorUserId: ctx.actor.userId,
      action: input.kind === 'response' ? 'plan.response_added' : 'plan.comment_added',
      entityType: 'comment',
      entityId: row.id,
      planId,
    });
    await notifyParties(tx, plan, 'comment.added', now, { by: ctx.actor.name, kind: input.kind });
    return {
      id: row.id,
      authorName: row.authorName,
      kind: row.kind,
      body: row.body,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  });
}

export async function planAuditTrail(ctx: ServiceContext, planId: string) {
  return inTransaction(ctx.deps, async (tx) => {
    await requireReadable(tx, ctx, planId, 'plan.read_audit');
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, ctx.actor.orgId), eq(auditEvents.chain, planId)))
      .orderBy(asc(auditEvents.seq));
    const name = await namesOf(
      tx,
      ctx.actor.orgId,
      rows.map((r) => r.actorUserId),
    );
    const verification = await verifyAudit(tx, ctx.actor.orgId, planId);
    await viewed(tx, ctx, planId, 'plan.audit_viewed');
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        action: r.action,
        actorName: name(r.actorUserId),
        at: new Date(r.at).toISOString(),
        entityType: r.entityType,
        entityId: r.entityId,
        ip: r.ip,
        requestId: r.requestId,
        hash: r.hash,
      })),
      verification,
    };
  });
}

export async function verifyOrganizationAudit(ctx: ServiceContext) {
  if (!ctx.actor.roles.has('hr_admin') && !ctx.actor.roles.has('auditor')) {
    throw new DomainError('forbidden', 'Only HR administrators and auditors verify the audit trail');
  }
  return verifyAudit(ctx.deps.database.db, ctx.actor.orgId);
}
