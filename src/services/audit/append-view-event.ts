// Appends a read's audit event (a plan viewed) to its chain, readers of one chain sharing commits.
// A view goes at the chain's head in one statement (decision 0010), whose row lock on the head is held through the
// commit's WAL flush: readers of one plan queued for one flush each. Here a server writes at most one view of a
// chain at a time; views of that chain that arrive meanwhile wait and are then appended together, in order, in one
// transaction and one flush. Each reader still answers only after its own event has committed. A view answered
// from what a server kept (get-plan.ts) is written only while the plan's stamps are those it was composed at.
import type { Database } from '../../db/client.ts';
import { type PlanStamps, readPlanStamps } from '../../db/repositories/plan-repository.ts';
import { checkAuditData } from '../../domain/audit/events.ts';
import type { RequestMeta } from '../context.ts';
import {
  type AuditInput,
  appendAuditEvent,
  appendAuditEventAtHead,
  appendChainEvents,
  appendViewAtHeadIfUnchanged,
  type PendingEvent,
} from './append-audit-event.ts';

type Waiting = PendingEvent & {
  ifUnchanged: PlanStamps | null;
  resolve: (isWritten: boolean) => void;
  reject: (error: unknown) => void;
};

/** Per database: the chains a view is being written to, each with the views waiting for the next commit. */
const writing = new WeakMap<Database, Map<string, Waiting[]>>();

const chainKey = (input: AuditInput): string => `${input.orgId} ${input.planId ?? 'org'}`;

/**
 * Resolves once the view's event has committed, with true; with `ifUnchanged`, resolves false (and writes nothing)
 * when the plan's stamps are no longer those.
 */
export async function appendViewEvent(
  database: Database,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
  ifUnchanged: PlanStamps | null = null,
): Promise<boolean> {
  // Checked before it waits, so that a batch holds only events that can be written.
  checkAuditData(input.action, input.digest);
  let chains = writing.get(database);
  if (chains === undefined) {
    chains = new Map();
    writing.set(database, chains);
  }
  const key = chainKey(input);
  const waiting = chains.get(key);
  if (waiting !== undefined) {
    return new Promise<boolean>((resolve, reject) => {
      waiting.push({ meta, at, input, ifUnchanged, resolve, reject });
    });
  }
  const next: Waiting[] = [];
  chains.set(key, next);
  try {
    if (ifUnchanged) return await appendViewAtHeadIfUnchanged(database.db, meta, at, input, ifUnchanged);
    // A chain's first event has no head to append at: it starts the chain the usual way.
    const isAppended = await appendAuditEventAtHead(database.db, meta, at, input);
    if (!isAppended) await database.db.transaction((tx) => appendAuditEvent(tx, meta, at, input));
    return true;
  } finally {
    void appendWaiting(database, chains, key, next);
  }
}

/** Appends the views that waited, in batches, until none is left; then the chain is free again. */
async function appendWaiting(
  database: Database,
  chains: Map<string, Waiting[]>,
  key: string,
  waiting: Waiting[],
): Promise<void> {
  while (waiting.length > 0) {
    const batch = waiting.splice(0);
    try {
      const written = await database.db.transaction(async (tx) => {
        const { orgId, planId } = batch[0].input;
        const current =
          planId && batch.some((view) => view.ifUnchanged) ? await readPlanStamps(tx, orgId, planId) : null;
        const isCurrent = (view: Waiting) =>
          !view.ifUnchanged ||
          (current !== null &&
            view.ifUnchanged.plan === current.plan &&
            view.ifUnchanged.organization === current.organization);
        const views = batch.filter(isCurrent);
        await appendChainEvents(tx, views);
        return new Set(views);
      });
      for (const view of batch) view.resolve(written.has(view));
    } catch (error) {
      for (const view of batch) view.reject(error);
    }
  }
  chains.delete(key);
}
