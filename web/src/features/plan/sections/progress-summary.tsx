// The plan's progress at a glance: time elapsed, progress, check-ins kept, activities, feedback, risk flags.

import { Alert, Progress as Bar, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProgress } from '../../../api/check-ins.ts';
import { formatAxisDate, formatDate, formatPercent, parseInstant } from '../../../ui/format.ts';
import { LineChart } from '../../../ui/lazy-charts.tsx';
import { ErrorState, LoadingState } from '../../../ui/states.tsx';

export function ProgressSummary({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const progress = useProgress(planId);
  if (progress.isPending) return <LoadingState />;
  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  const p = progress.data;
  const tile = (label: string, value: string, share?: number | null) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} fz="lg">
        {value}
      </Text>
      {share !== undefined && share !== null && (
        <Bar value={share * 100} size="sm" mt={4} aria-label={label} />
      )}
    </Card>
  );
  const trend = p.overallRatingTrend.map((point) => ({
    x: parseInstant(point.at).getTime(),
    rating: point.rating,
  }));
  return (
    <Stack gap="sm" component="section" aria-labelledby="progress-summary">
      <Title order={2} size="h3" id="progress-summary">
        {t('progress.title')}
      </Title>
      {p.riskFlags.length > 0 && (
        <Alert color="orange" variant="light" title={t('progress.risks')}>
          <List size="sm" spacing={2}>
            {p.riskFlags.map((flag) => (
              <List.Item key={`${flag.flag}-${flag.detail}`}>
                <Text span fw={600} size="sm">
                  {t(`progress.flags.${flag.flag}`)}
                </Text>
                : {flag.detail}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        {tile(t('progress.elapsed'), formatPercent(p.elapsedShare), p.elapsedShare)}
        {tile(
          t('progress.overall'),
          p.overallProgress === null ? '—' : formatPercent(p.overallProgress),
          p.overallProgress,
        )}
        {tile(
          t('progress.checkIns'),
          t('progress.checkInsValue', {
            held: p.checkIns.held,
            missed: p.checkIns.missed,
            total: p.checkIns.total,
          }),
          p.cadenceCompliance.share,
        )}
        {tile(
          t('progress.activities'),
          t('progress.activitiesValue', {
            done: p.activities.done,
            total: p.activities.total,
            overdue: p.activities.overdue,
          }),
          p.activities.total ? p.activities.done / p.activities.total : null,
        )}
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('progress.asOf', { date: formatDate(p.today) })} ·{' '}
        {t('progress.feedbackValue', { received: p.feedback.received, requested: p.feedback.requested })}
        {p.cadenceCompliance.share !== null &&
          ` · ${t('progress.compliance', { share: formatPercent(p.cadenceCompliance.share) })}`}
      </Text>
      {trend.length > 1 && (
        <Card withBorder padding="sm">
          <Text size="sm" fw={700} mb={4} id="rating-trend">
            {t('progress.ratingTrend')}
          </Text>
          <Text className="visually-hidden">
            {trend
              .map((point) => `${formatDate(new Date(point.x).toISOString().slice(0, 10))}: ${point.rating}`)
              .join('; ')}
          </Text>
          <div aria-hidden="true">
            <LineChart
              h={160}
              data={trend}
              dataKey="x"
              series={[{ name: 'rating', label: t('progress.rating'), color: 'indigo.7' }]}
              lineChartProps={{ accessibilityLayer: false }}
              xAxisProps={{
                type: 'number',
                scale: 'time',
                domain: ['dataMin', 'dataMax'],
                tickFormatter: formatAxisDate,
              }}
              yAxisProps={{ domain: [1, 5], ticks: [1, 2, 3, 4, 5] }}
              withTooltip={false}
            />
          </div>
        </Card>
      )}
    </Stack>
  );
}
