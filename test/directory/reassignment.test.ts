// A manager who leaves or moves: HR sees their plans still running and hands each to a new manager. An agreed plan
// records the change as an adjustment the employee hears about; the new manager reads the plan and its history,
// the old one no longer does, and the audit trail says who changed it and why.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employees, outbox } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('manager reassignment on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let hrRep: Client;
  let manager: Client;
  let employee: Client;
  let successor: Client;
  let successorEmployeeId: string;
  let activeId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    hr = await signIn(t.app, demo.hr);
    hrRep = await signIn(t.app, demo.hrRep);
    manager = await signIn(t.app, demo.manager);
    employee = await signIn(t.app, demo.employee);
    const created = await createUserWithEmployee(t.database.db, hr.user.orgId, {
      roles: ['manager'],
      name: 'Nora Sucesora',
      email: 'nora.sucesora@example.com',
    });
    successorEmployeeId = created.employee.id;
    successor = await signIn(t.app, created.email);

    const draft = await createPlan(manager, { hrRepId: hrRep.user.id });
    activeId = (await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id)).id;
    // A second report of the same manager, whose plan is still a draft.
    const reports = (await hr.get(`/api/v1/employees?managerId=${manager.user.employeeId}&limit=100`)).body
      .items;
    const other = reports.find((e: { email: string }) => e.email !== demo.employee);
    draftId = (await createPlan(manager, { employeeId: other.id })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('nothing is listed while the manager is still there, and only HR may list', async () => {
    expect((await hr.get('/api/v1/directory/reassignments')).body.items).toEqual([]);
    for (const client of [manager, employee]) {
      expect((await client.get('/api/v1/directory/reassignments')).status).toBe(403);
    }
  });

  it('when the manager leaves, their running plans are listed for HR to reassign', async () => {
    await t.database.db
      .update(employees)
      .set({ deactivatedAt: t.clock.now() })
      .where(eq(employees.id, manager.user.employeeId!));
    const listed = (await hr.get('/api/v1/directory/reassignments')).body.items;
    expect(listed.map((r: { planId: string }) => r.planId).sort()).toEqual([activeId, draftId].sort());
    expect(listed.find((r: { planId: string }) => r.planId === activeId)).toMatchObject({
      status: 'active',
      managerName: 'Marta Navarro',
      employeeName: 'Elena Martín',
      reason: 'left',
    });
  });

  it('a new manager must be someone who can sign in, other than the employee, and only HR reassigns', async () => {
    const url = `/api/v1/plans/${activeId}/manager`;
    const reason = 'Marta moved to another company';
    const unknown = await hr.post(url, { managerEmployeeId: '00000000-0000-4000-8000-000000000000', reason });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body/managerEmployeeId');
    const self = await hr.post(url, { managerEmployeeId: employee.user.employeeId, reason });
    expect(self.status).toBe(422);
    const noAccount = (await hr.get('/api/v1/employees?q=Carolina')).body.items[0];
    expect((await hr.post(url, { managerEmployeeId: noAccount.id, reason })).status).toBe(422);
    expect((await hr.post(url, { managerEmployeeId: successorEmployeeId })).status).toBe(422);
    for (const client of [manager, employee, successor]) {
      const refused = await client.post(url, { managerEmployeeId: successorEmployeeId, reason });
      expect([403, 404]).toContain(refused.status);
    }
  });

  it('an active plan changes manager through an adjustment the employee is told about; the new manager reads its history, the old no longer', async () => {
    const before = (await hr.get(`/api/v1/plans/${activeId}`)).body;
    const changed = await hr.post(`/api/v1/plans/${activeId}/manager`, {
      managerEmployeeId: successorEmployeeId,
      reason: 'Marta moved to another company',
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.adjustmentId).toEqual(expect.any(String));

    // Still active, signatures standing, the header names the new manager.
    const plan = (await successor.get(`/api/v1/plans/${activeId}`)).body;
    expect(plan.status).toBe('active');
    expect(plan.header.managerName).toBe('Nora Sucesora');
    expect(plan.version).toBe(before.version + 1);
    const versions = (await successor.get(`/api/v1/plans/${activeId}/versions`)).body.items;
    expect(versions.length).toBeGreaterThan(1);
    const adjustments = (await successor.get(`/api/v1/plans/${activeId}/adjustments`)).body.items;
    expect(adjustments[0]).toMatchObject({
      id: changed.body.adjustmentId,
      status: 'approved',
      reason: 'Marta moved to another company',
      summary: [{ path: 'manager', before: 'Marta Navarro', after: 'Nora Sucesora' }],
    });
    expect((await manager.get(`/api/v1/plans/${activeId}`)).status).toBe(404);

    // The employee hears of it in the app and by email, the audit trail records who did it.
    const told = (await employee.get('/api/v1/notifications')).body.items;
    expect(
      told.some(
        (n: { kind: string; planId: string }) => n.kind === 'plan.manager_changed' && n.planId === activeId,
      ),
    ).toBe(true);
    const [mail] = await t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'plan.manager_changed'), eq(outbox.toEmail, demo.employee)));
    expect(mail.text).toContain('Nora Sucesora is now the manager');
    const audit = (await hr.get(`/api/v1/plans/${activeId}/audit`)).body;
    const event = audit.items.find((e: { action: string }) => e.action === 'plan.manager_changed');
    expect(event).toMatchObject({ actorName: 'Helena Ruiz', entityId: changed.body.adjustmentId });
    expect(audit.verification.isIntact).toBe(true);

    expect(
      (await hr.get('/api/v1/directory/reassignments')).body.items.map((r: { planId: string }) => r.planId),
    ).toEqual([draftId]);
  });

  it('a draft changes manager directly, without an adjustment and without telling the employee', async () => {
    const changed = await hr.post(`/api/v1/plans/${draftId}/manager`, {
      managerEmployeeId: successorEmployeeId,
      reason: 'New team lead',
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.adjustmentId).toBeNull();
    expect((await successor.get(`/api/v1/plans/${draftId}`)).body.header.managerName).toBe('Nora Sucesora');
    expect((await successor.get(`/api/v1/plans/${draftId}/adjustments`)).body.items).toEqual([]);
    expect((await manager.get(`/api/v1/plans/${draftId}`)).status).toBe(404);
    expect((await hr.get('/api/v1/directory/reassignments')).body.items).toEqual([]);
  });
});
