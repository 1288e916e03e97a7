// Signed acknowledgments bound to the plan version, refusals with the employee's response, and HR witnesses.
import { and, desc, eq } from 'drizzle-orm';
import type { PlanView } from '../../contracts/plans.ts';
import type { Tx } from '../../db/client.ts';
import { planVersions, signatures } from '../../db/schema/index.ts';
import { can, type PlanAction } from '../../domain/access/policy.ts';
import { conflict, DomainError, invalidField, notFound } from '../../domain/errors.ts';
import type { PlanAggregate, SignatureRow } from '../../domain/plan/aggregate.ts';
import { todayIn } from '../../domain/plan/dates.ts';
import { hasSigned, isFullySigned } from '../../domain/plan/signatures.ts';
import type { AuditInput } from '../audit/append-audit-event.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { recordResponse } from '../fairness/responses.ts';
import { notifyParties } from '../notifications/notify-parties.ts';
import { commitPlanRecord } from '../plans/commit-plan-change.ts';
import { factsOf, loadVisiblePlan } from '../plans/plan-access.ts';
import { organizationTimezone, presentPlan } from '../plans/present-plan.ts';
import { requirePlanUnchanged } from '../preconditions.ts';
import { scheduleCheckIns } from '../running/schedule-check-ins.ts';

export type SignRole = 'employee' | 'manager' | 'hr';
export type SignInput =
  | { role?: SignRole; typedName: string; clauses: string[]; refused?: false; response?: string }
  | { role?: 'employee'; refused: true; response: string };

const signAction: Record<SignRole, PlanAction> = {
  employee: 'plan.sign_as_employee',
  manager: 'plan.sign_as_manager',
  hr: 'plan.sign_as_hr',
};

/** Names match when they differ only in case, accents' composition and spacing. */
const sameName = (a: string, b: string) => {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return norm(a) === norm(b);
};

export async function signPlan(ctx: ServiceContext, planId: string, input: SignInput): Promise<PlanView> {
  const { deps, actor, meta } = ctx;
  return inTransaction(deps, async (tx) => {
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId, { isLocking: true });
    const { plan } = aggregate;
    requirePlanUnchanged(ctx, plan);
    const facts = factsOf(plan);
    const mayAs = (['employee', 'manager', 'hr'] as const).filter((r) => can(actor, signAction[r], facts));
    const role = input.role ?? mayAs[0];
    if (!role || !mayAs.includes(role)) {
      throw new DomainError(
        'forbidden',
        input.role ? `You may not sign this plan as ${input.role}` : 'You have no role to sign this plan in',
      );
    }
    if (plan.status !== 'awaiting_acknowledgment') {
      throw conflict(
        `Signatures are collected while the plan awaits acknowledgment; it is ${plan.status}`,
        [],
      );
    }
    if (hasSigned(aggregate.signatures, plan.majorVersion, role)) {
      throw conflict(`The ${role} has already signed this version`, []);
    }
    const [version] = await tx
      .select()
      .from(planVersions)
      .where(and(eq(planVersions.orgId, plan.orgId), eq(planVersions.planId, planId)))
      .orderBy(desc(planVersions.version))
      .limit(1);
    const now = deps.now();
    const base = {
      orgId: plan.orgId,
      planId,
      version: version.version,
      role,
      userId: actor.userId,
      signerName: actor.name,
      documentHash: version.documentHash,
      ip: meta.ip,
      userAgent: meta.userAgent,
      signedAt: now.toISOString(),
    };
    if (input.refused) {
      if (role !== 'employee') throw invalidField('body/refused', 'only the employee may refuse to sign');
      if (!input.response?.trim())
        throw invalidField('body/response', 'write the reason for refusing to sign');
      const [row] = await tx
        .insert(signatures)
        .values({ ...base, typedName: null, clauses: [], isRefused: true, response: input.response.trim() })
        .returning();
      aggregate.signatures.push(row as SignatureRow);
      // The refusal's response is also one of the employee's responses, kept as written with every copy.
      await recordResponse(tx, ctx, plan, input.response.trim(), 'refusal');
    } else {
      const expected = plan.content.acknowledgmentClauses[role].clauses.map((c) => c.id);
      const unknown = input.clauses.findIndex((c) => !expected.includes(c));
      if (unknown >= 0) throw invalidField(`body/clauses/${unknown}`, `is not a ${role} clause of this plan`);
      const missing = expected.filter((c) => !input.clauses.includes(c));
      if (missing.length)
        throw invalidField('body/clauses', `tick every clause to sign; missing: ${missing.join(', ')}`);
      if (!sameName(input.typedName, actor.name)) {
        throw invalidField('body/typedName', `type your name exactly as it appears: ${actor.name}`);
      }
      const [row] = await tx
        .insert(signatures)
        .values({ ...base, typedName: input.typedName.trim(), clauses: expected, isRefused: false })
        .returning();
      aggregate.signatures.push(row as SignatureRow);
      if (input.response?.trim()) {
        if (role !== 'employee')
          throw invalidField('body/response', 'only the employee adds a written response when signing');
        await recordResponse(tx, ctx, plan, input.response.trim(), 'signing');
      }
    }
    return finish(tx, ctx, aggregate, input.refused ? 'plan.refused' : 'plan.signed', role);
  });
}

