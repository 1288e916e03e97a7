// The directory import over HTTP on both engines: the preview and its problems, applying it, re-importing,
// leavers, and the command line.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq, isNull } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { employees, plans, roleMemberships, users } from '../../src/db/schema/index.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createEmployeeRow, createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { type Client, demo, type Response, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

/** Sends the CSV file itself, as the web page and scripts do. */
async function importFile(t: TestApp, client: Client, csv: string, query = ''): Promise<Response> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/directory/imports${query}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  });
  const type = String(response.headers['content-type'] ?? '');
  return {
    status: response.statusCode,
    body: type.includes('json') ? response.json() : null,
    headers: response.headers,
    text: response.body,
  };
}

/** A directory of `size` people in a tree: person 1 leads, each next reports to one before them; listed backwards. */
function bigFile(size: number, prefix: string): string {
  const lines = ['Employee number,Email,Name,Job title,Department,Manager number,Hire date,Language'];
  for (let i = size; i >= 1; i--) {
    const manager = i === 1 ? '' : `${prefix}${Math.floor(i / 8) || 1}`;
    lines.push(
      `${prefix}${i},person${i}.${prefix.toLowerCase()}@bulk.example,Person ${i},Analyst ${i % 7},Dept ${i % 13},${i === 1 ? '' : manager},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 3 ? 'en' : 'es'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe.each(engines)('directory import on %s', (engine) => {
  let t: TestApp;
  let hr: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('previews a file with every kind of problem, each with its line and column, and writes nothing', async () => {
    const before = await t.database.db.select({ n: count() }).from(employees);
    const csv = [
      'Número de empleado,Correo electrónico,Nombre,Puesto,Departamento,Correo del responsable,Fecha de alta,Idioma,Activo,Roles,Favourite colour',
      'P-1,ana@problems.example,Ana,Lead,Ops,,2024-01-01,es,sí,responsable,blue', // 2: fine
      'P-2,not-an-email,Bea,Analyst,Ops,ana@problems.example,2024-01-01,en,yes,,', // 3: bad email
      'P-3,carl@problems.example,Carl,Analyst,Ops,nobody@problems.example,2024-01-01,en,yes,,', // 4: unknown manager
      'P-4,dora@problems.example,Dora,Analyst,Ops,eve@problems.example,2024-01-01,en,yes,,', // 5: cycle with 6
      'P-5,eve@problems.example,Eve,Analyst,Ops,dora@problems.example,2024-01-01,en,yes,,', // 6: cycle with 5
      'P-1,fay@problems.example,Fay,Analyst,Ops,,2024-01-01,en,yes,,', // 7: duplicate number
      'P-7,ana@problems.example,Gil,Analyst,Ops,,2024-01-01,en,yes,,', // 8: duplicate email
      'P-8,hal@problems.example,Hal,Analyst,Ops,,2024-02-30,en,yes,,', // 9: bad date
      'P-9,ida@problems.example,Ida,Analyst,Ops,,2024-01-01,fr,yes,,', // 10: bad locale
      'P-10,jon@problems.example,Jon,Analyst,Ops,,2024-01-01,en,yes,wizard,', // 11: unknown role
      'P-11,kim@problems.example,,Analyst,Ops,,2024-01-01,en,maybe,,', // 12: no name, bad active
    ].join('\n');
    const preview = await importFile(t, hr, csv);
    expect(preview.status).toBe(201);
    const problems = preview.body.problems.map(
      (p: { line: number; column: string }) => `${p.line}:${p.column}`,
    );
    expect(problems).toEqual([
      '3:email',
      '4:manager_email',
      '5:manager_email',
      '6:manager_email',
      '7:employee_number',
      '8:email',
      '9:hire_date',
      '10:locale',
      '11:roles',
      '12:name',
      '12:active',
    ]);
    const byLine = new Map(
      preview.body.problems.map((p: { line: number; message: string }) => [p.line, p.message]),
    );
    expect(byLine.get(4)).toBe('no one in the file or the directory has this email');
    expect(byLine.get(5)).toMatch(/^manager cycle: line 5 → line 6 → line 5$/);
    expect(byLine.get(7)).toBe('the same employee number is on line 2');
    expect(preview.body.ignoredColumns).toEqual(['Favourite colour']);
    expect(preview.body.counts.problems).toBe(11);

    const applied = await hr.post(`/api/v1/directory/imports/${preview.body.id}/apply`);
    expect(applied.status).toBe(409);
    expect(applied.body.reason).toBe('has_problems');
    const after = await t.database.db.select({ n: count() }).from(employees);
    expect(after[0].n).toBe(before[0].n);
  });

  it('is for HR: an employee, a manager and an auditor get 404, the template comes in both languages', async () => {
    for (const email of [demo.employee, demo.manager, demo.auditor]) {
      const other = await signIn(t.app, email);
      expect((await importFile(t, other, 'Email,Name\na@b.example,A\n')).status).toBe(404);
      expect((await other.get('/api/v1/directory/imports/template')).status).toBe(404);
    }
    const es = await hr.get('/api/v1/directory/imports/template?locale=es');
    expect(es.status).toBe(200);
    expect(es.headers['content-type']).toMatch(/^text\/csv/);
    expect(es.text).toContain('Número de empleado,Correo electrónico,Nombre,Puesto,Departamento');
    const en = await hr.get('/api/v1/directory/imports/template?locale=en');
    expect(en.text).toContain('Employee number,Email,Name,Job title,Department,Manager email');
    // The template read back is a file with no one in it and no problem.
    const empty = await importFile(t, hr, es.text);
    expect(empty.body.counts).toMatchObject({ create: 0, problems: 0 });
  });

  it('names the line and column of a NUL or other control character in a file, and in a column name, never a 500', async () => {
    const csv =
      'Employee number,Email,Name,X\u0000Y\nN-1,nul\u0000@example.com,Nul Person,1\nN-2,ok@nul.example,Fine \u0007Person,2\n';
    const preview = await importFile(t, hr, csv);
    expect(preview.status, preview.text).toBe(201);
    expect(
      preview.body.problems.map((p: { line: number; column: string }) => `${p.line}:${p.column}`),
    ).toEqual(['2:email', '3:name']);
    expect(preview.body.problems[0].message).toMatch(/control characters/);
    expect(JSON.stringify(preview.body)).not.toContain('\\u0000');
  });

  const size = engine === 'postgres' ? 10_000 : 2_000;
  it(`imports ${size} people with their managers in any order, then the same file again changes nothing`, async () => {
    const csv = bigFile(size, engine === 'postgres' ? 'PG' : 'PL');
    const preview = await importFile(t, hr, csv);
    expect(preview.status).toBe(201);
    expect(preview.body.problems).toEqual([]);
    expect(preview.body.counts).toMatchObject({ create: size, update: 0, deactivate: 0, problems: 0 });
    expect(preview.body.rows).toHaveLength(Math.min(size, 1000));
    // Nothing is written by the preview.
    const [{ n: none }] = await t.database.db
      .select({ n: count() })
      .from(employees)
      .where(eq(employees.email, 'person1.pg@bulk.example'));
    expect(none).toBe(0);

    const applied = await hr.post(`/api/v1/directory/imports/${preview.body.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('applied');
    const prefix = engine === 'postgres' ? 'PG' : 'PL';
    const [person9] = await t.database.db
      .select()
      .from(employees)
      .where(and(eq(employees.orgId, hr.user.orgId), eq(employees.employeeNumber, `${prefix}9`)));
    const [person1] = await t.database.db
      .select()
      .from(employees)
      .where(and(eq(employees.orgId, hr.user.orgId), eq(employees.employeeNumber, `${prefix}1`)));
    expect(person9.managerId).toBe(person1.id);
    expect(person9.locale).toBe('es');
    expect(person9.hireDate).toBe('2024-01-10');
    // Each person has an account without a password; whoever manages someone is a manager.
    const [account] = await t.database.db.select().from(users).where(eq(users.id, person1.userId!));
    expect(account.passwordHash).toBeNull();
    const roles = await t.database.db
      .select({ role: roleMemberships.role })
      .from(roleMemberships)
      .where(eq(roleMemberships.userId, person1.userId!));
    expect(roles.map((r) => r.role).sort()).toEqual(['employee', 'manager']);

    // Applying again answers the same and changes nothing.
    const snapshot = async () =>
      JSON.stringify(
        await t.database.db
          .select({ id: employees.id, revision: employees.revision })
          .from(employees)
          .where(eq(employees.orgId, hr.user.orgId))
          .orderBy(employees.id),
      );
    const before = await snapshot();
    const again = await hr.post(`/api/v1/directory/imports/${preview.body.id}/apply`);
    expect(again.status).toBe(200);
    expect(again.body.appliedAt).toBe(applied.body.appliedAt);

    // Re-importing the same file: everyone unchanged, and applying it changes no row.
    const reimport = await importFile(t, hr, csv);
    expect(reimport.body.counts).toMatchObject({ create: 0, update: 0, deactivate: 0, unchanged: size });
    expect((await hr.post(`/api/v1/directory/imports/${reimport.body.id}/apply`)).status).toBe(200);
    expect(await snapshot()).toBe(before);
  }, 120_000);

  it('refuses to apply a preview once the directory changed, and a bad row never half-writes', async () => {
    const csv = 'Email,Name,Department\nzoe@changed.example,Zoe,Ops\nyan@changed.example,Yan,Ops\n';
    const preview = await importFile(t, hr, csv);
    expect(preview.body.counts.create).toBe(2);
    const demoEmployee = (await hr.get(`/api/v1/employees?q=${demo.mentor}`)).body.items[0];
    expect(
      (await hr.patch(`/api/v1/employees/${demoEmployee.id}`, { jobTitle: 'Senior mentor' })).status,
    ).toBe(200);
    const refused = await hr.post(`/api/v1/directory/imports/${preview.body.id}/apply`);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('directory_changed');

    // A preview whose second person's email is taken, after the preview, by another organisation's account:
    // the first person is not written either.
    const fresh = await importFile(t, hr, csv);
    expect(fresh.body.problems).toEqual([]);
    const stranger = await createOrganization(t.database.db);
    await createUserWithEmployee(t.database.db, stranger.id, {
      roles: ['employee'],
      email: 'yan@changed.example',
    });
    const failed = await hr.post(`/api/v1/directory/imports/${fresh.body.id}/apply`);
    expect(failed.status).toBe(409);
    const written = await t.database.db
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.orgId, hr.user.orgId), eq(employees.email, 'zoe@changed.example')));
    expect(written).toEqual([]);
    // A new preview says why.
    const again = await importFile(t, hr, csv);
    expect(again.body.problems).toEqual([
      { line: 3, column: 'email', message: 'is used by an account of another organisation' },
    ]);
  });

  it('gives a person already in the directory their account, once', async () => {
    const row = await createEmployeeRow(t.database.db, hr.user.orgId, {
      name: 'Noa',
      email: 'noa@existing.example',
    });
    const csv = 'Email,Name,Job title,Department\nnoa@existing.example,Noa,Analyst,Operations\n';
    const preview = await importFile(t, hr, csv);
    expect(preview.body.rows[0]).toMatchObject({
      action: 'update',
      changes: ['account'],
      isAccountCreated: true,
    });
    expect((await hr.post(`/api/v1/directory/imports/${preview.body.id}/apply`)).status).toBe(200);
    const [linked] = await t.database.db.select().from(employees).where(eq(employees.id, row.id));
    expect(linked.userId).not.toBeNull();
    const again = await importFile(t, hr, csv);
    expect(again.body.counts).toMatchObject({ update: 0, create: 0, unchanged: 1 });
  });

  it("pauses a leaver's active plan, tells HR, stops their sign-in and lists their manager's plans", async () => {
    const manager = await signIn(t.app, demo.manager);
    const employee = await signIn(t.app, demo.employee);
    const plan = await completePlan(manager, await createPlan(manager));
    await activatePlan(manager, hr, employee, plan.id);
    const csv = `Email,Name,Active\n${demo.employee},Ines Alvarez,no\n`;
    const preview = await importFile(t, hr, csv);
    expect(preview.body.counts).toMatchObject({ deactivate: 1, problems: 0 });
    expect(preview.body.rows[0]).toMatchObject({ line: 2, action: 'deactivate' });
    const applied = await hr.post(`/api/v1/directory/imports/${preview.body.id}/apply`);
    expect(applied.status).toBe(200);

    const paused = await hr.get(`/api/v1/plans/${plan.id}`);
    expect(paused.body.status).toBe('paused');
    const [row] = await t.database.db.select().from(plans).where(eq(plans.id, plan.id));
    expect(row.pauseReason).toBe('left the company');
    const audit = await hr.get(`/api/v1/plans/${plan.id}/audit`);
    expect(JSON.stringify(audit.body)).toContain('plan.paused');
    const notes = await hr.get('/api/v1/notifications');
    expect(
      notes.body.items.some(
        (n: { kind: string; planId: string }) => n.kind === 'plan.employee_left' && n.planId === plan.id,
      ),
    ).toBe(true);
    // The leaver is signed out and cannot sign in; HR may still cancel the plan (reason kept).
    expect((await employee.get('/api/v1/me')).status).toBe(401);
    await expect(signIn(t.app, demo.employee)).rejects.toThrow(/sign-in of/);

    // The manager leaves too: their open plans are listed for HR to reassign.
    const managerLeaves = await importFile(t, hr, `Email,Name,Active\n${demo.manager},Maya,false\n`);
    expect((await hr.post(`/api/v1/directory/imports/${managerLeaves.body.id}/apply`)).status).toBe(200);
    const reassign = await hr.get('/api/v1/directory/reassignments');
    expect(reassign.status).toBe(200);
    expect(reassign.body.items.map((i: { planId: string }) => i.planId)).toContain(plan.id);
    const [disabled] = await t.database.db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.email, demo.manager), isNull(users.disabledAt)));
    expect(disabled.n).toBe(0);
  }, 60_000);
});

