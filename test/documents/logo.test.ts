// The organisation's logo: HR administrators upload it as an image, it is checked the way documents use it, and
// every plan PDF, DOCX and dossier prints it; bad files are refused naming why, and nothing is half-written.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/db/schema/index.ts';
import { sniffImageType } from '../../src/documents/logo-image.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { png } from '../helpers/images.ts';
import { createPlan } from '../helpers/plans.ts';

describe('logo files', () => {
  it('are known by their first bytes, not by what the upload claims', () => {
    expect(sniffImageType(png(2, 2))).toBe('image/png');
    expect(sniffImageType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('image/jpeg');
    expect(sniffImageType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe.each(engines)('the organisation logo on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let planId: string;

  const upload = (client: Client, body: Buffer | string, type = 'image/png') =>
    t.app.inject({
      method: 'PUT',
      url: '/api/v1/organization/logo',
      headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'content-type': type },
      payload: body,
    });
  const download = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: hr.cookie } });
  const imagesIn = (pdf: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'mejora-logo-')), 'plan.pdf');
    writeFileSync(path, pdf);
    // pdfimages lists one line per image use after two header lines.
    return execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  };
  const docxMedia = (docx: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'mejora-logo-')), 'plan.docx');
    writeFileSync(path, docx);
    return execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name.startsWith('word/media/'));
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    hr = await signIn(t.app, demo.hr);
    planId = (await createPlan(await signIn(t.app, demo.manager))).id;
  });
  afterAll(() => t?.close());

  it('documents carry no image until a logo is uploaded, then every page of the PDF and the DOCX header print it', async () => {
    expect((await hr.get('/api/v1/organization')).body.logo).toBeNull();
    expect(imagesIn((await download(`/api/v1/plans/${planId}/document.pdf`)).rawPayload)).toEqual([]);

    const image = png(120, 40);
    const uploaded = await upload(hr, image);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({
      contentType: 'image/png',
      width: 120,
      height: 40,
      bytes: image.length,
      url: expect.stringMatching(/^\/api\/v1\/organization\/logo\?v=[0-9a-f]{12}$/),
    });
    const organization = (await hr.get('/api/v1/organization')).body;
    expect(organization.logo).toEqual(uploaded.json());

    const served = await download(organization.logo.url);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(Buffer.compare(served.rawPayload, image)).toBe(0);
    // Every member of the organisation may see it: it is on the documents they read.
    const employee = await signIn(t.app, demo.employee);
    expect((await employee.get('/api/v1/organization/logo')).status).toBe(200);

    const pdf = (await download(`/api/v1/plans/${planId}/document.pdf`)).rawPayload;
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))?.[1]);
    const uses = imagesIn(pdf);
    expect(uses).toHaveLength(pages);
    // Embedded once, drawn on every page: every use names the same object.
    expect(new Set(uses.map((line) => line.trim().split(/\s+/)[10])).size).toBe(1);
    expect(uses[0]).toMatch(/\s120\s+40\s/);
    expect(docxMedia((await download(`/api/v1/plans/${planId}/document.docx`)).rawPayload)).toHaveLength(1);

    const changes = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'organization.logo_changed'));
    expect(changes).toHaveLength(1);
  });

  it('refuses what is not a usable PNG or JPEG, naming why, and keeps the logo it had', async () => {
    const before = (await hr.get('/api/v1/organization')).body.logo;
    const cases: [Buffer | string, string, number, RegExp][] = [
      [
        'not an image at all',
        'image/png',
        422,
        /must be a PNG or JPEG image: the file is neither a PNG nor a JPEG/,
      ],
      [png(40, 40).subarray(0, 45), 'image/png', 422, /must be a PNG or JPEG image/],
      [png(4001, 1), 'image/png', 422, /at most 4000 pixels on each side \(it is 4001 × 1\)/],
      [Buffer.alloc(600 * 1024, 1), 'image/png', 413, /too large/i],
      ['{"logo":"x"}', 'application/json', 415, /image\/png or image\/jpeg/],
      ['GIF89a', 'image/gif', 415, /image\/gif/],
    ];
    for (const [body, type, status, detail] of cases) {
      const response = await upload(hr, body, type);
      expect(response.statusCode, `${type} ${String(body).slice(0, 20)}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toMatch(detail);
      if (status === 422) expect(response.json().errors[0].path).toBe('body');
    }
    expect((await hr.get('/api/v1/organization')).body.logo).toEqual(before);
  });

  it('only HR administrators change it; removing it takes it off the documents', async () => {
    const manager = await signIn(t.app, demo.manager);
    expect((await upload(manager, png(10, 10))).statusCode).toBe(403);
    expect((await manager.delete('/api/v1/organization/logo')).status).toBe(403);

    expect((await hr.delete('/api/v1/organization/logo')).status).toBe(204);
    expect((await hr.get('/api/v1/organization')).body.logo).toBeNull();
    expect((await hr.get('/api/v1/organization/logo')).status).toBe(404);
    expect((await hr.delete('/api/v1/organization/logo')).status).toBe(404);
    expect(imagesIn((await download(`/api/v1/plans/${planId}/document.pdf`)).rawPayload)).toEqual([]);
  });
});

function pdfInfo(pdf: Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'mejora-logo-')), 'plan.pdf');
  writeFileSync(path, pdf);
  return execFileSync('pdfinfo', [path], { encoding: 'utf8' });
}
