// Seals the heads of all of an organisation's chains into the next link of its checkpoint chain.
import { desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.ts';
import { auditChainHeads, auditCheckpoints } from '../../db/schema/index.ts';
import { canonicalJson } from '../../domain/audit/canonical-json.ts';
import { checkpointHash, genesisHash } from '../../domain/audit/chain.ts';
import type { RequestMeta } from '../context.ts';

/** Checkpoints of one organisation are written one at a time: a transaction-scoped advisory lock orders them. */
export async function sealCheckpoint(
  tx: Executor,
  _meta: RequestMeta,
  orgId: string,
  at: Date,
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mejora-checkpoint:${orgId}`}))`);
  const heads = await tx
    .select({ chain: auditChainHeads.chain, seq: auditChainHeads.seq, hash: auditChainHeads.hash })
    .from(auditChainHeads)
    .where(eq(auditChainHeads.orgId, orgId));
  const [last] = await tx
    .select({ seq: auditCheckpoints.seq, hash: auditCheckpoints.hash, heads: auditCheckpoints.heads })
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.orgId, orgId))
    .orderBy(desc(auditCheckpoints.seq))
    .limit(1);
  const body = {
    orgId,
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    heads: Object.fromEntries(
      heads.filter((h) => h.seq > 0).map((h) => [h.chain, { seq: h.seq, hash: h.hash }]),
    ),
    prevHash: last?.hash ?? genesisHash,
  };
  if (last && canonicalJson(last.heads) === canonicalJson(body.heads)) return last.seq;
  await tx.insert(auditCheckpoints).values({ ...body, hash: checkpointHash(body) });
  return body.seq;
}

/** The periodic job: one checkpoint per organisation, each in its own transaction. */
export async function sealAllCheckpoints(db: Db, at: Date): Promise<number> {
  const orgs = await db.selectDistinct({ orgId: auditChainHeads.orgId }).from(auditChainHeads);
  for (const { orgId } of orgs) {
    await db.transaction((tx) =>
      sealCheckpoint(tx as never, { requestId: null, ip: null, userAgent: null }, orgId, at),
    );
  }
  return orgs.length;
}
