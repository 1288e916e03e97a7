// Recording a held check-in: notes, private notes, a summary (reviews and the final evaluation), ratings per focus
// area and overall, measurements of the metrics and action items; every server error shown beside its field or,
// when it has none on screen, listed above the form.
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRatedCheckIn, isSummarisedCheckIn } from '../../../../../../src/domain/plan/check-ins.ts';
import { type CheckIn, type CheckInUpdate, useUpdateCheckIn } from '../../../../api/check-ins.ts';
import { isStaleWrite } from '../../../../api/concurrency.ts';
import type { FocusArea, Metric } from '../../../../api/types.ts';
import { DateField } from '../../../../ui/date-field.tsx';
import { useFieldErrors } from '../../../../ui/field-errors.ts';
import { formatNumber } from '../../../../ui/format.ts';
import { useErrorMessage } from '../../../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../../../ui/unsaved-changes-guard.tsx';

type Rating = { rating: string | null; status: 'onTrack' | 'atRisk' | 'offTrack' | null };

export function RecordHeldForm({
  checkIn,
  planId,
  focusAreas,
  metrics,
  onDone,
}: {
  checkIn: CheckIn;
  planId: string;
  focusAreas: FocusArea[];
  metrics: Metric[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateCheckIn(planId);
  const errors = useFieldErrors(update.error);
  const errorMessage = useErrorMessage();
  // The version this form is based on: saving says "only if it is still this one".
  const [seen, setSeen] = useState(checkIn);
  const [notes, setNotes] = useState('');
  const [privateNotes, setPrivateNotes] = useState('');
  const [summary, setSummary] = useState('');
  const [overall, setOverall] = useState<string | null>(null);
  const [ratings, setRatings] = useState<Record<string, Rating>>({});
  const [actions, setActions] = useState<{ text: string; dueDate: string }[]>([]);
  const [values, setValues] = useState<Record<string, string | number>>({});
  const isRated = isRatedCheckIn(checkIn.type);
  const isSummarised = isSummarisedCheckIn(checkIn.type);
  const ratingOptions = ['1', '2', '3', '4', '5'].map((v) => ({
    value: v,
    label: t('checkIns.ratingValue', { rating: v }),
  }));
  const statusOptions = (['onTrack', 'atRisk', 'offTrack'] as const).map((s) => ({
    value: s,
    label: t(`plan.metrics.status.${s}`),
  }));
  // Which focus area each sent rating is, so an error at ratings/N lands beside the right field.
  const ratedAreas = focusAreas.filter((a) => ratings[a.id]?.rating);
  const measuredMetrics = metrics.filter((m) => values[m.id] !== undefined && values[m.id] !== '');
  const isDirty = Boolean(notes || privateNotes || summary || overall || ratedAreas.length || actions.length);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: CheckInUpdate = {
      status: 'held',
      notes: notes.trim() || null,
      ...(checkIn.type !== 'mentor_session' && privateNotes.trim()
        ? { privateNotes: privateNotes.trim() }
        : {}),
      ...(isSummarised && summary.trim() ? { summary: summary.trim() } : {}),
      ...(overall ? { overallRating: Number(overall) } : {}),
      ...(ratedAreas.length
        ? {
            ratings: ratedAreas.map((a) => ({
              focusAreaId: a.id,
              rating: Number(ratings[a.id].rating),
              ...(ratings[a.id].status ? { status: ratings[a.id].status ?? undefined } : {}),
            })),
          }
        : {}),
      ...(actions.some((a) => a.text.trim())
        ? {
            actionItems: actions
              .filter((a) => a.text.trim())
              .map((a) => ({ text: a.text.trim(), dueDate: a.dueDate || null })),
          }
        : {}),
      ...(measuredMetrics.length
        ? {
            measurements: measuredMetrics.map((m) => ({
              metricId: m.id,
              value: Number(values[m.id]),
              date: checkIn.localDate,
            })),
          }
        : {}),
    };
    update.mutate(
      { id: checkIn.id, seen, ...body },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('checkIns.recorded') });
          onDone();
        },
        onError: (error) => {
          if (isStaleWrite<CheckIn>(error) && error.latest) setSeen(error.latest);
        },
      },
    );
  };
  const ratingError = (areaId: string, field: 'rating' | 'status') => {
    const index = ratedAreas.findIndex((a) => a.id === areaId);
    return index >= 0 ? errors(`ratings.${index}.${field}`) : undefined;
  };
  // Every server error reaches the person: those with no input on screen are listed above the form, in words.
  const isPrivateNotesOffered = checkIn.type !== 'mentor_session';
  const unmatched = errors
    .unmatchedEntries([
      'notes',
      ...(isPrivateNotesOffered ? ['privateNotes'] : []),
      ...(isSummarised ? ['summary'] : []),
      'overallRating',
      'ratings.*.rating',
      'ratings.*.status',
      'actionItems.*.text',
      'actionItems.*.dueDate',
      'measurements.*.value',
    ])
    .map(([path, message]) => {
      const [head, index, field] = path.split('.');
      const n = Number(index);
      let where = path;
      if (head === 'measurements' && Number.isInteger(n))
        where = t('editflow.checkIns.errorAt.measurement', {
          metric: measuredMetrics[n]?.name ?? n + 1,
          field: t(
            `editflow.checkIns.errorAt.fields.${field === 'date' ? 'date' : field === 'value' ? 'value' : 'other'}`,
          ),
        });
      else if (head === 'ratings' && Number.isInteger(n))
        where = t('editflow.checkIns.errorAt.rating', { area: ratedAreas[n]?.title ?? n + 1 });
      else if (head === 'actionItems' && Number.isInteger(n))
        where = t('editflow.checkIns.errorAt.action', { n: n + 1 });
      else if (!path) where = '';
      return where ? `${where}: ${message}` : message;
    });
  return (
    <form
      onSubmit={submit}
      aria-label={t('checkIns.recordFor', { name: t(`checkIns.types.${checkIn.type}`) })}
    >
      <UnsavedChangesGuard when={isDirty && !update.isPending} />
      <Stack gap="sm" mt="sm">
        {(unmatched.length > 0 || (update.error && !errors.hasAny)) && (
          <div role="alert" data-testid="check-in-errors">
            <Text c="red.9" size="sm" fw={700}>
              {t('editflow.checkIns.notSaved')}
            </Text>
            {unmatched.length > 0 ? (
              <ul style={{ margin: 0 }}>
                {unmatched.map((m) => (
                  <li key={m}>
                    <Text c="red.9" size="sm">
                      {m}
                    </Text>
                  </li>
                ))}
              </ul>
            ) : (
              <Text c="red.9" size="sm">
                {errorMessage(update.error)}
              </Text>
            )}
          </div>
        )}
        <Textarea
          label={t('checkIns.notes')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors('notes')}
          autosize
          minRows={3}
          data-autofocus
        />
        {/* The mentor writes the session's notes: private notes (manager and HR only) are not theirs to keep. */}
        {isPrivateNotesOffered && (
          <Textarea
            label={t('checkIns.privateNotes')}
            description={t('checkIns.privateNotesHint')}
            value={privateNotes}
            onChange={(e) => setPrivateNotes(e.currentTarget.value)}
            error={errors('privateNotes')}
            autosize
            minRows={2}
          />
        )}
        {isSummarised && (
          <Textarea
            label={t('checkIns.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={errors('summary')}
            autosize
            minRows={2}
          />
        )}
        {focusAreas.length > 0 && (
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Text component="legend" size="sm" fw={500}>
              {t('checkIns.ratings')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {isRated ? t('checkIns.ratingsRequired') : t('checkIns.ratingsOptional')}
            </Text>
            <Stack gap="xs">
              {focusAreas.map((area) => (
                <SimpleGrid key={area.id} cols={{ base: 1, sm: 2 }} spacing="xs">
                  <Select
                    label={t('checkIns.ratingFor', { title: area.title })}
                    data={ratingOptions}
                    value={ratings[area.id]?.rating ?? null}
                    onChange={(rating) =>
                      setRatings((r) => ({ ...r, [area.id]: { status: r[area.id]?.status ?? null, rating } }))
                    }
                    clearable
                    error={ratingError(area.id, 'rating')}
                    clearButtonProps={{ 'aria-label': t('common.clear') }}
                  />
                  <Select
                    label={t('checkIns.statusFor', { title: area.title })}
                    data={statusOptions}
                    value={ratings[area.id]?.status ?? null}
                    onChange={(status) =>
                      setRatings((r) => ({
                        ...r,
                        [area.id]: { rating: r[area.id]?.rating ?? null, status: status as Rating['status'] },
                      }))
                    }
                    clearable
                    error={ratingError(area.id, 'status')}
                    clearButtonProps={{ 'aria-label': t('common.clear') }}
                  />
                </SimpleGrid>
              ))}
              <Select
                label={t('checkIns.overall')}
                data={ratingOptions}
                value={overall}
                onChange={setOverall}
                clearable
                error={errors('overallRating')}
                maw={260}
                clearButtonProps={{ 'aria-label': t('common.clear') }}
              />
            </Stack>
          </fieldset>
        )}
        {metrics.length > 0 && (
          <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Text component="legend" size="sm" fw={500}>
              {t('checkIns.measurements')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {metrics.map((m) => {
                const index = measuredMetrics.findIndex((x) => x.id === m.id);
                return (
                  <NumberInput
                    key={m.id}
                    label={`${m.name}${m.unit ? ` (${m.unit})` : ''}`}
                    description={t('checkIns.currentValue', { value: formatNumber(m.current) })}
                    value={values[m.id] ?? ''}
                    onChange={(value) => setValues((v) => ({ ...v, [m.id]: value }))}
                    decimalScale={4}
                    error={index >= 0 ? errors(`measurements.${index}.value`) : undefined}
                  />
                );
              })}
            </SimpleGrid>
          </fieldset>
        )}
        <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Text component="legend" size="sm" fw={500}>
            {t('checkIns.actionItems')}
          </Text>
          <Stack gap={6}>
            {actions.map((a, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: new action items have no id yet.
              <Group key={i} gap="xs" align="flex-start" wrap="wrap">
                <TextInput
                  label={t('checkIns.actionText', { number: i + 1 })}
                  value={a.text}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    setActions((all) => all.map((x, j) => (j === i ? { ...x, text } : x)));
                  }}
                  error={errors(`actionItems.${i}.text`)}
                  style={{ flex: '1 1 14rem' }}
                />
                <DateField
                  label={t('checkIns.actionDue', { number: i + 1 })}
                  value={a.dueDate}
                  onChange={(value) => {
                    const dueDate = value;
                    setActions((all) => all.map((x, j) => (j === i ? { ...x, dueDate } : x)));
                  }}
                  error={errors(`actionItems.${i}.dueDate`)}
                  w={170}
                />
                <ActionIcon
                  variant="subtle"
                  color="red.8"
                  mt={26}
                  onClick={() => setActions((all) => all.filter((_, j) => j !== i))}
                  aria-label={t('checkIns.removeAction', { number: i + 1 })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Button
              size="xs"
              variant="light"
              w="fit-content"
              onClick={() => setActions((all) => [...all, { text: '', dueDate: '' }])}
            >
              {t('checkIns.addAction')}
            </Button>
          </Stack>
        </fieldset>
        <Group gap="xs">
          <Button type="submit" loading={update.isPending}>
            {t('checkIns.saveHeld')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
