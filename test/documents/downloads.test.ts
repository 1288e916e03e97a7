import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

const pdfText = (buffer: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'mejora-dl-'));
  writeFileSync(join(dir, 'plan.pdf'), buffer);
  return execFileSync('pdftotext', ['-layout', join(dir, 'plan.pdf'), '-'], { encoding: 'utf8' });
};

describe.each(engines)('plan downloads on %s', (engine) => {
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

  const download = (client: Client, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });

  it('a signed plan downloads as a PDF with the signers, in its language or another, and each download is audited', async () => {
    const plan = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    const response = await download(employee, `/api/v1/plans/${plan.id}/document.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="pip-elena-martin-v\d+\.pdf"/,
    );
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Elena Martín');
    expect(text).toContain('Marta Navarro');
    expect(text).toMatch(/Page 1 of \d+/);
    const spanish = pdfText(
      (await download(hr, `/api/v1/plans/${plan.id}/document.pdf?locale=es`)).rawPayload,
    );
    expect(spanish).toMatch(/Página 1 de \d+/);
    const trail = (await hr.get(`/api/v1/plans/${plan.id}/audit`)).body.items;
    expect(trail.filter((e: { action: string }) => e.action === 'plan.document_downloaded')).toHaveLength(2);
  });

  it('downloads as DOCX; the employee gets 404 on a draft', async () => {
    const plan = await createPlan(manager);
    const docx = await download(manager, `/api/v1/plans/${plan.id}/document.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await download(employee, `/api/v1/plans/${plan.id}/document.pdf`)).statusCode).toBe(404);
    expect((await download(manager, `/api/v1/plans/${plan.id}/document.pdf?locale=fr`)).statusCode).toBe(400);
  });
});
