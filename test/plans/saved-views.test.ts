// Saved views of the plans list: each person keeps their own named filters and sort; nobody else sees or
// changes them; names are unique per person; changes honour If-Match.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';

describe.each(engines)('saved views on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;

  const withIfMatch = (client: Client, method: string, url: string, ifMatch: string, body?: unknown) =>
    send(t.app, method, url, {
      body,
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'if-match': ifMatch },
    });

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
  });
  afterAll(() => t?.close());

  it('saves, lists by name, renames and deletes a view of its owner', async () => {
    const query = { status: ['active', 'paused'], sort: 'progress', order: 'asc', department: 'Sales' };
    const created = await hr.post('/api/v1/saved-views', { name: 'Sales at risk', query });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Sales at risk', query, revision: 1 });
    expect(created.headers.etag).toBe('"1"');
    await hr.post('/api/v1/saved-views', { name: 'All drafts', query: { status: ['draft'] } });

    const listed = await hr.get('/api/v1/saved-views');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((v: { name: string }) => v.name)).toEqual(['All drafts', 'Sales at risk']);

    const renamed = await withIfMatch(hr, 'PATCH', `/api/v1/saved-views/${created.body.id}`, '"1"', {
      name: 'Sales, ending first',
      query: { ...query, sort: 'endDate' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Sales, ending first', query: { sort: 'endDate' } });
    expect(renamed.body.revision).toBeGreaterThan(1);
    expect(renamed.headers.etag).toBe(`"${renamed.body.revision}"`);

    const deleted = await hr.delete(`/api/v1/saved-views/${created.body.id}`);
    expect(deleted.status).toBe(204);
    const after = await hr.get('/api/v1/saved-views');
    expect(after.body.items.map((v: { name: string }) => v.name)).toEqual(['All drafts']);
  });

  it("another person neither sees nor changes someone's views (404)", async () => {
    const mine = await hr.post('/api/v1/saved-views', { name: 'Mine only', query: { sort: 'risk' } });
    expect(mine.status).toBe(201);
    const theirs = await manager.get('/api/v1/saved-views');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((v: { name: string }) => v.name)).not.toContain('Mine only');
    expect((await manager.patch(`/api/v1/saved-views/${mine.body.id}`, { name: 'Taken over' })).status).toBe(
      404,
    );
    expect((await manager.delete(`/api/v1/saved-views/${mine.body.id}`)).status).toBe(404);
    const still = await hr.get('/api/v1/saved-views');
    expect(still.body.items.find((v: { id: string }) => v.id === mine.body.id)?.name).toBe('Mine only');
    // The same name is free for another person.
    expect((await manager.post('/api/v1/saved-views', { name: 'Mine only', query: {} })).status).toBe(201);
  });

  it('refuses a second view with the same name of the same person (409), on create and on rename', async () => {
    const first = await hr.post('/api/v1/saved-views', { name: 'Ending soon', query: { sort: 'endDate' } });
    expect(first.status).toBe(201);
    const again = await hr.post('/api/v1/saved-views', { name: 'Ending soon', query: { sort: 'startDate' } });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body.detail ?? again.body.title).toMatch(/Ending soon/);
    const other = await hr.post('/api/v1/saved-views', {
      name: 'Starting soon',
      query: { sort: 'startDate' },
    });
    const clash = await hr.patch(`/api/v1/saved-views/${other.body.id}`, { name: 'Ending soon' });
    expect(clash.status).toBe(409);
    // Renaming a view to its own name is no clash.
    expect((await hr.patch(`/api/v1/saved-views/${other.body.id}`, { name: 'Starting soon' })).status).toBe(
      200,
    );
  });

  it('refuses a stale If-Match with 412 and the current ETag, and leaves the view as it was', async () => {
    const view = await hr.post('/api/v1/saved-views', { name: 'Concurrent', query: { order: 'desc' } });
    const first = await withIfMatch(hr, 'PATCH', `/api/v1/saved-views/${view.body.id}`, '"1"', {
      name: 'Concurrent, first',
    });
    expect(first.status).toBe(200);
    const stale = await withIfMatch(hr, 'PATCH', `/api/v1/saved-views/${view.body.id}`, '"1"', {
      name: 'Concurrent, lost',
    });
    expect(stale.status).toBe(412);
    expect(stale.body.etag).toBe(first.headers.etag);
    const staleDelete = await withIfMatch(hr, 'DELETE', `/api/v1/saved-views/${view.body.id}`, '"1"');
    expect(staleDelete.status).toBe(412);
    const listed = await hr.get('/api/v1/saved-views');
    expect(listed.body.items.find((v: { id: string }) => v.id === view.body.id)?.name).toBe(
      'Concurrent, first',
    );
    const fresh = await withIfMatch(
      hr,
      'DELETE',
      `/api/v1/saved-views/${view.body.id}`,
      String(first.headers.etag),
    );
    expect(fresh.status).toBe(204);
  });

  it('accepts exactly the list query parameters and names each bad field (422)', async () => {
    const cases: [unknown, string][] = [
      [{ status: ['active', 'nonsense'] }, 'query/status/1'],
      [{ sort: 'salary' }, 'query/sort'],
      [{ order: 'sideways' }, 'query/order'],
      [{ cursor: 'abc' }, 'query'],
      [{ managerId: 'not-a-uuid' }, 'query/managerId'],
      [{ status: [] }, 'query/status'],
      [{ status: ['draft', 'draft'] }, 'query/status'],
      [{ limit: 1000 }, 'query/limit'],
    ];
    for (const [query, path] of cases) {
      const response = await hr.post('/api/v1/saved-views', { name: `Bad ${path}`, query });
      expect(response.status, JSON.stringify(query)).toBe(422);
      const paths = (response.body.errors as { path: string }[]).map((e) => e.path);
      expect(
        paths.some((p) => p.startsWith(`body/${path}`)),
        `${JSON.stringify(query)} → ${paths}`,
      ).toBe(true);
    }
    expect((await hr.post('/api/v1/saved-views', { name: '   ', query: {} })).status).toBe(422);
    expect((await hr.patch('/api/v1/saved-views/00000000-0000-4000-8000-000000000000', {})).status).toBe(422);
    const names = (await hr.get('/api/v1/saved-views')).body.items.map((v: { name: string }) => v.name);
    expect(names.filter((n: string) => n.startsWith('Bad '))).toEqual([]);
  });

  it('answers 401 to a caller who is not signed in', async () => {
    expect((await send(t.app, 'GET', '/api/v1/saved-views')).status).toBe(401);
  });
});
