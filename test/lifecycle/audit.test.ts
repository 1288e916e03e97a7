import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/sql.ts';
import { sealAllCheckpoints } from '../../src/services/audit/seal-checkpoint.ts';
import { verifyAudit } from '../../src/services/audit/verify-audit.ts';
import { applyRetention } from '../../src/services/retention/apply-retention.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('audit trail and retention on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let orgId: string;
  const exec = (query: ReturnType<typeof sql>) => t.database.db.execute(query);
  /** What a database administrator could do: bypass the append-only triggers. */
  const asAdmin = async (query: ReturnType<typeof sql>) => {
    await exec(sql`alter table audit_events disable trigger user`);
    try {
      await exec(query);
    } finally {
      await exec(sql`alter table audit_events enable trigger user`);
    }
  };
  const freshPlan = async () => (await createPlan(manager)).id as string;

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '5000000', SESSION_MAX_HOURS: '100000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    orgId = hr.user.orgId;
  });
  afterAll(() => t?.close());

  it('the database refuses updates and deletes of audit events', async () => {
    await freshPlan();
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(exec(sql`update audit_events set action = 'x'`)).rejects.toMatchObject(refused);
    await expect(exec(sql`delete from audit_events`)).rejects.toMatchObject(refused);
    await sealAllCheckpoints(t.database.db, t.clock.now());
    await expect(exec(sql`update audit_checkpoints set hash = 'x'`)).rejects.toMatchObject(refused);
    await expect(exec(sql`delete from audit_checkpoints`)).rejects.toMatchObject(refused);
    expect((await verifyAudit(t.database.db, orgId)).isIntact).toBe(true);
  });

  it('twenty views of one plan at once are each in its chain once, in sequence, and the chain verifies', async () => {
    const planId = await freshPlan();
    const seqsOf = async (query: ReturnType<typeof sql>): Promise<number[]> => {
      return (await selectRows<{ seq: number }>(t.database.db, query)).map((r) => Number(r.seq));
    };
    const viewed = () =>
      seqsOf(sql`select seq from audit_events
        where org_id = ${orgId} and chain = ${planId} and action = 'plan.viewed' order by seq`);
    const before = (await viewed()).length;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? hr : manager).get(`/api/v1/plans/${planId}`)),
    );
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);
    const views = await viewed();
    expect(views).toHaveLength(before + 20);
    expect(new Set(views).size).toBe(views.length);
    const [head] = await seqsOf(
      sql`select seq from audit_chain_heads where org_id = ${orgId} and chain = ${planId}`,
    );
    expect(head).toBe(Math.max(...views));
    expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
  });

  it('finds an altered event and reports its position', async () => {
    const planId = await freshPlan();
    await manager.get(`/api/v1/plans/${planId}`);
    await manager.patch(`/api/v1/plans/${planId}`, { issuesIntro: 'Edited once' });
    await asAdmin(
      sql`update audit_events set action = 'plan.viewed_by_nobody' where chain = ${planId} and seq = 2`,
    );
    const report = await verifyAudit(t.database.db, orgId);
    expect(report.isIntact).toBe(false);
    expect(report.problems.find((p) => p.chain === planId)).toMatchObject({ seq: 2, problem: 'changed' });
    const api = await hr.get('/api/v1/audit/verify');
    expect(api.body.isIntact).toBe(false);
    expect(
      api.body.problems.some((p: { chain: string; seq: number }) => p.chain === planId && p.seq === 2),
    ).toBe(true);
    await asAdmin(sql`update audit_events set action = 'plan.viewed' where chain = ${planId} and seq = 2`);
    expect((await verifyAudit(t.database.db, orgId, planId)).isIntact).toBe(true);
  });

  it('finds a deleted event and an inserted event', async () => {
    const planId = await freshPlan();
    for (let i = 0; i < 3; i++) await manager.get(`/api/v1/plans/${planId}`);
    await asAdmin(sql`delete from audit_events where chain = ${planId} and seq = 3`);
    expect((await verifyAudit(t.database.db, orgId, planId)).problems[0]).toMatchObject({
      seq: 3,
      problem: 'removed',
    });

    const other = await freshPlan();
    await asAdmin(sql`insert into audit_events (org_id, chain, seq, action, entity_type, at, prev_hash, hash)
      values (${orgId}, ${other}, 2, 'plan.signed', 'signature', now(), ${'f'.repeat(64)}, ${'e'.repeat(64)})`);
    expect((await verifyAudit(t.database.db, orgId, other)).problems[0]).toMatchObject({
      seq: 2,
      problem: 'inserted',
    });
  });

  it('finds a plan whose whole chain was deleted, and a chain rolled back behind a checkpoint', async () => {
    const gone = await freshPlan();
    await asAdmin(sql`delete from audit_events where chain = ${gone}`);
    await exec(sql`delete from audit_chain_heads where chain = ${gone}`);
    expect((await verifyAudit(t.database.db, orgId, gone)).problems[0]).toMatchObject({
      chain: gone,
      problem: 'missing_chain',
    });

    const rolled = await freshPlan();
    await manager.get(`/api/v1/plans/${rolled}`);
    await sealAllCheckpoints(t.database.db, t.clock.now());
    await asAdmin(sql`delete from audit_events where chain = ${rolled} and seq = 2`);
    await exec(
      sql`update audit_chain_heads set seq = 1, hash = (select hash from audit_events where chain = ${rolled} and seq = 1) where chain = ${rolled}`,
    );
    const report = await verifyAudit(t.database.db, orgId, rolled);
    expect(report.problems[0]).toMatchObject({ chain: rolled, seq: 2, problem: 'truncated' });
    expect(report.problems[0].message).toMatch(/sealed by checkpoint/);
  });

  it('a closed plan is sealed into a checkpoint; retention dry run lists it, apply anonymises it and keeps its statistics', async () => {
    const plan = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    await manager.post(`/api/v1/plans/${plan.id}/metrics/${plan.metrics[0].id}/measurements`, {
      date: '2026-12-01',
      value: 25,
      note: 'Elena fixed 3 tickets',
    });
    const before = (await exec(sql`select count(*)::int as n from audit_checkpoints`)) as unknown as {
      rows: { n: number }[];
    };
    await hr.post(`/api/v1/plans/${plan.id}/transitions`, {
      action: 'close',
      outcome: 'unsuccessful',
      summary: 'Goals not met.',
    });
    const after = (await exec(sql`select count(*)::int as n from audit_checkpoints`)) as unknown as {
      rows: { n: number }[];
    };
    expect(after.rows[0].n).toBeGreaterThan(before.rows[0].n);

    const later = new Date('2034-06-01T00:00:00Z');
    const dry = await applyRetention(t.database.db, later, { isDryRun: true });
    expect(dry.map((d) => d.planId)).toContain(plan.id);
    expect((await hr.get(`/api/v1/plans/${plan.id}`)).body.header.employeeName).toBe('Elena Martín');
    expect(await applyRetention(t.database.db, new Date('2027-06-01T00:00:00Z'), { isDryRun: true })).toEqual(
      [],
    );

    await applyRetention(t.database.db, later, { isDryRun: false });
    const kept = (await hr.get(`/api/v1/plans/${plan.id}`)).body;
    expect(kept.header.employeeName).toBe('—');
    expect(kept.focusAreas[0].issue).toBe('');
    expect(kept.signatures.every((s: { typedName: string | null }) => s.typedName === null)).toBe(true);
    expect(kept.outcome.outcome).toBe('unsuccessful');
    expect(kept.header.department).toBe('Engineering');
    expect(kept.metrics[0].measurements[0]).toMatchObject({ value: 25, note: null });
    expect(JSON.stringify(kept)).not.toContain('Elena fixed');
    expect(await applyRetention(t.database.db, later, { isDryRun: true })).not.toContainEqual(
      expect.objectContaining({ planId: plan.id }),
    );
  });
});
