// Optimistic concurrency over HTTP: ETags on reads and writes, If-Match refusing a stale write with 412.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, type Response, send, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

describe.each(engines)('If-Match on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;

  /** A write as the web app sends it, with an If-Match header (omitted when undefined). */
  const write = (
    client: Client,
    method: 'PATCH' | 'POST' | 'PUT',
    url: string,
    body: unknown,
    ifMatch?: string,
  ): Promise<Response> =>
    send(t.app, method, url, {
      body,
      headers: {
        cookie: client.cookie,
        'x-csrf-token': client.csrfToken,
        ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }),
      },
    });

  beforeAll(async () => {
    t = await startTestApp(engine, { env: { SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' } });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
  });
  afterAll(() => t?.close());

  it('a check-in update abandoned by its client cannot overwrite the newer acknowledged one', async () => {
    t.clock.set('2026-11-24T09:00:00Z');
    const draft = await createPlan(manager);
    const plan = await activatePlan(manager, hr, employee, (await completePlan(manager, draft)).id);
    const list = await manager.get(`/api/v1/plans/${plan.id}/check-ins`);
    const checkIn = list.body.items.find((i: { type: string }) => i.type === 'weekly_checkin');
    const seen = `"${checkIn.revision}"`;
    const url = `/api/v1/check-ins/${checkIn.id}`;

    const acknowledged = await write(manager, 'PATCH', url, { notes: 'the sixteenth update' }, seen);
    expect(acknowledged.status, acknowledged.text).toBe(200);
    expect(acknowledged.headers.etag).toBe(`"${acknowledged.body.revision}"`);
    expect(acknowledged.headers.etag).not.toBe(seen);

    // The first request, abandoned by the client, arrives last with the version it was based on.
    const late = await write(manager, 'PATCH', url, { notes: 'the abandoned first update' }, seen);
    expect(late.status).toBe(412);
    expect(late.headers['content-type']).toContain('application/problem+json');
    expect(late.body).toMatchObject({
      title: 'Precondition failed',
      status: 412,
      etag: acknowledged.headers.etag,
    });
    expect(late.body.detail).toContain('changed since you read it');

    const after = await manager.get(`/api/v1/plans/${plan.id}/check-ins`);
    const stored = after.body.items.find((i: { id: string }) => i.id === checkIn.id);
    expect(stored.notes).toBe('the sixteenth update');
    expect(`"${stored.revision}"`).toBe(acknowledged.headers.etag);

    // Without If-Match the write proceeds as before; `*` only asks that the check-in exists.
    expect((await write(manager, 'PATCH', url, { notes: 'no precondition' })).status).toBe(200);
    expect((await write(manager, 'PATCH', url, { notes: 'any version' }, '*')).status).toBe(200);
  });

  it('a plan’s ETag is stable across reads and changes on each write', async () => {
    const plan = await createPlan(manager);
    const url = `/api/v1/plans/${plan.id}`;
    const first = await manager.get(url);
    const second = await manager.get(url);
    expect(first.headers.etag).toMatch(/^"\d+"$/);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.body.revision).toBe(second.body.revision);

    const edited = await write(manager, 'PATCH', url, { department: 'Platform' }, String(first.headers.etag));
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers.etag).not.toBe(first.headers.etag);
    expect((await manager.get(url)).headers.etag).toBe(edited.headers.etag);

    const stale = await write(manager, 'PATCH', url, { department: 'Stale' }, String(first.headers.etag));
    expect(stale.status).toBe(412);
    expect(stale.body.etag).toBe(edited.headers.etag);
    expect((await manager.get(url)).body.header.department).toBe('Platform');
  });

  it('a change to a plan’s section moves the plan’s ETag and the section’s own', async () => {
    const plan = await createPlan(manager);
    const url = `/api/v1/plans/${plan.id}`;
    const area = plan.focusAreas[0];
    const areaUrl = `${url}/focus-areas/${area.id}`;
    const planEtag = (await manager.get(url)).headers.etag;

    const edited = await write(manager, 'PATCH', areaUrl, { impact: 'Releases slip' }, `"${area.revision}"`);
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers.etag).toBe(`"${edited.body.revision}"`);
    expect(edited.body.revision).toBeGreaterThan(area.revision);
    expect((await manager.get(url)).headers.etag).not.toBe(planEtag);

    const stale = await write(manager, 'PATCH', areaUrl, { impact: 'Overwritten' }, `"${area.revision}"`);
    expect(stale.status).toBe(412);
    const reread = await manager.get(url);
    expect(reread.body.focusAreas[0].impact).toBe('Releases slip');

    // Another focus area keeps its ETag: writers of different sections do not block each other.
    const other = plan.focusAreas[1];
    const untouched = await write(
      manager,
      'PATCH',
      `${url}/focus-areas/${other.id}`,
      { impact: 'Reviews wait' },
      `"${other.revision}"`,
    );
    expect(untouched.status, untouched.text).toBe(200);
  });

  it('a plan transition with a stale If-Match is refused and the plan stays where it was', async () => {
    const plan = await completePlan(manager, await createPlan(manager));
    const url = `/api/v1/plans/${plan.id}`;
    const seen = String((await manager.get(url)).headers.etag);
    expect((await write(manager, 'PATCH', url, { department: 'Platform' })).status).toBe(200);
    const submitted = await write(manager, 'POST', `${url}/transitions`, { action: 'submit' }, seen);
    expect(submitted.status).toBe(412);
    expect((await manager.get(url)).body.status).toBe('draft');
  });

  it('an employee record refuses a stale If-Match and answers with its ETag', async () => {
    const list = await hr.get('/api/v1/employees?limit=1');
    const id = list.body.items[0].id;
    const url = `/api/v1/employees/${id}`;
    const read = await hr.get(url);
    expect(read.headers.etag).toBe(`"${read.body.revision}"`);
    const edited = await write(hr, 'PATCH', url, { jobTitle: 'Senior Engineer' }, String(read.headers.etag));
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers.etag).not.toBe(read.headers.etag);
    const stale = await write(hr, 'PATCH', url, { jobTitle: 'Junior Engineer' }, String(read.headers.etag));
    expect(stale.status).toBe(412);
    expect((await hr.get(url)).body.jobTitle).toBe('Senior Engineer');
    // A list of tags matches when one of them is current.
    const listed = await write(
      hr,
      'PATCH',
      url,
      { department: 'Engineering' },
      `"0", ${edited.headers.etag}`,
    );
    expect(listed.status, listed.text).toBe(200);
  });

  it('the organisation settings refuse a stale If-Match', async () => {
    const read = await hr.get('/api/v1/organization');
    expect(read.headers.etag).toBe(`"${read.body.revision}"`);
    const edited = await write(
      hr,
      'PATCH',
      '/api/v1/organization',
      { retentionYears: 6 },
      String(read.headers.etag),
    );
    expect(edited.status, edited.text).toBe(200);
    expect(edited.headers.etag).not.toBe(read.headers.etag);
    expect((await hr.get('/api/v1/organization')).headers.etag).toBe(edited.headers.etag);
    const stale = await write(
      hr,
      'PATCH',
      '/api/v1/organization',
      { retentionYears: 9 },
      String(read.headers.etag),
    );
    expect(stale.status).toBe(412);
    expect((await hr.get('/api/v1/organization')).body.retentionYears).toBe(6);
  });

  it('an organisation template refuses a save over a newer version, and the refused save changes nothing', async () => {
    const copy = await hr.post('/api/v1/templates', { locale: 'en', name: 'Support PIP' });
    expect(copy.headers.etag).toBe(`"${copy.body.revision}"`);
    const read = await hr.get(`/api/v1/templates/${copy.body.id}`);
    expect(read.headers.etag).toBe(copy.headers.etag);
    const url = `/api/v1/templates/${copy.body.id}`;
    const first = await write(
      hr,
      'PUT',
      url,
      { ...read.body, confidentialityNotice: 'First editor.' },
      String(read.headers.etag),
    );
    expect(first.status, first.text).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.headers.etag).toBe(`"${first.body.revision}"`);
    expect(first.headers.etag).not.toBe(read.headers.etag);
    // A second editor who opened the template before the first saved it.
    const second = await write(
      hr,
      'PUT',
      url,
      { ...read.body, confidentialityNotice: 'Second editor.' },
      String(read.headers.etag),
    );
    expect(second.status).toBe(412);
    expect(second.body.etag).toBe(first.headers.etag);
    const stored = await hr.get(url);
    expect(stored.body.confidentialityNotice).toBe('First editor.');
    expect(stored.body.version).toBe(2);
  });

  it('a malformed If-Match is a problem naming the header, and nothing changes', async () => {
    const plan = await createPlan(manager);
    const url = `/api/v1/plans/${plan.id}`;
    for (const header of ['3', 'W/3', '"3', '']) {
      const response = await write(manager, 'PATCH', url, { department: 'Malformed' }, header);
      expect(response.status, header).toBe(412);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual([{ path: 'headers/if-match', message: expect.any(String) }]);
    }
    expect((await manager.get(url)).body.header.department).not.toBe('Malformed');
  });

  it('someone who may not see a plan gets 404, not 412, whatever If-Match they send', async () => {
    const plan = await createPlan(manager);
    const response = await write(employee, 'PATCH', `/api/v1/plans/${plan.id}`, { department: 'X' }, '"999"');
    expect(response.status).toBe(404);
  });
});
