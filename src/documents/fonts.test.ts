import PdfKitDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { openTestPdf, pageContents } from '../../test/helpers/pdf.ts';
import { dejaVuSans, type WordLayout, wordLayoutCache } from './fonts.ts';
import { fontNames } from './pdf-writer.ts';
import { renderPlanPdf } from './plan-pdf.ts';

const layout = (width: number): WordLayout => ({
  glyphs: [{ id: 1 }],
  positions: [{ xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width }],
  advanceWidth: width,
});

describe('word layouts shared across documents', () => {
  it('draws a plan the same once other plans have filled the shared word layouts', async () => {
    const plan = samplePlan({ locale: 'es', seed: 4242, isSigned: true });
    const first = await pageContents(await renderPlanPdf(plan));
    for (const seed of [1, 2, 3, 4]) await renderPlanPdf(samplePlan({ locale: 'en', seed, isSigned: false }));
    expect(await pageContents(await renderPlanPdf(plan))).toBe(first);
  });

  it('keeps the most recently used words up to its bound and drops the oldest', () => {
    const cache = wordLayoutCache(2);
    cache.uno = layout(10);
    cache.dos = layout(20);
    expect(cache.uno?.advanceWidth).toBe(10);
    cache.tres = layout(30);
    expect(cache.dos).toBeUndefined();
    expect(cache.uno?.advanceWidth).toBe(10);
    expect(cache.tres?.positions).toEqual(layout(30).positions);
  });
});

describe('the shared layout', () => {
  type Laid = { glyphs: { id: number }[]; positions: Record<string, number>[]; advanceWidth: number };
  const layoutOf = (doc: PDFKit.PDFDocument, text: string): Laid =>
    (doc as unknown as { _font: { layout(text: string): Laid } })._font.layout(text);

  it('lays out and measures text exactly as pdfkit does on its own', () => {
    const own = new PdfKitDocument({ autoFirstPage: false });
    own.registerFont('regular', dejaVuSans().regular);
    own.font('regular');
    const { doc } = openTestPdf('es');
    doc.font(fontNames.regular);
    const texts = [
      'Año de mejora: «reuniones» — 3 ½ días, ñandú, “comillas” y cuidado\tcon tabuladores ',
      '  dos espacios al principio y al final  ',
      'una',
      '',
    ];
    for (const text of [...texts, ...texts]) {
      const expected = layoutOf(own, text);
      const actual = layoutOf(doc, text);
      expect(actual.advanceWidth).toBe(expected.advanceWidth);
      expect(actual.glyphs.map((g) => g.id)).toEqual(expected.glyphs.map((g) => g.id));
      expect(actual.positions).toEqual(expected.positions);
      expect(doc.fontSize(11).widthOfString(text)).toBe(own.fontSize(11).widthOfString(text));
    }
  });
});

describe('lines of text written in one piece', () => {
  const draw = (isPdfkitOwn: boolean): Promise<Buffer> => {
    const { doc, done } = openTestPdf('es');
    if (isPdfkitOwn) {
      const internals = doc as unknown as { _fragment: unknown };
      internals._fragment = Object.getPrototypeOf(doc)._fragment;
    }
    const text =
      'AVA Tower: «Año de mejora» — “comillas”, ñandú, Wave, fiffl y cuidado\tcon tabuladores al final ';
    doc
      .font(fontNames.bold)
      .fontSize(14)
      .fillColor('#1f3a5f')
      .text(text, 50, 60, { width: 300, lineGap: 1.6 });
    doc.font(fontNames.regular).fontSize(9.5).text(text, { width: 200, align: 'right' });
    doc.text(text, { width: 250, align: 'center' });
    doc
      .font(fontNames.oblique)
      .text('Tal cual ', 50, 400, { continued: true, width: 200 })
      .text('AV', { width: 200 });
    doc.text('subrayado', 50, 500, { underline: true }).text('sin corte', 50, 520, { lineBreak: false });
    doc.end();
    return done;
  };

  it('draws exactly the operators pdfkit draws line by line', async () => {
    const own = await pageContents(await draw(true));
    expect(own).toContain('TJ');
    expect(await pageContents(await draw(false))).toBe(own);
  });
});
