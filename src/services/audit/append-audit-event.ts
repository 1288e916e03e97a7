// Appends one event to its chain: the plan's own chain, or the organisation's for events outside plans.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { preparedStatement } from '../../db/prepared.ts';
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
export function appendAuditEvent(
  tx: Executor,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
): Promise<void> {
  return appendAuditEvents(tx, meta, at, [input]);
}

/**
 * Appends events of one chain in order, in two statements however many they are: take (or start) the
 * chain's head, locked until the transaction ends; then write the events and move the head in one statement.
 */
export async function appendAuditEvents(
  tx: Executor,
  meta: RequestMeta,
  at: Date,
  inputs: AuditInput[],
): Promise<void> {
  if (!inputs.length) return;
  const { orgId } = inputs[0];
  const chain = inputs[0].planId ?? 'org';
  for (const input of inputs) {
    checkAuditData(input.action, input.digest);
    if (input.orgId !== orgId || (input.planId ?? 'org') !== chain)
      throw new Error('appendAuditEvents: every event of one call belongs to one chain');
  }
  const [head] = await tx
    .insert(auditChainHeads)
    .values({ orgId, chain, seq: 0, hash: genesisHash })
    .onConflictDoUpdate({
      target: [auditChainHeads.orgId, auditChainHeads.chain],
      set: { seq: sql`${auditChainHeads.seq}` },
    })
    .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
  let { seq, hash } = head;
  const rows = inputs.map((input) => {
    const event = chainedEvent(meta, at, input, { seq, hash });
    seq = event.seq;
    hash = event.hash;
    return event;
  });
  const written = tx
    .$with('written')
    .as(tx.insert(auditEvents).values(rows).returning({ seq: auditEvents.seq }));
  await tx
    .with(written)
    .update(auditChainHeads)
    .set({ seq, hash })
    .where(
      and(
        eq(auditChainHeads.orgId, orgId),
        eq(auditChainHeads.chain, chain),
        sql`exists (select 1 from ${written})`,
      ),
    );
}

/** One event after a given head, in one statement (prepared once): the head moves only if it is still that head. */
const eventAfterHead = preparedStatement<Record<string, unknown>>('mejora_audit_after_head', () => {
  const v = (key: string) => sql.placeholder(key);
  return sql`
    with moved as (
      update ${auditChainHeads} h set seq = ${v('seq')}::int, hash = ${v('hash')}::text
      where h.org_id = ${v('orgId')}::uuid and h.chain = ${v('chain')}::text and h.seq = ${v('headSeq')}::int
        and h.hash = ${v('headHash')}::text
      returning h.seq)
    insert into ${auditEvents} (org_id, chain, seq, actor_user_id, action, entity_type, entity_id, plan_id, at,
      request_id, ip, user_agent, digest, prev_hash, hash)
    select ${v('orgId')}::uuid, ${v('chain')}::text, moved.seq, ${v('actorUserId')}::uuid, ${v('action')}::text,
      ${v('entityType')}::text, ${v('entityId')}::text, ${v('planId')}::uuid, ${v('at')}::timestamptz,
      ${v('requestId')}::text, ${v('ip')}::text, ${v('userAgent')}::text, ${v('digest')}::jsonb,
      ${v('prevHash')}::text, ${v('hash')}::text
    from moved
    returning seq`;
});

/** A chain's head as last read: its sequence number and hash. */
export type ChainHead = { seq: number; hash: string };

/** The event that follows `after` in its chain, with its hash. */
function chainedEvent(meta: RequestMeta, at: Date, input: AuditInput, after: ChainHead) {
  const event = {
    orgId: input.orgId,
    chain: input.planId ?? 'org',
    seq: after.seq + 1,
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
    prevHash: after.hash,
  };
  return { ...event, hash: eventHash(event) };
}

/**
 * Appends one event after the head the caller read, in one statement and outside any transaction: the head moves
 * only if it is still that head, and the event is written only if it moved. Nothing is locked beyond that
 * statement, so readers of one plan do not queue for a transaction's three round trips. Returns false when the
 * head had moved (another event came first): the caller then appends the usual way.
 */
export async function appendAuditEventAfter(
  db: Executor,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
  head: ChainHead,
): Promise<boolean> {
  checkAuditData(input.action, input.digest);
  const event = chainedEvent(meta, at, input, head);
  const written = await eventAfterHead.execute(db, {
    ...event,
    digest: event.digest === null ? null : JSON.stringify(event.digest),
    headSeq: head.seq,
    headHash: head.hash,
  });
  return written.length === 1;
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
