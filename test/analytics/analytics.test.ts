// HR analytics over HTTP on both engines: a generated organisation where one manager uses plans twice as often
// (flagged) and one where differences are chance (not flagged); small groups suppressed; CSV; who may read.
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { employees, plans } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';

type Team = { manager: string; department: string; size: number; withPlan: number };

/** A directory of teams (managers with their reports) and closed plans for the first `withPlan` of each team. */
async function generateTeams(
  db: Db,
  orgId: string,
  creatorUserId: string,
  teams: Team[],
  hrRepUserId?: string,
) {
  const managerRows = await db
    .insert(employees)
    .values(
      teams.map((t) => ({
        orgId,
        name: t.manager,
        email: `${randomUUID().slice(0, 12)}@example.com`,
        jobTitle: 'Team Lead',
        department: 'Leadership',
      })),
    )
    .returning({ id: employees.id });
  let index = 0;
  for (const [t, team] of teams.entries()) {
    const managerId = managerRows[t]?.id as string;
    const people = await db
      .insert(employees)
      .values(
        Array.from({ length: team.size }, (_, i) => ({
          orgId,
          name: `Person ${t}-${i}`,
          email: `${randomUUID().slice(0, 12)}@example.com`,
          jobTitle: 'Analyst',
          department: team.department,
          managerId,
        })),
      )
      .returning({ id: employees.id });
    const planned = people.slice(0, team.withPlan);
    if (!planned.length) continue;
    await db.insert(plans).values(
      planned.map((person) => {
        index++;
        const outcome = index % 3 === 0 ? 'unsuccessful' : 'successful';
        return {
          orgId,
          employeeId: person.id,
          status: 'closed',
          locale: 'en' as const,
          templateId: 'default',
          templateVersion: 1,
          startDate: '2026-03-02',
          durationWeeks: 12,
          endDate: '2026-05-24',
          createdByUserId: creatorUserId,
          hrRepUserId: hrRepUserId && index % 10 === 0 ? hrRepUserId : null,
          header: {
            organizationName: 'Generated',
            employeeName: 'Person',
            position: 'Analyst',
            department: team.department,
            managerName: team.manager,
            hrRepName: null,
            mentorName: null,
            mentorRole: null,
          },
          content: {} as never,
          outcome: {
            outcome,
            summary: '',
            areaSummaries: [],
            completionSteps: [],
            decidedByUserId: creatorUserId,
            decidedByName: 'HR',
            decidedAt: '2026-05-27T10:00:00Z',
            reason: null,
          } as never,
          closedAt: '2026-05-27T10:00:00Z',
        };
      }),
    );
  }
}

