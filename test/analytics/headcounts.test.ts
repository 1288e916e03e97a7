// Headcounts per department and manager, kept by the database (migration 0020_headcounts), and each manager's
// name with them (0025), always equal what counting the directory gives: after bulk inserts, moves between departments and managers, deactivations,
// reactivations, deletions and a rolled-back write, in two organisations, on both engines.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { employees } from '../../src/db/schema/index.ts';
import { selectRows } from '../../src/db/sql.ts';
import { engines, openTestDatabase } from '../helpers/engines.ts';
import { createOrganization } from '../helpers/factories.ts';

type Count = { org_id: string; kind: string; key: string; people: number; label: string | null };

const sorted = (rows: Count[]) =>
  rows
    .map((r) => ({ ...r, people: Number(r.people) }))
    .sort((a, b) => `${a.org_id}${a.kind}${a.key}`.localeCompare(`${b.org_id}${b.kind}${b.key}`));

describe.each(engines)('headcounts kept by the database on %s', (engine) => {
  let database: Database;
  let orgA: string;
  let orgB: string;

  const kept = async () =>
    sorted(
      await selectRows<Count>(
        database.db,
        sql`select org_id, kind, key, people, label from headcounts where org_id in (${orgA}, ${orgB})`,
      ),
    );
  const counted = async () =>
    sorted(
      await selectRows<Count>(
        database.db,
        sql`select org_id, 'department' as kind, department as key, count(*)::int as people, null as label
            from employees
            where deactivated_at is null and org_id in (${orgA}, ${orgB}) group by org_id, department
            union all
            select e.org_id, 'manager', e.manager_id::text, count(*)::int,
              (select m.name from employees m where m.org_id = e.org_id and m.id = e.manager_id)
            from employees e
            where e.deactivated_at is null and e.manager_id is not null and e.org_id in (${orgA}, ${orgB})
            group by e.org_id, e.manager_id`,
      ),
    );
  const expectInStep = async () => {
    const expected = await counted();
    expect(expected.length).toBeGreaterThan(0);
    expect(await kept()).toEqual(expected);
  };
  const person = (orgId: string, department: string, managerId: string | null = null) => ({
    orgId,
    name: `Person ${randomUUID().slice(0, 6)}`,
    email: `${randomUUID().slice(0, 12)}@example.com`,
    jobTitle: 'Analyst',
    department,
    managerId,
  });

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgA = (await createOrganization(database.db, { name: 'Headcounts A' })).id;
    orgB = (await createOrganization(database.db, { name: 'Headcounts B' })).id;
  });
  afterAll(async () => {
    await database.close();
  });

  it('counts people inserted in bulk and one by one, per organisation', async () => {
    const db = database.db;
    const leads = await db
      .insert(employees)
      .values([person(orgA, 'Leadership'), person(orgA, 'Leadership'), person(orgB, 'Leadership')])
      .returning({ id: employees.id });
    const [leadA1, leadA2, leadB] = leads.map((l) => l.id) as [string, string, string];
    await db
      .insert(employees)
      .values([
        ...Array.from({ length: 30 }, (_, i) => person(orgA, i % 3 ? 'Sales' : 'Support', leadA1)),
        ...Array.from({ length: 12 }, () => person(orgA, 'Sales', leadA2)),
        ...Array.from({ length: 7 }, () => person(orgB, 'Sales', leadB)),
      ]);
    await db.insert(employees).values(person(orgA, 'Finance'));
    await expectInStep();
    const sales = (await kept()).find(
      (r) => r.org_id === orgA && r.kind === 'department' && r.key === 'Sales',
    );
    expect(sales?.people).toBe(20 + 12);
  });

  it('follows moves between departments and managers, one person and many at once', async () => {
    const db = database.db;
    const [leadA1, leadA2] = (
      await db
        .select({ id: employees.id })
        .from(employees)
        .where(and(eq(employees.orgId, orgA), eq(employees.department, 'Leadership')))
    ).map((r) => r.id) as [string, string];
    const reports = await db
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.orgId, orgA), eq(employees.managerId, leadA1)));
    // Five people move to the other manager and to Finance; one changes only their name (no change).
    await db
      .update(employees)
      .set({ managerId: leadA2, department: 'Finance' })
      .where(
        inArray(
          employees.id,
          reports.slice(0, 5).map((r) => r.id),
        ),
      );
    await db
      .update(employees)
      .set({ name: 'Renamed' })
      .where(eq(employees.id, reports[5]?.id as string));
    // A manager is renamed: their row's label follows.
    await db.update(employees).set({ name: 'Lead Renamed' }).where(eq(employees.id, leadA1));
    expect((await kept()).find((r) => r.kind === 'manager' && r.key === leadA1)?.label).toBe('Lead Renamed');
    // A whole team loses its manager.
    await db.update(employees).set({ managerId: null }).where(eq(employees.managerId, leadA2));
    await expectInStep();
    const managers = (await kept()).filter((r) => r.org_id === orgA && r.kind === 'manager');
    expect(managers.map((m) => m.key)).toEqual([leadA1]);
  });

  it('follows deactivations, reactivations and deletions, and removes a group that empties', async () => {
    const db = database.db;
    const finance = await db
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.orgId, orgA), eq(employees.department, 'Finance')));
    await db
      .update(employees)
      .set({ deactivatedAt: new Date('2026-11-01T00:00:00Z') })
      .where(and(eq(employees.orgId, orgA), eq(employees.department, 'Finance')));
    await expectInStep();
    expect((await kept()).some((r) => r.org_id === orgA && r.key === 'Finance')).toBe(false);
    // Two come back; one moves while inactive (not counted anywhere until reactivated).
    await db
      .update(employees)
      .set({ deactivatedAt: null })
      .where(inArray(employees.id, [finance[0]?.id as string, finance[1]?.id as string]));
    await db
      .update(employees)
      .set({ department: 'Support' })
      .where(eq(employees.id, finance[2]?.id as string));
    await expectInStep();
    const support = await db
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.orgId, orgA), eq(employees.department, 'Support')));
    await db.delete(employees).where(
      inArray(
        employees.id,
        support.slice(0, 3).map((r) => r.id),
      ),
    );
    await db.delete(employees).where(eq(employees.orgId, orgB));
    await expectInStep();
    expect((await kept()).some((r) => r.org_id === orgB)).toBe(false);
    expect((await kept()).find((r) => r.key === 'Finance')?.people).toBe(2);
  });

  it('keeps nothing of a write that is rolled back', async () => {
    const before = await kept();
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(employees).values(person(orgA, 'Sales'));
        await tx.update(employees).set({ department: 'Legal' }).where(eq(employees.orgId, orgA));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await kept()).toEqual(before);
    await expectInStep();
  });
});
