// Grows the demo organisation to a realistic size for measuring speed: employees, managers, plans in every
// state, check-ins and measurements, written with set-based SQL (insert … select generate_series), not the API.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { selectRows } from '../../db/sql.ts';

export type GeneratedSize = 'small' | 'medium' | 'large';

/** The large organisation: 100,000 people, 20,000 plans, about a million check-ins and measurements. */
export const generatedSizes: Record<GeneratedSize, { employees: number; plans: number }> = {
  small: { employees: 1_000, plans: 200 },
  medium: { employees: 10_000, plans: 2_000 },
  large: { employees: 100_000, plans: 20_000 },
};

const departments = [
  'Engineering',
  'Sales',
  'Marketing',
  'Customer Success',
  'Course Content',
  'Product & Design',
  'Finance',
  'People',
  'Operations',
  'Legal',
  'Data',
  'Support',
  'Partnerships',
  'Security',
  'Infrastructure',
  'Research',
  'Quality',
  'Localisation',
  'Community',
  'Facilities',
];
const firstNames = [
  'Ana',
  'Luis',
  'Marta',
  'Jorge',
  'Lucía',
  'Pablo',
  'Sara',
  'Diego',
  'Elena',
  'Raúl',
  'Irene',
  'Hugo',
  'Nuria',
  'Iván',
  'Clara',
  'Óscar',
  'Alba',
  'Tomás',
  'Inés',
  'Adrián',
  'Rocío',
  'Emilio',
  'Paula',
  'Sergio',
];
const lastNames = [
  'García',
  'López',
  'Martín',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Ruiz',
  'Díaz',
  'Moreno',
  'Álvarez',
  'Romero',
  'Navarro',
  'Torres',
  'Domínguez',
  'Vázquez',
  'Ramos',
  'Gil',
  'Serrano',
  'Blanco',
  'Molina',
  'Castro',
  'Ortiz',
  'Rubio',
  'Marín',
];

const arrayLiteral = (values: string[]) =>
  sql.raw(`(array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[])`);

/** A whole number written into the statement (sizes only, never input). */
const int = (n: number) => sql.raw(String(Math.trunc(n)));

/** The tables the generator writes whose inserts rebuild the plans' summary rows (migrations 0018, 0021). */
const summarisedTables = [
  'plans',
  'focus_areas',
  'metrics',
  'measurements',
  'activities',
  'check_ins',
  'approvals',
  'signatures',
] as const;

export type GenerateProgress = (step: string, rows: number, elapsedMs: number) => void;

/**
 * Adds the generated people and plans to the demo organisation (`lumina`, which must exist). Returns the
 * rows written per table. Refuses to run twice: generated rows carry employee numbers starting `gen-`.
 */
export async function generateOrganization(
  db: Db,
  size: GeneratedSize,
  onProgress: GenerateProgress = () => {},
): Promise<Record<string, number>> {
  const [org] = (await selectRows(db, sql`select id from organizations where slug = 'lumina'`)) as {
    id: string;
  }[];
  if (!org) throw new Error('Seed the demo organisation first (mejora demo)');
  const orgId = org.id;
  const [existing] = (await selectRows(
    db,
    sql`select count(*)::int as n from employees where org_id = ${orgId} and employee_number like 'gen-%'`,
  )) as { n: number }[];
  if ((existing?.n ?? 0) > 0) throw new Error('This database already holds a generated organisation');
  const [template] = (await selectRows(
    db,
    sql`select content, template_id, template_version from plans where org_id = ${orgId} order by created_at limit 1`,
  )) as { content: unknown; template_id: string; template_version: number }[];
  if (!template) throw new Error('The demo organisation has no plan to copy the template text from');
  const [source] = (await selectRows(
    db,
    sql`select id, password_hash from users where org_id = ${orgId} and email = 'manager@demo.mejora.dev'`,
  )) as { id: string; password_hash: string }[];
  const started = Date.now();
  const counts = await db.transaction(async (tx) =>
    write(tx as unknown as Db, size, orgId, template, source?.password_hash ?? null, onProgress),
  );
  // The plans' summary rows were rebuilt by the database after every bulk insert: reclaim the old versions and
  // give the planner their statistics (outside the transaction, where VACUUM may run).
  await selectRows(db, sql`vacuum analyze plan_summaries`);
  onProgress('vacuum plan summaries', 0, Date.now() - started);
  return counts;
}

