// The roles and directory record the database keeps on each account (migration 0026), which every request's
// sign-in reads: they follow every change to role memberships and employee records, in the changing statement's
// own transaction, and writing them is not an edit of the account (its revision stays).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { selectRows } from '../../src/db/sql.ts';
import { engines, openTestDatabase } from '../helpers/engines.ts';

type Account = { id: string; org_id: string; roles: unknown; employee_id: string | null; revision: number };

describe.each(engines)('access facts on accounts on %s', (engine) => {
  let database: Database;
  const run = (query: ReturnType<typeof sql>) => database.db.execute(query);
  const rolesOf = (value: unknown): string[] =>
    Array.isArray(value)
      ? value
      : String(value)
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean);
  const account = async (id: string): Promise<Account> =>
    (
      await selectRows<Account>(
        database.db,
        sql`select id, org_id, roles, employee_id, revision
      from users where id = ${id}`,
      )
    )[0];
  /** Accounts whose kept facts differ from the memberships and records they come from. */
  const drifted = () =>
    selectRows<{ id: string }>(
      database.db,
      sql`select u.id from users u
        where u.roles is distinct from coalesce((select array_agg(rm.role order by rm.role) from role_memberships rm
            where rm.org_id = u.org_id and rm.user_id = u.id), '{}')
          or u.employee_id is distinct from (select e.id from employees e
            where e.org_id = u.org_id and e.user_id = u.id order by e.id limit 1)`,
    );

  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database?.close());

  it('every demo account holds its roles and record', async () => {
    const [{ count }] = await selectRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from users where cardinality(roles) > 0 and employee_id is not null`,
    );
    expect(count).toBeGreaterThan(5);
    expect(await drifted()).toEqual([]);
  });

  it('follows roles granted, changed and revoked, without a new revision', async () => {
    const [user] = await selectRows<Account>(
      database.db,
      sql`select id, org_id, roles, employee_id, revision from users
        where not ('auditor' = any(roles)) order by email limit 1`,
    );
    await run(
      sql`insert into role_memberships (org_id, user_id, role) values (${user.org_id}, ${user.id}, 'auditor')`,
    );
    expect(rolesOf((await account(user.id)).roles)).toContain('auditor');
    await run(sql`update role_memberships set role = 'mentor'
      where org_id = ${user.org_id} and user_id = ${user.id} and role = 'auditor'
        and not exists (select 1 from role_memberships r where r.org_id = ${user.org_id}
          and r.user_id = ${user.id} and r.role = 'mentor')`);
    await run(sql`delete from role_memberships where org_id = ${user.org_id} and user_id = ${user.id}
      and role in ('auditor', 'mentor')`);
    const after = await account(user.id);
    expect(rolesOf(after.roles)).not.toContain('auditor');
    expect(after.revision).toBe(user.revision);
    expect(await drifted()).toEqual([]);
  });

  it('follows a record linked, moved to another account and removed; an edit of the account still bumps', async () => {
    const [first, second] = await selectRows<Account>(
      database.db,
      sql`select id, org_id, roles, employee_id, revision from users where employee_id is not null
        order by email limit 2`,
    );
    // The first account's record moves to the second account, whose own record is unlinked first.
    await run(
      sql`update employees set user_id = null where org_id = ${second.org_id} and user_id = ${second.id}`,
    );
    expect((await account(second.id)).employee_id).toBeNull();
    await run(sql`update employees set user_id = ${second.id} where id = ${first.employee_id}`);
    expect((await account(first.id)).employee_id).toBeNull();
    expect((await account(second.id)).employee_id).toBe(first.employee_id);
    expect(await drifted()).toEqual([]);
    // A new record for the first account, then removed.
    const [added] = await selectRows<{ id: string }>(
      database.db,
      sql`insert into employees (org_id, user_id, name, email, job_title, department)
        values (${first.org_id}, ${first.id}, 'Temporary Record', 'temporary@example.com', 'Analyst', 'Finance')
        returning id`,
    );
    expect((await account(first.id)).employee_id).toBe(added.id);
    await run(sql`delete from employees where id = ${added.id}`);
    expect((await account(first.id)).employee_id).toBeNull();
    expect(await drifted()).toEqual([]);
    const before = await account(second.id);
    await run(sql`update users set name = name || ' ' where id = ${second.id}`);
    expect((await account(second.id)).revision).toBe(before.revision + 1);
  });
});
