import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from './helpers/server.ts';

describe('serving the web app', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app?.stop());

  it('serves the app, its pre-compressed scripts with a long cache, and client routes', async () => {
    const index = await fetch(`${app.url}/`);
    expect(index.status).toBe(200);
    const html = await index.text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeTruthy();
    // node:http, not fetch: fetch decodes the body and hides how it travelled.
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      get(`${app.url}${script}`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        res.resume();
        resolve(res.headers);
      }).on('error', reject);
    });
    expect(headers['content-encoding']).toBe('br');
    expect(headers['cache-control']).toContain('immutable');
    const clientRoute = await fetch(`${app.url}/plans/some-id/overview`);
    expect(clientRoute.headers.get('content-type')).toMatch(/text\/html/);
    const apiMiss = await fetch(`${app.url}/api/v1/nowhere`);
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers.get('content-type')).toMatch(/problem\+json/);
  });
});