async function write(
  db: Db,
  size: GeneratedSize,
  orgId: string,
  template: { content: unknown; template_id: string; template_version: number },
  passwordHash: string | null,
  onProgress: GenerateProgress,
): Promise<Record<string, number>> {
  const { employees: total, plans: planCount } = generatedSizes[size];
  const directors = total / 100;
  const managers = total / 10;
  const staff = total - managers;
  const counts: Record<string, number> = {};
  const started = Date.now();
  // The plans' summary rows are rebuilt once at the end, not after every bulk insert: a rebuild right after an
  // insert plans its lookups on the statistics of the empty tables and visits every check-in once per plan
  // (hours at the large size). The triggers are off only inside this transaction, which holds the tables.
  const summaryTriggers = (verb: 'disable' | 'enable') =>
    summarisedTables.map(
      (t) =>
        sql`alter table ${sql.identifier(t)} ${sql.raw(verb)} trigger ${sql.identifier(`${t}_summary_insert`)}`,
    );
  for (const statement of summaryTriggers('disable')) await selectRows(db, statement);
  const step = async (name: string, statement: ReturnType<typeof sql>) => {
    const result = (await db.execute(statement)) as unknown as { rowCount?: number; affectedRows?: number };
    const n = Number(result.rowCount ?? result.affectedRows ?? 0);
    counts[name] = (counts[name] ?? 0) + n;
    onProgress(name, counts[name] as number, Date.now() - started);
  };
  const depts = arrayLiteral(departments);
  const first = arrayLiteral(firstNames);
  const last = arrayLiteral(lastNames);
  const named = (i: string) =>
    sql`${first}[1 + (${sql.raw(i)} * 7) % ${sql.raw(String(firstNames.length))}] || ' ' || ${last}[1 + (${sql.raw(i)} * 13) % ${sql.raw(String(lastNames.length))}] || ' ' || ${last}[1 + (${sql.raw(i)} / 7) % ${sql.raw(String(lastNames.length))}]`;
  const ceo = sql`(select id from employees where org_id = ${orgId} and manager_id is null order by created_at limit 1)`;

  // People: directors report to the chief executive, managers to a director of their department, staff to a manager.
  await step(
    'employees',
    sql`insert into employees (org_id, name, email, job_title, department, manager_id, hire_date, employee_number)
      select ${orgId}::uuid, ${named('i')}, 'gen.' || i || '@lumina.example', 'Director', ${depts}[1 + i % 20],
        ${ceo}, date '2015-01-01' + (i * 37) % 3000, 'gen-' || i
      from generate_series(1, ${int(directors)}) as i`,
  );
  await step(
    'employees',
    sql`insert into employees (org_id, name, email, job_title, department, manager_id, hire_date, employee_number)
      select ${orgId}::uuid, ${named('i')}, 'gen.' || i || '@lumina.example', 'Team Lead', d.department, d.id,
        date '2016-01-01' + (i * 37) % 3000, 'gen-' || i
      from generate_series(${int(directors + 1)}, ${int(managers)}) as i
      join employees d on d.org_id = ${orgId} and d.employee_number = 'gen-' || (1 + (i - 1) % ${int(directors)})`,
  );
  await step(
    'employees',
    sql`insert into employees (org_id, name, email, job_title, department, manager_id, hire_date, employee_number, deactivated_at)
      select ${orgId}::uuid, ${named('i')}, 'gen.' || i || '@lumina.example',
        (array['Specialist','Analyst','Engineer','Associate','Coordinator','Consultant'])[1 + i % 6],
        m.department, m.id, date '2017-01-01' + (i * 37) % 3000, 'gen-' || i,
        case when i % 50 = 0 then now() - interval '30 days' else null end
      from generate_series(${int(managers + 1)}, ${int(total)}) as i
      join employees m on m.org_id = ${orgId} and m.employee_number = 'gen-' || (${int(directors + 1)} + (i - 1) % ${int(managers - directors)})`,
  );
  // Accounts for managers and directors (the demo password), and twenty HR representatives.
  await step(
    'users',
    sql`insert into users (org_id, email, name, password_hash, locale)
      select ${orgId}::uuid, e.email, e.name, ${passwordHash}, 'en'
      from employees e where e.org_id = ${orgId} and e.employee_number like 'gen-%' and e.job_title in ('Director', 'Team Lead')`,
  );
  await step(
    'users',
    sql`insert into users (org_id, email, name, password_hash, locale)
      select ${orgId}::uuid, 'gen.hr.' || k || '@lumina.example', 'HR ' || ${named('k')}, ${passwordHash}, 'es'
      from generate_series(1, 20) as k`,
  );
  await step(
    'employees linked',
    sql`update employees e set user_id = u.id from users u
      where e.org_id = ${orgId} and u.org_id = ${orgId} and e.employee_number like 'gen-%' and lower(u.email) = lower(e.email)`,
  );
  await step(
    'role memberships',
    sql`insert into role_memberships (org_id, user_id, role)
      select ${orgId}::uuid, u.id, r.role from users u
      cross join (values ('manager'), ('employee')) as r(role)
      where u.org_id = ${orgId} and u.email like 'gen.%' and u.email not like 'gen.hr.%'
      union all
      select ${orgId}::uuid, u.id, 'hr' from users u where u.org_id = ${orgId} and u.email like 'gen.hr.%'`,
  );

  // Plans: for people picked by a hash of the plan's number; every tenth from Sales, which uses plans more.
  // i % 100 picks the state: 5 draft, 5 in review, 5 awaiting signatures, 25 active, 3 paused, 50 closed, 7 cancelled.
  await selectRows(db, sql`drop table if exists generated_plans`);
  await selectRows(
    db,
    sql`create unlogged table generated_plans as
      select i, gen_random_uuid() as id,
        case when i % 100 < 5 then 'draft' when i % 100 < 10 then 'in_review' when i % 100 < 15 then 'awaiting_acknowledgment'
          when i % 100 < 40 then 'active' when i % 100 < 43 then 'paused' when i % 100 < 93 then 'closed' else 'cancelled' end as status,
        (array[6, 8, 12, 12, 16, 26])[1 + abs(hashtext('weeks' || i)) % 6] as weeks,
        'gen-' || (${int(managers + 1)} + abs(hashtext('person' || i)) % ${int(staff)}) as employee_number
      from generate_series(1, ${int(planCount)}) as i`,
  );
  await selectRows(
    db,
    sql`update generated_plans g set employee_number = 'gen-' || e.employee_number_int from (
        select row_number() over (order by id) as n, substr(employee_number, 5)::int as employee_number_int
        from employees where org_id = ${orgId} and department = 'Sales' and employee_number like 'gen-%'
          and job_title not in ('Director', 'Team Lead')
      ) e where g.i % 10 = 0 and e.n = 1 + (g.i / 10)`,
  );
  await selectRows(
    db,
    sql`alter table generated_plans add column start_date date, add column end_date date, add column closed_at timestamptz`,
  );
  await selectRows(
    db,
    sql`update generated_plans set start_date = case
        when status in ('draft', 'in_review', 'awaiting_acknowledgment') then current_date + (i % 14)
        when status in ('active', 'paused') then current_date - (i % (weeks * 7 - 7))
        else current_date - (weeks * 7) - (i % 1000) end`,
  );
  await selectRows(
    db,
    sql`update generated_plans set end_date = start_date + (weeks * 7 - 1),
        closed_at = case when status = 'closed' then (start_date + (weeks * 7 - 1) + 3)::timestamptz
                         when status = 'cancelled' then (start_date + (i % (weeks * 7)))::timestamptz end`,
  );
  await step(
    'plans',
    sql`insert into plans (id, org_id, employee_id, status, locale, template_id, template_version, start_date, duration_weeks,
        end_date, employee_user_id, manager_user_id, hr_rep_user_id, created_by_user_id, header, content, outcome,
        paused_at, pause_reason, created_at, updated_at, closed_at)
      select g.id, ${orgId}::uuid, e.id, g.status, case when g.i % 3 = 0 then 'es' else 'en' end,
        ${template.template_id}, ${template.template_version}, g.start_date, g.weeks, g.end_date, e.user_id, m.id, hr.id,
        m.id,
        jsonb_build_object('organizationName', 'Lumina Learning', 'employeeName', e.name, 'position', e.job_title,
          'department', e.department, 'managerName', m.name, 'hrRepName', hr.name, 'mentorName', null, 'mentorRole', null),
        ${JSON.stringify(template.content)}::jsonb,
        case when g.status = 'closed' then jsonb_build_object('outcome', case when abs(hashtext('outcome' || g.i)) % 5 < 3 then 'successful' else 'unsuccessful' end,
            'summary', 'Outcome recorded by HR.', 'areaSummaries', '[]'::jsonb, 'completionSteps', '[]'::jsonb,
            'decidedByUserId', hr.id, 'decidedByName', hr.name, 'decidedAt', g.closed_at, 'reason', null)
          when g.status = 'cancelled' then jsonb_build_object('outcome', 'cancelled', 'summary', '', 'areaSummaries', '[]'::jsonb,
            'completionSteps', '[]'::jsonb, 'decidedByUserId', hr.id, 'decidedByName', hr.name, 'decidedAt', g.closed_at,
            'reason', 'The employee moved to another role.') end,
        case when g.status = 'paused' then now() - interval '5 days' end,
        case when g.status = 'paused' then 'Leave of absence' end,
        g.start_date - 10, g.start_date - 10, g.closed_at
      from generated_plans g
      join employees e on e.org_id = ${orgId} and e.employee_number = g.employee_number
      join employees me on me.id = e.manager_id
      join users m on m.id = me.user_id
      join (select id, name, row_number() over (order by email) - 1 as k from users where org_id = ${orgId} and email like 'gen.hr.%') hr
        on hr.k = g.i % 20`,
  );
  // Two focus areas each; most with dated examples, a few plans without.
  await step(
    'focus areas',
    sql`insert into focus_areas (org_id, plan_id, position, title, goal_title, issue, impact, examples, required_standard, goal,
        measurement, deadline, success_criteria)
      select ${orgId}::uuid, g.id, a.n, (array['Quality of work', 'Timeliness'])[a.n], (array['Fewer defects', 'On-time delivery'])[a.n],
        'Observed in reviews of recent work.', 'Customers wait longer.',
        case when g.i % 10 = 7 then jsonb_build_array(jsonb_build_object('date', null, 'text', 'Several times this quarter'))
          else jsonb_build_array(jsonb_build_object('date', to_char(g.start_date - 20 - a.n, 'YYYY-MM-DD'), 'text', 'Release notes missed two defects')) end,
        'The team standard.', 'Meet the target by the deadline.', 'Weekly figures from the tracker.', g.end_date, 'Target met for four weeks.'
      from generated_plans g cross join generate_series(1, 2) as a(n)`,
  );
  // One metric per focus area, except a few plans whose second area has none.
  await step(
    'metrics',
    sql`insert into metrics (org_id, plan_id, focus_area_id, position, name, unit, direction, baseline, target)
      select ${orgId}::uuid, f.plan_id, f.id, f.position, (array['Defect rate', 'Tasks on time'])[f.position], '%',
        (array['lower', 'higher'])[f.position], (array[30, 60])[f.position], (array[10, 90])[f.position]
      from focus_areas f join generated_plans g on g.id = f.plan_id
      where f.org_id = ${orgId} and not (f.position = 2 and g.i % 10 = 3)`,
  );
  await step(
    'activities',
    sql`insert into activities (org_id, plan_id, position, group_key, section, title, due_date, status, completed_at)
      select ${orgId}::uuid, g.id, a.n, (array['technical', 'soft_skills', 'professional'])[a.n], 'Training',
        (array['Testing course', 'Written updates', 'Time management workshop'])[a.n], g.start_date + a.n * 14,
        case when g.status in ('closed') and (g.i + a.n) % 4 <> 0 then 'done'
             when g.status in ('active', 'paused') and g.start_date + a.n * 14 < current_date and (g.i + a.n) % 3 <> 0 then 'done'
             else 'todo' end,
        case when (g.status = 'closed' and (g.i + a.n) % 4 <> 0)
             or (g.status in ('active', 'paused') and g.start_date + a.n * 14 < current_date and (g.i + a.n) % 3 <> 0)
             then (g.start_date + a.n * 14)::timestamptz end
      from generated_plans g cross join generate_series(1, 3) as a(n)`,
  );
  await step(
    'approvals',
    sql`insert into approvals (org_id, plan_id, round, role, user_id, created_at)
      select ${orgId}::uuid, p.id, 1, r.role, case when r.role = 'manager' then p.manager_user_id else p.hr_rep_user_id end,
        (p.start_date - 7)::timestamptz + (r.n || ' hours')::interval
      from plans p join generated_plans g on g.id = p.id
      cross join (values ('manager', 1), ('hr', 3)) as r(role, n)
      where p.org_id = ${orgId} and g.status not in ('draft', 'in_review')`,
  );
  await step(
    'signatures',
    sql`insert into signatures (org_id, plan_id, version, role, user_id, signer_name, typed_name, clauses, document_hash, signed_at)
      select ${orgId}::uuid, p.id, 1, r.role,
        case r.role when 'employee' then coalesce(p.employee_user_id, p.manager_user_id) when 'manager' then p.manager_user_id else p.hr_rep_user_id end,
        p.header->>(case r.role when 'employee' then 'employeeName' when 'manager' then 'managerName' else 'hrRepName' end),
        p.header->>(case r.role when 'employee' then 'employeeName' when 'manager' then 'managerName' else 'hrRepName' end),
        '[]'::jsonb, md5(p.id::text), (p.start_date - 7)::timestamptz + ((r.n * (1 + g.i % 5)) || ' hours')::interval
      from plans p join generated_plans g on g.id = p.id
      cross join (values ('employee', 24), ('manager', 2), ('hr', 6)) as r(role, n)
      where p.org_id = ${orgId} and g.status in ('active', 'paused', 'closed')`,
  );
  // Check-ins of plans that ran: weekly check-ins, a mentor session every other week and a monthly review.
  // Past ones were held (a few missed, more by some managers); future ones are scheduled.
  await step(
    'check-ins',
    sql`insert into check_ins (org_id, plan_id, type, status, scheduled_at, duration_minutes, original_scheduled_at, held_at, overall_rating)
      select ${orgId}::uuid, g.id, c.type, c.status, c.at, 30, c.at, case when c.status = 'held' then c.at end,
        case when c.status = 'held' and c.type = 'weekly_checkin' then 1 + (g.i + c.w) % 5 end
      from generated_plans g
      cross join lateral (
        select w, t.type, (g.start_date + w * 7 + 1)::timestamptz + interval '9 hours' as at,
          case when (g.start_date + w * 7 + 1) >= coalesce(g.closed_at::date, current_date) then
                 case when g.status = 'cancelled' then 'cancelled' else 'scheduled' end
               when (g.i * 31 + w * 7 + t.k) % (case when g.i % 50 < 2 then 3 else 12 end) = 0 then 'missed'
               else 'held' end as status
        from generate_series(0, g.weeks - 1) as w
        join (values ('weekly_checkin', 1, 1), ('mentor_session', 2, 2), ('monthly_review', 4, 3)) as t(type, every, k)
          on w % t.every = 0
      ) c
      where g.status in ('active', 'paused', 'closed', 'cancelled')`,
  );
  await step(
    'measurements',
    sql`insert into measurements (org_id, plan_id, metric_id, date, value, source)
      select ${orgId}::uuid, g.id, m.id, g.start_date + (h / 2) * 7 + 1 + 3 * (h % 2),
        m.baseline + (m.target - m.baseline) * least(1.2, (h + 2)::float / (2 * g.weeks) * (0.6 + (g.i % 7) * 0.1)), 'Tracker'
      from generated_plans g
      join metrics m on m.org_id = ${orgId} and m.plan_id = g.id
      cross join lateral generate_series(0, 2 * g.weeks - 1) as h
      where g.status in ('active', 'paused', 'closed', 'cancelled')
        and g.start_date + (h / 2) * 7 + 1 + 3 * (h % 2) < coalesce(g.closed_at::date, current_date)`,
  );
  await step(
    'risk flags',
    sql`insert into risk_flags (org_id, plan_id, flag)
      select ${orgId}::uuid, g.id, (array['missed_checkins_in_a_row', 'forecast_misses_target', 'overdue_activities'])[1 + g.i % 3]
      from generated_plans g where g.status = 'active' and g.i % 6 = 0`,
  );
  await selectRows(db, sql`drop table generated_plans`);
  await selectRows(db, sql`analyze`);
  onProgress('analyze', 0, Date.now() - started);
  await selectRows(
    db,
    sql`select mejora_refresh_plan_summaries(array(select id from plans where org_id = ${orgId}))`,
  );
  onProgress('plan summaries', 0, Date.now() - started);
  for (const statement of summaryTriggers('enable')) await selectRows(db, statement);
  return counts;
}
