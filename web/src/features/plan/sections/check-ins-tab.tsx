// Check-ins: the schedule from the plan's cadence; each held (notes, ratings, actions, measurements),
// missed, cancelled or moved; the employee's comments on what was held.
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../../api/auth.ts';
import {
  type CheckIn,
  type CheckInUpdate,
  useCheckIns,
  useCreateCheckIn,
  useUpdateCheckIn,
} from '../../../api/check-ins.ts';
import { isStaleWrite } from '../../../api/concurrency.ts';
import type { FocusArea, Metric, PlanView } from '../../../api/types.ts';
import { DateField } from '../../../ui/date-field.tsx';
import { type FieldErrorLookup, useFieldErrors } from '../../../ui/field-errors.ts';
import { formatDate, formatDateTime, formatNumber, parseInstant } from '../../../ui/format.ts';
import { EmptyState, QueryState, useErrorMessage } from '../../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../../ui/unsaved-changes-guard.tsx';

const statusColor: Record<CheckIn['status'], string> = {
  scheduled: 'indigo',
  held: 'teal',
  missed: 'red',
  cancelled: 'gray',
};
const types: CheckIn['type'][] = [
  'weekly_checkin',
  'biweekly_assessment',
  'monthly_review',
  'mentor_session',
  'final_evaluation',
];
const ratedTypes = new Set<CheckIn['type']>(['biweekly_assessment', 'monthly_review', 'final_evaluation']);
const summarisedTypes = new Set<CheckIn['type']>(['monthly_review', 'final_evaluation']);

/** When the check-in is scheduled, in milliseconds (the API's timestamps come in more than one format). */
const at = (checkIn: CheckIn) => parseInstant(checkIn.scheduledAt).getTime();

/**
 * When a held meeting took place is its own date and time (a past meeting is recorded later); when it was
 * recorded is said apart, and only if it was well after the meeting.
 */
function heldLine(checkIn: CheckIn, t: TFunction): string {
  if (checkIn.status !== 'held') return '';
  const held = ` · ${t('checkIns.heldAt', { date: `${formatDate(checkIn.localDate)} ${checkIn.localTime}` })}`;
  if (!checkIn.heldAt) return held;
  const end = at(checkIn) + checkIn.durationMinutes * 60_000;
  const isRecordedLater = parseInstant(checkIn.heldAt).getTime() - end > 60 * 60_000;
  return isRecordedLater
    ? `${held} · ${t('forms.checkIns.recordedAt', { date: formatDateTime(checkIn.heldAt) })}`
    : held;
}

type PanelProps = {
  planId: string;
  focusAreas: FocusArea[];
  metrics: Metric[];
  canRecord: boolean;
  /** Add check-ins outside the cadence (manager and HR). */
  canAdd?: boolean;
  isEmployee: boolean;
};

export function CheckInsTab({ plan }: { plan: PlanView }) {
  const { user } = useCurrentUser();
  return (
    <CheckInsPanel
      planId={plan.id}
      focusAreas={plan.focusAreas}
      metrics={plan.metrics}
      canRecord={plan.permissions.canRecordProgress}
      isEmployee={user.employeeId === plan.header.employeeId}
    />
  );
}

