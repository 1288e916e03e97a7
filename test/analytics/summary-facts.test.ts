// The facts the HR analytics and the inbox read from each plan's summary row (migration 0021): the planned
// person's current department, manager and presence, the approvals of the current round, who acted on the version
// that counts, refusals not witnessed, adjustments pending, the next check-in and mentor session, and whether an
// outcome is recommended. Each is checked against the plan's own rows, computed here independently, for plans in
// several states, after an adjustment is proposed and decided, and after a person moves and leaves (a rolled
// back deactivation, then a committed one).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../src/db/sql.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

type Mismatch = { plan_id: string; column: string; summary: string | null; expected: string | null };

describe.each(engines)('the summary rows’ facts on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;
  let employee: Client;
  // biome-ignore lint/suspicious/noExplicitAny: the plan as the API answers it
  let plan: any;

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
    employee = await signIn(t.app, demo.employee);
    // Plans in several states: a draft, one in review, one active (approved, signed, check-ins scheduled).
    await createPlan(manager);
    const inReview = await completePlan(manager, await createPlan(manager));
    await manager.post(`/api/v1/plans/${inReview.id}/transitions`, { action: 'submit' });
    plan = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
  }, 120_000);
  afterAll(() => t?.close());

  /** Every summary column that differs from the same fact counted from the plan's own rows. */
  async function mismatches(): Promise<Mismatch[]> {
    return selectRows<Mismatch>(
      t.database.db,
      sql`with expected as (
            select p.id as plan_id,
              (e.deactivated_at is null)::text as person_is_active,
              e.department as person_department,
              e.manager_id::text as person_manager_id,
              (exists (select 1 from approvals a where a.plan_id = p.id and a.round = p.approval_round
                and a.role = 'manager'))::text as is_approved_by_manager,
              (exists (select 1 from approvals a where a.plan_id = p.id and a.round = p.approval_round
                and a.role = 'hr'))::text as is_approved_by_hr,
              (exists (select 1 from signatures g where g.plan_id = p.id and g.version >= p.major_version
                and g.role = 'employee'))::text as is_signed_by_employee,
              (exists (select 1 from signatures g where g.plan_id = p.id and g.version >= p.major_version
                and g.role = 'manager'))::text as is_signed_by_manager,
              (exists (select 1 from signatures g where g.plan_id = p.id and g.version >= p.major_version
                and g.role = 'hr'))::text as is_signed_by_hr,
              (select count(*) from signatures g where g.plan_id = p.id and g.version >= p.major_version
                and g.is_refused and g.witnessed_at is null)::text as unwitnessed_refusals,
              (select count(*) from adjustments j where j.plan_id = p.id and j.status = 'pending')::text
                as pending_adjustments,
              (select min(c.scheduled_at) from check_ins c where c.plan_id = p.id and c.status = 'scheduled'
                and c.type <> 'mentor_session')::text as next_check_in_at,
              (select min(c.scheduled_at) from check_ins c where c.plan_id = p.id and c.status = 'scheduled'
                and c.type = 'mentor_session')::text as next_mentor_session_at,
              (p.outcome_recommendation is not null)::text as has_outcome_recommendation
            from plans p join employees e on e.id = p.employee_id
          ),
          actual as (
            select s.plan_id, s.person_is_active::text as person_is_active, s.person_department,
              s.person_manager_id::text as person_manager_id,
              s.is_approved_by_manager::text as is_approved_by_manager, s.is_approved_by_hr::text as is_approved_by_hr,
              s.is_signed_by_employee::text as is_signed_by_employee,
              s.is_signed_by_manager::text as is_signed_by_manager, s.is_signed_by_hr::text as is_signed_by_hr,
              s.unwitnessed_refusals::text as unwitnessed_refusals, s.pending_adjustments::text as pending_adjustments,
              s.next_check_in_at::text as next_check_in_at, s.next_mentor_session_at::text as next_mentor_session_at,
              s.has_outcome_recommendation::text as has_outcome_recommendation
            from plan_summaries s
          )
          select ex.plan_id::text as plan_id, x.key as column, a.value as summary, x.value as expected
          from expected ex
          cross join lateral jsonb_each_text(to_jsonb(ex) - 'plan_id') x(key, value)
          left join actual ac on ac.plan_id = ex.plan_id
          left join lateral jsonb_each_text(to_jsonb(ac) - 'plan_id') a(key, value) on a.key = x.key
          where a.value is distinct from x.value`,
    );
  }

  async function summaryOf(planId: string) {
    const [row] = await selectRows<{
      person_department: string | null;
      person_is_active: boolean;
      pending_adjustments: number;
      is_signed_by_employee: boolean;
      next_check_in_at: string | null;
    }>(
      t.database.db,
      sql`select person_department, person_is_active, pending_adjustments, is_signed_by_employee,
            next_check_in_at::text as next_check_in_at
          from plan_summaries where plan_id = ${planId}`,
    );
    return row;
  }

  it('plans in several states carry the facts of their own rows', async () => {
    expect(await mismatches()).toEqual([]);
    const [seen] = await selectRows<{ signed: number; scheduled: number; approved: number }>(
      t.database.db,
      sql`select count(*) filter (where is_signed_by_employee)::int as signed,
            count(*) filter (where next_check_in_at is not null)::int as scheduled,
            count(*) filter (where is_approved_by_hr)::int as approved
          from plan_summaries`,
    );
    // The comparison above is not vacuous: there are signed, scheduled and approved plans.
    expect(seen?.signed).toBeGreaterThan(0);
    expect(seen?.scheduled).toBeGreaterThan(0);
    expect(seen?.approved).toBeGreaterThan(0);
  });

  it('follows an adjustment proposed and decided, and a person who moves and leaves', async () => {
    expect(await summaryOf(plan.id)).toMatchObject({ pending_adjustments: 0, is_signed_by_employee: true });
    expect((await summaryOf(plan.id))?.next_check_in_at).not.toBeNull();
    const metricId = plan.metrics[0].id;
    const proposed = await manager.post(`/api/v1/plans/${plan.id}/adjustments`, {
      reason: 'Extension: two weeks of sick leave in January',
      changes: { metrics: { update: [{ id: metricId, target: plan.metrics[0].target }] } },
    });
    expect(proposed.status, proposed.text).toBe(201);
    expect((await summaryOf(plan.id))?.pending_adjustments).toBe(1);
    expect(await mismatches()).toEqual([]);
    const decided = await hr.post(`/api/v1/plans/${plan.id}/adjustments/${proposed.body.id}/decision`, {
      decision: 'reject',
      reason: 'The target stays as agreed.',
    });
    expect(decided.status, decided.text).toBe(200);
    expect((await summaryOf(plan.id))?.pending_adjustments).toBe(0);

    const employeeId = plan.header.employeeId as string;
    const moved = await hr.patch(`/api/v1/employees/${employeeId}`, { department: 'Research' });
    expect(moved.status, moved.text).toBe(200);
    expect((await summaryOf(plan.id))?.person_department).toBe('Research');
    // A deactivation rolled back leaves the row as it was; a committed one reaches it.
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update employees set deactivated_at = now() where id = ${employeeId}`);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect((await summaryOf(plan.id))?.person_is_active).toBe(true);
    await t.database.db.execute(sql`update employees set deactivated_at = now() where id = ${employeeId}`);
    expect((await summaryOf(plan.id))?.person_is_active).toBe(false);
    expect(await mismatches()).toEqual([]);
  });
});
