// The append-only audit trail: one hash chain per plan, one per organisation, sealed by checkpoints.
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisationKey } from './keys.ts';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }),
    orgId: uuid('org_id').notNull(),
    /** 'org' for events outside any plan, else the plan id. */
    chain: text('chain').notNull(),
    seq: integer('seq').notNull(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    planId: uuid('plan_id'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Digest of what changed: hashes of before/after and the names of changed fields, never the values. */
    digest: jsonb('digest').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_events_chain_seq_idx').on(t.orgId, t.chain, t.seq),
    index('audit_events_plan_idx').on(t.orgId, t.planId),
    organisationKey('audit_events_pkey', t),
  ],
);

/** The head of each chain, one row per chain, so appending never scans the events. */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    orgId: uuid('org_id').notNull(),
    chain: text('chain').notNull(),
    seq: integer('seq').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('audit_chain_heads_pk').on(t.orgId, t.chain)],
);

export const auditCheckpoints = pgTable(
  'audit_checkpoints',
  {
    id: bigserial('id', { mode: 'number' }),
    orgId: uuid('org_id').notNull(),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    /** chain → { seq, hash } of every chain of the organisation at sealing time. */
    heads: jsonb('heads').$type<Record<string, { seq: number; hash: string }>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_checkpoints_seq_idx').on(t.orgId, t.seq),
    organisationKey('audit_checkpoints_pkey', t),
  ],
);
