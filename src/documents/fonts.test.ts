import PdfKitDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { pageContents } from '../../test/helpers/pdf.ts';
import { dejaVuSans, type WordLayout, wordLayoutCache } from './fonts.ts';
import { fontNames, openPdfDocument } from './pdf-writer.ts';
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
    const { doc } = openPdfDocument({
      title: 't',
      author: 'a',
      subject: 's',
      locale: 'es',
      margins: { top: 50, bottom: 50, left: 50, right: 50 },
    });
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
