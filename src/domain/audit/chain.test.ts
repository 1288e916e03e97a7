import { describe, expect, it } from 'vitest';
import { sha256 } from './canonical-json.ts';
import { type ChainedEvent, eventHash, eventTextAroundHead, genesisHash } from './chain.ts';

const event: ChainedEvent = {
  orgId: '00000000-0000-4000-8000-000000000001',
  chain: '00000000-0000-4000-8000-000000000002',
  seq: 41,
  actorUserId: '00000000-0000-4000-8000-000000000003',
  action: 'plan.viewed',
  entityType: 'plan',
  entityId: '00000000-0000-4000-8000-000000000002',
  planId: '00000000-0000-4000-8000-000000000002',
  at: '2026-12-01T10:30:00.000Z',
  requestId: 'req-1',
  ip: '127.0.0.1',
  userAgent: 'a "seq": 1, "prevHash": "x" ünïcödé agent',
  digest: { version: 7, seq: 3, prevHash: 'nested' },
  prevHash: 'ab'.repeat(32),
};

describe('eventTextAroundHead', () => {
  it('finished with the head’s hash and the next seq, hashes exactly as eventHash does', () => {
    const { seq: _s, prevHash: _p, ...rest } = event;
    const text = eventTextAroundHead(rest);
    expect(text).not.toBeNull();
    for (const [seq, prevHash] of [
      [1, genesisHash],
      [41, 'ab'.repeat(32)],
      [1_000_000, 'f'.repeat(64)],
    ] as const) {
      const finished = `${text?.before}${prevHash}${text?.between}${seq}${text?.after}`;
      expect(sha256(finished)).toBe(eventHash({ ...event, seq, prevHash }));
    }
  });

  it('leaves a null digest and absent request details as the hash has them', () => {
    const bare = { ...event, digest: null, requestId: null, ip: null, userAgent: null };
    const { seq: _s, prevHash: _p, ...rest } = bare;
    const text = eventTextAroundHead(rest);
    expect(sha256(`${text?.before}${genesisHash}${text?.between}1${text?.after}`)).toBe(
      eventHash({ ...bare, seq: 1, prevHash: genesisHash }),
    );
  });
});