describe.each(engines)('HR analytics on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let hrRep: Client;
  let auditor: Client;
  let manager: Client;
  let employee: Client;
  let mentor: Client;
  let randomHr: Client;
  let directory: number;

  beforeAll(async () => {
    t = await startTestApp(engine);
    const db = t.database.db;
    // The demo organisation's people sign in; the generated teams join its directory.
    [hr, hrRep, auditor, manager, employee, mentor] = await Promise.all(
      [demo.hr, demo.hrRep, demo.auditor, demo.manager, demo.employee, demo.mentor].map((email) =>
        signIn(t.app, email),
      ),
    );
    directory = (await hr.get('/api/v1/analytics/overview')).body.headcount;
    const departmentsBefore = (await hr.get('/api/v1/analytics/overview')).body.byDepartment;
    expect(
      departmentsBefore.some((d: { label: string }) =>
        ['Logistics', 'Procurement', 'Audit'].includes(d.label),
      ),
    ).toBe(false);
    const org = { id: hr.user.orgId };
    // Five managers with 200 reports and 20 plans each; one with 40 (twice the rate); one team of three.
    const teams: Team[] = [
      ...['Ana', 'Bruno', 'Carla', 'Dario', 'Eva'].map((name) => ({
        manager: name,
        department: 'Logistics',
        size: 200,
        withPlan: 20,
      })),
      { manager: 'Fabio', department: 'Procurement', size: 200, withPlan: 40 },
      { manager: 'Gema', department: 'Audit', size: 3, withPlan: 1 },
    ];
    await generateTeams(db, org.id, hr.user.id, teams, hrRep.user.id);

    // A second organisation: eight teams of 60 where each person is on a plan with the same chance (15 %).
    const other = await createOrganization(db, { name: 'Even' });
    const email = `${randomUUID().slice(0, 10)}@example.com`;
    await createUserWithEmployee(db, other.id, { roles: ['hr_admin'], email, password: 'analytics-pass-1' });
    randomHr = await signIn(t.app, email, 'analytics-pass-1');
    let seed = 20_261_203;
    const random = () => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed / 2 ** 32;
    };
    const evenTeams: Team[] = Array.from({ length: 8 }, (_, i) => {
      let withPlan = 0;
      for (let j = 0; j < 60; j++) if (random() < 0.15) withPlan++;
      return { manager: `Manager ${i}`, department: `Department ${i % 4}`, size: 60, withPlan };
    });
    // The draw is not uniform by construction: the teams differ, by chance only.
    expect(new Set(evenTeams.map((team) => team.withPlan)).size).toBeGreaterThan(2);
    await generateTeams(db, other.id, randomHr.user.id, evenTeams);
  }, 60_000);
  afterAll(() => t?.close());

  it('flags the manager with twice the plan rate, with the binomial p-value, and not the others', async () => {
    const response = await hr.get('/api/v1/analytics/consistency?by=manager');
    expect(response.status).toBe(200);
    const view = response.body;
    expect(view.method).toMatchObject({ correction: 'holm', threshold: 0.01, minimumGroupSize: 5 });
    const byName = new Map(view.groups.map((g: { label: string }) => [g.label, g]));
    const fabio = byName.get('Fabio') as Record<string, never> & { rateTest: { pValue: number } };
    expect(fabio).toMatchObject({ isSuppressed: false, headcount: 200, peopleWithPlan: 40, isFlagged: true });
    expect(fabio.rateTest).toMatchObject({ isFlagged: true });
    // 40 of 200 against the organisation's share (141 people on a plan among the whole directory).
    expect(fabio.rateTest.pValue).toBeLessThan(0.001);
    for (const name of ['Ana', 'Bruno', 'Carla', 'Dario', 'Eva'])
      expect(byName.get(name)).toMatchObject({ isSuppressed: false, peopleWithPlan: 20, isFlagged: false });
    expect(view.groups[0].label).toBe('Fabio');
    expect(view.flaggedCount).toBe(1);
  });

  it('suppresses a group of fewer than five people: no counts, marked suppressed', async () => {
    const view = (await hr.get('/api/v1/analytics/consistency?by=manager')).body;
    const gema = view.groups.find((g: { label: string }) => g.label === 'Gema');
    expect(gema).toEqual({ key: expect.any(String), label: 'Gema', isSuppressed: true });
    const departments = (await hr.get('/api/v1/analytics/consistency?by=department')).body;
    expect(departments.groups.find((g: { label: string }) => g.label === 'Audit')).toMatchObject({
      isSuppressed: true,
    });
    const overview = (await hr.get('/api/v1/analytics/overview')).body;
    expect(overview.byDepartment.find((g: { label: string }) => g.label === 'Audit')).toMatchObject({
      isSuppressed: true,
      headcount: null,
      plans: null,
    });
  });

  it('finds nothing in an organisation where the differences are chance', async () => {
    for (const by of ['manager', 'department']) {
      const view = (await randomHr.get(`/api/v1/analytics/consistency?by=${by}`)).body;
      expect(view.groups.length).toBeGreaterThan(3);
      expect(view.flaggedCount).toBe(0);
      const shown = view.groups.filter((g: { isSuppressed: boolean }) => !g.isSuppressed);
      expect(shown.length).toBeGreaterThan(3);
      for (const group of shown) expect(group.rateTest.adjustedPValue).toBeGreaterThanOrEqual(0.01);
    }
  });

  it('overview: counts, per 100 people, outcomes and lengths of the organisation', async () => {
    const overview = (await hr.get('/api/v1/analytics/overview')).body;
    expect(overview).toMatchObject({
      scope: 'organization',
      plans: 141,
      headcount: directory + 1210,
      medianLengthWeeks: 12,
      outcomes: { successful: 94, unsuccessful: 47, cancelled: 0 },
    });
    expect(overview.plansPer100).toBeCloseTo((100 * 141) / (directory + 1210), 2);
    expect(overview.byStatus).toEqual([{ status: 'closed', plans: 141 }]);
    expect(overview.byMonth.find((m: { month: string }) => m.month === '2026-03').started).toBe(141);
    expect(overview.byManager[0]).toMatchObject({ label: 'Fabio', plans: 40, headcount: 200 });
    const auditorView = (await auditor.get('/api/v1/analytics/overview')).body;
    expect(auditorView.plans).toBe(141);
  });

  it('sends each table as CSV when asked with Accept: text/csv', async () => {
    const response = await hr.get('/api/v1/analytics/consistency?by=manager');
    expect(response.headers['content-type']).toContain('application/json');
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/consistency?by=manager',
      headers: { cookie: hr.cookie, accept: 'text/csv' },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toMatch(/^manager,suppressed,headcount,plans,people_with_plan,/);
    expect(lines[1]).toMatch(/^Fabio,false,200,40,40,/);
    expect(lines.find((l) => l.startsWith('Gema,'))).toBe(`Gema,true${','.repeat(18)}`);
    const departments = await t.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/overview?table=byDepartment',
      headers: { cookie: hr.cookie, accept: 'text/csv' },
    });
    expect(departments.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(departments.body.split('\r\n')).toContain('Logistics,false,1000,100,10');
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(openapi.paths['/api/v1/analytics/consistency'].get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
    ]);
  });

  it('refuses employees, mentors and managers; an HR representative sees only their plans', async () => {
    for (const client of [employee, mentor, manager]) {
      expect((await client.get('/api/v1/analytics/overview')).status).toBe(403);
      expect((await client.get('/api/v1/analytics/consistency?by=department')).status).toBe(403);
    }
    const overview = (await hrRep.get('/api/v1/analytics/overview')).body;
    expect(overview.scope).toBe('assigned');
    expect(overview.plans).toBe(14);
    const view = (await hrRep.get('/api/v1/analytics/consistency?by=manager')).body;
    expect(view.norm.plans).toBe(14);
  });

  it('gives anyone signed in the transparency PDF, in their language or the one asked for', async () => {
    for (const [client, locale] of [
      [employee, ''],
      [mentor, '?locale=es'],
    ] as const) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/transparency.pdf${locale}`,
        headers: { cookie: client.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const pdf = await PDFDocument.load(response.rawPayload);
      expect(pdf.getTitle()).toBe(
        locale ? 'Cómo calcula Mejora cada cifra' : 'How Mejora computes every figure',
      );
      expect(pdf.getPageCount()).toBeGreaterThan(1);
    }
  });

  it('names the bad query field', async () => {
    const response = await hr.get('/api/v1/analytics/consistency?by=team');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('by');
  });
});
