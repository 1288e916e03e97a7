// Tests of the plan as a Word document, read back from the .docx package with unzip.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import type { PlanView } from '../contracts/plans.ts';
import { type PlanDocxOptions, renderPlanDocx } from './plan-docx.ts';

let dir = '';
let files = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mejora-docx-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Docx = {
  paragraphs: { style: string | null; text: string }[];
  text: string;
  xml: string;
  footer: string;
};

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Paragraph texts and styles of a part of the package: the runs' <w:t> joined per <w:p>. */
const paragraphsOf = (xml: string): Docx['paragraphs'] =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null,
    text: decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  }));

async function open(
  plan: PlanView,
  options: PlanDocxOptions = {},
): Promise<Docx & { part(name: string): string }> {
  const bytes = await renderPlanDocx(plan, options);
  files += 1;
  const file = join(dir, `plan-${files}.docx`);
  writeFileSync(file, bytes);
  const part = (name: string): string =>
    execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const xml = part('word/document.xml');
  const paragraphs = paragraphsOf(xml);
  const footerName = /footer\d+\.xml/.exec(execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }))?.[0];
  return {
    paragraphs,
    xml,
    text: paragraphs.map((p) => p.text).join('\n'),
    footer: footerName ? part(`word/${footerName}`) : '',
    part,
  };
}

const headingsOf = (docx: Docx, style: string): string[] =>
  docx.paragraphs.filter((p) => p.style === style).map((p) => p.text);

