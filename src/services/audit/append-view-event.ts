// Appends a read's audit event (a plan viewed) to its chain, readers of every plan sharing statements and commits.
// Views go at their chains' heads in one statement (decision 0010), whose row locks on the heads are held through
// the commit's WAL flush. A server has at most one such statement in flight per database: views that arrive
// meanwhile wait, and are then appended together, whatever their plans, in order within each chain, in the next
// statement and its one flush. A head another writer holds is skipped, not waited for: its views are appended in
// transactions of their own, so that one busy plan never holds up the reads of the others. Each reader still
// answers only after its own event has committed. A view answered from what a server kept (get-plan.ts) is written
// only while the plan's stamps are those it was composed at.
import type { Database } from '../../db/client.ts';
import type { PlanStamps } from '../../db/repositories/plan-repository.ts';
import { checkAuditData } from '../../domain/audit/events.ts';
import type { RequestMeta } from '../context.ts';
import {
  type AuditInput,
  appendAuditEvent,
  appendViewsAtHeads,
  type HeadView,
} from './append-audit-event.ts';

type Waiting = HeadView & {
  resolve: (isWritten: boolean) => void;
  reject: (error: unknown) => void;
};

/** The most views one statement carries; more wait for the next. */
const viewsPerStatement = 200;

/** Per database: the views waiting for the statement after the one in flight (none in flight: no entry). */
const waitingByDatabase = new WeakMap<Database, Waiting[]>();

/**
 * Resolves once the view's event has committed, with true; with `ifUnchanged`, resolves false (and writes nothing)
 * when the plan's stamps are no longer those, or when another transaction holds the chain's head: the caller then
 * reads the plan afresh and appends its view without condition.
 */
export async function appendViewEvent(
  database: Database,
  meta: RequestMeta,
  at: Date,
  input: AuditInput,
  ifUnchanged: PlanStamps | null = null,
): Promise<boolean> {
  // Checked before it waits, so that a statement holds only events that can be written.
  checkAuditData(input.action, input.digest);
  return new Promise<boolean>((resolve, reject) => {
    const view: Waiting = { meta, at, input, ifUnchanged, resolve, reject };
    const waiting = waitingByDatabase.get(database);
    if (waiting !== undefined) {
      waiting.push(view);
      return;
    }
    waitingByDatabase.set(database, []);
    void appendInTurn(database, [view]);
  });
}

/** Appends `views`, then those that waited meanwhile, statement after statement, until none is left. */
async function appendInTurn(database: Database, views: Waiting[]): Promise<void> {
  let batch = views;
  while (batch.length > 0) {
    await appendViews(database, batch);
    // One turn of the event loop first: the readers whose requests are ready to be taken in (their sign-in checked,
    // their answer kept) queue their views and share the next statement and its WAL flush, instead of waiting for
    // the one after it. On a busy server the flush, not the statement, is most of a view's cost.
    await new Promise((next) => setImmediate(next));
    const waiting = waitingByDatabase.get(database) ?? [];
    batch = waiting.splice(0, viewsPerStatement);
  }
  waitingByDatabase.delete(database);
}

async function appendViews(database: Database, views: Waiting[]): Promise<void> {
  let isWritten: boolean[];
  try {
    isWritten = await appendViewsAtHeads(database.db, views);
  } catch (error) {
    if (views.length === 1) {
      views[0].reject(error);
      return;
    }
    // One statement of many failed (a lost connection, a deadlock with another server's statement): each view is
    // tried alone, so that only a view whose own write fails is refused.
    for (const view of views) await appendViews(database, [view]);
    return;
  }
  for (const [i, view] of views.entries()) {
    if (isWritten[i] || view.ifUnchanged) {
      view.resolve(isWritten[i]);
      continue;
    }
    // A chain with no head yet (its first event) or whose head another writer holds: appended the usual way, in a
    // transaction of its own that waits for the head, without holding up the next statement's views.
    database.db
      .transaction((tx) => appendAuditEvent(tx, view.meta, view.at, view.input))
      .then(() => view.resolve(true), view.reject);
  }
}