export function CheckInsPanel({
  planId,
  focusAreas,
  metrics,
  canRecord,
  canAdd = canRecord,
  isEmployee,
}: PanelProps) {
  const { t } = useTranslation();
  const checkIns = useCheckIns(planId);
  const [showAllUpcoming, setShowAllUpcoming] = useState(false);
  const now = Date.now();
  return (
    <QueryState query={checkIns}>
      {(data) => {
        const items = [...data.items].sort((a, b) => at(a) - at(b));
        const due = items.filter((c) => c.status === 'scheduled' && at(c) <= now);
        const upcoming = items.filter((c) => c.status === 'scheduled' && at(c) > now);
        const past = items.filter((c) => c.status !== 'scheduled').reverse();
        const card = (c: CheckIn) => (
          <CheckInCard
            key={c.id}
            checkIn={c}
            planId={planId}
            focusAreas={focusAreas}
            metrics={metrics}
            canRecord={canRecord}
            isEmployee={isEmployee}
          />
        );
        return (
          <Stack gap="lg">
            {items.length === 0 && (
              <EmptyState title={t('checkIns.empty')} description={t('checkIns.emptyHint')} />
            )}
            {due.length > 0 && (
              <section aria-labelledby="check-ins-due">
                <Title order={2} size="h4" id="check-ins-due" mb="xs">
                  {t('checkIns.dueNow')}
                </Title>
                <Stack gap="sm">{due.map(card)}</Stack>
              </section>
            )}
            {upcoming.length > 0 && (
              <section aria-labelledby="check-ins-upcoming">
                <Title order={2} size="h4" id="check-ins-upcoming" mb="xs">
                  {t('checkIns.upcoming')}
                </Title>
                <Stack gap="sm">{(showAllUpcoming ? upcoming : upcoming.slice(0, 4)).map(card)}</Stack>
                {upcoming.length > 4 && (
                  <Button variant="subtle" mt="xs" onClick={() => setShowAllUpcoming((v) => !v)}>
                    {showAllUpcoming
                      ? t('checkIns.showFewer')
                      : t('checkIns.showAll', { count: upcoming.length })}
                  </Button>
                )}
              </section>
            )}
            {past.length > 0 && (
              <section aria-labelledby="check-ins-past">
                <Title order={2} size="h4" id="check-ins-past" mb="xs">
                  {t('checkIns.past')}
                </Title>
                <Stack gap="sm">{past.map(card)}</Stack>
              </section>
            )}
            {canAdd && <AddCheckIn planId={planId} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}

type Mode = 'held' | 'missed' | 'cancelled' | 'move' | 'comment' | null;

function CheckInCard({
  checkIn,
  planId,
  focusAreas,
  metrics,
  canRecord,
  isEmployee,
}: { checkIn: CheckIn } & Omit<PanelProps, 'canAdd'>) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>(null);
  const titleId = `check-in-${checkIn.id}`;
  // A check-in is held or missed once its time has come; before that it can only be moved or cancelled.
  const isDue = at(checkIn) <= Date.now();
  const areaTitle = (id: string) => focusAreas.find((a) => a.id === id)?.title ?? '—';
  return (
    <Card withBorder padding="sm" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text fw={700} size="sm" id={titleId}>
            {t(`checkIns.types.${checkIn.type}`)} · {formatDate(checkIn.localDate)} {checkIn.localTime}
          </Text>
          <Text size="xs" c="dimmed">
            {t('checkIns.minutes', { count: checkIn.durationMinutes })} · {checkIn.timeZone}
            {heldLine(checkIn, t)}
          </Text>
        </div>
        <Group gap="xs">
          {checkIn.isRescheduled && (
            <Badge color="gray.8" variant="outline">
              {t('checkIns.rescheduled')}
            </Badge>
          )}
          <Badge color={statusColor[checkIn.status]} variant="light">
            {t(`checkIns.statuses.${checkIn.status}`)}
          </Badge>
        </Group>
      </Group>
      {checkIn.summary && (
        <Text size="sm" mt={6} className="pre-line">
          <Text span fw={700} size="sm">
            {t('checkIns.summary')}:
          </Text>{' '}
          {checkIn.summary}
        </Text>
      )}
      {checkIn.notes && (
        <Text size="sm" mt={6} className="pre-line">
          {checkIn.notes}
        </Text>
      )}
      {checkIn.privateNotes && (
        <Text size="sm" mt={6} className="pre-line" c="grape.9">
          <Text span fw={700} size="sm">
            {t('checkIns.privateNotes')}:
          </Text>{' '}
          {checkIn.privateNotes}
        </Text>
      )}
      {(checkIn.ratings.length > 0 || checkIn.overallRating !== null) && (
        <List size="sm" mt={6} spacing={2}>
          {checkIn.ratings.map((r) => (
            <List.Item key={r.focusAreaId}>
              {areaTitle(r.focusAreaId)}: {t('checkIns.ratingValue', { rating: r.rating })} ·{' '}
              {t(`plan.metrics.status.${r.status}`)}
            </List.Item>
          ))}
          {checkIn.overallRating !== null && (
            <List.Item>
              <Text span fw={700} size="sm">
                {t('checkIns.overall')}
              </Text>
              : {t('checkIns.ratingValue', { rating: checkIn.overallRating })}
            </List.Item>
          )}
        </List>
      )}
      {checkIn.actionItems.length > 0 && (
        <>
          <Text size="sm" fw={700} mt={6}>
            {t('checkIns.actionItems')}
          </Text>
          <List size="sm" spacing={2}>
            {checkIn.actionItems.map((a) => (
              <List.Item key={a.id}>
                {a.isDone ? '✓ ' : ''}
                {a.text}
                {a.dueDate ? ` (${formatDate(a.dueDate)})` : ''}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {checkIn.employeeComments && (
        <Text size="sm" mt={6} className="pre-line">
          <Text span fw={700} size="sm">
            {t('checkIns.employeeComments')}:
          </Text>{' '}
          {checkIn.employeeComments}
        </Text>
      )}
      {checkIn.reason && (
        <Text size="sm" mt={6}>
          <Text span fw={700} size="sm">
            {t('actions.reason')}:
          </Text>{' '}
          {checkIn.reason}
        </Text>
      )}
      {mode === null && (
        <Group gap="xs" mt="xs">
          {canRecord && checkIn.status === 'scheduled' && (
            <>
              {isDue && (
                <>
                  <Button size="xs" onClick={() => setMode('held')}>
                    {t('checkIns.recordHeld')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setMode('missed')}>
                    {t('checkIns.recordMissed')}
                  </Button>
                </>
              )}
              <Button size="xs" variant="subtle" onClick={() => setMode('move')}>
                {t('checkIns.move')}
              </Button>
              <Button size="xs" variant="subtle" color="red.8" onClick={() => setMode('cancelled')}>
                {t('checkIns.cancel')}
              </Button>
            </>
          )}
          {isEmployee && checkIn.status === 'held' && (
            <Button size="xs" variant="light" onClick={() => setMode('comment')}>
              {checkIn.employeeComments ? t('checkIns.editComments') : t('checkIns.addComments')}
            </Button>
          )}
        </Group>
      )}
      {mode === 'held' && (
        <RecordHeldForm
          checkIn={checkIn}
          planId={planId}
          focusAreas={focusAreas}
          metrics={metrics}
          onDone={() => setMode(null)}
        />
      )}
      {(mode === 'missed' || mode === 'cancelled' || mode === 'move' || mode === 'comment') && (
        <ShortForm checkIn={checkIn} planId={planId} mode={mode} onDone={() => setMode(null)} />
      )}
    </Card>
  );
}

type Rating = { rating: string | null; status: 'onTrack' | 'atRisk' | 'offTrack' | null };

function RecordHeldForm({
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
  const isRated = ratedTypes.has(checkIn.type);
  const isSummarised = summarisedTypes.has(checkIn.type);
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

/** Missed, cancelled (a reason), moved (a new time and a reason), or the employee's comments. */
function ShortForm({
  checkIn,
  planId,
  mode,
  onDone,
}: {
  checkIn: CheckIn;
  planId: string;
  mode: 'missed' | 'cancelled' | 'move' | 'comment';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateCheckIn(planId);
  const errors: FieldErrorLookup = useFieldErrors(update.error);
  const errorMessage = useErrorMessage();
  const [seen, setSeen] = useState(checkIn);
  const [text, setText] = useState(mode === 'comment' ? (checkIn.employeeComments ?? '') : '');
  const [when, setWhen] = useState(`${checkIn.localDate}T${checkIn.localTime}`);
  const [touched, setTouched] = useState(false);
  const field = mode === 'comment' ? 'employeeComments' : 'reason';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!text.trim()) return;
    const body: CheckInUpdate =
      mode === 'comment'
        ? { employeeComments: text.trim() }
        : mode === 'move'
          ? { scheduledAt: new Date(when).toISOString(), reason: text.trim() }
          : { status: mode, reason: text.trim() };
    update.mutate(
      { id: checkIn.id, seen, ...body },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (isStaleWrite<CheckIn>(error) && error.latest) setSeen(error.latest);
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="xs" mt="sm">
        {mode === 'move' && (
          <DateField
            withTime
            label={t('checkIns.newTime')}
            value={when}
            onChange={setWhen}
            error={errors('scheduledAt')}
            maw={260}
            required
          />
        )}
        <Textarea
          label={mode === 'comment' ? t('checkIns.employeeComments') : t('actions.reason')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={(touched && !text.trim() ? t('validation.required') : undefined) ?? errors(field)}
          autosize
          minRows={2}
          required
          data-autofocus
        />
        {update.error && !errors.hasAny && (
          <Text c="red.9" size="sm" role="alert">
            {errorMessage(update.error)}
          </Text>
        )}
        <Group gap="xs">
          <Button
            type="submit"
            size="xs"
            loading={update.isPending}
            color={mode === 'cancelled' ? 'red' : undefined}
          >
            {t(`checkIns.submit.${mode}`)}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddCheckIn({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const create = useCreateCheckIn(planId);
  const record = useUpdateCheckIn(planId);
  const errors = useFieldErrors(create.error ?? record.error);
  const errorMessage = useErrorMessage();
  const [type, setType] = useState<CheckIn['type']>('weekly_checkin');
  const [when, setWhen] = useState('');
  const [minutes, setMinutes] = useState<string | number>(60);
  const [touched, setTouched] = useState(false);
  // A meeting that already happened: added with its past date and recorded as held in one go.
  const [isPast, setIsPast] = useState(false);
  const isPastMissing = isPast && Boolean(when) && new Date(when).getTime() > Date.now();
  const done = () => {
    setWhen('');
    setTouched(false);
    setIsPast(false);
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-check-in">
      <Title order={2} size="h4" id="add-check-in" mb="xs">
        {t('checkIns.add')}
      </Title>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!when || isPastMissing) return;
          create.mutate(
            {
              type,
              scheduledAt: new Date(when).toISOString(),
              durationMinutes: Number(minutes) || undefined,
            },
            {
              onSuccess: (created) => {
                if (!isPast) return done();
                record.mutate(
                  { id: created.id, seen: created, status: 'held' },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('meeting.checkIns.recordedPast') });
                      done();
                    },
                  },
                );
              },
            },
          );
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('checkIns.type')}
            data={types.map((value) => ({ value, label: t(`checkIns.types.${value}`) }))}
            value={type}
            onChange={(value) => setType((value ?? 'weekly_checkin') as CheckIn['type'])}
            allowDeselect={false}
            error={errors('type')}
          />
          <DateField
            withTime
            label={t('checkIns.when')}
            value={when}
            onChange={setWhen}
            error={
              (touched && !when ? t('validation.required') : undefined) ??
              (touched && isPastMissing ? t('meeting.checkIns.mustBePast') : undefined) ??
              errors('scheduledAt')
            }
            required
          />
          <NumberInput
            label={t('wizard.support.duration')}
            value={minutes}
            onChange={setMinutes}
            min={5}
            max={480}
            step={15}
            error={errors('durationMinutes')}
          />
        </SimpleGrid>
        <Checkbox
          mt="sm"
          label={t('meeting.checkIns.alreadyHappened')}
          description={t('meeting.checkIns.alreadyHappenedHint')}
          checked={isPast}
          onChange={(e) => setIsPast(e.currentTarget.checked)}
        />
        {(create.error ?? record.error) && !errors.hasAny && (
          <Text c="red.9" size="sm" role="alert" mt="xs">
            {errorMessage(create.error ?? record.error)}
          </Text>
        )}
        <Button type="submit" variant="light" mt="sm" loading={create.isPending || record.isPending}>
          {isPast ? t('meeting.checkIns.recordPast') : t('checkIns.addButton')}
        </Button>
      </form>
    </Card>
  );
}
