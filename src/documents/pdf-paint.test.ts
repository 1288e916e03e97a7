import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { openTestPdf, pageContents } from '../../test/helpers/pdf.ts';
import { filledCircle } from './pdf-paint.ts';
import { pdfColor } from './pdf-writer.ts';

const numbers = (text: string): number[] => (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);

describe('colours and bullets in short operators', () => {
  it('sets each palette colour with four decimals, within half a step of its 8-bit value', async () => {
    const { doc, done } = openTestPdf('en');
    doc.fillColor(pdfColor.primary).rect(60, 60, 10, 10).fill();
    doc.strokeColor('#fff').moveTo(60, 80).lineTo(90, 80).stroke();
    doc.fillColor('red').rect(60, 90, 10, 10).fill(); // a named colour: pdfkit's own
    doc.end();
    const contents = await pageContents(await done);
    const fill = contents.match(/^\/DeviceRGB cs\n(.+) scn$/m);
    expect(fill?.[1]).toBe('0.1216 0.2275 0.3725');
    const exact = [0x1f, 0x3a, 0x5f].map((byte) => byte / 255);
    numbers(fill?.[1] ?? '').forEach((value, i) => {
      expect(Math.abs(value - exact[i])).toBeLessThan(0.5 / 255);
    });
    expect(contents).toMatch(/^\/DeviceRGB CS\n1 1 1 SCN$/m);
    expect(contents).toMatch(/^\/DeviceRGB cs\n1 0 0 scn$/m);
    expect(contents).not.toMatch(/\d\.\d{5,}( \S+)* (scn|SCN)$/m);
  });

  it('draws a bullet as the circle pdfkit draws, to a thousandth of a point, filled', async () => {
    const pdfkitCircle = async (): Promise<number[]> => {
      const doc = new PDFDocument({ font: '', compress: true });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      const ended = new Promise((resolve) => doc.on('end', resolve));
      doc.circle(53.123456, 438.297656, 1.5).fill();
      doc.end();
      await ended;
      const contents = await pageContents(Buffer.concat(chunks));
      const path = contents.slice(contents.indexOf(' m\n') - 30, contents.indexOf('\nh'));
      return numbers(path.slice(path.lastIndexOf('\n', path.indexOf(' m\n')) + 1));
    };
    const bullet = filledCircle(53.123456, 438.297656, 1.5).split('\n');
    expect(bullet[0]).toBe('q');
    expect(bullet[1]).toBe('1 0 0 1 53.123 438.298 cm');
    expect(bullet.slice(2).map((line) => line.at(-1))).toEqual(['m', 'c', 'c', 'c', 'c', 'h', 'f', 'Q']);
    // The path around the origin, moved to the bullet's place, is pdfkit's circle there.
    const ours = numbers(bullet.slice(2, 8).join('\n')).map(
      (value, i) => value + (i % 2 === 0 ? 53.123 : 438.298),
    );
    const theirs = await pdfkitCircle();
    expect(ours).toHaveLength(26);
    expect(theirs).toHaveLength(26);
    ours.forEach((value, i) => {
      expect(Math.abs(value - theirs[i])).toBeLessThanOrEqual(0.0015);
    });
  });
});
