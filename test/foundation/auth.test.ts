import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { demo, send, signIn } from '../helpers/http.ts';

describe.each(engines)('accounts and sessions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('signs in with the demo HR login and returns the user, roles and a CSRF token', async () => {
    const hr = await signIn(t.app, demo.hr);
    expect(hr.user.roles).toContain('hr_admin');
    expect(hr.csrfToken.length).toBeGreaterThan(20);
    const me = await hr.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(demo.hr);
    expect(me.body.user.employeeId).not.toBeNull();
    expect(me.body.organization.name).toBe('Lumina Learning');
  });

  it('sets an httpOnly, SameSite=Lax session cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: demo.manager, password: 'mejora-demo' },
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/mejora_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/);
  });

  it('refuses a wrong password with 401 problem+json', async () => {
    const response = await send(t.app, 'POST', '/api/v1/auth/login', {
      body: { email: demo.employee, password: 'wrong-password' },
    });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.title).toBe('Authentication required');
  });

  it('answers 401 without a session and after logout', async () => {
    expect((await send(t.app, 'GET', '/api/v1/me')).status).toBe(401);
    const client = await signIn(t.app, demo.employee);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });

  it('expires a session after the idle limit and after the absolute limit', async () => {
    const client = await signIn(t.app, demo.mentor);
    t.clock.advance(t.deps.config.sessionIdleMs - 60_000);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(t.deps.config.sessionIdleMs + 1000);
    expect((await client.get('/api/v1/me')).status).toBe(401);

    const other = await signIn(t.app, demo.mentor);
    // Stay active (touching the session) until past the absolute expiry.
    const step = t.deps.config.sessionIdleMs / 2;
    let elapsed = 0;
    while (elapsed < t.deps.config.sessionMaxMs - step) {
      t.clock.advance(step);
      elapsed += step;
      expect((await other.get('/api/v1/me')).status).toBe(200);
    }
    t.clock.advance(2 * step);
    expect((await other.get('/api/v1/me')).status).toBe(401);
  });

  it('lists sessions and revokes one, which signs that session out', async () => {
    const first = await signIn(t.app, demo.hrRep);
    const second = await signIn(t.app, demo.hrRep);
    const list = await first.get('/api/v1/me/sessions');
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    const other = list.body.items.find((s: { isCurrent: boolean }) => !s.isCurrent);
    expect((await first.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(204);
    const stillIn = [await first.get('/api/v1/me'), await second.get('/api/v1/me')].map((r) => r.status);
    expect(stillIn.sort()).toEqual([200, 401]);
  });

  it('refuses a cookie-authenticated write without the CSRF header', async () => {
    const client = await signIn(t.app, demo.manager);
    const response = await send(t.app, 'POST', '/api/v1/me/tokens', {
      body: { name: 'no csrf' },
      headers: { cookie: client.cookie },
    });
    expect(response.status).toBe(403);
    expect(response.body.detail).toMatch(/x-csrf-token/);
    const wrong = await send(t.app, 'POST', '/api/v1/me/tokens', {
      body: { name: 'wrong csrf' },
      headers: { cookie: client.cookie, 'x-csrf-token': 'nope' },
    });
    expect(wrong.status).toBe(403);
  });

  it('creates, uses, lists and revokes a personal API token without CSRF', async () => {
    const client = await signIn(t.app, demo.hr);
    const created = await client.post('/api/v1/me/tokens', { name: 'payroll sync' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^mej_/);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    const me = await send(t.app, 'GET', '/api/v1/me', { headers: bearer });
    expect(me.body.user.email).toBe(demo.hr);
    const write = await send(t.app, 'POST', '/api/v1/me/tokens', {
      body: { name: 'second' },
      headers: bearer,
    });
    expect(write.status).toBe(201);
    const list = await client.get('/api/v1/me/tokens');
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['payroll sync']),
    );
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await client.delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(204);
    expect((await send(t.app, 'GET', '/api/v1/me', { headers: bearer })).status).toBe(401);
  });

  it('answers /me in one query, with a cookie or a token, and records a token use at most once a minute', async () => {
    const client = await signIn(t.app, demo.manager);
    const created = await client.post('/api/v1/me/tokens', { name: 'dashboard' });
    const bearer = { authorization: `Bearer ${created.body.token}` };
    const cost = async (run: () => Promise<unknown>) => {
      const before = t.database.queryCount();
      await run();
      return t.database.queryCount() - before;
    };
    // The first use records lastUsedAt: one read and one write.
    expect(await cost(() => send(t.app, 'GET', '/api/v1/me', { headers: bearer }))).toBe(2);
    const firstUse = (await client.get('/api/v1/me/tokens')).body.items[0].lastUsedAt;
    expect(firstUse).not.toBeNull();
    expect(await cost(() => send(t.app, 'GET', '/api/v1/me', { headers: bearer }))).toBe(1);
    expect(await cost(() => client.get('/api/v1/me'))).toBe(1);
    t.clock.advance(61_000);
    expect(await cost(() => send(t.app, 'GET', '/api/v1/me', { headers: bearer }))).toBe(2);
    const me = await send(t.app, 'GET', '/api/v1/me', { headers: bearer });
    expect(me.body.organization.name).toBe('Lumina Learning');
    expect(me.body.organization.timezone).toMatch(/\//);
    expect(me.body.calendarFeedUrl).toMatch(/\/api\/v1\/calendar\/.+\.ics$/);
    expect(me.body.isEmailOptOut).toBe(false);
  });

  it('rate limits failed sign-ins: the 11th try within a minute gets 429', async () => {
    const org = await createOrganization(t.database.db);
    const { email } = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await send(t.app, 'POST', '/api/v1/auth/login', {
            body: { email, password: 'wrong' },
            headers: { 'x-forwarded-for': '203.0.113.9' },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('rate limits per account too: failed tries from many addresses still stop at the 10th', async () => {
    const org = await createOrganization(t.database.db);
    const { email } = await createUserWithEmployee(t.database.db, org.id, { roles: ['employee'] });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await send(t.app, 'POST', '/api/v1/auth/login', {
            body: { email, password: 'wrong' },
            headers: { 'x-forwarded-for': `203.0.114.${i + 1}` },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('a user of another organisation gets 404 on this organisation’s employee', async () => {
    const hr = await signIn(t.app, demo.hr);
    const list = await hr.get('/api/v1/employees?limit=1');
    const employeeId = list.body.items[0].id;
    const org = await createOrganization(t.database.db);
    const { email } = await createUserWithEmployee(t.database.db, org.id, { roles: ['hr_admin'] });
    const outsider = await signIn(t.app, email);
    const response = await outsider.get(`/api/v1/employees/${employeeId}`);
    expect(response.status).toBe(404);
    const search = await outsider.get('/api/v1/employees?q=a');
    expect(search.body.items.every((e: { id: string }) => e.id !== employeeId)).toBe(true);
  });
});
