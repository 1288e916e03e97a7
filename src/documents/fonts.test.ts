import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { type WordLayout, wordLayoutCache } from './fonts.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { samplePlan } from './sample-plan.ts';

/** The decoded drawing operators of every page. */
async function contentOf(pdf: Buffer): Promise<string> {
  const doc = await PDFDocument.load(pdf);
  return doc
    .getPages()
    .map((page) => {
      const contents = page.node.get(PDFName.of('Contents'));
      const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
      return refs
        .map((ref) => doc.context.lookup(ref))
        .map((stream) =>
          stream instanceof PDFRawStream ? inflateSync(stream.contents).toString('latin1') : '',
        )
        .join('\n');
    })
    .join('\n');
}

const layout = (width: number): WordLayout => ({
  glyphs: [{ id: 1 }],
  positions: [{ xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width }],
  advanceWidth: width,
});

describe('word layouts shared across documents', () => {
  it('draws a plan the same once other plans have filled the shared word layouts', async () => {
    const plan = samplePlan({ locale: 'es', seed: 4242, isSigned: true });
    const first = await contentOf(await renderPlanPdf(plan));
    for (const seed of [1, 2, 3, 4]) await renderPlanPdf(samplePlan({ locale: 'en', seed, isSigned: false }));
    expect(await contentOf(await renderPlanPdf(plan))).toBe(first);
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
