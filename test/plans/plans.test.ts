import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { completePlan, createPlan, employeeIdOf } from '../helpers/plans.ts';

const topLevelKeys = [
  'id',
  'status',
  'locale',
  'header',
  'overview',
  'focusAreas',
  'metrics',
  'activities',
  'support',
  'timeline',
  'tracking',
  'successCriteria',
  'responsibilities',
  'documentation',
  'contacts',
  'resources',
  'acknowledgmentClauses',
  'completion',
  'confidentialityNotice',
];

describe.each(engines)('plans on %s', (engine) => {
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

  it('a manager creates an English plan for their report with every section of the seed', async () => {
    const plan = await createPlan(manager);
    for (const key of topLevelKeys) expect(plan).toHaveProperty(key);
    expect(plan.status).toBe('draft');
    expect(plan.header).toMatchObject({
      employeeName: 'Elena Martín',
      position: 'Software Engineer, Course Platform',
      department: 'Engineering',
      managerName: 'Marta Navarro',
      startDate: '2026-11-30',
      endDate: '2027-02-21',
      durationWeeks: 12,
      reviewPeriod: { weeks: 12, days: 84 },
    });
    expect(plan.overview.purpose).toContain('Elena Martín');
    expect(plan.overview.philosophy).toHaveLength(5);
    expect(plan.focusAreas.map((a: { title: string }) => a.title)).toEqual([
      'Technical Skills Gap',
      'Communication & Collaboration',
      'Quality & Accuracy',
      'Timeliness & Deadlines',
    ]);
    expect(plan.activities.length).toBeGreaterThanOrEqual(28);
    expect(plan.development.groups.map((g: { key: string }) => g.key)).toEqual([
      'technical',
      'soft_skills',
      'professional',
    ]);
    expect(plan.support.managerCheckIn).toMatchObject({ frequency: 'weekly', durationMinutes: 60 });
    expect(plan.support.budget).toMatchObject({ total: 1500, spent: 0, remaining: 1500 });
    expect(
      plan.timeline.phases.map((p: { startWeek: number; endWeek: number }) => [p.startWeek, p.endWeek]),
    ).toEqual([
      [1, 2],
      [3, 6],
      [7, 10],
      [11, 12],
    ]);
    expect(plan.timeline.milestones).toHaveLength(6);
    expect(plan.successCriteria).toHaveLength(5);
    expect(plan.responsibilities.manager.length).toBe(5);
    expect(plan.acknowledgmentClauses.employee.map((c: { id: string }) => c.id)).toContain('read_understood');
    expect(plan.acknowledgmentClauses.manager).toHaveLength(5);
    expect(plan.acknowledgmentClauses.hr).toHaveLength(5);
    expect(plan.completion.steps).toHaveLength(5);
    expect(plan.confidentialityNotice).toMatch(/confidential/i);
    expect(plan.resources.length).toBeGreaterThanOrEqual(4);
    expect(
      plan.contacts.some(
        (c: { key: string; name: string }) => c.key === 'manager' && c.name === 'Marta Navarro',
      ),
    ).toBe(true);
    // Left as the template's prompts, the goals are not SMART yet.
    const findings = plan.focusAreas[0].smart.findings;
    expect(
      findings.some(
        (f: { criterion: string; severity: string }) =>
          f.criterion === 'measurable' && f.severity === 'error',
      ),
    ).toBe(true);
    expect(
      findings.some(
        (f: { criterion: string; severity: string }) => f.criterion === 'specific' && f.severity === 'error',
      ),
    ).toBe(true);
  });

  it('creates a Spanish plan with the Spanish template text', async () => {
    const plan = await createPlan(hr, { locale: 'es', durationWeeks: 8 });
    expect(plan.locale).toBe('es');
    expect(plan.title).toBe('Plan de Mejora de Rendimiento (PMR)');
    expect(plan.headings.metrics).toBe('Métricas de rendimiento');
    expect(plan.overview.purpose).toContain('Elena Martín');
    expect(plan.focusAreas[0].smart.findings[0].message).toMatch(/[áéíóúñ]/);
    expect(plan.header.hrRepName).toBeNull();
  });

  it('scales the timeline to 4 and 26 weeks', async () => {
    const short = await createPlan(hr, { durationWeeks: 4, startDate: '2027-01-04' });
    expect(short.timeline.phases.map((p: { endWeek: number }) => p.endWeek)).toEqual([1, 2, 3, 4]);
    expect(short.header.endDate).toBe('2027-01-31');
    const long = await createPlan(hr, { durationWeeks: 26, startDate: '2027-01-04' });
    expect(
      long.timeline.phases.map((p: { startWeek: number; endWeek: number }) => p.endWeek - p.startWeek + 1),
    ).toEqual([4, 9, 9, 4]);
    expect(long.timeline.milestones.at(-1)).toMatchObject({ week: 26, date: '2027-07-04' });
    expect(long.header.endDate).toBe('2027-07-04');
  });

  it('computes gap, progress, status and forecast from measurements in both directions', async () => {
    const plan = await createPlan(manager, { startDate: '2026-11-02' });
    const up = await manager.post(`/api/v1/plans/${plan.id}/metrics`, {
      name: 'Quality score',
      unit: 'points',
      direction: 'higher',
      baseline: 60,
      target: 80,
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ current: 60, gap: 20, progress: 0, isMet: false, forecast: null });
    const down = await manager.post(`/api/v1/plans/${plan.id}/metrics`, {
      name: 'Error rate',
      unit: '%',
      direction: 'lower',
      baseline: 12,
      target: 4,
    });
    const measured = await manager.post(`/api/v1/plans/${plan.id}/metrics/${up.body.id}/measurements`, {
      items: [
        { date: '2026-11-09', value: 64 },
        { date: '2026-11-16', value: 68 },
      ],
    });
    expect(measured.status).toBe(201);
    expect(measured.body).toMatchObject({ current: 68, gap: 12, progress: 0.4 });
    expect(measured.body.forecast.meetsTarget).toBe(true);
    expect(measured.body.measurements).toHaveLength(2);
    const lowered = await manager.post(`/api/v1/plans/${plan.id}/metrics/${down.body.id}/measurements`, {
      date: '2026-11-16',
      value: 11,
      note: 'first sprint',
    });
    expect(lowered.body).toMatchObject({ current: 11, gap: 7, progress: 0.125 });
    expect(['atRisk', 'offTrack']).toContain(lowered.body.status);
  });

  it('refuses a metric whose target equals its baseline, naming the field, writing nothing', async () => {
    const plan = await createPlan(manager);
    const response = await manager.post(`/api/v1/plans/${plan.id}/metrics`, {
      name: 'Flat',
      unit: '',
      direction: 'higher',
      baseline: 5,
      target: 5,
    });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].path).toBe('body/target');
    expect((await manager.get(`/api/v1/plans/${plan.id}`)).body.metrics).toHaveLength(0);
  });

  it('a filled-in plan has no SMART errors', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    for (const area of plan.focusAreas) {
      expect(area.smart.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
      expect(area.metricIds).toHaveLength(1);
    }
  });

  it('rejects bad input with problem+json naming the field, and writes nothing', async () => {
    const employeeId = await employeeIdOf(manager, demo.employee);
    const before = (await manager.get('/api/v1/plans?limit=100')).body.items.length;
    const cases: [object, string][] = [
      [{ employeeId, startDate: '2026-02-30' }, 'body/startDate'],
      [{ employeeId, startDate: '2026-12-01', durationWeeks: 3 }, 'body/durationWeeks'],
      [{ employeeId, startDate: '2026-12-01', durationWeeks: 27 }, 'body/durationWeeks'],
      [{ employeeId, startDate: '2026-12-01', locale: 'fr' }, 'body/locale'],
      [{ employeeId: '00000000-0000-4000-8000-000000000000', startDate: '2026-12-01' }, 'body/employeeId'],
      [{ employeeId, startDate: '2026-12-01', mentorId: manager.user.id }, 'body/mentorId'],
    ];
    for (const [body, path] of cases) {
      const response = await manager.post('/api/v1/plans', body);
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const plan = await createPlan(manager);
    const endBeforeStart = await manager.patch(`/api/v1/plans/${plan.id}`, { endDate: '2026-11-01' });
    expect(endBeforeStart.status).toBe(422);
    expect(endBeforeStart.body.errors[0].path).toBe('body/endDate');
    const tooLong = await manager.patch(`/api/v1/plans/${plan.id}`, {
      overview: { purpose: 'x'.repeat(6000) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0].path).toBe('body/overview/purpose');
    expect((await manager.get('/api/v1/plans?limit=100')).body.items.length).toBe(before + 1);
  });

  it('edits every section: header, dates, focus areas, activities, support, contacts, criteria, budget', async () => {
    const plan = await createPlan(manager);
    const moved = await manager.patch(`/api/v1/plans/${plan.id}`, {
      startDate: '2026-12-07',
      durationWeeks: 16,
      support: { hoursPerWeek: 6, mentor: { focusAreas: 'Code review habits' } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.header.endDate).toBe('2027-03-28');
    expect(moved.body.focusAreas.every((a: { deadline: string }) => a.deadline === '2027-03-28')).toBe(true);
    expect(moved.body.timeline.phases.at(-1).endWeek).toBe(16);
    expect(moved.body.support.hoursPerWeek).toBe(6);

    const added = await manager.post(`/api/v1/plans/${plan.id}/focus-areas`, {
      title: 'Customer empathy',
      examples: [{ date: '2026-11-02', text: 'Escalation handled without acknowledging the customer.' }],
    });
    expect(added.status).toBe(201);
    const ids = [added.body.id, ...plan.focusAreas.map((a: { id: string }) => a.id)];
    const reordered = await manager.put(`/api/v1/plans/${plan.id}/focus-areas/order`, { ids });
    expect(reordered.body.items[0].title).toBe('Customer empathy');
    expect((await manager.delete(`/api/v1/plans/${plan.id}/focus-areas/${added.body.id}`)).status).toBe(204);

    const activity = plan.activities[0];
    const done = await manager.patch(`/api/v1/plans/${plan.id}/activities/${activity.id}`, {
      status: 'done',
      evidence: 'Certificate uploaded to the LMS',
    });
    expect(done.body.status).toBe('done');
    expect(done.body.completedAt).toBeTruthy();

    const criterion = plan.successCriteria[0];
    const ticked = await manager.patch(`/api/v1/plans/${plan.id}/success-criteria/${criterion.id}`, {
      isMet: true,
    });
    expect(ticked.body).toMatchObject({ isMet: true, checkedByName: 'Marta Navarro' });

    const link = plan.resources[0];
    const edited = await manager.patch(`/api/v1/plans/${plan.id}/contacts/${link.id}`, {
      url: 'https://learn.lumina.example',
      instructions: 'Sign in with your work account',
    });
    expect(edited.body.url).toBe('https://learn.lumina.example');

    const budget = await manager.post(`/api/v1/plans/${plan.id}/expenses`, {
      date: '2026-12-10',
      description: 'Workshop seat',
      amount: 320.5,
    });
    expect(budget.body).toMatchObject({ total: 1500, spent: 320.5, remaining: 1179.5 });
  });

  it('the employee cannot see a draft plan; the mentor sees only the development plan', async () => {
    const mentor = await signIn(t.app, demo.mentor);
    const plan = await createPlan(manager, { mentorId: mentor.user.id });
    expect((await employee.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
    expect((await employee.get('/api/v1/plans')).body.items.map((p: { id: string }) => p.id)).not.toContain(
      plan.id,
    );
    const view = await mentor.get(`/api/v1/plans/${plan.id}`);
    expect(view.status).toBe(200);
    expect(view.body.isMentorView).toBe(true);
    expect(view.body.activities.length).toBeGreaterThan(0);
    expect(view.body).not.toHaveProperty('focusAreas');
    expect(view.body).not.toHaveProperty('metrics');
    // Beyond the development plan, nothing exists for the mentor.
    expect((await mentor.patch(`/api/v1/plans/${plan.id}`, { issuesIntro: 'x' })).status).toBe(404);
  });

  it('who may read and change a plan', async () => {
    const plan = await createPlan(manager);
    const hrRep = await signIn(t.app, demo.hrRep);
    const auditor = await signIn(t.app, demo.auditor);
    expect((await hr.get(`/api/v1/plans/${plan.id}`)).status).toBe(200);
    expect((await auditor.get(`/api/v1/plans/${plan.id}`)).status).toBe(200);
    expect((await auditor.patch(`/api/v1/plans/${plan.id}`, { issuesIntro: 'x' })).status).toBe(403);
    // Not assigned to this plan: an HR representative does not see it.
    expect((await hrRep.get(`/api/v1/plans/${plan.id}`)).status).toBe(404);
    await manager.patch(`/api/v1/plans/${plan.id}`, { hrRepId: hrRep.user.id });
    expect((await hrRep.get(`/api/v1/plans/${plan.id}`)).status).toBe(200);
    // A manager cannot create a plan for someone outside their team.
    const outsider = (await hr.get('/api/v1/employees?q=Beatriz')).body.items[0];
    const refused = await manager.post('/api/v1/plans', { employeeId: outsider.id, startDate: '2026-12-01' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].path).toBe('body/employeeId');
  });

  it('lists and filters plans with cursor pagination', async () => {
    const all = await hr.get('/api/v1/plans?limit=100');
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    const page1 = await hr.get('/api/v1/plans?limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await hr.get(`/api/v1/plans?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    const drafts = await hr.get('/api/v1/plans?status=draft&limit=100');
    expect(drafts.body.items.every((p: { status: string }) => p.status === 'draft')).toBe(true);
    const text = await hr.get('/api/v1/plans?q=martín&limit=100');
    expect(text.body.items.length).toBe(all.body.items.length);
    const dept = await hr.get('/api/v1/plans?department=Marketing');
    expect(dept.body.items).toHaveLength(0);
    const byManager = await hr.get(`/api/v1/plans?managerId=${manager.user.id}&limit=100`);
    expect(byManager.body.items.length).toBeGreaterThan(0);
  });

  it('reads a whole plan in three statements, whatever its size', async () => {
    const small = await createPlan(manager);
    const big = await completePlan(manager, await createPlan(manager));
    for (const metric of big.metrics) {
      await manager.post(`/api/v1/plans/${big.id}/metrics/${metric.id}/measurements`, {
        items: Array.from({ length: 20 }, (_, i) => ({
          date: `2026-12-${String(i + 1).padStart(2, '0')}`,
          value: i,
        })),
      });
    }
    for (let i = 0; i < 5; i++)
      await manager.post(`/api/v1/plans/${big.id}/success-criteria`, { text: `Extra criterion ${i}` });
    const countFor = async (id: string) => {
      const before = t.database.queryCount();
      expect((await manager.get(`/api/v1/plans/${id}`)).status).toBe(200);
      return t.database.queryCount() - before;
    };
    const smallCount = await countFor(small.id);
    const bigCount = await countFor(big.id);
    expect(bigCount).toBe(smallCount);
    // The session, the plan with every section and its chain's head in one statement, and the view after that head.
    expect(bigCount).toBeLessThanOrEqual(3);
  });
});

describe.each(engines)('plan templates on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('HR copies the default template, changes it, and new plans record the template version they came from', async () => {
    const hr = await signIn(t.app, demo.hr);
    const base = (await hr.get('/api/v1/templates/default?locale=es')).body;
    expect(base.locale).toBe('es');
    const copy = await hr.post('/api/v1/templates', {
      locale: 'es',
      name: 'PMR de Atención al Cliente',
      body: {
        ...base,
        successCriteria: [...base.successCriteria, 'La satisfacción del cliente supera 4,5 sobre 5'],
      },
    });
    expect(copy.status).toBe(201);
    expect(copy.body.version).toBe(1);
    const v2 = await hr.put(`/api/v1/templates/${copy.body.id}`, {
      ...copy.body,
      confidentialityNotice: 'Aviso revisado.',
    });
    expect(v2.body.version).toBe(2);
    const plan = await createPlan(hr, { locale: 'es', templateId: copy.body.id } as never);
    expect(plan.templateId).toBe(copy.body.id);
    expect(plan.templateVersion).toBe(2);
    expect(plan.successCriteria).toHaveLength(6);
    expect(plan.confidentialityNotice).toBe('Aviso revisado.');
    const list = await hr.get('/api/v1/templates');
    expect(list.body.items.filter((i: { isDefault: boolean }) => !i.isDefault)).toHaveLength(1);
  });

  it('refuses an incomplete template with the failing paths, and a manager may not copy templates', async () => {
    const hr = await signIn(t.app, demo.hr);
    const broken = await hr.post('/api/v1/templates', {
      locale: 'en',
      name: 'Broken',
      body: { title: 'Only a title' },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.errors.length).toBeGreaterThan(3);
    expect(broken.body.errors[0].path).toMatch(/^body\/body\//);
    const manager = await signIn(t.app, demo.manager);
    expect((await manager.post('/api/v1/templates', { locale: 'en', name: 'Mine' })).status).toBe(403);
  });

  it('saving a template with an emptied field names the field inside the body and keeps the version', async () => {
    const hr = await signIn(t.app, demo.hr);
    const copy = (await hr.post('/api/v1/templates', { locale: 'en', name: 'Sales PIP' })).body;
    const saved = await hr.put(`/api/v1/templates/${copy.id}`, {
      ...copy,
      confidentialityNotice: '',
      successCriteria: [...copy.successCriteria, ''],
    });
    expect(saved.status).toBe(422);
    expect(saved.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body/confidentialityNotice',
      `body/successCriteria/${copy.successCriteria.length}`,
    ]);
    const after = await hr.get(`/api/v1/templates/${copy.id}`);
    expect(after.body.version).toBe(1);
    expect(after.body.confidentialityNotice).toBe(copy.confidentialityNotice);
  });
});
