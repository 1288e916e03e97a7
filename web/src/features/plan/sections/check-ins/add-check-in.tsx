// Adding a check-in outside the cadence: its type, time and length, or a meeting that already happened, added and
// recorded as held in one go.
import { Button, Card, Checkbox, NumberInput, Select, SimpleGrid, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkInTypes } from '../../../../../../src/domain/plan/check-ins.ts';
import { type CheckIn, useCreateCheckIn, useUpdateCheckIn } from '../../../../api/check-ins.ts';
import { DateField } from '../../../../ui/date-field.tsx';
import { useFieldErrors } from '../../../../ui/field-errors.ts';
import { useErrorMessage } from '../../../../ui/states.tsx';

export function AddCheckIn({ planId }: { planId: string }) {
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
            data={checkInTypes.map((value) => ({ value, label: t(`checkIns.types.${value}`) }))}
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
