// Step 3: the metrics: name, unit, which way is better, baseline and target, and the focus area measured.
import {
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { metricBody } from '../../../../../src/contracts/plans.ts';
import { useAddMetric, useRemoveMetric, useUpdateMetric } from '../../../api/plans.ts';
import type { Metric, PlanView } from '../../../api/types.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { type FieldErrorLookup, fieldErrorsFrom, mergeErrors } from '../../../ui/field-errors.ts';
import { formatNumber } from '../../../ui/format.ts';
import { useErrorMessage } from '../../../ui/states.tsx';
import { zodErrors } from '../../../ui/zod-errors.ts';
import { WizardFooter } from '../wizard-footer.tsx';

type MetricDraft = {
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  baseline: number | string;
  target: number | string;
  focusAreaId: string | null;
};

const toDraft = (m: Metric): MetricDraft => ({
  name: m.name,
  unit: m.unit,
  direction: m.direction,
  baseline: m.baseline,
  target: m.target,
  focusAreaId: m.focusAreaId,
});
const emptyDraft = (focusAreaId: string | null): MetricDraft => ({
  name: '',
  unit: '',
  direction: 'higher',
  baseline: '',
  target: '',
  focusAreaId,
});
const toBody = (d: MetricDraft) => ({
  name: d.name.trim(),
  unit: d.unit.trim(),
  direction: d.direction,
  baseline: d.baseline === '' ? undefined : Number(d.baseline),
  target: d.target === '' ? undefined : Number(d.target),
  focusAreaId: d.focusAreaId,
});

export function MetricsStep({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const update = useUpdateMetric(plan.id);
  const add = useAddMetric(plan.id);
  const remove = useRemoveMetric(plan.id);
  const errorMessage = useErrorMessage();
  const [drafts, setDrafts] = useState<Record<string, MetricDraft>>(() =>
    Object.fromEntries(plan.metrics.map((m) => [m.id, toDraft(m)])),
  );
  const [errorsById, setErrorsById] = useState<Record<string, (path: string) => string | undefined>>({});
  const [isSaving, setIsSaving] = useState(false);
  const [toRemove, setToRemove] = useState<Metric | null>(null);
  const [newMetric, setNewMetric] = useState<MetricDraft>(emptyDraft(plan.focusAreas[0]?.id ?? null));
  const [newErrors, setNewErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setDrafts((current) => Object.fromEntries(plan.metrics.map((m) => [m.id, current[m.id] ?? toDraft(m)])));
  }, [plan.metrics]);

  const areaOptions = plan.focusAreas.map((a) => ({ value: a.id, label: a.title }));
  const changed = plan.metrics.filter(
    (m) => drafts[m.id] && JSON.stringify(drafts[m.id]) !== JSON.stringify(toDraft(m)),
  );

  const save = async (): Promise<boolean> => {
    const local: Record<string, (path: string) => string | undefined> = {};
    for (const m of changed) {
      const found = zodErrors(metricBody, toBody(drafts[m.id]), t);
      if (Object.keys(found).length) local[m.id] = (path) => found[path];
    }
    if (Object.keys(local).length) {
      setErrorsById(local);
      return false;
    }
    setIsSaving(true);
    const failures: Record<string, FieldErrorLookup> = {};
    for (const m of changed) {
      try {
        await update.mutateAsync({ id: m.id, seen: m, ...toBody(drafts[m.id]) } as Parameters<
          typeof update.mutateAsync
        >[0]);
      } catch (error) {
        failures[m.id] = fieldErrorsFrom(error);
      }
    }
    setIsSaving(false);
    setErrorsById(failures);
    return Object.keys(failures).length === 0;
  };

  const addMetric = (event: FormEvent) => {
    event.preventDefault();
    const body = toBody(newMetric);
    const found = zodErrors(metricBody, body, t);
    setNewErrors(found);
    if (Object.keys(found).length) return;
    add.mutate(body as Parameters<typeof add.mutate>[0], {
      onSuccess: () => setNewMetric(emptyDraft(newMetric.focusAreaId)),
    });
  };
  const newError = mergeErrors(newErrors, fieldErrorsFrom(add.error));

  return (
    <Stack gap="md">
      <Text size="sm">{t('wizard.metrics.intro')}</Text>
      {plan.metrics.length === 0 && (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('wizard.metrics.empty')}
          </Text>
        </Card>
      )}
      {plan.metrics.map((metric, index) => {
        const d = drafts[metric.id];
        if (!d) return null;
        const errors = errorsById[metric.id] ?? (() => undefined);
        const set = (patch: Partial<MetricDraft>) =>
          setDrafts((all) => ({ ...all, [metric.id]: { ...all[metric.id], ...patch } }));
        return (
          <Card
            key={metric.id}
            withBorder
            padding="md"
            component="section"
            aria-labelledby={`metric-${metric.id}`}
          >
            <Group justify="space-between" mb="sm" wrap="nowrap">
              <Title order={2} size="h4" id={`metric-${metric.id}`}>
                {t('wizard.metrics.number', { number: index + 1 })}: {d.name || t('wizard.metrics.untitled')}
              </Title>
              <Button variant="subtle" color="red.8" size="compact-sm" onClick={() => setToRemove(metric)}>
                {t('common.remove')}
                <span className="visually-hidden"> {d.name}</span>
              </Button>
            </Group>
            <MetricFields draft={d} onChange={set} errors={errors} areaOptions={areaOptions} />
            <Text size="xs" c="dimmed" mt="xs">
              {t('wizard.metrics.computed', {
                current: formatNumber(metric.current),
                gap: formatNumber(metric.gap),
                unit: metric.unit,
              })}
            </Text>
          </Card>
        );
      })}
      <Card withBorder padding="md" component="section" aria-labelledby="new-metric">
        <Title order={2} size="h4" id="new-metric" mb="sm">
          {t('wizard.metrics.add')}
        </Title>
        <form onSubmit={addMetric} noValidate>
          <MetricFields
            draft={newMetric}
            onChange={(patch) => setNewMetric((m) => ({ ...m, ...patch }))}
            errors={newError}
            areaOptions={areaOptions}
          />
          {add.error && !fieldErrorsFrom(add.error).hasAny && (
            <Text c="red.9" size="sm" role="alert" mt="xs">
              {errorMessage(add.error)}
            </Text>
          )}
          <Button type="submit" variant="light" mt="sm" loading={add.isPending}>
            {t('wizard.metrics.addButton')}
          </Button>
        </form>
      </Card>
      <ConfirmDialog
        opened={toRemove !== null}
        title={t('wizard.metrics.removeTitle')}
        message={t('wizard.metrics.removeMessage', { name: toRemove?.name ?? '' })}
        confirmLabel={t('common.remove')}
        color="red"
        isBusy={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => toRemove && remove.mutate(toRemove.id, { onSuccess: () => setToRemove(null) })}
        onClose={() => {
          remove.reset();
          setToRemove(null);
        }}
      />
      <WizardFooter
        planId={plan.id}
        step="metrics"
        isDirty={changed.length > 0 || newMetric.name.trim() !== ''}
        isSaving={isSaving}
        onSave={save}
        error={
          Object.keys(errorsById).length
            ? t('wizard.fixErrors', { items: t('wizard.stepNames.metrics') })
            : null
        }
      />
    </Stack>
  );
}

