// Views arriving together share statements and commits (src/services/audit/append-view-event.ts): every view is
// still its own event, in sequence in its plan's chain, each answered only once it is written, and it verifies.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlanStamps, readPlanStamps } from '../../src/db/repositories/plan-repository.ts';
import { selectRows } from '../../src/db/sql.ts';
import type { AuditInput } from '../../src/services/audit/append-audit-event.ts';
import { appendViewEvent } from '../../src/services/audit/append-view-event.ts';
import { verifyAudit } from '../../src/services/audit/verify-audit.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { createPlan } from '../helpers/plans.ts';

describe.each(engines)('views of one plan appended together on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let orgId: string;
  let userId: string;

  type EventRow = { seq: number; request_id: string };
  const eventsOf = async (planId: string): Promise<EventRow[]> => {
    const rows = await selectRows<EventRow>(
      t.database.db,
      sql`select seq, request_id from audit_events
        where org_id = ${orgId} and chain = ${planId} and action = 'plan.viewed' order by seq`,
    );
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  };
  const view = (planId: string, i: number, ifUnchanged: PlanStamps | null = null) => {
    const input: AuditInput = {
      orgId,
      actorUserId: userId,
      action: 'plan.viewed',
      entityType: 'plan',
      entityId: planId,
      planId,
      digest: { version: 1 },
    };
    return appendViewEvent(
      t.database,
      { requestId: `view-${i}`, ip: '127.0.0.1', userAgent: 'test' },
      t.clock.now(),
      input,
      ifUnchanged,
    );
  };

  /**
   * Statements that write audit events while `run` runs: the server's background work (jobs, outbox) may run other
   * statements meanwhile, on a busy machine more of them, and is no part of what is counted.
   */
  const eventStatements = async (run: () => Promise<unknown>): Promise<number> => {
    let count = 0;
    const stop = t.database.watchQueries((query) => {
      if (/insert into "audit_events"/i.test(query)) count++;
    });
    try {
      await run();
    } finally {
      stop();
    }
    return count;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    orgId = manager.user.orgId;
    userId = manager.user.id;
  });
  afterAll(() => t?.close());

  it('writes thirty views at once as thirty events in a few statements, each in order once', async () => {
    const planId = (await createPlan(manager)).id as string;
    await view(planId, -1); // the chain has a head: the first view goes at it in one statement
    const statements = await eventStatements(() =>
      Promise.all(Array.from({ length: 30 }, (_, i) => view(planId, i))),
    );
    // One view at the head, the other twenty-nine together after it in one more statement.
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(2);
    const events = await eventsOf(planId);
    expect(
      events
        .map((e) => e.request_id)
        .filter((id) => id !== 'view--1')
        .sort(),
    ).toEqual(Array.from({ length: 30 }, (_, i) => `view-${i}`).sort());
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: events.length }, (_, i) => events[0].seq + i),
    );
    expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
  });

  it('writes views of several plans arriving together in one statement, each chain in order', async () => {
    const planIds = [
      (await createPlan(manager)).id,
      (await createPlan(manager)).id,
      (await createPlan(manager)).id,
    ];
    await Promise.all(planIds.map((planId, p) => view(planId, -1 - p)));
    // The first view goes alone; the 29 that arrive while it is in flight go together in the next statement.
    const statements = await eventStatements(() =>
      Promise.all(Array.from({ length: 30 }, (_, i) => view(planIds[i % 3], i))),
    );
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(2);
    for (const [p, planId] of planIds.entries()) {
      const ids = (await eventsOf(planId)).map((e) => e.request_id);
      expect(ids).toEqual([`view-${-1 - p}`, ...Array.from({ length: 10 }, (_, i) => `view-${i * 3 + p}`)]);
      expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
    }
  });

  it('refuses only the view whose own write fails when views are written together', async () => {
    const planId = (await createPlan(manager)).id as string;
    await view(planId, -1);
    // The first view is in flight alone; the broken one and the others wait for the next statement together.
    const first = view(planId, 0);
    const broken = appendViewEvent(
      t.database,
      { requestId: 'broken', ip: null, userAgent: null },
      t.clock.now(),
      {
        orgId,
        actorUserId: 'not-an-account',
        action: 'plan.viewed',
        entityType: 'plan',
        entityId: planId,
        planId,
        digest: { version: 1 },
      },
    );
    const others = Array.from({ length: 5 }, (_, i) => view(planId, i + 1));
    await expect(broken).rejects.toThrow();
    expect(await Promise.all([first, ...others])).toEqual(Array(6).fill(true));
    expect((await eventsOf(planId)).map((e) => e.request_id)).toEqual([
      'view--1',
      ...Array.from({ length: 6 }, (_, i) => `view-${i}`),
    ]);
    expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
  });

  // PGlite has one connection: a transaction holding a head there holds every statement. The rule is PostgreSQL's.
  if (engine === 'postgres')
    it('does not hold up views of other plans while another transaction holds one plan’s head', async () => {
      const [busy, free] = [
        (await createPlan(manager)).id as string,
        (await createPlan(manager)).id as string,
      ];
      await Promise.all([view(busy, -1), view(free, -2)]);
      const holder = await (t.database.pool as NonNullable<typeof t.database.pool>).connect();
      let isBusyWritten = false;
      try {
        await holder.query('begin');
        await holder.query('select seq from audit_chain_heads where org_id = $1 and chain = $2 for update', [
          orgId,
          busy,
        ]);
        const waiting = view(busy, 1).then((written) => {
          isBusyWritten = written;
          return written;
        });
        expect(await Promise.all([view(free, 2), view(free, 3)])).toEqual([true, true]);
        expect(isBusyWritten).toBe(false);
        await holder.query('commit');
        expect(await waiting).toBe(true);
      } finally {
        await holder.query('rollback').catch(() => {});
        holder.release();
      }
      expect((await eventsOf(busy)).map((e) => e.request_id)).toEqual(['view--1', 'view-1']);
      expect((await eventsOf(free)).map((e) => e.request_id)).toEqual(['view--2', 'view-2', 'view-3']);
      for (const planId of [busy, free])
        expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
    });

  it('answers each view only once its own event is written', async () => {
    const planId = (await createPlan(manager)).id as string;
    await view(planId, -1);
    const seen = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        view(planId, i).then(async () => (await eventsOf(planId)).some((e) => e.request_id === `view-${i}`)),
      ),
    );
    expect(seen).toEqual(Array(8).fill(true));
  });

  it('refuses an event whose data does not fit its kind before it waits, and the chain stays free', async () => {
    const planId = (await createPlan(manager)).id as string;
    await view(planId, 0);
    const bad = appendViewEvent(t.database, { requestId: 'bad', ip: null, userAgent: null }, t.clock.now(), {
      orgId,
      actorUserId: userId,
      action: 'plan.viewed',
      entityType: 'plan',
      planId,
      digest: { version: 'one' },
    });
    await expect(bad).rejects.toThrow();
    await Promise.all([view(planId, 1), view(planId, 2)]);
    expect((await eventsOf(planId)).map((e) => e.request_id)).toEqual(['view-0', 'view-1', 'view-2']);
  });

  it('writes a view kept on condition only while the plan is unchanged, alone or waiting with others', async () => {
    const planId = (await createPlan(manager)).id as string;
    await view(planId, -1);
    const current = await readPlanStamps(t.database.db, orgId, planId);
    expect(current.plan).not.toBeNull();
    const stale: PlanStamps = { ...current, plan: (current.plan as number) - 1 };
    // Alone, at the chain's head: nothing is written when the stamps moved.
    expect(await view(planId, 0, stale)).toBe(false);
    expect(await view(planId, 1, current)).toBe(true);
    // Together: the first at the head, the others waiting for the next commit; only the current ones are written.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => view(planId, 10 + i, i % 3 === 0 ? stale : current)),
    );
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 !== 0));
    const written = (await eventsOf(planId)).map((e) => e.request_id);
    expect(written).not.toContain('view-0');
    const together = Array.from({ length: 12 }, (_, i) => `view-${10 + i}`);
    expect(written.filter((id) => together.includes(id)).sort()).toEqual(
      together.filter((_, i) => i % 3 !== 0).sort(),
    );
    expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
  });
});
