// Appends one event to its chain: the plan's own chain, or the organisation's for events outside plans.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditChainHeads, auditEvents } from '../../db/schema/index.ts';
import { eventHash, genesisHash } from '../../domain/audit/chain.ts';
import { type AuditAction, checkAuditData } from '../../domain/audit/events.ts';
import type { RequestMeta, ServiceContext } from '../context.ts';

export type AuditInput = {
  orgId: string;
  actorUserId: string | null;
  /** A kind from the catalogue (src/domain/audit/events.ts); `digest` is checked against its schema. */
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  planId?: string | null;
  digest?: Record<string, unknown> | null;
};

/** Must run inside the caller's transaction; locks only the head row of its own chain. */
export async function appendAuditEvent(
  tx: Executor,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
): Promise<void> {
  checkAuditData(input.action, input.digest);
  const chain = input.planId ?? 'org';
  // Two statements: take (or start) the chain's head, locked until the transaction ends; then write the event
  // and move the head in one statement.
  const [head] = await tx
    .insert(auditChainHeads)
    .values({ orgId: input.orgId, chain, seq: 0, hash: genesisHash })
    .onConflictDoUpdate({
      target: [auditChainHeads.orgId, auditChainHeads.chain],
      set: { seq: sql`${auditChainHeads.seq}` },
    })
    .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
  const event = {
    orgId: input.orgId,
    chain,
    seq: head.seq + 1,
    actorUserId: input.actorUserId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    planId: input.planId ?? null,
    at: at.toISOString(),
    requestId: meta.requestId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    digest: input.digest ?? null,
    prevHash: head.hash,
  };
  const hash = eventHash(event);
  const written = tx.$with('written').as(
    tx
      .insert(auditEvents)
      .values({ ...event, hash })
      .returning({ seq: auditEvents.seq }),
  );
  await tx
    .with(written)
    .update(auditChainHeads)
    .set({ seq: event.seq, hash })
    .where(
      and(
        eq(auditChainHeads.orgId, input.orgId),
        eq(auditChainHeads.chain, chain),
        sql`exists (select 1 from ${written})`,
      ),
    );
}

/** An event done by the signed-in user of a request: their organisation, their id, the request's time. */
export const appendActorEvent = (
  tx: Executor,
  ctx: ServiceContext,
  input: Omit<AuditInput, 'orgId' | 'actorUserId'>,
): Promise<void> =>
  appendAuditEvent(tx, ctx.meta, ctx.deps.now(), {
    ...input,
    orgId: ctx.actor.orgId,
    actorUserId: ctx.actor.userId,
  });
