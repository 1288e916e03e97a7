// Bulk export from the database: filters, one damaged plan reported while the rest are written, every exported
// plan recorded in its audit chain, and a second run that renders nothing it finished before.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, plans } from '../../src/db/schema/index.ts';
import { exportDocuments } from '../../src/documents/export/export-documents.ts';
import { seedDemoPlans } from '../../src/services/demo/seed-demo-plans.ts';
import { commandReader, planSource } from '../../src/services/exports/plan-source.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { demo, signIn } from '../helpers/http.ts';
import { createPlan } from '../helpers/plans.ts';

const command = commandReader('mejora documents export');

describe.each(engines)('bulk export from the database on %s', (engine) => {
  let t: TestApp;
  let damagedId: string;
  let all: { id: string; status: string; department: string }[];

  beforeAll(async () => {
    t = await startTestApp(engine);
    expect(await seedDemoPlans(t.deps)).toBe(true);
    const manager = await signIn(t.app, demo.manager);
    damagedId = (await createPlan(manager)).id;
    // A record damaged outside the application: its content lost its sections.
    await t.database.db.execute(sql`update plans set content = '{}'::jsonb where id = ${damagedId}`);
    all = (
      await t.database.db.select({ id: plans.id, status: plans.status, header: plans.header }).from(plans)
    ).map((p) => ({ id: p.id, status: p.status, department: p.header.department }));
  });
  afterAll(() => t?.close());

  const exported = async (planId: string) =>
    (
      await t.database.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.chain, planId), eq(auditEvents.action, 'plan.document_exported')))
    ).length;

  it('exports every plan but the damaged one, reports that one, audits each export, and resumes', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mejora-export-db-'));
    const source = planSource(t.deps, command, {}, 2);
    const first = await exportDocuments({ source, outDir, format: 'pdf', workers: 2 });
    expect(first).toMatchObject({ total: all.length, rendered: all.length - 1, failed: 1 });
    expect(first.failures).toEqual([
      { planId: damagedId, message: expect.stringMatching(/^cannot be read: /) },
    ]);
    const files = readdirSync(outDir).filter((f) => f.endsWith('.pdf'));
    expect(files).toHaveLength(all.length - 1);
    for (const plan of all) {
      expect(files.some((f) => f.includes(plan.id))).toBe(plan.id !== damagedId);
      if (plan.id !== damagedId) expect(await exported(plan.id)).toBe(1);
    }

    const second = await exportDocuments({ source, outDir, format: 'pdf', workers: 2 });
    expect(second).toMatchObject({ skipped: all.length - 1, rendered: 0, failed: 1 });
    expect(await exported(all.find((p) => p.id !== damagedId)!.id)).toBe(1);
  });

  it("records each read as the command's, for no user", async () => {
    const closed = all.filter((p) => p.status === 'closed');
    expect(closed.length).toBeGreaterThan(0);
    const summary = await exportDocuments({
      source: planSource(t.deps, command, { statuses: ['closed'] }),
      outDir: mkdtempSync(join(tmpdir(), 'mejora-export-db-')),
      format: 'pdf',
      workers: 1,
    });
    expect(summary.rendered).toBe(closed.length);
    const reads = await t.database.db
      .select({ actor: auditEvents.actorUserId, requestId: auditEvents.requestId })
      .from(auditEvents)
      .where(and(eq(auditEvents.chain, closed[0].id), eq(auditEvents.action, 'plan.document_exported')));
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(read).toEqual({ actor: null, requestId: 'job:mejora documents export' });
  });

  it('exports only the plans of the statuses and departments asked for', async () => {
    const active = all.filter((p) => p.status === 'active');
    expect(active.length).toBeGreaterThan(0);
    const byStatus = await exportDocuments({
      source: planSource(t.deps, command, { statuses: ['active'] }),
      outDir: mkdtempSync(join(tmpdir(), 'mejora-export-db-')),
      format: 'docx',
      workers: 1,
    });
    expect(byStatus).toMatchObject({ total: active.length, rendered: active.length, failed: 0 });

    const department = active[0].department;
    const inDepartment = all.filter((p) => p.department === department && p.id !== damagedId);
    const byDepartment = await exportDocuments({
      source: planSource(t.deps, command, {
        departments: [department.toUpperCase()],
        statuses: ['active', 'closed', 'draft'],
      }),
      outDir: mkdtempSync(join(tmpdir(), 'mejora-export-db-')),
      format: 'pdf',
      workers: 1,
    });
    expect(byDepartment.rendered).toBe(inDepartment.length);
    expect(byDepartment.total).toBe(all.filter((p) => p.department === department).length);
  });
});

describe('mejora documents export and dossier verify on bad input', () => {
  const mejora = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/mejora.js', ...args], {
      encoding: 'utf8',
      env: { ...process.env, MEJORA_DATA_DIR: tmpdir() },
    });

  it('answers in one line, without a stack trace, and exits 1', () => {
    const cases: [string[], RegExp][] = [
      [
        ['documents', 'export', '--out', join(tmpdir(), 'x'), '--format', 'rtf'],
        /argument 'rtf' is invalid\. the format must be one of pdf, docx/,
      ],
      [
        ['documents', 'export', '--out', join(tmpdir(), 'x'), '--status', 'open'],
        /a status must be one of draft, in_review/,
      ],
      [
        ['documents', 'export', '--out', '/dev/null/out'],
        /^Cannot write to \/dev\/null\/out: a file is in the way$/,
      ],
      [
        ['dossier', 'verify', '/nowhere/dossier.pdf'],
        /^Cannot verify \/nowhere\/dossier\.pdf: no such file$/,
      ],
      [['dossier', 'verify', 'package.json'], /^Cannot verify package\.json: The file is not a PDF$/],
    ];
    for (const [args, message] of cases) {
      const run = mejora(...args);
      expect(run.status, args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
    }
  });
});
