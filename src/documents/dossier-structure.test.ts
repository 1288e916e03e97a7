// Tests of the dossier's structure tree, read back with poppler and pdf-lib: the plan and its record, both read by a
// screen reader, in page order, in a file that is still signed and PDF/A-3b.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDossierRecord } from '../../test/fixtures/sample-dossier-record.ts';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { appendTaggedPages } from './append-tagged-pages.ts';
import { renderDossierAppendix, renderDossierPdf } from './dossier.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { loadOrganizationCertificate } from './signing/organization-certificate.ts';
import { verifyDossier } from './verify-dossier.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-dossier-structure-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const run = (command: string, args: string[]): string => execFileSync(command, args, { encoding: 'utf8' });
const save = (name: string, pdf: Uint8Array): string => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
};
/** The structure tree as `pdfinfo -struct` prints it: one element per line, its depth and its role. */
const elementsOf = (file: string): { depth: number; role: string }[] =>
  run('pdfinfo', ['-struct', file])
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ depth: (line.length - line.trimStart().length) / 2, role: line.trim().split(' ')[0] }));

const key = PDFName.of;
const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The marked-content ids drawn on a page, read from its content streams. */
function mcidsOn(doc: PDFDocument, page: PDFDict): number[] {
  const contents = page.lookup(key('Contents'));
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((c) => doc.context.lookup(c)) : [contents];
  const text = streams
    .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
    .map((s) => Buffer.from(decodePDFRawStream(s).decode()).toString('latin1'))
    .join('\n');
  return [...text.matchAll(/\/MCID (\d+)/g)].map((m) => Number(m[1]));
}

/** Checks what a reader relies on: every page's key is in the parent tree, each of its marked contents names an
 * element of that page, and every such element hangs from the StructTreeRoot. Returns the keys, page by page. */
function checkParentTree(doc: PDFDocument): number[] {
  const { context } = doc;
  const rootRef = doc.catalog.get(key('StructTreeRoot'));
  expect(rootRef).toBeInstanceOf(PDFRef);
  const root = context.lookup(rootRef, PDFDict);
  const tree = root.lookup(key('ParentTree'), PDFDict);
  expect(tree.has(key('Kids')), 'a flat parent tree').toBe(false);
  const nums = tree.lookup(key('Nums'), PDFArray).asArray();
  const entries = new Map<number, PDFArray>();
  for (let i = 0; i < nums.length; i += 2) {
    const entry = context.lookup(nums[i + 1]);
    if (entry instanceof PDFArray) entries.set((nums[i] as PDFNumber).asNumber(), entry);
  }
  const keys = doc.getPages().map((page, index) => {
    const structParents = page.node.lookupMaybe(key('StructParents'), PDFNumber)?.asNumber();
    expect(structParents, `page ${index + 1} has a parent tree key`).toBeTypeOf('number');
    const entry = entries.get(structParents as number);
    expect(entry, `page ${index + 1}'s key ${structParents} is in the parent tree`).toBeInstanceOf(PDFArray);
    const mcids = mcidsOn(doc, page.node);
    expect(mcids.length, `page ${index + 1} has tagged content`).toBeGreaterThan(0);
    for (const mcid of mcids) {
      const element = entry?.lookupMaybe(mcid, PDFDict);
      expect(element, `page ${index + 1}, MCID ${mcid} names an element`).toBeInstanceOf(PDFDict);
      if (!element) continue;
      // The element's content on this page: its own page (/Pg) or a marked-content reference to it.
      const kids = element.lookup(key('K'));
      const onThisPage =
        element.get(key('Pg')) === page.ref ||
        (kids instanceof PDFArray &&
          kids
            .asArray()
            .some(
              (kid) =>
                kid instanceof PDFDict &&
                kid.get(key('Pg')) === page.ref &&
                kid.lookup(key('MCID'), PDFNumber).asNumber() === mcid,
            ));
      expect(onThisPage, `page ${index + 1}, MCID ${mcid} belongs to its element's page`).toBe(true);
      let ancestor = element;
      for (let depth = 0; ancestor !== root; depth++) {
        expect(depth, `page ${index + 1}, MCID ${mcid} hangs from the root`).toBeLessThan(20);
        ancestor = ancestor.lookup(key('P'), PDFDict);
      }
    }
    return structParents as number;
  });
  expect(new Set(keys).size, 'no two pages share a key').toBe(keys.length);
  const nextKey = root.lookup(key('ParentTreeNextKey'), PDFNumber).asNumber();
  expect(nextKey).toBeGreaterThan(Math.max(...entries.keys()));
  return keys;
}

