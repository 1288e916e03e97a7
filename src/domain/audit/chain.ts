// Hash chains of audit events and checkpoints, and their verification.
import { randomUUID } from 'node:crypto';
import { canonicalJson, hashOf, sha256 } from './canonical-json.ts';

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

/** The canonical text an event's hash is taken of. */
export const eventText = (event: ChainedEvent): string =>
  canonicalJson({
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

export const eventHash = (event: ChainedEvent): string => sha256(eventText(event));

/**
 * An event's canonical text cut around the two values only its chain's head knows, so that whoever holds the head
 * (PostgreSQL, in one statement) can finish it: `before + prevHash + between + seq + after` is `eventText` of the
 * event with that seq and prevHash. Null if the cut is not clean (never expected: the stand-ins are unique).
 */
export function eventTextAroundHead(
  event: Omit<ChainedEvent, 'seq' | 'prevHash'>,
): { before: string; between: string; after: string } | null {
  const stand = randomUUID();
  const prevStand = `prev-${stand}`;
  const seqStand = `seq-${stand}`;
  // The seq stand-in is a string, so it is quoted where the real number will not be.
  const text = eventText({ ...event, seq: seqStand as unknown as number, prevHash: prevStand });
  const [before, rest, extra] = text.split(prevStand);
  if (rest === undefined || extra !== undefined) return null;
  const [between, after, more] = rest.split(JSON.stringify(seqStand));
  if (after === undefined || more !== undefined || before.includes(seqStand)) return null;
  return { before, between, after };
}

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