describe.each(['en', 'es'] as const)('the %s plan as .docx', (locale) => {
  const plan = samplePlan({ locale, seed: 31 });
  const h = plan.headings;
  let docx: Docx;
  beforeAll(async () => {
    docx = await open(plan);
  });

  it('is a Word package whose main part starts with the plan title', () => {
    expect(docx.xml.startsWith('<?xml')).toBe(true);
    expect(docx.paragraphs[0]).toEqual({ style: 'Title', text: plan.title });
  });

  it('uses Heading 1 for the sections of the seed document, in its order', () => {
    expect(headingsOf(docx, 'Heading1')).toEqual([
      h.overview,
      h.issues,
      h.goals,
      h.development,
      h.timeline,
      h.progressTracking,
      h.supportAndResources,
      h.documentation,
      h.successFactors,
      h.contacts,
      h.acknowledgment,
      h.planReview,
    ]);
  });

  it('uses Heading 2 and 3 for subsections and focus areas', () => {
    const level2 = headingsOf(docx, 'Heading2');
    for (const key of [
      'purpose',
      'philosophy',
      'primaryConcerns',
      'metrics',
      'primaryGoals',
      'smart',
      'trainingActivities',
      'supportResources',
      'keyMilestones',
      'trackingMetrics',
      'trackingMethods',
      'successCriteriaList',
      'managerResponsibilities',
      'employeeResponsibilities',
      'hrResponsibilities',
      'additionalResources',
      'requiredDocumentation',
      'recordMaintenance',
      'reviewUpdateProcess',
      'keySuccessFactors',
      'bestPractices',
      'commonChallenges',
      'primaryContacts',
      'additionalSupport',
      'resourcesTools',
      'employeeAcknowledgment',
      'managerAcknowledgment',
      'hrAcknowledgment',
      'reviewSchedule',
      'updateProcess',
      'planCompletion',
    ]) {
      expect(level2, key).toContain(h[key]);
    }
    const level3 = headingsOf(docx, 'Heading3');
    plan.focusAreas.forEach((area, i) => {
      expect(level3).toContain(`${i + 1}. ${area.title}`);
      expect(level3).toContain(`${i + 1}. ${area.goalTitle}`);
    });
    for (const key of ['managerSupport', 'mentorAssignment', 'hrSupport', 'trainingResources']) {
      expect(level3, key).toContain(h[key]);
    }
  });

  it('holds the header, metrics, timeline and milestone tables with a repeating header row', () => {
    expect(docx.xml.match(/<w:tbl>/g)).toHaveLength(4);
    expect(docx.xml.match(/<w:tblHeader\/>/g)?.length).toBe(3);
    for (const key of ['employeeName', 'reviewPeriod', 'metric', 'current', 'gap', 'phase', 'milestone']) {
      expect(docx.text, key).toContain(h[key]);
    }
    for (const metric of plan.metrics) expect(docx.text).toContain(metric.name);
    for (const phase of plan.timeline.phases) expect(docx.text).toContain(phase.title);
  });

  it("names the employee and ticks exactly the plan's done items", () => {
    expect(docx.text).toContain(plan.header.employeeName);
    const done =
      plan.activities.filter((a) => a.status === 'done').length +
      plan.successCriteria.filter((c) => c.isMet).length;
    const clauses = Object.values(plan.acknowledgmentClauses).flat().length;
    const open =
      plan.activities.length + plan.successCriteria.length + clauses + plan.completion.steps.length - done;
    // The timeline's marks say done / not done in words after them; they are counted in their own test.
    const checks = docx.paragraphs
      .map((p) => p.text)
      .filter((t) => !/ — (Done|Not done|Hecho|Sin hacer)$|^[☑☐] (Done|Not done|Hecho|Sin hacer)$/.test(t))
      .join('\n');
    expect(checks.match(/☑/g)?.length ?? 0).toBe(done);
    expect(checks.match(/☐/g)?.length ?? 0).toBe(open);
  });

  it('puts page X of Y and the confidentiality notice in the footer', () => {
    const footer = paragraphsOf(docx.footer).map((p) => p.text);
    expect(footer).toContain(plan.confidentialityNotice);
    expect(docx.footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(docx.footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(footer.join(' ')).toContain(locale === 'en' ? 'Page ' : 'Página ');
    expect(footer.join(' ')).toContain(locale === 'en' ? ' of ' : ' de ');
  });

  it('leaves blank signature lines while nobody has signed', () => {
    expect(docx.text.match(new RegExp(`${h.signature}: _{10,}`, 'g'))).toHaveLength(3);
  });
});

describe('the .docx in Spanish', () => {
  it('keeps accents and ñ', async () => {
    const docx = await open(samplePlan({ locale: 'es', seed: 2, employeeName: 'Begoña Núñez Ibáñez' }));
    expect(headingsOf(docx, 'Heading2')).toContain('Métricas de rendimiento');
    expect(docx.text).toContain('Periodo de revisión');
    expect(docx.text).toContain('Begoña Núñez Ibáñez');
    expect(docx.text).toContain('«IA para profesionales del marketing»');
  });
});

describe('signatures in the .docx', () => {
  it('shows each typed name with the signing date once everyone has signed', async () => {
    const plan = samplePlan({ locale: 'en', seed: 32, isSigned: true });
    const docx = await open(plan);
    for (const s of plan.signatures) {
      expect(docx.text).toMatch(new RegExp(`Signature: ${s.typedName}\\s+Date: \\d{1,2} \\w{3} 20\\d\\d`));
      expect(docx.text).toContain(`Print Name: ${s.typedName}`);
    }
    expect(docx.text).not.toContain('____');
  });

  it("shows the employee's refusal and the witness statement", async () => {
    const plan = samplePlan({ locale: 'en', seed: 33 });
    const docx = await open({
      ...plan,
      signatures: [
        {
          id: '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5',
          role: 'employee',
          userId: '7a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d',
          signerName: plan.header.employeeName,
          typedName: null,
          clauses: [],
          version: 2,
          documentHash: 'b'.repeat(64),
          isCurrent: true,
          isRefused: true,
          response: 'I do not accept the example dated in April.',
          witnessName: 'Grace Carter',
          witnessStatement: 'The plan was handed over in person; the employee declined to sign.',
          witnessedAt: '2026-03-02T10:30:00.000Z',
          signedAt: '2026-03-02T10:30:00.000Z',
        },
      ],
    });
    expect(docx.text).toContain('Refused to sign (2 Mar 2026)');
    expect(docx.text).toContain('Employee Response: I do not accept the example dated in April.');
    expect(docx.text).toContain('Witness Statement: The plan was handed over in person');
    expect(docx.text).toContain('Grace Carter');
  });
});

describe('the language and properties of a .docx', () => {
  it("sets the document's language, its organisation as author and who downloaded it", async () => {
    const plan = samplePlan({ locale: 'es', seed: 4 });
    const docx = await open(plan, { downloadedBy: 'Marta Navarro' });
    expect(docx.part('word/styles.xml')).toMatch(/<w:lang w:val="es-ES"\/>/);
    const core = docx.part('docProps/core.xml');
    expect(core).toContain(`<dc:creator>${plan.header.organizationName}</dc:creator>`);
    expect(core).toContain('<cp:lastModifiedBy>Marta Navarro</cp:lastModifiedBy>');
  });

  it('speaks the language asked for: status words, dates and language tag, the plan text as written', async () => {
    const plan = { ...samplePlan({ locale: 'en', seed: 4 }), status: 'active' as const };
    const docx = await open(plan, { locale: 'es' });
    expect(docx.part('word/styles.xml')).toMatch(/<w:lang w:val="es-ES"\/>/);
    const statuses = plan.metrics.map(
      (m) => ({ onTrack: 'En buen camino', atRisk: 'En riesgo', offTrack: 'Desviado' })[m.status],
    );
    for (const status of statuses) expect(docx.text).toContain(status);
    expect(docx.text).not.toMatch(/\b(On track|At risk|Off track)\b/);
    expect(docx.text).toContain(plan.focusAreas[0].issue);
  });

  it('keeps each acknowledgment block together: intro, clauses and signature lines keep with the next', async () => {
    const plan = samplePlan({ locale: 'en', seed: 4 });
    const docx = await open(plan);
    const clause = plan.acknowledgmentClauses.employee[0].text;
    const at = docx.xml.indexOf(clause.slice(0, 30));
    const paragraphStart = docx.xml.lastIndexOf('<w:p>', at) >= 0 ? docx.xml.lastIndexOf('<w:p', at) : -1;
    expect(docx.xml.slice(paragraphStart, at)).toContain('<w:keepNext/>');
    expect(docx.xml.slice(paragraphStart, at)).toContain('<w:keepLines/>');
  });
});