export async function witnessRefusal(
  ctx: ServiceContext,
  planId: string,
  signatureId: string,
  statement: string,
): Promise<PlanView> {
  const { deps, actor } = ctx;
  return inTransaction(deps, async (tx) => {
    const aggregate = await loadVisiblePlan(tx, ctx.actor, planId, { isLocking: true });
    requirePlanUnchanged(ctx, aggregate.plan);
    if (!can(actor, 'plan.witness', factsOf(aggregate.plan)))
      throw new DomainError('forbidden', 'Only HR witnesses a refusal');
    const refusal = aggregate.signatures.find((s) => s.id === signatureId && s.isRefused);
    if (!refusal) throw notFound('Refusal');
    if (refusal.witnessedAt) throw conflict('This refusal already has a witness statement', []);
    if (!statement.trim()) throw invalidField('body/statement', 'write what you witnessed');
    const [witnessed] = await tx
      .update(signatures)
      .set({
        witnessUserId: actor.userId,
        witnessName: actor.name,
        witnessStatement: statement.trim(),
        witnessedAt: deps.now().toISOString(),
      })
      .where(and(eq(signatures.orgId, actor.orgId), eq(signatures.id, signatureId)))
      .returning();
    Object.assign(refusal, witnessed);
    return finish(tx, ctx, aggregate, 'plan.refusal_witnessed', 'hr');
  });
}

/**
 * When the employee (or a witnessed refusal), the manager and HR all stand on this version, the plan starts.
 * The aggregate loaded at the start of the request already holds the new or witnessed signature: a signature
 * is not content, so no version is made and nothing is loaded again.
 */
async function finish(
  tx: Tx,
  ctx: ServiceContext,
  aggregate: PlanAggregate,
  action: 'plan.signed' | 'plan.refused' | 'plan.refusal_witnessed',
  role: SignRole,
): Promise<PlanView> {
  const now = ctx.deps.now();
  const { plan } = aggregate;
  const isComplete = isFullySigned(aggregate.signatures, plan.majorVersion);
  const scheduled: AuditInput[] = [];
  if (isComplete) {
    plan.status = 'active';
    await scheduleCheckIns(tx, plan, now, ctx.meta, { auditInto: scheduled });
  }
  const { revision } = await commitPlanRecord(
    tx,
    ctx,
    plan.id,
    [{ action, entityType: 'signature', digest: { role, ...(isComplete ? { activated: true } : {}) } }],
    { set: isComplete ? { status: 'active' } : {}, earlier: scheduled },
  );
  plan.revision = revision;
  await notifyParties(tx, plan, action === 'plan.refused' ? 'plan.refused' : 'plan.signed', now, {
    role,
    by: ctx.actor.name,
  });
  if (isComplete) await notifyParties(tx, plan, 'plan.activated', now);
  return presentPlan(ctx.actor, aggregate, todayIn(await organizationTimezone(tx, ctx.actor.orgId), now));
}
