// Round axis ticks for charts: steps of 1, 2, 2.5 or 5 times a power of ten, and percentages kept within 0–100.

export type Scale = { domain: [number, number]; ticks: number[] };

const niceSteps = [1, 2, 2.5, 5, 10];

/** The smallest round step that covers `span` in at most `intervals` steps. */
function niceStep(span: number, intervals: number): number {
  const raw = span / intervals;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = niceSteps.find((s) => s * power >= raw - 1e-9) ?? 10;
  return step * power;
}

/**
 * An axis from `min` to `max` (the data, with any padding) with round ticks. `isPercent` (for data within 0–100)
 * keeps the padding inside 0–100: 0/25/50/75/100 rather than 6/31/56/101.
 */
export function niceScale(
  min: number,
  max: number,
  options: { isPercent?: boolean; intervals?: number } = {},
): Scale {
  const intervals = options.intervals ?? 4;
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (options.isPercent) {
    lo = Math.max(0, lo);
    hi = Math.min(100, hi);
  }
  if (hi - lo < 1e-9) {
    lo -= 1;
    hi += 1;
  }
  const step = niceStep(hi - lo, intervals);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { domain: [ticks[0], ticks.at(-1) ?? end], ticks };
}

/** Whether a metric's unit makes it a percentage. */
export const isPercentUnit = (unit: string | null | undefined): boolean =>
  /^\s*(%|percent|per ?cent|porcentaje)\s*$/i.test(unit ?? '');
