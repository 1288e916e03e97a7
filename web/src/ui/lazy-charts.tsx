// The chart library (and its styles) loaded only when a chart is first drawn, so pages and tabs without a chart on
// screen do not download it. Same components and props as @mantine/charts.
import type { BarChartProps, LineChartProps } from '@mantine/charts';
import { lazy, Suspense } from 'react';

const loadCharts = async () => {
  const [charts] = await Promise.all([import('@mantine/charts'), import('@mantine/charts/styles.css')]);
  return charts;
};

const LazyLineChart = lazy(async () => ({ default: (await loadCharts()).LineChart }));
const LazyBarChart = lazy(async () => ({ default: (await loadCharts()).BarChart }));

function ChartPlaceholder({ h }: { h: unknown }) {
  return <div aria-busy="true" style={{ height: typeof h === 'number' ? h : 300 }} />;
}

export function LineChart(props: LineChartProps) {
  return (
    <Suspense fallback={<ChartPlaceholder h={props.h} />}>
      <LazyLineChart {...props} />
    </Suspense>
  );
}

export function BarChart(props: BarChartProps) {
  return (
    <Suspense fallback={<ChartPlaceholder h={props.h} />}>
      <LazyBarChart {...props} />
    </Suspense>
  );
}
