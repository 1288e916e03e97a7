// Every document of a filled plan, as a person files it: no template prompt printed, the employee's response in
// every copy, one language, a first page that is not blank.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templatePromptTexts } from '../../src/documents/printable.ts';
import { engines, startTestApp, type TestApp } from '../helpers/engines.ts';
import { type Client, demo, signIn } from '../helpers/http.ts';
import { activatePlan, completePlan, createPlan } from '../helpers/plans.ts';

const dir = mkdtempSync(join(tmpdir(), 'mejora-filed-'));
const save = (name: string, body: Buffer): string => {
  const file = join(dir, name);
  writeFileSync(file, body);
  if (process.env.MEJORA_KEEP_DOCS) writeFileSync(join(process.env.MEJORA_KEEP_DOCS, name), body);
  return file;
};
const pdfText = (name: string, pdf: Buffer): string =>
  execFileSync('pdftotext', [save(name, pdf), '-'], { encoding: 'utf8' });
const docxText = (name: string, docx: Buffer): string => {
  const xml = execFileSync('unzip', ['-p', save(name, docx), 'word/document.xml'], { encoding: 'utf8' });
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map(([p]) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
};

describe.each(engines)('filed documents on %s', (engine) => {
  let t: TestApp;
  let manager: Client;
  let hr: Client;
  let employee: Client;
  const docs = new Map<string, string>();
  /** What people wrote in the plans: printed as written, so left out of the language checks. */
  const written: unknown[] = [];

  const download = async (client: Client, url: string): Promise<Buffer> => {
    const response = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
    expect(response.statusCode, url).toBe(200);
    return response.rawPayload;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    manager = await signIn(t.app, demo.manager);
    hr = await signIn(t.app, demo.hr);
    employee = await signIn(t.app, demo.employee);
    const mentor = await signIn(t.app, demo.mentor);
    for (const locale of ['en', 'es'] as const) {
      const filled = await completePlan(
        manager,
        await createPlan(manager, { locale, mentorId: mentor.user.id }),
      );
      let plan = filled;
      for (const area of filled.focusAreas) {
        for (const f of ['issue', 'impact', 'requiredStandard', 'goal', 'measurement', 'successCriteria']) {
          written.push(area[f]);
        }
      }
      for (const m of filled.metrics) written.push(m.name, m.unit);
      written.push(
        ...Object.values(filled.support.hr as Record<string, unknown>),
        ...Object.values(filled.support.mentor as Record<string, unknown>),
      );
      if (locale === 'en') {
        plan = await activatePlan(manager, hr, employee, filled.id);
        const said = await employee.post(`/api/v1/plans/${plan.id}/comments`, {
          kind: 'response',
          body: 'Response of the employee: the deadlines depended on another team.',
        });
        expect(said.status).toBe(201);
      } else {
        // The Spanish plan is refused: the employee's reason is their response for the record.
        expect(
          (await manager.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'submit' })).status,
        ).toBe(200);
        expect((await hr.post(`/api/v1/plans/${plan.id}/transitions`, { action: 'approve' })).status).toBe(
          200,
        );
        const refused = await employee.post(`/api/v1/plans/${plan.id}/signatures`, {
          refused: true,
          response: 'No estoy de acuerdo: los plazos dependían de otro equipo.',
        });
        expect(refused.status).toBe(201);
      }
      for (const as of ['en', 'es'] as const) {
        const base = `/api/v1/plans/${plan.id}`;
        const name = `${engine}-${locale}-as-${as}`;
        docs.set(
          `${name}.pdf`,
          pdfText(`${name}.pdf`, await download(hr, `${base}/document.pdf?locale=${as}`)),
        );
        docs.set(
          `${name}.docx`,
          docxText(`${name}.docx`, await download(hr, `${base}/document.docx?locale=${as}`)),
        );
      }
      const base = `/api/v1/plans/${plan.id}`;
      docs.set(
        `${engine}-${locale}-report.pdf`,
        pdfText(`${engine}-${locale}-report.pdf`, await download(hr, `${base}/progress-report.pdf`)),
      );
      docs.set(
        `${engine}-${locale}-dossier.pdf`,
        pdfText(`${engine}-${locale}-dossier.pdf`, await download(hr, `${base}/dossier.pdf`)),
      );
    }
    // A draft whose optional fields are left as their prompts: stored, yet never printed as content.
    const draft = await completePlan(manager, await createPlan(manager, { mentorId: mentor.user.id }));
    const kept = await manager.patch(`/api/v1/plans/${draft.id}`, {
      support: {
        hr: { additionalResources: draft.support.hr.placeholders.additionalResources },
        training: { internal: draft.support.training.placeholders.internal },
      },
    });
    expect(kept.status).toBe(200);
    for (const kind of ['pdf', 'docx'] as const) {
      const name = `${engine}-draft.${kind}`;
      const body = await download(manager, `/api/v1/plans/${draft.id}/document.${kind}`);
      docs.set(name, kind === 'pdf' ? pdfText(name, body) : docxText(name, body));
    }
  }, 180_000);
  afterAll(() => t?.close());

  it('prints no template prompt in any document, in either language', () => {
    expect(docs.size).toBe(14);
    if (process.env.MEJORA_KEEP_DOCS) {
      for (const [name, text] of docs) writeFileSync(join(process.env.MEJORA_KEEP_DOCS, `${name}.txt`), text);
    }
    const prompts = [...templatePromptTexts()];
    expect(prompts).toContain('Other HR resources and programs');
    expect(prompts).toContain('Datos de contacto y disponibilidad');
    for (const [name, raw] of docs) {
      // Lines joined as one text: a prompt wrapped over two lines is still found.
      const text = raw.replace(/\s+/g, ' ');
      for (const prompt of prompts) {
        const escaped = prompt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        expect(text, `${name}: "${prompt}"`).not.toMatch(
          new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u'),
        );
      }
    }
  });

  it('prints a line to fill where a prompted field is empty, and the values the plan holds elsewhere', () => {
    for (const kind of ['pdf', 'docx']) {
      const draft = docs.get(`${engine}-draft.${kind}`) ?? '';
      expect(draft).toMatch(/Internal Training: _{10,}/);
      expect(draft).toMatch(/Additional HR Resources: _{10,}/);
      const en = docs.get(`${engine}-en-as-en.${kind}`) ?? '';
      expect(en).toMatch(/Internal Training: _{10,}/);
      expect(en).toMatch(/Additional HR Resources: _{10,}/);
      expect(en).toContain('Training Budget: $1,500.00 allocated for training and development');
      expect(en).toContain('Time Allocation: 4 hours per week dedicated to improvement activities');
      expect(en).toContain('Mentor: Miguel Torres - Staff Engineer');
      const es = docs.get(`${engine}-es-as-es.${kind}`) ?? '';
      expect(es).toMatch(/Formación interna: _{10,}/);
      expect(es).toMatch(/Presupuesto de formación: 1500,00\sUS\$ asignados/);
      expect(es).toContain('Miguel Torres - Staff Engineer');
    }
  });

  it('the dossier reads like a case file: events as sentences with their actor, one page numbering 1..N', () => {
    for (const locale of ['en', 'es'] as const) {
      const text = docs.get(`${engine}-${locale}-dossier.pdf`) ?? '';
      const flat = text.replace(/\s+/g, ' ');
      // No raw event code, no "By —" for system events.
      expect(flat).not.toMatch(/\b(plan|focus_area|check_ins?|metric)\.[a-z_]+\b/);
      if (locale === 'en') {
        expect(flat).toContain('Helena Ruiz approved the plan');
        expect(flat).toContain('Elena Martín signed the plan as the employee');
        expect(flat).toMatch(/The check-in scheduler scheduled \d+ check-ins/);
        expect(flat).toContain('Marta Navarro created the plan');
      } else {
        expect(flat).toContain('Helena Ruiz aprobó el plan');
        expect(flat).toContain('Elena Martín se negó a firmar el plan');
      }
      const label = locale === 'en' ? /Page (\d+) of (\d+)/g : /Página (\d+) de (\d+)/g;
      const pages = [...text.matchAll(label)].map((m) => [Number(m[1]), Number(m[2])]);
      const total = pages[0]?.[1] ?? 0;
      expect(total).toBeGreaterThan(5);
      expect(pages.map(([n]) => n)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(pages.every(([, of]) => of === total)).toBe(true);
      expect(text).not.toMatch(/Record page|del expediente \d/);
    }
  });

  it("prints the employee's response in every copy: PDF, DOCX and dossier", () => {
    for (const name of ['en-as-en.pdf', 'en-as-en.docx', 'en-as-es.pdf', 'en-dossier.pdf']) {
      const text = (docs.get(`${engine}-${name}`) ?? '').replace(/\s+/g, ' ');
      expect(text, name).toMatch(/Employee’s response|Respuesta del empleado/);
      expect(text, name).toContain('Response of the employee: the deadlines depended on another team.');
    }
    for (const name of ['es-as-es.pdf', 'es-as-es.docx', 'es-as-en.docx', 'es-dossier.pdf']) {
      const text = (docs.get(`${engine}-${name}`) ?? '').replace(/\s+/g, ' ');
      expect(text, name).toMatch(/Al negarse a firmar|On refusing to sign/);
      expect(text, name).toContain('No estoy de acuerdo: los plazos dependían de otro equipo.');
    }
  });

  it('draws a first page that is not blank, for every kind of PDF', () => {
    for (const name of ['en-as-en.pdf', 'es-as-es.pdf', 'draft.pdf', 'en-report.pdf', 'en-dossier.pdf']) {
      const file = join(dir, `${engine}-${name}`);
      execFileSync('pdftoppm', ['-singlefile', '-r', '40', '-gray', file, join(dir, `${engine}-page`)]);
      const pgm = readFileSync(join(dir, `${engine}-page.pgm`));
      // Binary PGM: "P5", width, height, maxval, then one byte a pixel.
      const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
      expect(header, name).not.toBeNull();
      const pixels = pgm.subarray(pgm.length - Number(header?.[1]) * Number(header?.[2]));
      const inked = pixels.filter((v) => v < 200).length / pixels.length;
      expect(inked, name).toBeGreaterThan(0.01);
    }
  });

  it('prints one language per document: no label of the other language', () => {
    const english = [
      /\bPage \d/,
      /\bVersion \d/,
      /\bStatus\b/,
      /\bEmployee Name\b/,
      /\bStart Date\b/,
      /\bSignature\b/,
      /\bOn track\b/,
      /\bOff track\b/,
      /\bAt risk\b/,
      /\bOutcome\b/,
      /\bTraining Budget\b/,
      /\bApproved By\b/,
      /\bMeeting Frequency\b/,
      /\bNone recorded\b/,
      /\b\d+ weeks\b/,
      /\bWeekly\b/,
      /\bDraft\b/,
      /\bCompleted successfully\b/,
    ];
    const spanish = [
      /\bPágina \d/,
      /\bVersión \d/,
      /\bEstado\b/,
      /\bFecha\b/,
      /\bFirma\b/,
      /\bsemanas\b/,
      /\bBorrador\b/,
      /\bResultado\b/,
      /\bPresupuesto\b/,
      /\bRespuesta del empleado\b/,
      /\bEn riesgo\b/,
      /\bDesviado\b/,
      /\bSemanal\b/,
      /\bde seguimiento\b/,
    ];
    const freeText = written
      .filter((x): x is string => typeof x === 'string' && x.length > 3)
      .sort((a, b) => b.length - a.length);
    for (const [name, raw] of docs) {
      const isSpanish = /-(es-as-es|en-as-es|es-report|es-dossier)\./.test(name);
      let text = raw.replace(/\s+/g, ' ');
      for (const x of freeText) text = text.replaceAll(x.replace(/\s+/g, ' '), ' ');
      for (const word of isSpanish ? english : spanish) expect(text, `${name}: ${word}`).not.toMatch(word);
    }
  });
});
