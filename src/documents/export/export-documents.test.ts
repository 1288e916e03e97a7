import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePlanSource } from '../../../test/fixtures/sample-plan-source.ts';
import { type ExportProgress, exportDocuments, exportFileName, zipName } from './export-documents.ts';
import { manifestName, readManifest } from './manifest.ts';

const freshDir = () => mkdtempSync(join(tmpdir(), 'mejora-export-'));
const documentsIn = (dir: string) =>
  readdirSync(dir).filter((f) => f.endsWith('.pdf') || f.endsWith('.docx'));
const badId = '00000000-0000-4000-8000-000000000017';

describe('bulk export', () => {
  it('exports 50 plans on worker threads; the one bad plan is reported and the other 49 are written', async () => {
    const outDir = freshDir();
    const seen: ExportProgress[] = [];
    const summary = await exportDocuments({
      source: samplePlanSource(50, { broken: (i) => i === 17, pageSize: 8 }),
      outDir,
      format: 'pdf',
      workers: 2,
      onProgress: (p) => seen.push(p),
    });
    expect(summary).toMatchObject({
      total: 50,
      rendered: 49,
      skipped: 0,
      failed: 1,
      files: 49,
      isInterrupted: false,
    });
    expect(summary.failures).toEqual([
      { planId: badId, message: expect.stringContaining('Cannot read properties of null') },
    ]);
    const files = documentsIn(outDir);
    expect(files).toHaveLength(49);
    expect(files.some((f) => f.includes(badId))).toBe(false);
    for (const file of files.slice(0, 5))
      expect(readFileSync(join(outDir, file)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(outDir, manifestName), 'utf8').trim().split('\n')).toHaveLength(49);
    // Progress comes after every plan, with a rate once there is one.
    expect(seen).toHaveLength(50);
    expect(seen.at(-1)).toMatchObject({ rendered: 49, failed: 1, etaSeconds: 0 });
    expect(seen.at(-1)!.rate).toBeGreaterThan(0);
    expect(summary.peakWorkerHeap).toBeGreaterThan(0);
  });

  it('resumes an interrupted export without rendering the finished files again', async () => {
    const outDir = freshDir();
    const source = samplePlanSource(30, { locale: 'es' });
    const controller = new AbortController();
    const first = await exportDocuments({
      source,
      outDir,
      format: 'pdf',
      workers: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.rendered >= 10) controller.abort();
      },
    });
    expect(first.isInterrupted).toBe(true);
    expect(first.rendered).toBeGreaterThanOrEqual(10);
    expect(first.rendered).toBeLessThan(30);
    const before = new Map(documentsIn(outDir).map((f) => [f, statSync(join(outDir, f)).mtimeMs]));
    expect(before.size).toBe(first.rendered);
    // What a crash leaves behind: a half-written file and a manifest line cut short.
    writeFileSync(
      join(outDir, `${exportFileName({ planId: 'x', version: 1, employeeName: 'y' }, 'pdf', null)}.partial`),
      'half',
    );
    appendFileSync(join(outDir, manifestName), '{"key":"00000000-0000-4000-8000-0000000000');

    const second = await exportDocuments({ source, outDir, format: 'pdf', workers: 2 });
    expect(second).toMatchObject({
      skipped: first.rendered,
      rendered: 30 - first.rendered,
      failed: 0,
      files: 30,
    });
    for (const [file, mtime] of before) expect(statSync(join(outDir, file)).mtimeMs).toBe(mtime);
    expect(readdirSync(outDir).some((f) => f.endsWith('.partial'))).toBe(false);
    expect(readManifest(outDir).size).toBe(30);
  });

  it('renders DOCX in another language and packs every finished file into one zip', async () => {
    const outDir = freshDir();
    const summary = await exportDocuments({
      source: samplePlanSource(4, { locale: 'en' }),
      outDir,
      format: 'docx',
      locale: 'es',
      isZip: true,
      workers: 2,
    });
    expect(summary.zipPath).toBe(join(outDir, zipName));
    const files = documentsIn(outDir);
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.endsWith('-es.docx'))).toBe(true);
    const listing = execFileSync('unzip', ['-l', summary.zipPath!], { encoding: 'utf8' });
    for (const f of files) expect(listing).toContain(f);
    const document = execFileSync('unzip', ['-p', join(outDir, files[0]), 'word/document.xml'], {
      encoding: 'utf8',
    });
    expect(document.includes('Resumen del plan')).toBe(true);
  });
});
