// An accommodation request on the plan page: the employee asks for one (the plan pauses and HR is told, in
// confidence), HR resolves it. Its words show only to those the API returns them to (HR, auditors, the employee).
import { Badge, Button, Card, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { api } from '../../api/client.ts';
import { planKey } from '../../api/plans.ts';
import type { PlanView } from '../../api/types.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/states.tsx';

const requestable = new Set(['draft', 'in_review', 'awaiting_acknowledgment', 'active', 'paused']);
/** The employee sees the plan from the moment it is sent for acknowledgment. */
const employeeRequestable = new Set(['awaiting_acknowledgment', 'active', 'paused']);
type Decision = 'granted' | 'declined' | 'withdrawn';

function useAccommodationWrite<TBody>(planId: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => api.post<PlanView>(`/api/v1/plans/${planId}/${path}`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(planId) });
      void queryClient.invalidateQueries({ queryKey: ['plan-extra', planId] });
    },
  });
}

export function AccommodationPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const accommodation = plan.procedure.accommodation;
  const isEmployee = user.employeeId !== null && user.employeeId === plan.header.employeeId;
  const isPlanHr =
    !isEmployee &&
    (hasRole(user, 'hr_admin') || (hasRole(user, 'hr') && plan.header.hrRepUserId === user.id));
  const isWaiting = accommodation?.status === 'requested' && !accommodation.resolution;
  const canRequest =
    (isEmployee ? employeeRequestable : isPlanHr ? requestable : new Set<string>()).has(plan.status) &&
    !isWaiting;
  const isRequested = accommodation?.status === 'requested';
  const [isAsking, setIsAsking] = useState(false);
  if (!isRequested && !canRequest) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="accommodation-title">
      <Title order={2} size="h4" id="accommodation-title" mb="xs">
        {t('forms.accommodation.title')}
      </Title>
      <Stack gap="sm">
        {isRequested && accommodation && (
          <Stack gap={4}>
            <Group gap="xs">
              <Badge
                variant="light"
                color={
                  !accommodation.resolution
                    ? 'orange'
                    : accommodation.resolution.decision === 'granted'
                      ? 'teal'
                      : 'gray'
                }
              >
                {accommodation.resolution
                  ? t(`forms.accommodation.decisions.${accommodation.resolution.decision}`)
                  : t('forms.accommodation.waiting')}
              </Badge>
              {accommodation.resolution && (
                <Text size="xs" c="dimmed">
                  {t('forms.accommodation.decidedBy', {
                    name: accommodation.resolution.decidedByName,
                    date: formatDateTime(accommodation.resolution.decidedAt),
                  })}
                </Text>
              )}
            </Group>
            {accommodation.details ? (
              <Text size="sm" className="pre-line" data-testid="accommodation-details">
                {accommodation.details}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('forms.accommodation.confidential')}
              </Text>
            )}
            {accommodation.resolution?.note && (
              <Text size="sm" className="pre-line">
                <Text span fw={700} size="sm">
                  {t('forms.accommodation.note')}:
                </Text>{' '}
                {accommodation.resolution.note}
              </Text>
            )}
          </Stack>
        )}
        {isWaiting && isPlanHr && <ResolveForm planId={plan.id} />}
        {canRequest &&
          (isAsking ? (
            <RequestForm planId={plan.id} isEmployee={isEmployee} onDone={() => setIsAsking(false)} />
          ) : (
            <Button variant="default" w="fit-content" onClick={() => setIsAsking(true)}>
              {isEmployee ? t('forms.accommodation.ask') : t('forms.accommodation.askOnBehalf')}
            </Button>
          ))}
      </Stack>
    </Card>
  );
}

function RequestForm({
  planId,
  isEmployee,
  onDone,
}: {
  planId: string;
  isEmployee: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const request = useAccommodationWrite<{ details: string }>(planId, 'accommodation-request');
  const errors = useFieldErrors(request.error);
  const errorMessage = useErrorMessage();
  const [details, setDetails] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!details.trim()) return;
    request.mutate(
      { details: details.trim() },
      {
        onSuccess: () => {
          setDetails('');
          setTouched(false);
          notifications.show({ color: 'teal', message: t('forms.accommodation.requested') });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={isEmployee ? t('forms.accommodation.ask') : t('forms.accommodation.askOnBehalf')}
          description={t('forms.accommodation.askHint')}
          value={details}
          onChange={(e) => setDetails(e.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={2000}
          required
          data-autofocus
          autoFocus
          error={(touched && !details.trim() ? t('validation.required') : undefined) ?? errors('details')}
        />
        {request.error && !errors.hasAny && (
          <Text c="red.9" size="sm" role="alert">
            {errorMessage(request.error)}
          </Text>
        )}
        <Group gap="xs">
          <Button type="submit" loading={request.isPending}>
            {t('forms.accommodation.submit')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResolveForm({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const resolve = useAccommodationWrite<{ decision: Decision; note: string }>(
    planId,
    'accommodation-request/resolution',
  );
  const errors = useFieldErrors(resolve.error);
  const errorMessage = useErrorMessage();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!decision) return;
    resolve.mutate(
      { decision, note: note.trim() },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('forms.accommodation.resolved') }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('forms.accommodation.resolve')}>
      <Stack gap="xs">
        <Radio.Group
          label={t('forms.accommodation.decision')}
          value={decision}
          onChange={(value) => setDecision(value as Decision)}
          required
          error={(touched && !decision ? t('validation.required') : undefined) ?? errors('decision')}
        >
          <Group gap="md" mt={4}>
            {(['granted', 'declined', 'withdrawn'] as const).map((d) => (
              <Radio key={d} value={d} label={t(`forms.accommodation.decisions.${d}`)} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('forms.accommodation.note')}
          description={t('forms.accommodation.noteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
          error={errors('note')}
        />
        {resolve.error && !errors.hasAny && (
          <Text c="red.9" size="sm" role="alert">
            {errorMessage(resolve.error)}
          </Text>
        )}
        <Button type="submit" loading={resolve.isPending} w="fit-content">
          {t('forms.accommodation.resolve')}
        </Button>
      </Stack>
    </form>
  );
}
