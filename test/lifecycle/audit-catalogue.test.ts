// Audit events are typed: every event a plan's life writes is a kind of the catalogue with data in its kind's
// shape, a request's events carry the request id, and what a job does on its own names the job.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/sql.ts';
import { auditEventTypes, checkAuditData, isAuditAction } from '../../src/domain/audit/events.ts';
import { produceWeeklyReports } from '../../src/services/running/weekly-reports.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe('the audit event catalogue', () => {
  it('refuses data that does not match the kind, and names the kind', () => {
    expect(() => checkAuditData('plan.viewed', { version: 3 })).not.toThrow();
    expect(() => checkAuditData('plan.viewed', { version: 'three' })).toThrow(/plan\.viewed/);
    expect(() =>
      checkAuditData('organization.logo_changed', { sha256: 'x', bytes: 1, name: 'me.png' }),
    ).toThrow(/organization\.logo_changed/);
    expect(() => checkAuditData('plan.audit_viewed', { anything: true })).toThrow();
  });

  it("checks a plan change's own fields apart from the event's", () => {
    const base = { version: 2, documentHash: 'abc', changed: ['/overview'] };
    expect(() => checkAuditData('plan.updated', { ...base, fields: ['overview'] })).not.toThrow();
    expect(() => checkAuditData('plan.updated', { ...base, fields: 'overview' })).toThrow(/plan\.updated/);
    expect(() => checkAuditData('metric.added', { ...base, version: 'two' })).toThrow();
  });

  it('knows its kinds by name only', () => {
    expect(isAuditAction('plan.signed')).toBe(true);
    expect(isAuditAction('plan.viewed_by_nobody')).toBe(false);
    expect(isAuditAction('toString')).toBe(false);
    for (const name of Object.keys(auditEventTypes)) expect(name).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});

describe.each(engines)('audit events as written on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(() => t?.close());

  it("a plan's whole start writes only catalogue kinds, each in its shape, each request's with its id", async () => {
    const plan = await createPlan(manager);
    await completePlan(manager, plan);
    await activatePlan(manager, hr, employee, plan.id);
    await manager.get(`/api/v1/plans/${plan.id}`);
    const events = await selectRows<Row>(
      t.database.db,
      sql`select action, digest, actor_user_id, request_id from audit_events where chain = ${plan.id} order by seq`,
    );
    expect(events.length).toBeGreaterThan(5);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['plan.created', 'plan.signed']));
    for (const event of events) {
      expect(isAuditAction(event.action), event.action).toBe(true);
      if (isAuditAction(event.action))
        expect(() => checkAuditData(event.action as never, event.digest)).not.toThrow();
      // Written in a request (a person's, or the schedule made when the last signature lands): its id is kept.
      expect(event.request_id, event.action).toBeTruthy();
    }
  });

  it('what a job does on its own names the job', async () => {
    t.clock.advance(8 * 86_400_000);
    expect(await produceWeeklyReports(t.deps)).toBeGreaterThan(0);
    const events = await selectRows<Row>(
      t.database.db,
      sql`select action, request_id from audit_events where actor_user_id is null and action = 'progress_report.produced'`,
    );
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.request_id).toBe('job:weekly-reports');
  });
});

type Row = {
  action: string;
  digest: Record<string, unknown> | null;
  actor_user_id: string | null;
  request_id: string | null;
};
