// Hash chains of audit events and checkpoints, and their verification.
import { hashOf } from './canonical-json.ts';

export const genesisHash = '0'.repeat(64);

/** The fields of an event covered by its hash (everything but its own hash and row id). */
export type ChainedEvent = {
  orgId: string;
  chain: string;
  seq: number;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  planId: string | null;
  at: string;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  digest: Record<string, unknown> | null;
  prevHash: string;
};

export const eventHash = (event: ChainedEvent): string =>
  hashOf({
    orgId: event.orgId,
    chain: event.chain,
    seq: event.seq,
    actorUserId: event.actorUserId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    planId: event.planId,
    at: new Date(event.at).toISOString(),
    requestId: event.requestId,
    ip: event.ip,
    userAgent: event.userAgent,
    digest: event.digest,
    prevHash: event.prevHash,
  });

export type ChainBreak = {
  chain: string;
  /** The position (seq) of the first event that was changed, removed or inserted. */
  seq: number;
  eventId: number | null;
  problem: 'changed' | 'removed' | 'inserted' | 'truncated' | 'missing_chain';
  message: string;
};

/** Walks one chain in seq order; returns the first break or null. */
export function verifyChain(
  chain: string,
  events: (ChainedEvent & { id: number; hash: string })[],
): ChainBreak | null {
  let prev = genesisHash;
  let expectedSeq = 1;
  for (const event of events) {
    if (event.seq > expectedSeq) {
      return {
        chain,
        seq: expectedSeq,
        eventId: null,
        problem: 'removed',
        message: `event ${expectedSeq} of chain ${chain} is missing`,
      };
    }
    if (event.seq < expectedSeq || event.prevHash !== prev) {
      return {
        chain,
        seq: event.seq,
        eventId: event.id,
        problem: 'inserted',
        message: `event ${event.seq} of chain ${chain} does not follow its predecessor (inserted, or an earlier event was rewritten)`,
      };
    }
    if (eventHash(event) !== event.hash) {
      return {
        chain,
        seq: event.seq,
        eventId: event.id,
        problem: 'changed',
        message: `event ${event.seq} of chain ${chain} was changed after it was written`,
      };
    }
    prev = event.hash;
    expectedSeq++;
  }
  return null;
}

export type CheckpointBody = {
  orgId: string;
  seq: number;
  at: string;
  heads: Record<string, { seq: number; hash: string }>;
  prevHash: string;
};

export const checkpointHash = (c: CheckpointBody): string =>
  hashOf({
    orgId: c.orgId,
    seq: c.seq,
    at: new Date(c.at).toISOString(),
    heads: c.heads,
    prevHash: c.prevHash,
  });
