// Organisation-wide analytics answers are computed once and kept in PostgreSQL (analytics_snapshots), so HR's
// repeated reads of the overview and the consistency views cost one row rather than an aggregate over every plan.
// An answer is used only while nothing it was computed from changed (the database forgets an organisation's
// answers in the transaction of any write to its plans, directory or risk flags: migration 0024) and for at most
// ANALYTICS_MAX_AGE_SECONDS, for the figures that move with the clock alone. Kept in the database, an answer one
// server computed serves every server.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { analyticsSnapshots } from '../../db/schema/index.ts';
import type { ServiceContext } from '../context.ts';

export type SnapshotView =
  | 'overview'
  | `consistency:${'manager' | 'department'}`
  | `consistency:${'manager' | 'department'}:first-${number}`;

type Answer = { asOf: string };

/** Answers being computed, per database and view, so that readers who arrive meanwhile wait for the same one. */
const computing = new WeakMap<Database, Map<string, Promise<unknown>>>();

/** The organisation's stored answer to `view` when it is still good, else a new one from `compute`, stored. */
export async function rememberedAnswer<T extends Answer>(
  ctx: ServiceContext,
  view: SnapshotView,
  compute: () => Promise<T>,
): Promise<T> {
  const { database, config } = ctx.deps;
  const orgId = ctx.actor.orgId;
  const maxAgeMs = config.analyticsMaxAgeMs;
  if (maxAgeMs <= 0) return compute();
  const now = ctx.deps.now();
  const [stored] = await database.db
    .select({ answer: analyticsSnapshots.body })
    .from(analyticsSnapshots)
    .where(
      and(
        eq(analyticsSnapshots.orgId, orgId),
        eq(analyticsSnapshots.view, view),
        gt(analyticsSnapshots.computedAt, new Date(now.getTime() - maxAgeMs).toISOString()),
        lte(analyticsSnapshots.computedAt, now.toISOString()),
      ),
    );
  if (stored?.answer) return stored.answer as T;

  let running = computing.get(database);
  if (!running) {
    running = new Map();
    computing.set(database, running);
  }
  const key = `${orgId}:${view}`;
  const pending = running.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const fresh = (async () => {
    const answer = await compute();
    // A newer answer stored meanwhile (by another server) is kept.
    await database.db
      .insert(analyticsSnapshots)
      .values({
        orgId,
        view,
        computedAt: answer.asOf,
        body: answer,
      })
      .onConflictDoUpdate({
        target: [analyticsSnapshots.orgId, analyticsSnapshots.view],
        set: {
          computedAt: sql`excluded.computed_at`,
          body: sql`excluded.body`,
        },
        setWhere: sql`${analyticsSnapshots.computedAt} <= excluded.computed_at`,
      });
    return answer;
  })().finally(() => running.delete(key));
  running.set(key, fresh);
  return fresh;
}
