// Progress tracking: each metric with its chart and measurements, recording a new one, success criteria.
import {
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordMeasurement, useUpdateSuccessCriterion } from '../../../api/plans.ts';
import type { Metric, PlanView } from '../../../api/types.ts';
import { DateField } from '../../../ui/date-field.tsx';
import { useFieldErrors } from '../../../ui/field-errors.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent, todayIso } from '../../../ui/format.ts';
import { EmptyState, useErrorMessage } from '../../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../../ui/unsaved-changes-guard.tsx';
import { InfoGrid, LabelledList, SectionCard } from '../plan-blocks.tsx';
import { useCapabilities } from '../use-capabilities.ts';
import { FeedbackPanel } from './feedback-panel.tsx';
import { MetricStatusBadge } from './issues-goals-tab.tsx';
import { MetricChart } from './metric-chart.tsx';
import { ProgressSummary } from './progress-summary.tsx';

export function MetricsTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const h = plan.headings;
  return (
    <Stack gap="md">
      {capabilities.hasProgress && plan.status !== 'draft' && plan.status !== 'in_review' && (
        <ProgressSummary planId={plan.id} />
      )}
      <Title order={2} size="h3">
        {h.progressTracking}
      </Title>
      {plan.metrics.length === 0 ? (
        <EmptyState title={t('plan.metrics.empty')} description={t('plan.metrics.emptyHint')} />
      ) : (
        plan.metrics.map((metric) => <MetricCard key={metric.id} metric={metric} plan={plan} />)
      )}
      <SuccessCriteria plan={plan} />
      {capabilities.hasFeedback && plan.status !== 'draft' && plan.status !== 'in_review' && (
        <FeedbackPanel plan={plan} />
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title={h.trackingMetrics} id="tracking-metrics">
          {plan.tracking.metricsByArea.map((group) => (
            <div key={group.title}>
              <Text fw={700} size="sm">
                {group.title}
              </Text>
              <List size="sm" spacing={2}>
                {group.metrics.map((m) => (
                  <List.Item key={m}>{m}</List.Item>
                ))}
              </List>
            </div>
          ))}
        </SectionCard>
        <SectionCard title={h.trackingMethods} id="tracking-methods">
          <LabelledList items={plan.tracking.methods} />
        </SectionCard>
      </SimpleGrid>
    </Stack>
  );
}

function MetricCard({ metric, plan }: { metric: Metric; plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  const area = plan.focusAreas.find((a) => a.id === metric.focusAreaId);
  const titleId = `metric-${metric.id}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" wrap="wrap" mb="xs">
        <div>
          <Title order={3} size="h4" id={titleId}>
            {metric.name}
          </Title>
          {area && (
            <Text size="xs" c="dimmed">
              {area.title}
            </Text>
          )}
        </div>
        <MetricStatusBadge status={metric.status} isMet={metric.isMet} />
      </Group>
      <InfoGrid
        cols={4}
        items={[
          { label: h.baseline, value: `${formatNumber(metric.baseline)} ${metric.unit}` },
          { label: h.current, value: `${formatNumber(metric.current)} ${metric.unit}` },
          { label: h.target, value: `${formatNumber(metric.target)} ${metric.unit}` },
          { label: h.gap, value: `${formatNumber(metric.gap)} ${metric.unit}` },
          {
            label: t('plan.metrics.direction'),
            value: t(`plan.metrics.directions.${metric.direction}`),
          },
          {
            label: h.forecast,
            value: metric.forecast
              ? t('plan.metrics.forecastValue', {
                  value: `${formatNumber(metric.forecast.value)} ${metric.unit}`.trim(),
                  date: formatDate(metric.forecast.date),
                })
              : t('plan.metrics.noForecast'),
          },
        ]}
      />
      <Group gap="xs" mt="sm" wrap="nowrap">
        <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {h.progress}: {formatPercent(metric.progress)}
        </Text>
        <Progress
          value={metric.progress * 100}
          style={{ flex: 1 }}
          color={
            metric.status === 'onTrack' || metric.isMet
              ? 'teal'
              : metric.status === 'atRisk'
                ? 'yellow'
                : 'red'
          }
          aria-label={`${h.progress} ${metric.name}`}
        />
      </Group>
      <div style={{ marginTop: 12 }}>
        <MetricChart metric={metric} startDate={plan.header.startDate} endDate={plan.header.endDate} />
      </div>
      <MeasurementsTable metric={metric} />
      {plan.permissions.canRecordProgress && <RecordMeasurement planId={plan.id} metric={metric} />}
    </Card>
  );
}

function MeasurementsTable({ metric }: { metric: Metric }) {
  const { t } = useTranslation();
  if (metric.measurements.length === 0)
    return (
      <Text size="sm" c="dimmed" mt="xs">
        {t('plan.metrics.noMeasurements')}
      </Text>
    );
  return (
    <div className="table-scroll">
      <Table mt="xs" withRowBorders={false} striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
          {t('plan.metrics.measurements', { name: metric.name })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plan.metrics.date')}</Table.Th>
            <Table.Th scope="col">{t('plan.metrics.value')}</Table.Th>
            <Table.Th scope="col">{t('plan.metrics.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...metric.measurements]
            .sort((a, b) => b.date.localeCompare(a.date))
            .map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{formatDate(m.date)}</Table.Td>
                <Table.Td>
                  {formatNumber(m.value)} {metric.unit}
                </Table.Td>
                <Table.Td className="break-anywhere">{m.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function RecordMeasurement({ planId, metric }: { planId: string; metric: Metric }) {
  const { t } = useTranslation();
  const record = useRecordMeasurement(planId);
  const [date, setDate] = useState(todayIso());
  const [value, setValue] = useState<string | number>('');
  const [note, setNote] = useState('');
  const [clientError, setClientError] = useState<string | undefined>();
  const errors = useFieldErrors(record.error);
  const errorMessage = useErrorMessage();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value === '' || Number.isNaN(Number(value))) {
      setClientError(t('validation.number'));
      return;
    }
    setClientError(undefined);
    record.mutate(
      { metricId: metric.id, date, value: Number(value), note: note.trim() || undefined },
      {
        onSuccess: () => {
          setValue('');
          setNote('');
          notifications.show({ color: 'teal', message: t('plan.metrics.recorded') });
        },
      },
    );
  };
  const unmatched = errors.unmatched(['date', 'value', 'note']);
  return (
    <form onSubmit={submit} aria-label={t('plan.metrics.recordFor', { name: metric.name })}>
      <UnsavedChangesGuard when={value !== '' || note !== ''} />
      <Text fw={700} size="sm" mt="md" mb={4}>
        {t('plan.metrics.record')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
        <DateField
          label={t('plan.metrics.date')}
          value={date}
          onChange={(value) => setDate(value)}
          error={errors('date')}
          required
        />
        <NumberInput
          label={`${t('plan.metrics.value')}${metric.unit ? ` (${metric.unit})` : ''}`}
          value={value}
          onChange={setValue}
          error={clientError ?? errors('value')}
          decimalScale={4}
          required
        />
        <TextInput
          label={t('plan.metrics.note')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors('note')}
        />
        <Button type="submit" loading={record.isPending} mt={{ base: 0, md: 24 }}>
          {t('plan.metrics.save')}
        </Button>
      </SimpleGrid>
      {(unmatched.length > 0 || (record.error && !errors.hasAny)) && (
        <Text c="red.9" size="sm" role="alert" mt={4}>
          {unmatched.length > 0 ? unmatched.join('; ') : errorMessage(record.error)}
        </Text>
      )}
    </form>
  );
}

function SuccessCriteria({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const update = useUpdateSuccessCriterion(plan.id);
  const errorMessage = useErrorMessage();
  const met = plan.successCriteria.filter((c) => c.isMet).length;
  const canTick = plan.permissions.canRecordProgress;
  return (
    <SectionCard title={plan.headings.successCriteriaList} id="success-criteria">
      <Text size="sm" c="dimmed">
        {t('plan.criteria.count', { met, total: plan.successCriteria.length })}
      </Text>
      <Stack gap={6}>
        {plan.successCriteria.map((c) => (
          <Checkbox
            key={c.id}
            checked={c.isMet}
            disabled={!canTick || update.isPending}
            onChange={(event) => update.mutate({ id: c.id, seen: c, isMet: event.currentTarget.checked })}
            label={c.text}
            description={
              c.isMet && c.checkedByName
                ? t('plan.criteria.checkedBy', { name: c.checkedByName, date: formatDateTime(c.checkedAt) })
                : undefined
            }
          />
        ))}
      </Stack>
      {update.error && (
        <Text c="red.9" size="sm" role="alert">
          {errorMessage(update.error)}
        </Text>
      )}
    </SectionCard>
  );
}