describe('the signed dossier is tagged throughout', { timeout: 180_000 }, () => {
  const plan = samplePlan({ locale: 'en', seed: 11, isSigned: true });
  const record = sampleDossierRecord(plan);
  let dossier: Buffer;
  let file = '';
  beforeAll(async () => {
    const certificate = await loadOrganizationCertificate({
      dataDir: join(dir, 'data'),
      config: { p12Path: null, p12Password: '' },
      organizationName: plan.header.organizationName,
    });
    dossier = await renderDossierPdf(plan, record, {
      signing: {
        certificate,
        tsaUrl: null,
        signerName: plan.header.organizationName,
        reason: 'Plan dossier',
      },
    });
    file = save('dossier.pdf', dossier);
  });

  it('reads the plan, then the record as one part of the document, each with its headings and tables', () => {
    expect(run('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    const elements = elementsOf(file);
    expect(elements[0]).toEqual({ depth: 0, role: 'Document' });
    expect(elements.filter((e) => e.depth === 0)).toHaveLength(1);
    const parts = elements.flatMap((e, i) => (e.role === 'Part' ? [i] : []));
    expect(parts).toHaveLength(1);
    // The record is the Document's last child: read after every element of the plan.
    expect(elements[parts[0]].depth).toBe(1);
    expect(elements.slice(parts[0] + 1).every((e) => e.depth > 1)).toBe(true);
    const planRoles = elements.slice(1, parts[0]).map((e) => e.role);
    const recordRoles = elements.slice(parts[0] + 1).map((e) => e.role);
    for (const role of ['H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']) {
      expect(planRoles, `the plan's ${role}`).toContain(role);
      expect(recordRoles, `the record's ${role}`).toContain(role);
    }
    expect(recordRoles[0]).toBe('H1');
  });

  it('gives the record its text in the tree, in order, and leaves its running header and page numbers out', async () => {
    // Poppler sets up the output intent's ICC colour transform for each element it reads the text of (20 times
    // slower on this file); the tree is read from a copy without the intent, the tree itself untouched.
    const copy = await PDFDocument.load(dossier, { updateMetadata: false });
    copy.catalog.delete(key('OutputIntents'));
    const tree = run('pdfinfo', ['-struct-text', save('dossier-tree.pdf', await copy.save())]);
    const at = (pattern: RegExp): number => {
      const match = pattern.exec(tree);
      expect(match, String(pattern)).not.toBeNull();
      return match?.index ?? -1;
    };
    const order = [
      at(new RegExp(`H1 \\(block\\)\\n\\s+"${literally(plan.title)}"`)),
      at(/Part "Plan record"\n\s+H1 \(block\)\n\s+"Plan record"/),
      at(/H2 \(block\)\n\s+"Versions"/),
      at(/"Notes: Reviewed the reopened tickets together\."/),
      at(/H2 \(block\)\n\s+"Signature certificate"/),
      at(/H2 \(block\)\n\s+"Audit trail"/),
      at(/TH\n\s+"Hash \(first 12\)"/),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(tree).not.toMatch(/Page \d+ of \d+/);
    expect(tree).not.toContain(`${plan.header.organizationName} · Plan record ·`);
    expect(run('pdftotext', ['-enc', 'UTF-8', file, '-'])).toMatch(/Page \d+ of \d+/);
  });

  it('gives every page a parent tree key that names the elements of its marked content', async () => {
    const doc = await PDFDocument.load(dossier, { updateMetadata: false });
    const keys = checkParentTree(doc);
    expect(keys).toHaveLength(doc.getPageCount());
  });

  it('stays signed over the whole file, verifiable and PDF/A-3b', async () => {
    const signature = spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout;
    expect(signature).toContain('Signature Validation: Signature is Valid.');
    expect(signature).toContain('Total document signed');
    const report = await verifyDossier(dossier);
    expect(report.problems).toEqual([]);
    expect(report.isIntact).toBe(true);
    const xmp = run('pdfinfo', ['-meta', file]);
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const cli = spawnSync(
      process.execPath,
      [join(import.meta.dirname, '../../bin/mejora.js'), 'dossier', 'verify', file],
      { encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain(`${file}: intact`);
    expect(cli.stdout).toContain('PDF signature: valid, covers the whole file');
    expect(cli.status).toBe(0);
  });
});

describe('appending tagged pages', { timeout: 180_000 }, () => {
  it('gives each tagged document its own part in page order, merges role maps, and an untagged one no keys', async () => {
    const plan = samplePlan({ locale: 'es', seed: 5, isSigned: true });
    const planPdf = await PDFDocument.load(await renderPlanPdf(plan), { updateMetadata: false });
    const recordPdf = await PDFDocument.load(
      await renderDossierAppendix(sampleDossierRecord(plan), 'a'.repeat(64)),
      { updateMetadata: false },
    );
    recordPdf.catalog
      .lookup(key('StructTreeRoot'), PDFDict)
      .set(key('RoleMap'), recordPdf.context.obj({ Entrada: 'P' }));
    const blank = await PDFDocument.create();
    blank.addPage();
    const doc = await PDFDocument.create();

    const planPages = await appendTaggedPages(doc, planPdf, { title: 'Plan' });
    const blankPages = await appendTaggedPages(doc, blank);
    const recordPages = await appendTaggedPages(doc, recordPdf, { title: 'Expediente', role: 'Sect' });
    expect(planPages).toHaveLength(planPdf.getPageCount());
    expect(recordPages).toHaveLength(recordPdf.getPageCount());
    expect(doc.getPageCount()).toBe(planPages.length + 1 + recordPages.length);
    expect(blankPages[0].node.has(key('StructParents'))).toBe(false);
    const root = doc.catalog.lookup(key('StructTreeRoot'), PDFDict);
    expect(root.lookup(key('RoleMap'), PDFDict).get(key('Entrada'))).toBe(key('P'));
    expect(doc.catalog.lookup(key('MarkInfo'), PDFDict).get(key('Marked'))).toBe(PDFBool.True);

    // The check of every page's key, without the blank page, which has neither key nor content to name.
    doc.removePage(planPages.length);
    const saved = await doc.save({ useObjectStreams: false });
    const keys = checkParentTree(await PDFDocument.load(saved));
    expect(keys).toEqual([...keys].sort((a, b) => a - b));

    const file = save('appended.pdf', saved);
    expect(run('pdfinfo', [file])).toMatch(/Tagged:\s+yes/);
    const top = elementsOf(file).filter((e) => e.depth === 0);
    expect(top.map((e) => e.role)).toEqual(['Part', 'Sect']);
    const tree = run('pdfinfo', ['-struct-text', file]);
    expect(tree).toMatch(new RegExp(`^Part "Plan"\\n\\s+H1 \\(block\\)\\n\\s+"${literally(plan.title)}"`));
    expect(tree).toMatch(/Sect "Expediente"\n\s+H1 \(block\)\n\s+"Expediente del plan"/);
  });
});
