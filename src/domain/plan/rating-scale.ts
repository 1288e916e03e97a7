// When a feedback giver's 1–5 rating may become a measurement of a metric, and how it is converted.

/** The scale every feedback rating is given on. */
export const ratingScale = { min: 1, max: 5 } as const;

/**
 * How a 1–5 rating becomes a value in a metric's own unit, set by whoever requests the feedback:
 * a value for each rating (`values[0]` for 1 … `values[4]` for 5), or `a × rating + b`.
 */
export type RatingConversion =
  | { kind: 'map'; values: [number, number, number, number, number] }
  | { kind: 'linear'; a: number; b: number };

export type ScaledMetric = { unit: string; baseline: number; target: number };

// "1–5", "1 to 5", "1 a 5", "/5", "out of 5", "of 5", "de 5", "sobre 5": a unit that names the 1–5 scale.
const fiveScaleUnit = /(^|[^\d.])1\s*(?:-|–|—|to|a)\s*5(?![\d.])|(?:\/|\bof|\bde|\bsobre)\s*5(?![\d.])/i;

const isOnScale = (x: number) => x >= ratingScale.min && x <= ratingScale.max;

/**
 * A metric is on the rating's scale when its unit names the 1–5 scale and its baseline and target lie on
 * it. Anything else ("comments per PR", "%", "points") takes a rating only through an explicit conversion.
 */
export function isOnRatingScale(metric: ScaledMetric): boolean {
  return fiveScaleUnit.test(metric.unit) && isOnScale(metric.baseline) && isOnScale(metric.target);
}

/** The measurement a rating gives: itself on a 1–5 metric, else through the conversion. */
export function convertRating(rating: number, conversion: RatingConversion | null): number {
  if (!conversion) return rating;
  if (conversion.kind === 'map') return conversion.values[rating - ratingScale.min];
  return conversion.a * rating + conversion.b;
}

/** The conversion in words, as the plan shows it next to the feedback request: "1→12, 2→9, …, 5→0 comments". */
export function describeConversion(conversion: RatingConversion | null, unit: string): string {
  const suffix = unit.trim() ? ` ${unit.trim()}` : '';
  if (!conversion) return `rating 1–5 recorded as is${suffix}`;
  if (conversion.kind === 'map') {
    return `${conversion.values.map((v, i) => `${i + ratingScale.min}→${v}`).join(', ')}${suffix}`;
  }
  const { a, b } = conversion;
  const offset = b === 0 ? '' : b > 0 ? ` + ${b}` : ` − ${-b}`;
  return `${a} × rating${offset}${suffix}`;
}

/** Which problem, if any, stops this metric from taking ratings with this conversion (null: none). */
export function ratingConversionProblem(
  metric: ScaledMetric & { name: string },
  conversion: RatingConversion | null,
): { field: 'conversion'; message: string } | null {
  if (conversion) {
    const values = [1, 2, 3, 4, 5].map((r) => convertRating(r, conversion));
    if (values.some((v) => !Number.isFinite(v))) {
      return { field: 'conversion', message: 'every rating from 1 to 5 must convert to a finite number' };
    }
    return null;
  }
  if (isOnRatingScale(metric)) return null;
  return {
    field: 'conversion',
    message: `“${metric.name}” is measured in “${metric.unit}”, not on the 1–5 rating scale: give a conversion from the rating to ${metric.unit || 'its unit'}, or choose a metric rated 1–5`,
  };
}
