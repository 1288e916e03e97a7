import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { demo, signIn } from '../helpers/http.ts';

describe.each(engines)('employee directory on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('HR pages through the whole directory with a cursor', async () => {
    const hr = await signIn(t.app, demo.hr);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/employees?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await hr.get(url);
      expect(page.status).toBe(200);
      for (const item of page.body.items) seen.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBeGreaterThanOrEqual(38);
  });

  it('searches by text and filters by department and manager', async () => {
    const hr = await signIn(t.app, demo.hr);
    const found = await hr.get('/api/v1/employees?q=elena');
    expect(found.body.items.map((e: { name: string }) => e.name)).toContain('Elena Martín');
    const marketing = await hr.get('/api/v1/employees?department=Marketing&limit=100');
    expect(marketing.body.items.length).toBe(6);
    expect(marketing.body.items.every((e: { department: string }) => e.department === 'Marketing')).toBe(
      true,
    );
    const manager = await signIn(t.app, demo.manager);
    const reports = await hr.get(`/api/v1/employees?managerId=${manager.user.employeeId}&limit=100`);
    expect(reports.body.items.length).toBe(8);
  });

  it('a manager sees themselves and their reports, an employee only themselves', async () => {
    const manager = await signIn(t.app, demo.manager);
    const mine = await manager.get('/api/v1/employees?limit=100');
    expect(mine.body.items.length).toBe(9);
    const employee = await signIn(t.app, demo.employee);
    const own = await employee.get('/api/v1/employees?limit=100');
    expect(own.body.items.map((e: { email: string }) => e.email)).toEqual([demo.employee]);
    const other = mine.body.items.find((e: { email: string }) => e.email !== demo.employee);
    expect((await employee.get(`/api/v1/employees/${other.id}`)).status).toBe(404);
  });

  it('HR creates and updates an employee; a manager cannot', async () => {
    const hr = await signIn(t.app, demo.hr);
    const manager = await signIn(t.app, demo.manager);
    const created = await hr.post('/api/v1/employees', {
      name: 'Noa Benítez',
      email: 'noa@lumina.example',
      jobTitle: 'Support Specialist',
      department: 'Customer Success',
      managerId: manager.user.employeeId,
      hireDate: '2026-02-01',
    });
    expect(created.status).toBe(201);
    expect(created.body.managerName).toBe('Marta Navarro');
    const updated = await hr.patch(`/api/v1/employees/${created.body.id}`, {
      jobTitle: 'Senior Support Specialist',
    });
    expect(updated.body.jobTitle).toBe('Senior Support Specialist');
    const refused = await manager.patch(`/api/v1/employees/${created.body.id}`, { jobTitle: 'CEO' });
    expect(refused.status).toBe(404);
    expect((await hr.get(`/api/v1/employees/${created.body.id}`)).body.jobTitle).toBe(
      'Senior Support Specialist',
    );
  });

  it('bad input gets problem+json naming each field, and nothing is written', async () => {
    const hr = await signIn(t.app, demo.hr);
    const before = await hr.get('/api/v1/employees?limit=100&q=zz-nobody');
    const response = await hr.post('/api/v1/employees', {
      name: '',
      email: 'not-an-email',
      jobTitle: 'x',
      department: 'y',
      hireDate: '2026-02-30',
    });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const paths = response.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body/name', 'body/email', 'body/hireDate']));
    const unknownManager = await hr.post('/api/v1/employees', {
      name: 'Zz Nobody',
      email: 'zz@x.example',
      jobTitle: 'x',
      department: 'y',
      managerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownManager.status).toBe(422);
    expect(unknownManager.body.errors[0].path).toBe('body/managerId');
    expect((await hr.get('/api/v1/employees?limit=100&q=zz')).body.items.length).toBe(
      before.body.items.length,
    );
  });

  it('malformed JSON, bad ids and bad query values are 400s, never 500s', async () => {
    const hr = await signIn(t.app, demo.hr);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/employees',
      headers: { cookie: hr.cookie, 'x-csrf-token': hr.csrfToken, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const badId = await hr.get('/api/v1/employees/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].path).toBe('params/id');
    const badLimit = await hr.get('/api/v1/employees?limit=5000');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors[0].path).toBe('querystring/limit');
    const badCursor = await hr.get('/api/v1/employees?cursor=garbage');
    expect(badCursor.status).toBe(422);
    const unknownRoute = await hr.get('/api/v1/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers['content-type']).toMatch(/problem\+json/);
  });
});
