// Generated sample plans as an export source, for benchmarks and tests; apart from the database source so that
// using it loads no database code.
import type { PlanView } from '../../contracts/plans.ts';
import { samplePlan } from '../sample-plan.ts';
import type { PlanEntry, PlanSource } from './export-documents.ts';

/** `count` generated sample plans (seed = index), made one at a time as they are rendered. */
export function samplePlanSource(
  count: number,
  options: { locale?: 'en' | 'es' | 'mixed'; broken?: (index: number) => boolean; pageSize?: number } = {},
): PlanSource {
  const pageSize = options.pageSize ?? 100;
  const entry = (index: number): PlanEntry => {
    const locale =
      options.locale === 'mixed' || options.locale === undefined ? (index % 2 ? 'es' : 'en') : options.locale;
    const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    return {
      planId: id,
      version: 1,
      employeeName: `sample ${index}`,
      load: async () => {
        const plan = { ...samplePlan({ locale, seed: index, isSigned: index % 3 !== 0 }), id };
        // A broken plan fails in the render thread, as a damaged record would.
        return options.broken?.(index) ? ({ ...plan, metrics: null } as unknown as PlanView) : plan;
      },
    };
  };
  return {
    count: async () => count,
    async *pages() {
      for (let start = 0; start < count; start += pageSize) {
        yield Array.from({ length: Math.min(pageSize, count - start) }, (_, i) => entry(start + i));
      }
    },
  };
}
