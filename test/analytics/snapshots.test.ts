// Stored analytics answers on both engines: a second read is served from the stored answer; any write to the
// organisation's plans, directory or risk flags forgets it in the same transaction; another organisation's writes
// do not; the clock retires it after the maximum age; a consistency page is the whole ranking's first groups;
// an HR representative's own plans are never stored.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsSnapshots, employees, plans, riskFlags } from '../../src/db/schema/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { storedPageGroups } from '../../src/services/analytics/get-consistency.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization } from '../helpers/factories.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';

const marker = 424_242;

describe.each(engines)('Stored analytics answers on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let orgId: string;
  let planId: string;

  const storedViews = async () =>
    (
      await t.database.db
        .select({ view: analyticsSnapshots.view, computedAt: analyticsSnapshots.computedAt })
        .from(analyticsSnapshots)
        .where(eq(analyticsSnapshots.orgId, orgId))
    )
      .map((r) => r.view)
      .sort();

  /** Writes a figure no computation gives into the stored overview, so a read that shows it was served from it. */
  const markStoredOverview = async () => {
    const changed = await t.database.db
      .update(analyticsSnapshots)
      .set({ body: sql`jsonb_set(${analyticsSnapshots.body}, '{plans}', ${String(marker)}::jsonb)` })
      .where(and(eq(analyticsSnapshots.orgId, orgId), eq(analyticsSnapshots.view, 'overview')))
      .returning({ view: analyticsSnapshots.view });
    expect(changed).toHaveLength(1);
  };

  /** A closed plan for a new person of the organisation, written straight to the database. */
  const insertClosedPlan = async () => {
    const [person] = await t.database.db
      .insert(employees)
      .values({
        orgId,
        name: 'Planned Person',
        email: `${randomUUID().slice(0, 12)}@example.com`,
        jobTitle: 'Analyst',
        department: 'Logistics',
      })
      .returning({ id: employees.id });
    const [plan] = await t.database.db
      .insert(plans)
      .values({
        orgId,
        employeeId: person?.id as string,
        status: 'closed',
        locale: 'en',
        templateId: 'default',
        templateVersion: 1,
        startDate: '2026-03-02',
        durationWeeks: 12,
        endDate: '2026-05-24',
        createdByUserId: hr.user.id,
        header: {
          organizationName: 'Demo',
          employeeName: 'Planned Person',
          position: 'Analyst',
          department: 'Logistics',
          managerName: '',
          hrRepName: null,
          mentorName: null,
          mentorRole: null,
        },
        content: {} as never,
        closedAt: '2026-05-27T10:00:00Z',
      })
      .returning({ id: plans.id });
    return plan?.id as string;
  };

  const overviewPlans = async () => (await hr.get('/api/v1/analytics/overview')).body.plans as number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    orgId = hr.user.orgId;
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves a second read from the answer stored by the first, with the time it was computed', async () => {
    const first = await hr.get('/api/v1/analytics/overview');
    expect(first.status).toBe(200);
    expect(await storedViews()).toEqual(['overview']);
    await markStoredOverview();
    t.clock.advance(30_000);
    const second = await hr.get('/api/v1/analytics/overview');
    expect(second.body.plans).toBe(marker);
    expect(second.body.asOf).toBe(first.body.asOf);
  });

  it("forgets the organisation's answers when one of its plans is written", async () => {
    await t.database.db.delete(analyticsSnapshots).where(eq(analyticsSnapshots.orgId, orgId));
    const before = await overviewPlans();
    await markStoredOverview();
    planId = await insertClosedPlan();
    expect(await storedViews()).toEqual([]);
    expect(await overviewPlans()).toBe(before + 1);

    await markStoredOverview();
    await t.database.db
      .update(plans)
      .set({ durationWeeks: 13 })
      .where(and(eq(plans.orgId, orgId), eq(plans.id, planId)));
    expect(await storedViews()).toEqual([]);
    expect(await overviewPlans()).toBe(before + 1);
  });

  it('forgets them when a person of the directory changes or a risk flag is raised', async () => {
    await overviewPlans();
    await markStoredOverview();
    const [person] = await t.database.db
      .select({ id: employees.id })
      .from(employees)
      .where(eq(employees.orgId, orgId))
      .limit(1);
    await t.database.db
      .update(employees)
      .set({ jobTitle: sql`${employees.jobTitle}` })
      .where(and(eq(employees.orgId, orgId), eq(employees.id, person?.id as string)));
    expect(await overviewPlans()).not.toBe(marker);

    await markStoredOverview();
    await t.database.db.insert(riskFlags).values({ orgId, planId, flag: `test-${randomUUID().slice(0, 8)}` });
    expect(await storedViews()).toEqual([]);
    expect(await overviewPlans()).not.toBe(marker);
  });

  it("keeps them when another organisation's directory changes", async () => {
    await overviewPlans();
    await markStoredOverview();
    const other = await createOrganization(t.database.db, { name: 'Elsewhere' });
    await t.database.db.insert(employees).values({
      orgId: other.id,
      name: 'Someone Else',
      email: `${randomUUID().slice(0, 12)}@example.com`,
      jobTitle: 'Analyst',
      department: 'Elsewhere',
    });
    expect(await overviewPlans()).toBe(marker);
  });

  it('computes again once the answer is older than the maximum age', async () => {
    const before = (await hr.get('/api/v1/analytics/overview')).body.asOf;
    await markStoredOverview();
    t.clock.advance(t.deps.config.analyticsMaxAgeMs + 1_000);
    const after = await hr.get('/api/v1/analytics/overview');
    expect(after.body.plans).not.toBe(marker);
    expect(Date.parse(after.body.asOf)).toBeGreaterThan(Date.parse(before));
  });

  it("cuts a consistency page from the stored first page, in the whole ranking's order", async () => {
    const whole = (await hr.get('/api/v1/analytics/consistency?by=department')).body;
    expect(whole.groups.length).toBeGreaterThan(1);
    const page = (await hr.get('/api/v1/analytics/consistency?by=department&limit=1')).body;
    expect(page.groups).toEqual(whole.groups.slice(0, 1));
    expect({ ...page, groups: [] }).toEqual({ ...whole, groups: [] });
    const [stored] = await t.database.db
      .select({ body: analyticsSnapshots.body })
      .from(analyticsSnapshots)
      .where(
        and(
          eq(analyticsSnapshots.orgId, orgId),
          eq(analyticsSnapshots.view, `consistency:department:first-${storedPageGroups}`),
        ),
      );
    expect((stored?.body as { groups: unknown[] } | undefined)?.groups).toEqual(
      whole.groups.slice(0, storedPageGroups),
    );
    expect(await storedViews()).toEqual(
      expect.arrayContaining(['consistency:department', `consistency:department:first-${storedPageGroups}`]),
    );

    // The same organisation read by a server that stores nothing ranks it the same.
    const live = await buildApp({
      deps: { ...t.deps, config: { ...t.deps.config, analyticsMaxAgeMs: 0 } },
      version: 'test',
      isLogging: false,
    });
    try {
      await live.ready();
      const liveHr = await signIn(live, demo.hr);
      const livePage = (await liveHr.get('/api/v1/analytics/consistency?by=department&limit=1')).body;
      expect(livePage).toEqual(page);
    } finally {
      await live.close();
    }
  });

  it("never stores an HR representative's view of the plans assigned to them", async () => {
    await t.database.db.delete(analyticsSnapshots).where(eq(analyticsSnapshots.orgId, orgId));
    const hrRep = await signIn(t.app, demo.hrRep);
    const overview = (await hrRep.get('/api/v1/analytics/overview')).body;
    expect(overview.scope).toBe('assigned');
    const consistency = await hrRep.get('/api/v1/analytics/consistency?by=manager');
    expect(consistency.status).toBe(200);
    expect(await storedViews()).toEqual([]);
  });
});