// The command line on PostgreSQL when the run has it (a copy of the seeded template starts in a second), else on a
// fresh embedded data dir (slower: each command starts the embedded engine).
describe('mejora directory import', () => {
  const bin = join(import.meta.dirname, '..', '..', 'bin', 'mejora.js');
  const dataDir = mkdtempSync(join(tmpdir(), 'mejora-directory-cli-'));
  const isPostgres = engines.includes('postgres');
  const databaseName = `mejora_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    MEJORA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'development',
    MEJORA_PASSWORD: 'a-long-password',
    DATABASE_URL: isPostgres ? withDatabase(inject('postgresAdminUrl'), databaseName) : undefined,
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8' });
  beforeAll(async () => {
    if (!isPostgres) return;
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    await admin.query(`create database ${databaseName} template ${inject('postgresTemplate')}`);
    await admin.end();
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (!isPostgres) return;
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  });

  it('previews without writing, lists problems by line with exit 1, and writes with --apply', () => {
    const org = isPostgres ? 'lumina' : 'acme';
    if (!isPostgres) {
      const created = run(
        'user',
        'create',
        '--email',
        'admin@acme.example',
        '--name',
        'Ada',
        '--role',
        'hr_admin',
        '--org',
        org,
      );
      expect(created.status).toBe(0);
    }
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(
      bad,
      'Email,Name,Manager email\nbo@acme.example,Bo,\ncy@acme.example,Cy,nobody@acme.example\n',
    );
    const refused = run('directory', 'import', bad, '--org', org, '--apply');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(
      'line 3, manager_email: no one in the file or the directory has this email',
    );

    const good = join(dataDir, 'good.csv');
    writeFileSync(
      good,
      'Email,Name,Manager email\nbo@acme.example,Bo,\ncy@acme.example,Cy,bo@acme.example\n',
    );
    const preview = run('directory', 'import', good, '--org', org);
    expect(preview.stdout).toMatch(/^2 to create, 0 to update/);
    expect(preview.stdout).toContain('Nothing was written');
    expect(preview.status).toBe(0);
    const applied = run('directory', 'import', good, '--org', org, '--apply');
    expect(applied.stdout).toContain('Applied: 2 created');
    expect(applied.status).toBe(0);
    const again = run('directory', 'import', good, '--org', org);
    expect(again.stdout).toMatch(/^0 to create, 0 to update, 0 to deactivate, 2 unchanged/);
  }, 240_000);
});
