import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDossierRecord } from '../../test/fixtures/sample-dossier-record.ts';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import type { PlanView } from '../contracts/plans.ts';
import { canonicalJson, sha256 } from '../domain/audit/canonical-json.ts';
import { eventHash, genesisHash } from '../domain/audit/chain.ts';
import { type DossierRecord, renderDossierAppendix, renderDossierPdf } from './dossier.ts';
import {
  loadOrganizationCertificate,
  type OrganizationCertificate,
} from './signing/organization-certificate.ts';
import { DossierError, verifyDossier } from './verify-dossier.ts';

const dir = mkdtempSync(join(tmpdir(), 'mejora-dossier-'));
const textOf = (pdf: Buffer): string => {
  const file = join(dir, `text-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};
const pdfsig = (pdf: Buffer): string => {
  const file = join(dir, `sig-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
};

describe('dossier PDF', () => {
  let plan: PlanView;
  let record: DossierRecord;
  let certificate: OrganizationCertificate;
  let dossier: Buffer;
  beforeAll(async () => {
    plan = samplePlan({ locale: 'en', seed: 11, isSigned: true });
    record = sampleDossierRecord(plan);
    certificate = await loadOrganizationCertificate({
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
  });

  it('holds the plan, then the record with its certificate page, audit trail and the record hash', () => {
    const text = textOf(dossier);
    const recordHash = sha256(canonicalJson(record));
    expect(text).toContain(plan.title);
    expect(text).toContain('Plan record');
    expect(text).toContain('Signature certificate');
    expect(text).toContain('203.0.113.7');
    expect(text).toContain('Reviewed the reopened tickets together.');
    expect(text).toContain('I accept the plan and ask for a mentor.');
    expect(text).toContain('Moved a training date');
    expect(text).toContain('Anonymous');
    expect(text.replace(/\s+/g, '')).toContain(recordHash);
    expect(text.replace(/\s+/g, '')).toContain(record.audit.head!.hash);
    const attachments = execFileSync('pdfdetach', ['-list', join(dir, writeTemp(dossier))], {
      encoding: 'utf8',
    });
    expect(attachments).toContain('dossier.json');
  });

  it('verifies: the record matches its hash, every signature its version, the audit chain its head', async () => {
    const report = await verifyDossier(dossier);
    expect(report.problems).toEqual([]);
    expect(report.isIntact).toBe(true);
    expect(report.signatures.map((s) => [s.role, s.matches])).toEqual([
      ['employee', true],
      ['manager', true],
      ['hr', true],
    ]);
    expect(report.audit).toMatchObject({ events: 4, isIntact: true });
    expect(report.pdfSignature).toMatchObject({
      isValid: true,
      isWholeFile: true,
      subFilter: 'ETSI.CAdES.detached',
    });
  });

  it('fails verification when one byte of the embedded record changes, and pdfsig sees the change', async () => {
    const at = dossier.indexOf('"typedName":"Ana"');
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(dossier);
    changed[at + '"typedName":"'.length] = 'E'.charCodeAt(0);
    const report = await verifyDossier(changed);
    expect(report.isIntact).toBe(false);
    expect(report.problems.join('\n')).toMatch(/embedded record was changed/);
    expect(report.problems.join('\n')).toMatch(/PDF signature: the signed content was changed/);
    expect(pdfsig(changed)).not.toContain('Signature is Valid');
  });

  it('is PDF/A-3b with the record as its associated source file, its XMP describing the dossier', () => {
    const file = join(dir, 'archive.pdf');
    writeFileSync(file, dossier);
    const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
    expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(plan.title.replace(/&/g, '&amp;'));
    const bytes = dossier.toString('latin1');
    expect(bytes).toMatch(/\/AFRelationship \/Source/);
    expect(bytes).toMatch(/\/OutputIntents\s*\[\s*\d+ 0 R\s*\]/);
  });

  it('is signed so that pdfsig reports it valid and the whole document signed', () => {
    const out = pdfsig(dossier);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signer Certificate Common Name: Mejora document signing');
  });

  it('reports a signature whose version text has another hash, while the file itself is intact', async () => {
    const forged = sampleDossierRecord(plan);
    forged.signatures[1] = { ...forged.signatures[1], documentHash: 'f'.repeat(64) };
    const pdf = await renderDossierPdf(plan, forged, {
      signing: { certificate, tsaUrl: null, signerName: 'Org', reason: 'Plan dossier' },
    });
    const report = await verifyDossier(pdf);
    expect(report.isIntact).toBe(true);
    expect(report.signatures.find((s) => s.role === 'manager')?.matches).toBe(false);
    expect(report.problems).toEqual([
      `the manager's signature does not match version 1: it signed ${'f'.repeat(64)}`,
    ]);
    expect(textOf(pdf)).toMatch(/Matches the version\s+NO/);
  });

  it('says what is wrong with a file that is not a dossier, in one line', async () => {
    await expect(verifyDossier(Buffer.from('hello'))).rejects.toThrow(
      new DossierError('The file is not a PDF'),
    );
    const { renderPlanPdf } = await import('./plan-pdf.ts');
    await expect(verifyDossier(await renderPlanPdf(plan))).rejects.toThrow(/holds no Mejora dossier record/);
    await expect(verifyDossier(Buffer.from('%PDF-1.7\n garbage'))).rejects.toThrow(DossierError);
  });

  it('an unsigned dossier is not intact', async () => {
    const pdf = await renderDossierPdf(plan, record, { signing: null });
    const report = await verifyDossier(pdf);
    expect(report.isIntact).toBe(false);
    expect(report.problems).toContain('the PDF is not digitally signed');
  });
});

describe.each(['en', 'es'] as const)('readiness warnings HR accepted, in the %s dossier', (locale) => {
  const plan = samplePlan({ locale, seed: 11, isSigned: true });
  const base = sampleDossierRecord(plan);
  const words = {
    en: {
      heading: 'Readiness warnings accepted by HR',
      reason: 'Reason:',
      by: 'Accepted by:',
      event: 'Audit event:',
    },
    es: {
      heading: 'Advertencias de la comprobación previa aceptadas por RR. HH.',
      reason: 'Motivo:',
      by: 'Aceptada por:',
      event: 'Evento de auditoría:',
    },
  }[locale];
  const accepted = [
    {
      code: 'length.shorter_than_usual',
      reason: 'Agreed with the works council: eight weeks fit the project calendar.',
      name: 'Helena Ruiz',
      at: '2026-05-02T14:30:00.000Z',
    },
    {
      code: 'wording.absolute',
      reason: 'The word “never” quotes the client’s complaint as written.',
      name: 'Marta Navarro',
      at: '2026-05-02T15:10:00.000Z',
    },
  ];
  /** The sample chain with the two acceptances after the submission, re-chained so that it still verifies. */
  const withAcceptances = (): DossierRecord => {
    const [created, submitted, ...rest] = base.audit.events;
    const plain = [created, submitted];
    const acceptances = accepted.map((a) => ({
      ...created,
      actorUserId: '7d0f3c2a-1111-4a4a-9a9a-000000000009',
      action: 'plan.readiness_warning_accepted',
      entityType: 'readiness_acceptance',
      at: a.at,
      digest: { code: a.code, reason: a.reason },
      actorName: a.name,
    }));
    let prevHash = genesisHash;
    const events = [...plain, ...acceptances, ...rest].map((e, i) => {
      const { hash: _h, actorName, ...event } = e;
      const chained = { ...event, seq: i + 1, prevHash };
      const hash = eventHash(chained);
      prevHash = hash;
      return { ...chained, hash, actorName };
    });
    return { ...base, audit: { events, head: { seq: events.length, hash: prevHash } } };
  };

  it('prints each warning by name, with the written reason, who accepted it and when, and its audit event', async () => {
    const record = withAcceptances();
    const text = textOf(await renderDossierAppendix(record, 'a'.repeat(64))).replace(/\s+/g, ' ');
    const section = text.slice(text.indexOf(words.heading));
    expect(text).toContain(words.heading);
    const names = {
      en: ['The plan is shorter than usual for the role', 'Wording: an absolute (“always”, “never”)'],
      es: [
        'El plan es más corto de lo habitual para el puesto',
        'Redacción: un absoluto («siempre», «nunca»)',
      ],
    }[locale];
    const format = (await import('./plan-pdf.ts')).documentWords(locale);
    accepted.forEach((a, i) => {
      const event = record.audit.events.find((e) => e.at === a.at);
      expect(section).toContain(
        `${names[i]} ${words.reason} ${a.reason} ${words.by} ${a.name}, ${format.dateTime(a.at)} ${words.event} ${event?.hash.slice(0, 12)}`,
      );
    });
    // The audit trail says the same in a sentence, never the event code.
    expect(text).not.toContain('readiness_warning_accepted');
    expect(text).not.toContain('shorter_than_usual');
  });

  it('says so when HR accepted none', async () => {
    const text = textOf(await renderDossierAppendix(base, 'a'.repeat(64))).replace(/\s+/g, ' ');
    expect(text).toContain(words.heading);
    expect(text).toContain(
      locale === 'en'
        ? 'HR accepted no readiness warning: the plan was sent without one.'
        : 'RR. HH. no aceptó ninguna advertencia de la comprobación previa: el plan se envió sin ninguna.',
    );
  });
});

function writeTemp(pdf: Buffer): string {
  const name = `f-${Math.random().toString(36).slice(2)}.pdf`;
  writeFileSync(join(dir, name), pdf);
  return name;
}