function MetricFields({
  draft,
  onChange,
  errors,
  areaOptions,
}: {
  draft: MetricDraft;
  onChange: (patch: Partial<MetricDraft>) => void;
  errors: (path: string) => string | undefined;
  areaOptions: { value: string; label: string }[];
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
      <TextInput
        label={t('wizard.metrics.name')}
        value={draft.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={errors('name')}
        required
      />
      <TextInput
        label={t('wizard.metrics.unit')}
        description={t('wizard.metrics.unitHint')}
        value={draft.unit}
        onChange={(e) => onChange({ unit: e.currentTarget.value })}
        error={errors('unit')}
      />
      <Select
        label={t('wizard.metrics.direction')}
        data={[
          { value: 'higher', label: t('plan.metrics.directions.higher') },
          { value: 'lower', label: t('plan.metrics.directions.lower') },
        ]}
        value={draft.direction}
        onChange={(value) => onChange({ direction: (value ?? 'higher') as 'higher' | 'lower' })}
        allowDeselect={false}
        error={errors('direction')}
      />
      <NumberInput
        label={t('wizard.metrics.baseline')}
        description={t('wizard.metrics.baselineHint')}
        value={draft.baseline}
        onChange={(value) => onChange({ baseline: value })}
        error={errors('baseline')}
        decimalScale={4}
        required
      />
      <NumberInput
        label={t('wizard.metrics.target')}
        description={t('wizard.metrics.targetHint')}
        value={draft.target}
        onChange={(value) => onChange({ target: value })}
        error={errors('target')}
        decimalScale={4}
        required
      />
      <Select
        label={t('wizard.metrics.focusArea')}
        description={t('wizard.metrics.focusAreaHint')}
        data={areaOptions}
        value={draft.focusAreaId}
        onChange={(value) => onChange({ focusAreaId: value })}
        clearable
        error={errors('focusAreaId')}
        clearButtonProps={{ 'aria-label': t('common.clear') }}
      />
    </SimpleGrid>
  );
}
