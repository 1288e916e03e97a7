// The plans list: several statuses at once, every sort in both directions across pages (ties broken by id),
// progress and risk as the plan page shows them, the whole list as CSV, and who sees which plans.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planListSorts } from '../../src/contracts/plans.ts';
import { selectRows } from '../../src/db/sql.ts';
import { generateOrganization } from '../../src/services/demo/generate-organization.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { createPlan } from '../helpers/plans.ts';

type Item = {
  id: string;
  status: string;
  employeeName: string;
  department: string;
  managerName: string | null;
  startDate: string;
  endDate: string;
  progress: number | null;
  risk: 'onTrack' | 'atRisk' | 'offTrack' | null;
};

const riskRank = { onTrack: 0, atRisk: 1, offTrack: 2 } as const;
const statusOrder = [
  'draft',
  'in_review',
  'awaiting_acknowledgment',
  'active',
  'paused',
  'closed',
  'cancelled',
];

describe.each(engines)('the plans list on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;
  let managersPlanId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, {});
    t.clock.set('2026-11-24T09:00:00Z');
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
    managersPlanId = (await createPlan(manager)).id;
    // The generator copies its plan text from an existing plan.
    await generateOrganization(t.database.db, 'small', () => {});
  }, 600_000);
  afterAll(() => t?.close());

  /** Every page of a listing, followed through nextCursor. */
  async function allPages(client: Client, query: string, limit: number): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 1000; n++) {
      const url = `/api/v1/plans?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const response = await client.get(url);
      expect(response.status, response.text).toBe(200);
      items.push(...response.body.items);
      cursor = response.body.nextCursor;
      if (!cursor) return items;
    }
    throw new Error('the list never ended');
  }

  it('filters on several statuses at once and refuses an unknown one, naming the field', async () => {
    const both = await allPages(hr, 'status=active,paused', 100);
    expect(both.length).toBeGreaterThan(0);
    expect(new Set(both.map((p) => p.status))).toEqual(new Set(['active', 'paused']));
    const active = await allPages(hr, 'status=active', 100);
    const paused = await allPages(hr, 'status=paused', 100);
    expect(both.length).toBe(active.length + paused.length);

    const bad = await hr.get('/api/v1/plans?status=active,finished');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    expect((await hr.get('/api/v1/plans?sort=salary')).status).toBe(400);
    expect((await hr.get('/api/v1/plans?order=up')).status).toBe(400);
  });

  it.each(planListSorts)('sorts by %s both ways, page after page, ties broken by id', async (sort) => {
    const everything = await allPages(hr, `sort=${sort}`, 100);
    expect(everything.length).toBeGreaterThan(150);
    // Small pages through many ties give the same order as large pages.
    const ascending = await allPages(hr, `sort=${sort}&order=asc`, 7);
    expect(ascending.map((p) => p.id)).toEqual(everything.map((p) => p.id));
    expect(new Set(ascending.map((p) => p.id)).size).toBe(ascending.length);
    // Descending is the exact reverse, because ties are broken by id in the same direction.
    const descending = await allPages(hr, `sort=${sort}&order=desc`, 13);
    expect(descending.map((p) => p.id)).toEqual([...ascending].reverse().map((p) => p.id));

    const numeric = (p: Item): number | string | null => {
      if (sort === 'progress') return p.progress ?? -1;
      if (sort === 'risk') return p.risk === null ? -1 : riskRank[p.risk];
      if (sort === 'status') return statusOrder.indexOf(p.status);
      if (sort === 'startDate' || sort === 'endDate') return p[sort];
      return null;
    };
    if (numeric(ascending[0]!) !== null) {
      for (let i = 1; i < ascending.length; i++) {
        const [a, b] = [numeric(ascending[i - 1]!)!, numeric(ascending[i]!)!];
        expect(a <= b, `${sort}: ${a} before ${b}`).toBe(true);
        if (a === b) expect(ascending[i - 1]!.id < ascending[i]!.id).toBe(true);
      }
    }
    // Plenty of ties: the sort key repeats, so the id tie-break carried the pagination.
    const keys = ascending.map((p) => JSON.stringify(numeric(p) ?? p[sort as keyof Item]));
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });

  it('refuses a cursor this API did not return, naming the field', async () => {
    const first = await hr.get('/api/v1/plans?sort=endDate&limit=5');
    const bad = await hr.get(`/api/v1/plans?sort=endDate&limit=5&cursor=not-a-cursor`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('cursor');
  });

  it('shows progress and risk exactly as the plan page computes them', async () => {
    const running = await allPages(hr, 'status=active,paused,closed&sort=progress&order=desc', 100);
    const sample = [
      ...running.slice(0, 6),
      ...running.slice(-6),
      ...running.filter((p) => p.risk === 'offTrack').slice(0, 4),
      ...running.filter((p) => p.risk === 'atRisk').slice(0, 4),
    ];
    expect(new Set(running.map((p) => p.risk)).size).toBeGreaterThan(1);
    expect(running.some((p) => p.progress !== null && p.progress > 0)).toBe(true);
    for (const item of sample) {
      const progress = await hr.get(`/api/v1/plans/${item.id}/progress`);
      expect(progress.status, progress.text).toBe(200);
      const overall = progress.body.overallProgress as number | null;
      expect(item.progress).toBe(overall === null ? null : Math.round(overall * 100));
      const statuses = (progress.body.focusAreas as { status: keyof typeof riskRank | null }[])
        .map((a) => a.status)
        .filter((s) => s !== null);
      const worst = statuses.length ? statuses.reduce((a, b) => (riskRank[b!] > riskRank[a!] ? b : a)) : null;
      expect(item.risk, item.id).toBe(worst);
    }
  });

  it('sends the whole filtered, sorted list as CSV in the requester’s language', async () => {
    const listed = await allPages(hr, 'status=active,paused&sort=employeeName&order=desc', 100);
    const csv = await send(
      t.app,
      'GET',
      '/api/v1/plans?status=active,paused&sort=employeeName&order=desc&limit=5',
      {
        headers: { cookie: hr.cookie, accept: 'text/csv', 'accept-language': 'es-ES,es;q=0.9' },
      },
    );
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="plans.csv"');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Empleado,Puesto,Departamento,Responsable,Representante de RR. HH.,Estado,Fecha de inicio,Fecha de fin,Progreso (%),Riesgo',
    );
    expect(lines).toHaveLength(listed.length + 1);
    expect(lines[1]!.startsWith(listed[0]!.employeeName)).toBe(true);
    expect(lines.at(-1)!.startsWith(listed.at(-1)!.employeeName)).toBe(true);
    expect(csv.text).toMatch(/,(Activo|En pausa),/);

    const english = await send(t.app, 'GET', '/api/v1/plans?status=paused', {
      headers: { cookie: hr.cookie, accept: 'text/csv' },
    });
    expect(english.text.split('\r\n')[0]).toMatch(/^Employee,Position,Department,Manager,/);
  });

  it('follows every write at once: the summary row changes in the same transaction', async () => {
    const itemOf = async () =>
      (await allPages(manager, 'sort=endDate', 50)).find((p) => p.id === managersPlanId)!;
    expect(await itemOf()).toMatchObject({ progress: null, risk: null });
    const metric = await manager.post(`/api/v1/plans/${managersPlanId}/metrics`, {
      name: 'Quality score',
      unit: 'points',
      direction: 'higher',
      baseline: 60,
      target: 80,
    });
    expect(metric.status).toBe(201);
    expect((await itemOf()).progress).toBe(0);
    const measured = await manager.post(
      `/api/v1/plans/${managersPlanId}/metrics/${metric.body.id}/measurements`,
      { date: '2026-11-20', value: 75 },
    );
    expect(measured.status).toBe(201);
    expect((await itemOf()).progress).toBe(75);
    const rebased = await manager.patch(`/api/v1/plans/${managersPlanId}/metrics/${metric.body.id}`, {
      baseline: 70,
    });
    expect(rebased.status, rebased.text).toBe(200);
    expect((await itemOf()).progress).toBe(50);
    expect((await manager.delete(`/api/v1/plans/${managersPlanId}/metrics/${metric.body.id}`)).status).toBe(
      204,
    );
    expect(await itemOf()).toMatchObject({ progress: null });
    // One summary row for every plan, none left over.
    const [counts] = await selectRows<{ plans: number; summaries: number }>(
      t.database.db,
      sql`select (select count(*) from plans)::int as plans, (select count(*) from plan_summaries)::int as summaries`,
    );
    expect(counts!.summaries).toBe(counts!.plans);
  });

  it('the generated plans have their summaries, built once at the end, and the summary triggers are on again', async () => {
    const [row] = await selectRows<Record<string, number>>(
      t.database.db,
      sql`select
        (select count(*) from plan_summaries s join check_ins c on c.plan_id = s.plan_id and c.status = 'held')::int
          as held_rows,
        (select coalesce(sum(s.check_ins_held), 0) from plan_summaries s)::int as held_summed,
        (select count(*) from plans p where not exists (select 1 from plan_summaries s where s.plan_id = p.id))::int
          as missing,
        (select count(*) from pg_trigger where tgname like '%_summary_insert' and tgenabled = 'D')::int as disabled`,
    );
    expect(row!.held_rows).toBeGreaterThan(1000);
    expect(row!.held_summed).toBe(row!.held_rows);
    expect(row!.missing).toBe(0);
    expect(row!.disabled).toBe(0);
  });

  it('a manager sees and exports only their own plans', async () => {
    const own = await allPages(manager, 'sort=employeeName', 50);
    expect(own.map((p) => p.id)).toContain(managersPlanId);
    const everything = await allPages(hr, 'sort=employeeName', 100);
    expect(own.length).toBeLessThan(everything.length);
    for (const plan of own) expect(plan.managerName).toBe('Marta Navarro');
    const csv = await send(t.app, 'GET', '/api/v1/plans', {
      headers: { cookie: manager.cookie, accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(own.length + 1);
    const employee = await signIn(t.app, demo.employee);
    const employeeCsv = await send(t.app, 'GET', '/api/v1/plans', {
      headers: { cookie: employee.cookie, accept: 'text/csv' },
    });
    // The draft is not the employee's to see yet.
    expect(employeeCsv.text).not.toContain('Borrador');
    expect(employeeCsv.text.trimEnd().split('\r\n')).toHaveLength(1);
  });
});
