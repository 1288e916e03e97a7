// One metric over the plan: measurements, the target line, the forecast and a marker for today.

import { useTranslation } from 'react-i18next';
import type { Metric } from '../../../api/types.ts';
import { isPercentUnit, niceScale } from '../../../ui/chart-scale.ts';
import { formatAxisDate, formatDate, formatNumber, parseInstant, todayIso } from '../../../ui/format.ts';
import { LineChart } from '../../../ui/lazy-charts.tsx';

type Point = { x: number; value?: number; forecast?: number };

/** A chart's time value (ms) as a date; anything else (a tooltip of the legend) as nothing. */
function dateLabel(value: unknown): string {
  const time = typeof value === 'number' ? value : Number(value);
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? '' : formatDate(date.toISOString().slice(0, 10));
}

const ts = (date: string) => parseInstant(date.slice(0, 10)).getTime();

export function MetricChart({
  metric,
  startDate,
  endDate,
}: {
  metric: Metric;
  startDate: string;
  endDate: string;
}) {
  const { t } = useTranslation();
  const measurements = [...metric.measurements].sort((a, b) => a.date.localeCompare(b.date));
  const points: Point[] = [];
  if (!measurements.some((m) => m.date.slice(0, 10) === startDate))
    points.push({ x: ts(startDate), value: metric.baseline });
  for (const m of measurements) points.push({ x: ts(m.date), value: m.value });
  const last = points.at(-1);
  if (metric.forecast && last) {
    last.forecast = last.value;
    points.push({ x: ts(metric.forecast.date), forecast: metric.forecast.value });
  }
  const today = ts(todayIso());
  const start = ts(startDate);
  const end = Math.max(ts(endDate), metric.forecast ? ts(metric.forecast.date) : 0);
  // The axis fits the baseline, the target and what was measured; a runaway forecast is cut at the edge.
  const values = [metric.baseline, metric.target, ...measurements.map((m) => m.value)];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.15 || 1;
  // Round ticks (0/25/50/75/100 for a percentage), never 6/31/56/101.
  const scale = niceScale(min - pad, max + pad, {
    isPercent: isPercentUnit(metric.unit) && min >= 0 && max <= 100,
  });
  const summary = t('plan.metrics.chartSummary', {
    name: metric.name,
    baseline: formatNumber(metric.baseline),
    target: formatNumber(metric.target),
    current: formatNumber(metric.current),
    unit: metric.unit,
    count: measurements.length,
  });
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="visually-hidden">{summary}</figcaption>
      <div aria-hidden="true">
        <LineChart
          h={220}
          data={points}
          dataKey="x"
          series={[
            { name: 'value', label: t('plan.metrics.measured'), color: 'indigo.7' },
            { name: 'forecast', label: t('plan.metrics.forecast'), color: 'gray.6' },
          ]}
          connectNulls
          lineChartProps={{ accessibilityLayer: false }}
          curveType="linear"
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 40 }}
          lineProps={(series) => (series.name === 'forecast' ? { strokeDasharray: '6 4' } : {})}
          xAxisProps={{
            type: 'number',
            scale: 'time',
            domain: [Math.min(start, today), Math.max(end, today)],
            tickFormatter: formatAxisDate,
          }}
          yAxisProps={{
            domain: scale.domain,
            ticks: scale.ticks,
            interval: 0,
            allowDataOverflow: true,
            tickFormatter: (value: number) => formatNumber(value),
          }}
          valueFormatter={(value) => formatNumber(value)}
          yAxisLabel={metric.unit || undefined}
          referenceLines={[
            {
              y: metric.target,
              label: t('plan.metrics.targetLine'),
              color: 'teal.8',
              strokeDasharray: '3 3',
            },
            { x: today, label: t('plan.metrics.today'), color: 'orange.8' },
          ]}
          tooltipProps={{
            labelFormatter: (value: unknown) => dateLabel(value),
          }}
        />
      </div>
    </figure>
  );
}
