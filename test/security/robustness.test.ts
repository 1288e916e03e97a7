import fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerEscapedError, registerRequestScope } from '../../src/server/request-guard.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { png } from '../helpers/images.ts';
import { createPlan } from '../helpers/plans.ts';

/** 70 bytes: a 1 × 1 PNG whose compressed pixels fail their checksum (pdfkit's reader threw outside any try). */
const pngWithBadChecksum = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2cf4c6b0000000049454e44ae426082',
  'hex',
);

const expectProblem = (response: { status: number; headers: Record<string, unknown> }, status: number) => {
  expect(response.status).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
};

describe.each(engines)('robustness on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;
  let plan: {
    id: string;
    successCriteria: { id: string }[];
    resources: { id: string }[];
    focusAreas: { id: string }[];
  };
  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
    plan = await createPlan(manager);
  });
  afterAll(() => t?.close());

  const putLogo = (body: Buffer, type = 'image/png') =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/organization/logo',
      headers: { cookie: hr.cookie, 'x-csrf-token': hr.csrfToken, 'content-type': type },
      payload: body,
    });

  it('a PNG with a bad zlib checksum is refused with 422 naming the body, and the server keeps answering', async () => {
    const response = await putLogo(pngWithBadChecksum);
    expectProblem({ status: response.statusCode, headers: response.headers }, 422);
    expect(response.json().errors).toEqual([
      { path: 'body', message: expect.stringMatching(/must be a PNG or JPEG image: .*damaged/) },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await send(t.app, 'GET', '/api/health')).status).toBe(200);
    expect((await putLogo(png(8, 8))).statusCode).toBe(200);
  });

  it('damaged images of every kind are refused with 422, never a crash or a hang', async () => {
    const good = png(4, 4);
    const badChunkLength = Buffer.from(good);
    badChunkLength.writeUInt32BE(0xfffffff0, 33);
    const truncatedPixels = Buffer.from(good);
    truncatedPixels[good.length - 20] ^= 0xff;
    const cases: [Buffer, string][] = [
      [badChunkLength, 'image/png'],
      [truncatedPixels, 'image/png'],
      [good.subarray(0, 30), 'image/png'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]), 'image/jpeg'],
      [Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x00, 0x00, 0x00, 0x09]), 'image/jpeg'],
    ];
    for (const [body, type] of cases) {
      const response = await putLogo(body, type);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().errors[0].path).toBe('body');
    }
  });

  it('an empty partial update is refused everywhere with 422 saying nothing was sent', async () => {
    const users = await hr.get('/api/v1/users');
    const employeeUser = users.body.items.find((u: { email: string }) => u.email === demo.employee);
    const contact = await hr.post('/api/v1/organization/contacts', { kind: 'contact', label: 'People team' });
    expect(contact.status, contact.text).toBe(201);
    const urls = [
      [manager, `/api/v1/plans/${plan.id}/success-criteria/${plan.successCriteria[0].id}`],
      [manager, `/api/v1/plans/${plan.id}/contacts/${plan.resources[0].id}`],
      [manager, `/api/v1/plans/${plan.id}/focus-areas/${plan.focusAreas[0].id}`],
      [manager, `/api/v1/plans/${plan.id}`],
      [hr, `/api/v1/users/${employeeUser.id}`],
      [hr, `/api/v1/organization/contacts/${contact.body.id}`],
      [hr, '/api/v1/organization'],
    ] as const;
    for (const [client, url] of urls) {
      const response = await client.patch(url, {});
      expect(response.status, `${url} ${response.text}`).toBe(422);
      expectProblem(response, 422);
      expect(response.body.errors).toEqual([
        { path: 'body', message: expect.stringContaining('nothing to change') },
      ]);
    }
  });

  it('HR changes a user’s roles alone', async () => {
    const users = await hr.get('/api/v1/users');
    const mentor = users.body.items.find((u: { email: string }) => u.email === demo.mentor);
    const response = await hr.patch(`/api/v1/users/${mentor.id}`, { roles: ['mentor', 'employee'] });
    expect(response.status, response.text).toBe(200);
    expect([...response.body.roles].sort()).toEqual(['employee', 'mentor']);
  });

  it('a focus area update with only a position changes nothing and answers 200', async () => {
    const response = await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${plan.focusAreas[0].id}`, {
      position: 2,
    });
    expect(response.status, response.text).toBe(200);
  });

  it('a NUL in any kind of text field is refused with 422 naming the field', async () => {
    const nul = 'before\u0000after';
    const cases = [
      [
        manager,
        'PATCH',
        `/api/v1/plans/${plan.id}/success-criteria/${plan.successCriteria[0].id}`,
        { text: nul },
        'body/text',
      ],
      [manager, 'POST', `/api/v1/plans/${plan.id}/success-criteria`, { text: nul }, 'body/text'],
      [
        manager,
        'POST',
        `/api/v1/plans/${plan.id}/expenses`,
        { date: '2026-12-01', description: nul, amount: 10 },
        'body/description',
      ],
      [
        manager,
        'PATCH',
        `/api/v1/plans/${plan.id}/focus-areas/${plan.focusAreas[0].id}`,
        { requiredStandard: nul },
        'body/requiredStandard',
      ],
      [hr, 'POST', '/api/v1/organization/contacts', { kind: 'contact', label: nul }, 'body/label'],
      [manager, 'POST', `/api/v1/plans/${plan.id}/comments`, { body: nul, text: nul }, undefined],
    ] as const;
    for (const [client, method, url, body, field] of cases) {
      const response = await (method === 'POST' ? client.post(url, body) : client.patch(url, body));
      expectProblem(response, 422);
      if (field)
        expect(response.body.errors).toContainEqual({
          path: field,
          message: expect.stringContaining('control characters'),
        });
    }
  });

  it('other control characters are refused too, line breaks are kept in multi-line text only, not in titles and labels', async () => {
    const bell = await manager.post(`/api/v1/plans/${plan.id}/success-criteria`, { text: 'ring\u0007' });
    expectProblem(bell, 422);
    const lines = await manager.patch(`/api/v1/plans/${plan.id}/focus-areas/${plan.focusAreas[0].id}`, {
      requiredStandard: 'First line\nSecond line',
    });
    expect(lines.status, lines.text).toBe(200);
    const oneLine = await hr.post('/api/v1/organization/contacts', { kind: 'contact', label: 'two\nlines' });
    expectProblem(oneLine, 422);
  });

  it('a NUL in a query string or a path parameter is a 4xx problem, never a 500', async () => {
    const query = await hr.get('/api/v1/employees?q=a%00b');
    expectProblem(query, 400);
    expect(query.body.errors).toContainEqual({
      path: 'querystring/q',
      message: expect.stringContaining('control'),
    });
    const path = await send(t.app, 'GET', '/api/v1/feedback/abc%00def');
    expect(path.status).toBeGreaterThanOrEqual(400);
    expect(path.status).toBeLessThan(500);
  });

  it('a metric value too large to chart or compute with is refused with 422 naming the field', async () => {
    const metric = await manager.post(`/api/v1/plans/${plan.id}/metrics`, {
      name: 'Reopened tickets',
      unit: 'tickets',
      direction: 'lower',
      baseline: 10,
      target: 2,
      focusAreaId: plan.focusAreas[0].id,
    });
    expect(metric.status).toBe(201);
    const huge = await manager.post(`/api/v1/plans/${plan.id}/metrics/${metric.body.id}/measurements`, {
      date: '2026-12-01',
      value: 1e308,
    });
    expectProblem(huge, 422);
    expect(huge.body.errors).toContainEqual({
      path: 'body/value',
      message: expect.stringContaining('at most'),
      code: 'too_big',
      params: { max: expect.any(Number) },
    });
    const target = await manager.patch(`/api/v1/plans/${plan.id}/metrics/${metric.body.id}`, {
      target: -1e300,
    });
    expectProblem(target, 422);
    expect(target.body.errors[0].path).toBe('body/target');
  });

  it('a 1.2 MB body is answered 413 problem+json, also over a real connection', async () => {
    const big = JSON.stringify({ text: 'a'.repeat(1_200_000) });
    const injected = await send(t.app, 'POST', `/api/v1/plans/${plan.id}/success-criteria`, {
      body: JSON.parse(big),
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken },
    });
    expectProblem(injected, 413);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/api/v1/plans/${plan.id}/success-criteria`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: manager.cookie,
        'x-csrf-token': manager.csrfToken,
      },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await response.json()).status).toBe(413);
  });

  it('an id of 300 characters is answered 414 problem+json', async () => {
    const response = await hr.get(`/api/v1/plans/${'a'.repeat(300)}`);
    expectProblem(response, 414);
    expect(response.body).toMatchObject({ status: 414, title: 'URI too long' });
  });

  it('an unknown API route is answered 404 problem+json', async () => {
    expectProblem(await hr.get('/api/v1/no-such-thing'), 404);
  });
});

describe('the last-resort guard', () => {
  it('answers the request an escaped error came from with a 500 problem and keeps serving', async () => {
    const app = fastify();
    registerRequestScope(app);
    app.get('/escapes', (_request, _reply) => {
      // What a library's callback does: its error reaches no caller; the process handler finds the request.
      setTimeout(() => answerEscapedError(new Error('thrown in a callback'), app.log), 5);
    });
    app.get('/fine', async () => ({ ok: true }));
    const escaped = await app.inject({ method: 'GET', url: '/escapes' });
    expect(escaped.statusCode).toBe(500);
    expect(escaped.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(escaped.json()).toMatchObject({ status: 500 });
    expect((await app.inject({ method: 'GET', url: '/fine' })).statusCode).toBe(200);
    expect(answerEscapedError(new Error('outside any request'), app.log)).toBe(false);
    await app.close();
  });
});
