// One check-in: when, its status, what was recorded, and the buttons that open the form to record, move or cancel
// it (or, for the employee, to comment on it).
import { Badge, Button, Card, Group, List, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckIn } from '../../../../api/check-ins.ts';
import type { FocusArea, Metric } from '../../../../api/types.ts';
import { formatDate } from '../../../../ui/format.ts';
import { at, heldLine } from './check-in-times.ts';
import { RecordHeldForm } from './record-held-form.tsx';
import { ShortForm } from './short-form.tsx';

export type CheckInCardProps = {
  checkIn: CheckIn;
  planId: string;
  focusAreas: FocusArea[];
  metrics: Metric[];
  canRecord: boolean;
  isEmployee: boolean;
};

const statusColor: Record<CheckIn['status'], string> = {
  scheduled: 'indigo',
  held: 'teal',
  missed: 'red',
  cancelled: 'gray',
};

type Mode = 'held' | 'missed' | 'cancelled' | 'move' | 'comment' | null;

export function CheckInCard({
  checkIn,
  planId,
  focusAreas,
  metrics,
  canRecord,
  isEmployee,
}: CheckInCardProps) {
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
