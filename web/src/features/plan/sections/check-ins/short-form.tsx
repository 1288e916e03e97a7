// The short forms of a check-in: missed or cancelled with a reason, moved to a new time with a reason, or the
// employee's comments on a held one.
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CheckIn, type CheckInUpdate, useUpdateCheckIn } from '../../../../api/check-ins.ts';
import { isStaleWrite } from '../../../../api/concurrency.ts';
import { DateField } from '../../../../ui/date-field.tsx';
import { type FieldErrorLookup, useFieldErrors } from '../../../../ui/field-errors.ts';
import { useErrorMessage } from '../../../../ui/states.tsx';

/** Missed, cancelled (a reason), moved (a new time and a reason), or the employee's comments. */
export function ShortForm({
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
