import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/db/client.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { send } from '../helpers/http.ts';

describe.each(engines)('server basics on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t?.close());

  it('reports health with the engine in use', async () => {
    const response = await send(t.app, 'GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', db: engine, version: 'test' });
  });

  it('serves an OpenAPI 3.1 document that validates', async () => {
    const response = await send(t.app, 'GET', '/api/openapi.json');
    expect(response.body.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(response.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/employees',
        '/api/v1/employees/{id}',
        '/api/health',
      ]),
    );
  });

  it('declares If-Match on writes to a resource and the ETag of answers that carry a revision', async () => {
    const { paths } = (await send(t.app, 'GET', '/api/openapi.json')).body;
    const ifMatch = (operation: { parameters?: { in: string; name: string }[] }) =>
      operation.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match');
    expect(ifMatch(paths['/api/v1/check-ins/{id}'].patch)).toBe(true);
    expect(ifMatch(paths['/api/v1/plans/{id}/transitions'].post)).toBe(true);
    expect(ifMatch(paths['/api/v1/templates/{id}'].put)).toBe(true);
    expect(ifMatch(paths['/api/v1/plans'].post)).toBeFalsy();
    expect(paths['/api/v1/plans/{id}'].get.responses['200'].headers.ETag.schema.type).toBe('string');
    expect(paths['/api/v1/check-ins/{id}'].patch.responses['200'].headers.ETag).toBeDefined();
    expect(paths['/api/v1/organization'].patch.responses['200'].headers.ETag).toBeDefined();
  });

  it('serves the interactive API reference', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<html/i);
  });

  it('sends security headers and a request id on every response', async () => {
    const response = await send(t.app, 'GET', '/api/health');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-request-id']).toBeTruthy();
  });
});

describe('embedded data dir lock', () => {
  it('refuses a second opener of the same directory while the first holds it, and frees it on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mejora-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    release();
    const again = lockDataDir(dir);
    again();
  });
});
