// A server sends a plan's answer again while the plan's stamps (migration 0027) and the day are those it was
// composed at (src/services/plans/get-plan.ts). Here every way a plan's answer can change without this server's
// knowing (a write by another server or a job, the directory, the time zone, the day, the plan's people) is made
// directly in the database: each must show in the next read, exactly as a freshly composed answer, and every read,
// kept or composed, must be recorded once in the audit trail.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/sql.ts';
import { forgetPlanAnswers } from '../../src/services/plans/get-plan.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('kept plan answers on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let mentor: Client;

  const run = (query: ReturnType<typeof sql>) => t.database.db.execute(query);
  const viewsOf = async (planId: string): Promise<number> => {
    const [row] = await selectRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_events
        where chain = ${planId} and action in ('plan.viewed', 'plan.development_viewed')`,
    );
    return Number(row.n);
  };
  /** The answer as a server that kept nothing composes it now. */
  const fresh = async (client: Client, planId: string) => {
    forgetPlanAnswers(t.database, planId);
    return client.get(`/api/v1/plans/${planId}`);
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    mentor = await signIn(t.app, demo.mentor);
  });
  afterAll(() => t?.close());

  it('answers an unchanged plan again in two statements, the same bytes, each read audited', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    const first = await manager.get(`/api/v1/plans/${plan.id}`);
    expect(first.status).toBe(200);
    const views = await viewsOf(plan.id);
    const before = t.database.queryCount();
    const again = await manager.get(`/api/v1/plans/${plan.id}`);
    // The session, and the view written on condition that the plan is unchanged.
    expect(t.database.queryCount() - before).toBe(2);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await viewsOf(plan.id)).toBe(views + 1);
  });

  it('shows a section written elsewhere at the next read, composed afresh and audited once', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    await manager.get(`/api/v1/plans/${plan.id}`);
    const area = plan.focusAreas[0];
    // Another server or a job: this server's hook on its own writes never hears of it.
    await run(sql`update focus_areas set title = 'Changed by another server' where id = ${area.id}`);
    const views = await viewsOf(plan.id);
    const read = await manager.get(`/api/v1/plans/${plan.id}`);
    expect(read.status).toBe(200);
    expect(read.body.focusAreas[0].title).toBe('Changed by another server');
    // The kept answer's conditional view wrote nothing; the composed read wrote one.
    expect(await viewsOf(plan.id)).toBe(views + 1);
    expect(read.text).toBe((await fresh(manager, plan.id)).text);
    // A measurement added and removed elsewhere moves the stamp too.
    const metric = plan.metrics[0];
    await run(sql`insert into measurements (org_id, plan_id, metric_id, date, value)
      select org_id, plan_id, id, '2026-12-01', 42 from metrics where id = ${metric.id}`);
    const measured = await manager.get(`/api/v1/plans/${plan.id}`);
    expect(measured.body.metrics[0].measurements.map((m: { value: number }) => m.value)).toContain(42);
    await run(sql`delete from measurements where metric_id = ${metric.id} and value = 42`);
    const removed = await manager.get(`/api/v1/plans/${plan.id}`);
    expect(removed.body.metrics[0].measurements.map((m: { value: number }) => m.value)).not.toContain(42);
  });

  it('shows a renamed person, a new job title and a new time zone at the next read', async () => {
    const plan = await createPlan(manager);
    const first = await manager.get(`/api/v1/plans/${plan.id}`);
    const managerId = manager.user.id;
    const oldName = first.body.header.managerName ?? manager.user.name;
    await run(sql`update users set name = 'Renamed Manager' where id = ${managerId}`);
    try {
      const renamed = await manager.get(`/api/v1/plans/${plan.id}`);
      expect(renamed.text).toBe((await fresh(manager, plan.id)).text);
      expect(renamed.text).not.toBe(first.text);
    } finally {
      await run(sql`update users set name = ${oldName} where id = ${managerId}`);
    }
    const before = await manager.get(`/api/v1/plans/${plan.id}`);
    await run(sql`update employees set job_title = 'Principal Reviewer' where user_id = ${managerId}`);
    const retitled = await manager.get(`/api/v1/plans/${plan.id}`);
    expect(retitled.text).toBe((await fresh(manager, plan.id)).text);
    await manager.get(`/api/v1/plans/${plan.id}`);
    const stamp = async () => {
      const [row] = await selectRows<{ stamp: string }>(
        t.database.db,
        sql`select stamp from organization_stamps where org_id = ${manager.user.orgId}`,
      );
      return Number(row?.stamp ?? 0);
    };
    const zoneBefore = await stamp();
    await run(sql`update organizations set settings = jsonb_set(settings, '{timezone}', '"Pacific/Kiritimati"')
      where id = ${manager.user.orgId}`);
    expect(await stamp()).toBe(zoneBefore + 1);
    // An edit of anything else of the organisation's leaves its answers kept.
    await run(sql`update organizations set name = name where id = ${manager.user.orgId}`);
    expect(await stamp()).toBe(zoneBefore + 1);
    const zoned = await manager.get(`/api/v1/plans/${plan.id}`);
    expect(zoned.text).toBe((await fresh(manager, plan.id)).text);
    await run(sql`update organizations set settings = jsonb_set(settings, '{timezone}', '"UTC"')
      where id = ${manager.user.orgId}`);
    expect(before.status).toBe(200);
  });

  it('composes again on a new day, and keeps each reader their own answer', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    const managerRead = await manager.get(`/api/v1/plans/${plan.id}`);
    const hrRead = await hr.get(`/api/v1/plans/${plan.id}`);
    // The manager and HR may do different things: neither is ever sent the other's answer.
    expect(hrRead.text).not.toBe(managerRead.text);
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).text).toBe(managerRead.text);
    expect((await hr.get(`/api/v1/plans/${plan.id}`)).text).toBe(hrRead.text);
    t.clock.advance(24 * 60 * 60 * 1000);
    // A day later the sessions have expired: the same people sign in again (the same readers to the server).
    [manager, hr, mentor] = await Promise.all(
      [demo.manager, demo.hr, demo.mentor].map((e) => signIn(t.app, e)),
    );
    const before = t.database.queryCount();
    const nextDay = await manager.get(`/api/v1/plans/${plan.id}`);
    // A new day: the plan is read whole, not tried as kept (the session, the plan, the view).
    expect(t.database.queryCount() - before).toBe(3);
    expect(nextDay.text).toBe((await fresh(manager, plan.id)).text);
  });

  it('asks the policy again when the plan changed: a mentor taken off the plan no longer sees it', async () => {
    const plan = await createPlan(manager, { mentorId: mentor.user.id });
    const read = await mentor.get(`/api/v1/plans/${plan.id}`);
    expect(read.status).toBe(200);
    expect(read.body.isMentorView).toBe(true);
    expect((await mentor.get(`/api/v1/plans/${plan.id}`)).status).toBe(200);
    await run(sql`update plans set mentor_user_id = null where id = ${plan.id}`);
    const views = await viewsOf(plan.id);
    expect((await mentor.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
    expect(await viewsOf(plan.id)).toBe(views);
  });
});
