import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { samplePlan } from '../../test/fixtures/sample-plan.ts';
import { openTestPdf, pageContents } from '../../test/helpers/pdf.ts';
import { fontNames } from './pdf-writer.ts';
import { renderPlanPdf } from './plan-pdf.ts';
import { recentTexts } from './recent-texts.ts';

const open = () => openTestPdf('es');

describe('line breaks shared across documents', () => {
  // Words no other test prints, so that the first document wraps them with pdfkit's own line breaker.
  const fresh = randomUUID().slice(0, 8);
  const texts = [
    `Plan ${fresh}: «reuniones» semanales — ñandú, “comillas” y un salto\nde línea, luego más texto que ocupa varias líneas.`,
    `Una palabra larguísima ${fresh}${'x'.repeat(60)} que no cabe en la línea y se corta dentro.`,
    `Sigue ${fresh} `,
  ];
  const draw = (): Promise<Buffer> => {
    const { doc, done } = open();
    doc.font(fontNames.regular).fontSize(9.5);
    for (const width of [120, 300])
      for (const text of texts) doc.text(text, 50, doc.y, { width, lineGap: 1 });
    doc.font(fontNames.bold).fontSize(14);
    for (const text of texts) doc.text(text, 50, doc.y, { width: 200 });
    doc.font(fontNames.regular).fontSize(9.5);
    doc.text(texts[2], 50, doc.y, { width: 200, continued: true }).text(texts[0], { width: 200 });
    doc.end();
    return done;
  };

  it('wraps text from the shared breaks exactly as pdfkit wrapped it the first time', async () => {
    const first = await pageContents(await draw());
    expect(first).toContain('TJ');
    expect(await pageContents(await draw())).toBe(first);
  });

  it('keeps each size and face apart', () => {
    const heights = (order: number[]): number[] => {
      const { doc } = open();
      // Digits only, all of one width in the face: a text unseen by the cache, yet as wide as the other call's.
      const text = `Mide ${randomInt(10 ** 11, 10 ** 12)} en su tamaño, con palabras que llenan más de una línea estrecha.`;
      return order.map((points) => doc.fontSize(points).heightOfString(text, { width: 150 }));
    };
    const once = heights([8, 14, 8]);
    expect(once[0]).toBe(once[2]);
    expect(once[1]).toBeGreaterThan(once[0]);
    expect(heights([14, 8])).toEqual([once[1], once[0]]);
  });

  it('draws each of two plans rendered in turn with its own text', async () => {
    const one = samplePlan({ locale: 'es', seed: 7311, isSigned: true });
    const two = samplePlan({ locale: 'en', seed: 7312, isSigned: false });
    const first = await pageContents(await renderPlanPdf(one));
    const second = await pageContents(await renderPlanPdf(two));
    expect(await pageContents(await renderPlanPdf(one))).toBe(first);
    expect(await pageContents(await renderPlanPdf(two))).toBe(second);
  });
});

describe('recent texts', () => {
  it('keeps the texts of its last two generations, bringing a looked-up text forward', () => {
    const texts = recentTexts<number>(2);
    texts.set('uno', 1);
    texts.set('dos', 2);
    texts.set('tres', 3); // uno and dos are the previous generation now
    expect(texts.get('uno')).toBe(1); // brought forward, next to tres
    texts.set('cuatro', 4); // tres and uno are the previous generation; dos is dropped
    expect(texts.get('dos')).toBeUndefined();
    expect([texts.get('uno'), texts.get('tres'), texts.get('cuatro')]).toEqual([1, 3, 4]);
  });
});
