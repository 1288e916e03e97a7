// The dossier and the progress report over HTTP: who may download them, what they hold and leave out, and that the
// dossier verifies (offline, with pdfsig and through `mejora dossier verify`), with a timestamp when configured.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTimestampAuthority } from '../../src/documents/signing/local-timestamp-authority.ts';
import { extractDossierRecord, verifyDossier } from '../../src/documents/verify-dossier.ts';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

const dir = mkdtempSync(join(tmpdir(), 'mejora-dossier-http-'));
const save = (name: string, pdf: Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
};
const pdfText = (pdf: Buffer): string =>
  execFileSync('pdftotext', ['-layout', save(`t-${Math.random().toString(36).slice(2)}.pdf`, pdf), '-'], {
    encoding: 'utf8',
  });
const pdfsig = (file: string): string => {
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
};

describe.each(engines)('dossier and progress report on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  let auditor: Client;
  // biome-ignore lint/suspicious/noExplicitAny: the plan as the API returns it
  let plan: any;
  let signedVersion: number;

  const download = (client: Client, url: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie, 'user-agent': 'dossier-test' } });

  beforeAll(async () => {
    t = await startTestApp(engine, {
      env: {
        MEJORA_DATA_DIR: join(dir, `data-${engine}`),
        SESSION_IDLE_MINUTES: '500000',
        SESSION_MAX_HOURS: '10000',
      },
    });
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    auditor = await signIn(t.app, demo.auditor);
    // The demo's plans are seeded only into an organisation without plans: first.
    expect(await seedDemoPlans(t.deps)).toBe(true);
    plan = await activatePlan(
      manager,
      hr,
      employee,
      (await completePlan(manager, await createPlan(manager))).id,
    );
    signedVersion = plan.version;

    // A minor change after signing makes a new version; the dossier still shows the signed one.
    const activity = plan.activities[0];
    const moved = await manager.patch(`/api/v1/plans/${plan.id}/activities/${activity.id}`, {
      dueDate: '2027-01-20',
    });
    expect(moved.status, moved.text).toBe(200);

    t.clock.set('2026-12-08T12:00:00Z');
    const first = (await manager.get(`/api/v1/plans/${plan.id}/check-ins`)).body.items.find(
      (c: { type: string }) => c.type === 'weekly_checkin',
    );
    const metric = plan.metrics[0];
    const held = await manager.patch(`/api/v1/check-ins/${first.id}`, {
      status: 'held',
      notes: 'Walked through the reopened tickets.',
      privateNotes: 'PRIVATE-NOTE-never-in-the-dossier',
      summary: 'A careful first week.',
      measurements: [{ metricId: metric.id, value: 24, date: '2026-12-07', note: 'Sprint 49' }],
    });
    expect(held.status, held.text).toBe(200);
    const feedback = await manager.post(`/api/v1/plans/${plan.id}/feedback-requests`, {
      name: 'Pablo Anonymous-Giver',
      email: 'pablo.giver@example.com',
      kind: 'peer',
      anonymous: true,
    });
    expect(feedback.status, feedback.text).toBe(201);
    const response = await employee.post(`/api/v1/plans/${plan.id}/comments`, {
      body: 'I will ask for pairing sessions on the lesson player.',
      kind: 'response',
    });
    expect(response.status, response.text).toBe(201);
  });
  afterAll(() => t?.close());

  it('HR downloads a signed dossier that verifies, shows the signed version and leaves out private notes and anonymous givers', async () => {
    const response = await download(hr, `/api/v1/plans/${plan.id}/dossier.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`attachment; filename="dossier-elena-martin-v${signedVersion}\\.pdf"`),
    );
    const pdf = response.rawPayload;

    const report = await verifyDossier(pdf);
    expect(report.problems).toEqual([]);
    expect(report.isIntact).toBe(true);
    expect(report.plan).toMatchObject({
      id: plan.id,
      shownVersion: signedVersion,
      version: signedVersion + 1,
    });
    expect(report.signatures.map((s) => [s.role, s.version, s.matches])).toEqual([
      ['employee', signedVersion, true],
      ['manager', signedVersion, true],
      ['hr', signedVersion, true],
    ]);
    expect(report.pdfSignature).toMatchObject({ isValid: true, isWholeFile: true, timestamp: null });

    const { bytes } = await extractDossierRecord(pdf);
    const record = JSON.parse(bytes.toString('utf8'));
    expect(record.audit.events.at(-1).action).toBe('plan.dossier_downloaded');
    expect(record.audit.head.seq).toBe(record.audit.events.length);
    expect(record.checkIns.find((c: { status: string }) => c.status === 'held')).toMatchObject({
      notes: 'Walked through the reopened tickets.',
      summary: 'A careful first week.',
    });
    expect(record.signatures[0]).toMatchObject({ userAgent: expect.any(String), ip: expect.any(String) });

    const text = pdfText(pdf);
    // The plan pages are the signed version's, not the one made by the later minor change.
    expect(text).toContain(`Version ${signedVersion} · Active`);
    expect(text).not.toContain(`Version ${signedVersion + 1} · Active`);
    expect(text).toContain('Signature certificate');
    expect(text).toContain('Walked through the reopened tickets.');
    expect(text).toContain('I will ask for pairing sessions on the lesson player.');
    expect(text).toContain('Anonymous');
    expect(text.replace(/\s+/g, '')).toContain(report.recordHash);
    for (const secret of [
      'PRIVATE-NOTE-never-in-the-dossier',
      'Anonymous-Giver',
      'pablo.giver@example.com',
    ]) {
      expect(text).not.toContain(secret);
      expect(pdf.includes(secret)).toBe(false);
    }

    const file = save(`dossier-${engine}.pdf`, pdf);
    const sig = pdfsig(file);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');
    const changed = Buffer.from(pdf);
    const at = changed.indexOf('"summary":"A careful first week."');
    changed[at + '"summary":"A '.length] = 'k'.charCodeAt(0);
    expect(pdfsig(save(`changed-${engine}.pdf`, changed))).not.toContain('Signature is Valid');
    expect((await verifyDossier(changed)).isIntact).toBe(false);
  });

  it('only HR and auditors get the dossier; each download is audited', async () => {
    expect((await download(auditor, `/api/v1/plans/${plan.id}/dossier.pdf`)).statusCode).toBe(200);
    expect((await download(manager, `/api/v1/plans/${plan.id}/dossier.pdf`)).statusCode).toBe(403);
    expect((await download(employee, `/api/v1/plans/${plan.id}/dossier.pdf`)).statusCode).toBe(403);
    expect(
      (await download(hr, `/api/v1/plans/00000000-0000-4000-8000-000000000000/dossier.pdf`)).statusCode,
    ).toBe(404);
    const trail = (await hr.get(`/api/v1/plans/${plan.id}/audit`)).body.items;
    expect(
      trail.filter((e: { action: string }) => e.action === 'plan.dossier_downloaded').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('the manager and HR download the weekly progress report with a chart per metric', async () => {
    const response = await download(manager, `/api/v1/plans/${plan.id}/progress-report.pdf?week=2026-12-09`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /filename="progress-elena-martin-2026-12-07\.pdf"/,
    );
    const text = pdfText(response.rawPayload);
    expect(text).toContain('Weekly progress report');
    expect(text).toMatch(/Week of 7 Dec 2026 – 13 Dec 2026/);
    expect(text).toContain('Metric charts');
    for (const m of plan.metrics) expect(text).toContain(m.name);
    expect(text).toContain('A careful first week.');
    expect(text).not.toContain('PRIVATE-NOTE');
    expect((await download(hr, `/api/v1/plans/${plan.id}/progress-report.pdf`)).statusCode).toBe(200);
    expect((await download(employee, `/api/v1/plans/${plan.id}/progress-report.pdf`)).statusCode).toBe(403);
    expect((await download(auditor, `/api/v1/plans/${plan.id}/progress-report.pdf`)).statusCode).toBe(403);
    expect((await download(hr, `/api/v1/plans/${plan.id}/progress-report.pdf?week=monday`)).statusCode).toBe(
      400,
    );
  });

  it('with MEJORA_TSA_URL the signature carries a timestamp from that authority', async () => {
    const tsa = await startLocalTimestampAuthority();
    process.env.MEJORA_TSA_URL = tsa.url;
    try {
      const response = await download(hr, `/api/v1/plans/${plan.id}/dossier.pdf`);
      expect(response.statusCode, response.body).toBe(200);
      expect(tsa.issued()).toBe(1);
      const report = await verifyDossier(response.rawPayload);
      expect(report.isIntact).toBe(true);
      expect(report.pdfSignature.timestamp).toMatchObject({
        isValid: true,
        authority: expect.stringContaining('Mejora local timestamp authority'),
      });
      expect(pdfsig(save(`tsa-${engine}.pdf`, response.rawPayload))).toContain('Signature is Valid.');
    } finally {
      delete process.env.MEJORA_TSA_URL;
      await tsa.close();
    }
  });

  it('the signed demo plan downloads as a dossier that `mejora dossier verify` accepts', async () => {
    const list = (await hr.get('/api/v1/plans?limit=50')).body.items;
    const daniel = list.find((p: { employeeName: string }) => p.employeeName === 'Daniel Ortega');
    expect(daniel.status).toBe('active');
    const response = await download(hr, `/api/v1/plans/${daniel.id}/dossier.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    const file = save(`demo-${engine}.pdf`, response.rawPayload);
    const cli = spawnSync(process.execPath, ['bin/mejora.js', 'dossier', 'verify', file], {
      encoding: 'utf8',
    });
    expect(cli.stdout).toMatch(/intact/i);
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
  });
});
