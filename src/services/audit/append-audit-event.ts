// Appends one event to its chain: the plan's own chain, or the organisation's for events outside plans.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { preparedStatement } from '../../db/prepared.ts';
import type { PlanStamps } from '../../db/repositories/plan-repository.ts';
import { auditChainHeads, auditEvents, organizationStamps, planStamps } from '../../db/schema/index.ts';
import { type ChainedEvent, eventHash, eventTextAroundHead, genesisHash } from '../../domain/audit/chain.ts';
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
export function appendAuditEvents(
  tx: Executor,
  meta: RequestMeta,
  at: Date,
  inputs: AuditInput[],
): Promise<void> {
  return appendChainEvents(
    tx,
    inputs.map((input) => ({ meta, at, input })),
  );
}

/** An event with the request that made it and its time: events appended together may come from several. */
export type PendingEvent = { meta: RequestMeta; at: Date; input: AuditInput };

/** `appendAuditEvents` for events of one chain that each carry their own request and time. */
export async function appendChainEvents(tx: Executor, events: PendingEvent[]): Promise<void> {
  if (!events.length) return;
  const { orgId } = events[0].input;
  const chain = events[0].input.planId ?? 'org';
  for (const { input } of events) {
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
  const rows = events.map(({ meta, at, input }) => {
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

/**
 * One event at the chain's head, in one statement (prepared once): lock the head (waiting for, then reading past,
 * whoever holds it), move it, write the event. The event's hash is computed by PostgreSQL from the canonical text
 * the caller built around the two values only the head knows (`textBefore` + prev hash + `textBetween` + seq +
 * `textAfter`), so no round trip sits between taking the head and writing after it.
 */
const eventAtHead = preparedStatement<Record<string, unknown>>('mejora_audit_at_head', () =>
  eventAtHeadSql(false),
);

/**
 * `eventAtHead` for a view answered from what a server kept: written only while the plan's and its organisation's
 * stamps (migration 0027) are still those the answer was composed at; else nothing is written.
 */
const viewAtHeadIfUnchanged = preparedStatement<Record<string, unknown>>(
  'mejora_audit_view_if_unchanged',
  () => eventAtHeadSql(true),
);

function eventAtHeadSql(isIfUnchanged: boolean): SQL {
  const v = (key: string) => sql.placeholder(key);
  const unchanged = isIfUnchanged
    ? sql`and exists (select 1 from ${planStamps} s where s.org_id = ${v('orgId')}::uuid
          and s.plan_id = ${v('planId')}::uuid and s.stamp = ${v('planStamp')}::bigint)
        and coalesce((select s.stamp from ${organizationStamps} s where s.org_id = ${v('orgId')}::uuid), 0)
          = ${v('organizationStamp')}::bigint`
    : sql``;
  return sql`
    with head as (
      select h.seq, h.hash from ${auditChainHeads} h
      where h.org_id = ${v('orgId')}::uuid and h.chain = ${v('chain')}::text ${unchanged}
      for update),
    chained as (
      select head.seq + 1 as seq, head.hash as prev_hash,
        encode(sha256(convert_to(${v('textBefore')}::text || head.hash || ${v('textBetween')}::text
          || (head.seq + 1)::text || ${v('textAfter')}::text, 'UTF8')), 'hex') as hash
      from head),
    moved as (
      update ${auditChainHeads} h set seq = chained.seq, hash = chained.hash
      from chained
      where h.org_id = ${v('orgId')}::uuid and h.chain = ${v('chain')}::text
      returning h.seq, h.hash, chained.prev_hash)
    insert into ${auditEvents} (org_id, chain, seq, actor_user_id, action, entity_type, entity_id, plan_id, at,
      request_id, ip, user_agent, digest, prev_hash, hash)
    select ${v('orgId')}::uuid, ${v('chain')}::text, moved.seq, ${v('actorUserId')}::uuid, ${v('action')}::text,
      ${v('entityType')}::text, ${v('entityId')}::text, ${v('planId')}::uuid, ${v('at')}::timestamptz,
      ${v('requestId')}::text, ${v('ip')}::text, ${v('userAgent')}::text, ${v('digest')}::jsonb,
      moved.prev_hash, moved.hash
    from moved
    returning seq`;
}

/** A chain's head as last read: its sequence number and hash. */
export type ChainHead = { seq: number; hash: string };

/** The event that follows `after` in its chain, with its hash. */
function chainedEvent(meta: RequestMeta, at: Date, input: AuditInput, after: ChainHead) {
  const event = eventAfter(meta, at, input, after);
  return { ...event, hash: eventHash(event) };
}

/** The event that follows `after` in its chain, before hashing. */
function eventAfter(meta: RequestMeta, at: Date, input: AuditInput, after: ChainHead): ChainedEvent {
  return {
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
}

/**
 * Appends one event to its chain in one statement, outside any transaction: PostgreSQL takes the head, hashes the
 * event after it and moves it, so concurrent readers of one plan queue only for that statement's row lock, never
 * for a transaction's round trips, and none has to retry. Returns false when the chain has no head yet (its first
 * event) or the canonical text cannot be split around the head's values: the caller then appends the usual way.
 */
export function appendAuditEventAtHead(
  db: Executor,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
): Promise<boolean> {
  return appendAtHead(db, meta, at, input, null);
}

/**
 * A view appended at its chain's head in one statement as `appendAuditEventAtHead` does, but only while the
 * plan's stamps are `stamps`. False when they moved (or the chain has no head): nothing was written.
 */
export function appendViewAtHeadIfUnchanged(
  db: Executor,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
  stamps: PlanStamps,
): Promise<boolean> {
  return appendAtHead(db, meta, at, input, stamps);
}

async function appendAtHead(
  db: Executor,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
  stamps: PlanStamps | null,
): Promise<boolean> {
  checkAuditData(input.action, input.digest);
  const {
    seq: _seq,
    prevHash: _prevHash,
    ...event
  } = eventAfter(meta, at, input, { seq: 0, hash: genesisHash });
  const text = eventTextAroundHead(event);
  if (!text) return false;
  const values = {
    ...event,
    digest: event.digest === null ? null : JSON.stringify(event.digest),
    textBefore: text.before,
    textBetween: text.between,
    textAfter: text.after,
  };
  const written = stamps
    ? await viewAtHeadIfUnchanged.execute(db, {
        ...values,
        planStamp: stamps.plan ?? -1,
        organizationStamp: stamps.organization,
      })
    : await eventAtHead.execute(db, values);
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
