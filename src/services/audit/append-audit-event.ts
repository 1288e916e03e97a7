// Appends one event to its chain: the plan's own chain, or the organisation's for events outside plans.
import { and, eq, sql } from 'drizzle-orm';
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
 * Views at their chains' heads, any number of them and of any chains, in one statement (prepared once): PostgreSQL
 * keeps the views whose plan is unchanged, locks the heads of their chains in one order, skipping any head another
 * transaction holds (its views are not written: the caller appends them the usual way), chains each chain's views
 * in turn after its head (a recursive walk hashing each event from the canonical text the caller built around the
 * two values only the head knows: `text_before` + prev hash + `text_between` + seq + `text_after`), moves the heads
 * and writes the events; it returns the position in `views` of each view written. No round trip sits between taking
 * a head and moving it, and one commit serves every view of the statement.
 */
const viewsAtHeads = preparedStatement<{ views: string }>('mejora_audit_views_at_heads', () => {
  // Scalar subqueries, each one row by primary key: an `exists` here would let the planner hash the whole stamps
  // table on every execution of the generic plan when it holds few rows.
  const stampsHold = sql`v.plan_stamp is null or (
      (select s.stamp from ${planStamps} s where s.org_id = v.org_id and s.plan_id = v.plan_id) = v.plan_stamp
      and coalesce((select s.stamp from ${organizationStamps} s where s.org_id = v.org_id), 0)
        = v.organization_stamp)`;
  return sql`
    with recursive given as (
      select * from json_to_recordset(${sql.placeholder('views')}::json) as v(i integer, org_id uuid, chain text,
        plan_stamp bigint, organization_stamp bigint, actor_user_id uuid, action text, entity_type text,
        entity_id text, plan_id uuid, at timestamptz, request_id text, ip text, user_agent text, digest jsonb,
        text_before text, text_between text, text_after text)),
    kept as (
      select v.*, row_number() over (partition by v.org_id, v.chain order by v.i) as k
      from given v where ${stampsHold}),
    head as (
      select h.org_id, h.chain, h.seq, h.hash from ${auditChainHeads} h
      where (h.org_id, h.chain) in (select org_id, chain from kept)
      order by h.org_id, h.chain
      for update skip locked),
    chained (org_id, chain, k, i, seq, hash, prev_hash) as (
      select head.org_id, head.chain, 0::bigint, null::integer, head.seq, head.hash, null::text from head
      union all
      select c.org_id, c.chain, c.k + 1, v.i, c.seq + 1,
        encode(sha256(convert_to(v.text_before || c.hash || v.text_between || (c.seq + 1)::text || v.text_after,
          'UTF8')), 'hex'),
        c.hash
      from chained c join kept v on v.org_id = c.org_id and v.chain = c.chain and v.k = c.k + 1),
    moved as (
      update ${auditChainHeads} h set seq = last.seq, hash = last.hash
      from (select distinct on (org_id, chain) org_id, chain, seq, hash from chained where k > 0
        order by org_id, chain, k desc) last
      where h.org_id = last.org_id and h.chain = last.chain
      returning h.org_id, h.chain),
    written as (
      insert into ${auditEvents} (org_id, chain, seq, actor_user_id, action, entity_type, entity_id, plan_id, at,
        request_id, ip, user_agent, digest, prev_hash, hash)
      select v.org_id, v.chain, c.seq, v.actor_user_id, v.action, v.entity_type, v.entity_id, v.plan_id, v.at,
        v.request_id, v.ip, v.user_agent, v.digest, c.prev_hash, c.hash
      from chained c join kept v on v.i = c.i
      where exists (select 1 from moved m where m.org_id = c.org_id and m.chain = c.chain)
      returning org_id, chain, seq)
    select c.i from chained c join written w on w.org_id = c.org_id and w.chain = c.chain and w.seq = c.seq`;
});

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

/** A view to append at its chain's head; with `ifUnchanged`, only while its plan's stamps are those. */
export type HeadView = PendingEvent & { ifUnchanged: PlanStamps | null };

/**
 * Appends views at their chains' heads in one statement, outside any transaction (`viewsAtHeads`), and says of
 * each whether it was written. A view is not written when its plan's stamps moved, when its chain has no head yet
 * (its first event), when another transaction holds its chain's head, or when its canonical text cannot be split
 * around the head's values: a caller appends the last three the usual way.
 */
export async function appendViewsAtHeads(db: Executor, views: HeadView[]): Promise<boolean[]> {
  const given = [];
  // Each view's data was checked by appendViewEvent before it waited.
  for (const [i, { meta, at, input, ifUnchanged }] of views.entries()) {
    const {
      seq: _seq,
      prevHash: _prevHash,
      ...event
    } = eventAfter(meta, at, input, { seq: 0, hash: genesisHash });
    const text = eventTextAroundHead(event);
    if (!text) continue;
    given.push({
      i,
      org_id: event.orgId,
      chain: event.chain,
      plan_stamp: ifUnchanged ? (ifUnchanged.plan ?? -1) : null,
      organization_stamp: ifUnchanged?.organization ?? null,
      actor_user_id: event.actorUserId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      plan_id: event.planId,
      at: event.at,
      request_id: event.requestId,
      ip: event.ip,
      user_agent: event.userAgent,
      digest: event.digest,
      text_before: text.before,
      text_between: text.between,
      text_after: text.after,
    });
  }
  const isWritten = views.map(() => false);
  if (!given.length) return isWritten;
  for (const row of await viewsAtHeads.execute(db, { views: JSON.stringify(given) }))
    isWritten[Number(row.i)] = true;
  return isWritten;
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
