// Appeals against the outcome: the employee lodges one; an HR person other than the one who decided decides it.
import { Alert, Button, Card, Group, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { type Appeal, type AppealDecisionBody, useDecideAppeal, useLodgeAppeal } from '../../api/fairness.ts';
import type { PlanView } from '../../api/types.ts';
import { DateField } from '../../ui/date-field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/states.tsx';

export function AppealsPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const lodge = useLodgeAppeal(plan.id);
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const isEmployee = me.user.employeeId !== null && me.user.employeeId === plan.header.employeeId;
  const hasOpen = plan.appeals.some((a) => a.status === 'open');
  const canAppeal =
    isEmployee && plan.status === 'closed' && plan.outcome?.outcome !== 'cancelled' && !hasOpen;
  const isHr = hasRole(me.user, 'hr_admin', 'hr') && !isEmployee;
  if (!canAppeal && plan.appeals.length === 0) return null;
  return (
    <Card withBorder padding="md" aria-labelledby="appeals-title">
      <Title order={2} size="h4" id="appeals-title" mb="xs">
        {t('appeals.title')}
      </Title>
      <Stack gap="sm">
        {plan.appeals.map((appeal) => (
          <AppealRow
            key={appeal.id}
            plan={plan}
            appeal={appeal}
            canDecide={isHr && appeal.status === 'open' && plan.outcome?.decidedByUserId !== me.user.id}
          />
        ))}
        {canAppeal && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (reason.trim()) lodge.mutate({ reason: reason.trim() }, { onSuccess: () => setReason('') });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('appeals.reason')}
                description={t('appeals.hint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={3}
                error={lodge.error ? errorMessage(lodge.error) : undefined}
              />
              <Button type="submit" loading={lodge.isPending} disabled={!reason.trim()} w="fit-content">
                {t('appeals.lodge')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

function AppealRow({ plan, appeal, canDecide }: { plan: PlanView; appeal: Appeal; canDecide: boolean }) {
  const { t } = useTranslation();
  const decide = useDecideAppeal(plan.id);
  const errorMessage = useErrorMessage();
  const [decision, setDecision] = useState<AppealDecisionBody['decision']>('upheld');
  const [reason, setReason] = useState('');
  const [endDate, setEndDate] = useState('');
  const newOutcome = plan.outcome?.outcome === 'successful' ? 'unsuccessful' : 'successful';
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {formatDateTime(appeal.createdAt)} · {t(`appeals.status.${appeal.status}`)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {appeal.reason}
      </Text>
      {appeal.decision && (
        <Alert color="gray" variant="light" title={t(`appeals.decision.${appeal.decision}`)}>
          <Text size="sm">
            {appeal.decisionReason} — {appeal.decidedByName}, {formatDateTime(appeal.decidedAt)}
          </Text>
        </Alert>
      )}
      {canDecide && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate({
              appealId: appeal.id,
              decision,
              reason: reason.trim(),
              ...(decision === 'changed' ? { outcome: newOutcome } : {}),
              ...(decision === 'extended' ? { endDate } : {}),
            });
          }}
        >
          <Stack gap="xs">
            <Radio.Group
              label={t('appeals.decide')}
              value={decision}
              onChange={(v) => setDecision(v as AppealDecisionBody['decision'])}
            >
              <Group mt={4}>
                <Radio value="upheld" label={t('appeals.decision.upheld')} />
                <Radio
                  value="changed"
                  label={t('appeals.changeTo', { outcome: t(`close.outcomes.${newOutcome}`) })}
                />
                <Radio value="extended" label={t('appeals.decision.extended')} />
              </Group>
            </Radio.Group>
            {decision === 'extended' && (
              <DateField
                label={t('appeals.endDate')}
                value={endDate}
                onChange={(value) => setEndDate(value)}
                required
              />
            )}
            <Textarea
              label={t('appeals.decisionReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
              required
              error={decide.error ? errorMessage(decide.error) : undefined}
            />
            <Button type="submit" loading={decide.isPending} disabled={!reason.trim()} w="fit-content">
              {t('appeals.submitDecision')}
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
