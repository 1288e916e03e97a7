// Verifies an organisation's audit trail: every chain, the heads, and the checkpoints that seal them.
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditChainHeads, auditCheckpoints, auditEvents, plans } from '../../db/schema/index.ts';
import { type ChainBreak, checkpointHash, genesisHash, verifyChain } from '../../domain/audit/chain.ts';

export type AuditVerification = {
  isIntact: boolean;
  chains: number;
  events: number;
  checkpoints: number;
  problems: ChainBreak[];
};

export async function verifyAudit(
  db: Executor,
  orgId: string,
  onlyChain?: string,
): Promise<AuditVerification> {
  const where = onlyChain
    ? and(eq(auditEvents.orgId, orgId), eq(auditEvents.chain, onlyChain))
    : eq(auditEvents.orgId, orgId);
  const events = await db
    .select()
    .from(auditEvents)
    .where(where)
    .orderBy(asc(auditEvents.chain), asc(auditEvents.seq));
  const byChain = new Map<string, typeof events>();
  for (const e of events) byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
  const problems = new Map<string, ChainBreak>();
  const report = (p: ChainBreak) => {
    const seen = problems.get(p.chain);
    if (!seen || p.seq < seen.seq) problems.set(p.chain, p);
  };

  for (const [chain, list] of byChain) {
    const broken = verifyChain(chain, list);
    if (broken) report(broken);
  }

  const heads = await db
    .select()
    .from(auditChainHeads)
    .where(
      onlyChain
        ? and(eq(auditChainHeads.orgId, orgId), eq(auditChainHeads.chain, onlyChain))
        : eq(auditChainHeads.orgId, orgId),
    );
  for (const head of heads) {
    const list = byChain.get(head.chain) ?? [];
    const last = list.at(-1);
    if (!last && head.seq > 0) {
      report({
        chain: head.chain,
        seq: 1,
        eventId: null,
        problem: 'missing_chain',
        message: `all ${head.seq} events of chain ${head.chain} are missing`,
      });
    } else if (last && head.seq > last.seq) {
      report({
        chain: head.chain,
        seq: last.seq + 1,
        eventId: null,
        problem: 'truncated',
        message: `chain ${head.chain} ends at event ${last.seq} but had ${head.seq}`,
      });
    } else if (last && head.seq === last.seq && head.hash !== last.hash) {
      report({
        chain: head.chain,
        seq: last.seq,
        eventId: last.id,
        problem: 'changed',
        message: `the last event of chain ${head.chain} does not match its recorded head`,
      });
    }
  }

  // Every plan starts its chain when it is created: a plan without events had its whole chain removed.
  const planRows = await db
    .select({ id: plans.id })
    .from(plans)
    .where(onlyChain ? and(eq(plans.orgId, orgId), eq(plans.id, onlyChain)) : eq(plans.orgId, orgId));
  for (const { id } of planRows) {
    if (!byChain.has(id))
      report({
        chain: id,
        seq: 1,
        eventId: null,
        problem: 'missing_chain',
        message: `plan ${id} has no audit events`,
      });
  }

  const checkpoints = await db
    .select()
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.orgId, orgId))
    .orderBy(asc(auditCheckpoints.seq));
  let prev = genesisHash;
  for (const [index, cp] of checkpoints.entries()) {
    if (cp.seq !== index + 1 || cp.prevHash !== prev || checkpointHash(cp) !== cp.hash) {
      report({
        chain: 'checkpoints',
        seq: cp.seq,
        eventId: cp.id,
        problem: 'changed',
        message: `checkpoint ${cp.seq} was changed, removed or inserted`,
      });
      break;
    }
    prev = cp.hash;
    for (const [chain, sealed] of Object.entries(cp.heads)) {
      if (onlyChain && chain !== onlyChain) continue;
      const list = byChain.get(chain);
      const event = list?.find((e) => e.seq === sealed.seq);
      if (!list) {
        report({
          chain,
          seq: 1,
          eventId: null,
          problem: 'missing_chain',
          message: `chain ${chain}, sealed by checkpoint ${cp.seq} with ${sealed.seq} events, is gone`,
        });
      } else if (!event) {
        report({
          chain,
          seq: sealed.seq,
          eventId: null,
          problem: 'truncated',
          message: `event ${sealed.seq} of chain ${chain}, sealed by checkpoint ${cp.seq}, is gone`,
        });
      } else if (event.hash !== sealed.hash) {
        report({
          chain,
          seq: sealed.seq,
          eventId: event.id,
          problem: 'changed',
          message: `event ${sealed.seq} of chain ${chain} differs from what checkpoint ${cp.seq} sealed`,
        });
      }
    }
  }

  const list = [...problems.values()].sort((a, b) => a.chain.localeCompare(b.chain) || a.seq - b.seq);
  return {
    isIntact: list.length === 0,
    chains: byChain.size,
    events: events.length,
    checkpoints: checkpoints.length,
    problems: list,
  };
}
