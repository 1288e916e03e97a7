// Exports through the API as background jobs: an HR administrator asks for the documents of many plans, follows
// the progress, downloads one zip; a damaged plan is reported while the rest are exported; an export is
// cancelled, resumed after its run was cut short, expires, and refuses bad input and other roles.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  documentExports,
  plans,
  roleMemberships,
  storedFileChunks,
  storedFiles,
} from '../../src/db/schema/index.ts';
import { createJobRunner, type JobRunner } from '../../src/jobs/job-runner.ts';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { exportDir } from '../../src/services/exports/document-exports.ts';
import { expireExports, runDocumentExport } from '../../src/services/exports/run-document-export.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { createOrganization, createUserWithEmployee } from '../helpers/factories.ts';
import { type Client, demo, send, signIn } from '../helpers/http.ts';
import { png } from '../helpers/images.ts';
import { createPlan } from '../helpers/plans.ts';
import { waitFor } from '../running/smtp-receiver.ts';

const fast = {
  pollingIntervalSeconds: 0.5,
  superviseIntervalSeconds: 1,
  outboxPollMs: 200,
  isScheduling: false,
  exportWorkers: 2,
  exportProgressMs: 50,
};

describe.each(engines)('exports as background jobs on %s', (engine) => {
  let t: TestApp;
  let hr: Client;
  let manager: Client;
  let dataDir: string;
  let damagedId: string;
  let all: { id: string; status: string }[];

  const finished = (id: string) =>
    waitFor(
      async () => (await hr.get(`/api/v1/exports/${id}`)).body,
      (e) => !['queued', 'running'].includes(e.status),
      60_000,
    );
  const download = async (url: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: hr.cookie },
    });
    return response;
  };
  const zipListing = (bytes: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'mejora-zip-')), 'export.zip');
    writeFileSync(path, bytes);
    return execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  };
  const auditCount = async (action: string, entityId?: string) =>
    (
      await t.database.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), entityId ? eq(auditEvents.entityId, entityId) : undefined))
    ).length;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mejora-exports-'));
    t = await startTestApp(engine, {
      env: { MEJORA_DATA_DIR: dataDir, SESSION_IDLE_MINUTES: '500000', SESSION_MAX_HOURS: '10000' },
    });
    expect(await seedDemoPlans(t.deps)).toBe(true);
    hr = await signIn(t.app, demo.hr);
    manager = await signIn(t.app, demo.manager);
    damagedId = (await createPlan(manager)).id;
    // A record damaged outside the application: its content lost its sections.
    await t.database.db.execute(sql`update plans set content = '{}'::jsonb where id = ${damagedId}`);
    all = await t.database.db.select({ id: plans.id, status: plans.status }).from(plans);
  });
  afterAll(() => t?.close());

  describe('with the job runner', () => {
    let runner: JobRunner;
    beforeAll(async () => {
      runner = createJobRunner(t.deps, fast);
      t.deps.afterCommit = () => runner.wake();
      await runner.start();
    });
    afterAll(async () => {
      t.deps.afterCommit = undefined;
      await runner?.stop();
    });

    it('HR exports every plan as PDFs in one zip, with progress, the damaged plan reported and each read audited', async () => {
      const created = await hr.post('/api/v1/exports', {});
      expect(created.status, created.text).toBe(202);
      expect(created.headers.location).toBe(`/api/v1/exports/${created.body.id}`);
      expect(created.body).toMatchObject({
        status: 'queued',
        format: 'pdf',
        locale: null,
        statuses: [],
        departments: [],
        requestedBy: { id: hr.user.id, name: hr.user.name },
        downloadUrl: null,
      });

      const done = await finished(created.body.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        total: all.length,
        rendered: all.length - 1,
        failed: 1,
        failures: [{ planId: damagedId, message: expect.stringMatching(/^cannot be read: /) }],
        downloadUrl: `/api/v1/exports/${created.body.id}/download`,
        etaSeconds: null,
      });
      expect(new Date(done.expiresAt).getTime() - new Date(done.finishedAt).getTime()).toBe(7 * 86_400_000);

      const zip = await download(done.downloadUrl);
      expect(zip.statusCode).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      expect(zip.headers['content-disposition']).toMatch(
        /^attachment; filename="mejora-export-\d{4}-\d{2}-\d{2}-pdf-/,
      );
      expect(zip.rawPayload.length).toBe(done.zipBytes);
      expect(createHash('sha256').update(zip.rawPayload).digest('hex')).toBe(done.zipSha256);
      const names = zipListing(zip.rawPayload);
      expect(names).toHaveLength(all.length - 1);
      for (const plan of all)
        expect(names.some((n) => n.includes(plan.id) && n.endsWith('.pdf'))).toBe(plan.id !== damagedId);
      // Nothing is left on this server's disk: the zip is kept in the database, in chunks.
      expect(existsSync(exportDir(t.deps.config, created.body.id))).toBe(false);
      const [kept] = await t.database.db
        .select({ bytes: storedFiles.bytes, sha256: storedFiles.sha256, orgId: storedFiles.orgId })
        .from(storedFiles)
        .innerJoin(documentExports, eq(documentExports.zipFileId, storedFiles.id))
        .where(eq(documentExports.id, created.body.id));
      expect(kept).toEqual({ bytes: done.zipBytes, sha256: done.zipSha256, orgId: hr.user.orgId });

      // Each plan's read is in its own chain, as a read by the HR administrator for this export.
      const reads = await t.database.db
        .select({ actor: auditEvents.actorUserId, digest: auditEvents.digest })
        .from(auditEvents)
        .where(eq(auditEvents.action, 'plan.document_exported'));
      expect(reads).toHaveLength(all.length - 1);
      for (const read of reads) {
        expect(read.actor).toBe(hr.user.id);
        expect(read.digest).toMatchObject({ exportId: created.body.id });
      }
      expect(await auditCount('documents.export_requested', created.body.id)).toBe(1);
      expect(await auditCount('documents.export_downloaded', created.body.id)).toBe(1);
      const listed = (await hr.get('/api/v1/exports')).body.items;
      expect(listed[0]).toMatchObject({ id: created.body.id, status: 'succeeded' });
    });

    it('exports only the statuses and departments asked for, as DOCX in one language, with the logo', async () => {
      const active = all.filter((p) => p.status === 'active');
      const logo = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/organization/logo',
        headers: { cookie: hr.cookie, 'x-csrf-token': hr.csrfToken, 'content-type': 'image/png' },
        payload: png(90, 30),
      });
      expect(logo.statusCode, logo.body).toBe(200);
      const created = await hr.post('/api/v1/exports', {
        format: 'docx',
        locale: 'es',
        statuses: ['active', 'active'],
      });
      expect(created.status, created.text).toBe(202);
      expect(created.body.statuses).toEqual(['active']);
      const done = await finished(created.body.id);
      expect(done).toMatchObject({ status: 'succeeded', total: active.length, rendered: active.length });
      const names = zipListing((await download(done.downloadUrl)).rawPayload);
      expect(names).toHaveLength(active.length);
      expect(names.every((n) => n.endsWith('-es.docx'))).toBe(true);
      // Each file prints the organisation's logo in its header, as the single downloads do.
      const zipPath = join(mkdtempSync(join(tmpdir(), 'mejora-zip-')), 'export.zip');
      writeFileSync(zipPath, (await download(done.downloadUrl)).rawPayload);
      const docxPath = join(dirname(zipPath), 'plan.docx');
      writeFileSync(docxPath, execFileSync('unzip', ['-p', zipPath, names[0]]));
      const media = execFileSync('unzip', ['-Z1', docxPath], { encoding: 'utf8' })
        .split('\n')
        .filter((name) => name.startsWith('word/media/'));
      expect(media).toHaveLength(1);

      const none = await hr.post('/api/v1/exports', { departments: ['No Such Department'] });
      const empty = await finished(none.body.id);
      expect(empty).toMatchObject({ status: 'succeeded', total: 0, rendered: 0 });
      expect((await download(empty.downloadUrl)).statusCode).toBe(200);
    });

    it('a running export stops when cancelled, removes its files and cannot be downloaded', async () => {
      // Enough plans that the export is still running when the cancel arrives.
      for (let i = 0; i < 24; i++) await createPlan(manager);
      const created = await hr.post('/api/v1/exports', {});
      await waitFor(
        async () => (await hr.get(`/api/v1/exports/${created.body.id}`)).body,
        (e) => e.status === 'running' && e.rendered >= 1,
        60_000,
      );
      const cancelling = await hr.post(`/api/v1/exports/${created.body.id}/cancel`);
      expect(cancelling.status, cancelling.text).toBe(200);
      const done = await finished(created.body.id);
      expect(done.status).toBe('cancelled');
      expect(done.isCancelRequested).toBe(true);
      expect(done.rendered).toBeLessThan(done.total);
      expect(existsSync(exportDir(t.deps.config, created.body.id))).toBe(false);
      expect((await hr.get(`/api/v1/exports/${created.body.id}/download`)).status).toBe(409);
      expect((await hr.post(`/api/v1/exports/${created.body.id}/cancel`)).status).toBe(409);
      expect((await hr.delete(`/api/v1/exports/${created.body.id}`)).status).toBe(204);
      expect((await hr.get(`/api/v1/exports/${created.body.id}`)).status).toBe(404);
    });
  });

  describe('without a runner', () => {
    it('a waiting export is cancelled at once; at most three wait or run at a time', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const created = await hr.post('/api/v1/exports', { format: 'pdf' });
        expect(created.status, created.text).toBe(202);
        ids.push(created.body.id);
      }
      const fourth = await hr.post('/api/v1/exports', {});
      expect(fourth.status).toBe(409);
      expect(fourth.body.detail).toMatch(/3 exports are already waiting or running/);
      expect((await hr.delete(`/api/v1/exports/${ids[0]}`)).status).toBe(409);
      for (const id of ids) {
        const cancelled = await hr.post(`/api/v1/exports/${id}/cancel`);
        expect(cancelled.body.status).toBe('cancelled');
        // The queue finds it cancelled and does nothing.
        expect(await runDocumentExport(t.deps, id, { workers: 1 })).toBe('not_runnable');
      }
    });

    it('a run cut short resumes without rendering its finished files again', async () => {
      const created = await hr.post('/api/v1/exports', { statuses: ['draft'] });
      const id = created.body.id;
      const stop = new AbortController();
      // The server stops a moment after the export started.
      const cut = runDocumentExport(t.deps, id, { signal: stop.signal, workers: 1, progressIntervalMs: 10 });
      await waitFor(
        async () => (await t.database.db.select().from(documentExports).where(eq(documentExports.id, id)))[0],
        (row) => row.rendered >= 2,
        60_000,
      );
      stop.abort();
      await expect(cut).rejects.toThrow(/resumes on the next run/);
      const halfway = (await hr.get(`/api/v1/exports/${id}`)).body;
      expect(halfway.status).toBe('running');

      expect(await runDocumentExport(t.deps, id, { workers: 1 })).toBe('succeeded');
      const done = (await hr.get(`/api/v1/exports/${id}`)).body;
      expect(done.status).toBe('succeeded');
      expect(done.skipped).toBeGreaterThanOrEqual(2);
      expect(done.skipped + done.rendered + done.failed).toBe(done.total);
      expect(zipListing((await download(done.downloadUrl)).rawPayload)).toHaveLength(
        done.total - done.failed,
      );
    });

    it('an export whose HR administrator is no longer one fails, and no plan is read for it', async () => {
      const { email, userId } = await createUserWithEmployee(t.database.db, hr.user.orgId, {
        roles: ['hr_admin'],
      });
      const former = await signIn(t.app, email);
      const created = await former.post('/api/v1/exports', { statuses: ['closed'] });
      expect(created.status, created.text).toBe(202);
      await t.database.db.delete(roleMemberships).where(eq(roleMemberships.userId, userId));
      expect(await runDocumentExport(t.deps, created.body.id, { workers: 1 })).toBe('failed');
      const [row] = await t.database.db
        .select()
        .from(documentExports)
        .where(eq(documentExports.id, created.body.id));
      expect(row).toMatchObject({ status: 'failed', rendered: 0 });
      expect(row.error).toMatch(/can no longer export plan documents/);
      const reads = await t.database.db
        .select({ digest: auditEvents.digest })
        .from(auditEvents)
        .where(eq(auditEvents.action, 'plan.document_exported'));
      expect(reads.filter((r) => r.digest?.exportId === created.body.id)).toEqual([]);
    });

    it('after a week the zip is removed and a download answers 410', async () => {
      const created = await hr.post('/api/v1/exports', { statuses: ['closed'] });
      expect(await runDocumentExport(t.deps, created.body.id, { workers: 1 })).toBe('succeeded');
      expect(await expireExports(t.deps)).toBe(0);
      t.clock.advance(8 * 86_400_000);
      expect(await expireExports(t.deps)).toBeGreaterThanOrEqual(1);
      expect((await hr.get(`/api/v1/exports/${created.body.id}`)).body).toMatchObject({
        status: 'expired',
        downloadUrl: null,
      });
      expect(existsSync(exportDir(t.deps.config, created.body.id))).toBe(false);
      expect(await t.database.db.select({ id: storedFiles.id }).from(storedFiles)).toEqual([]);
      expect(await t.database.db.select({ seq: storedFileChunks.seq }).from(storedFileChunks)).toEqual([]);
      const gone = await hr.get(`/api/v1/exports/${created.body.id}/download`);
      expect(gone.status).toBe(410);
      expect(gone.body.detail).toMatch(/expired/);
    });

    it('names the field of bad input and writes nothing', async () => {
      const before = (await hr.get('/api/v1/exports')).body.items.length;
      const cases: [unknown, string][] = [
        [{ format: 'xls' }, 'body/format'],
        [{ locale: 'fr' }, 'body/locale'],
        [{ statuses: ['open'] }, 'body/statuses/0'],
        [{ departments: [''] }, 'body/departments/0'],
        [{ departments: 'Sales' }, 'body/departments'],
        [{ colour: 'blue' }, 'body'],
      ];
      for (const [body, path] of cases) {
        const response = await hr.post('/api/v1/exports', body);
        expect(response.status, JSON.stringify(body)).toBe(422);
        expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
      expect((await hr.get('/api/v1/exports/not-an-id')).status).toBe(400);
      expect((await hr.get('/api/v1/exports/7d3f0c1e-8a4b-4c2d-9e6f-0a1b2c3d4e5f')).status).toBe(404);
      expect((await hr.get('/api/v1/exports')).body.items.length).toBe(before);
    });

    it('only HR administrators export; everyone else is refused', async () => {
      const [anyExport] = (await hr.get('/api/v1/exports')).body.items;
      for (const email of [demo.manager, demo.hrRep, demo.employee, demo.mentor, demo.auditor]) {
        const client = await signIn(t.app, email);
        expect((await client.post('/api/v1/exports', {})).status, email).toBe(403);
        expect((await client.get('/api/v1/exports')).status, email).toBe(403);
        expect((await client.get(`/api/v1/exports/${anyExport.id}`)).status, email).toBe(403);
        expect((await client.get(`/api/v1/exports/${anyExport.id}/download`)).status, email).toBe(403);
      }
      expect((await send(t.app, 'GET', '/api/v1/exports')).status).toBe(401);
    });

    it("another organisation's HR administrator neither sees nor downloads this organisation's exports", async () => {
      const anyExport = (await hr.post('/api/v1/exports', { statuses: ['closed'] })).body;
      expect(await runDocumentExport(t.deps, anyExport.id, { workers: 1 })).toBe('succeeded');
      const org = await createOrganization(t.database.db);
      const { email } = await createUserWithEmployee(t.database.db, org.id, { roles: ['hr_admin'] });
      const outsider = await signIn(t.app, email);
      expect((await outsider.get('/api/v1/exports')).body.items).toEqual([]);
      for (const path of ['', '/download'])
        expect((await outsider.get(`/api/v1/exports/${anyExport.id}${path}`)).status).toBe(404);
      expect((await outsider.post(`/api/v1/exports/${anyExport.id}/cancel`)).status).toBe(404);
      expect((await outsider.delete(`/api/v1/exports/${anyExport.id}`)).status).toBe(404);
      // Its own export holds none of this organisation's plans.
      const own = await outsider.post('/api/v1/exports', {});
      expect(await runDocumentExport(t.deps, own.body.id, { workers: 1 })).toBe('succeeded');
      expect((await outsider.get(`/api/v1/exports/${own.body.id}`)).body).toMatchObject({ total: 0 });
    });
  });
});
