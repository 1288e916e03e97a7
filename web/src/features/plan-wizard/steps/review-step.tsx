// Step 7: review the whole draft, see what still blocks submission, then save it as a draft or submit it.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { useTransition } from '../../../api/plans.ts';
import type { PlanView } from '../../../api/types.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { formatDate, formatMoney, formatNumber } from '../../../ui/format.ts';
import { useErrorMessage } from '../../../ui/states.tsx';
import { ProcedureForm } from '../../fairness/procedure-form.tsx';
import { ReadinessPanel } from '../../fairness/readiness-panel.tsx';
import { stepPath, type WizardStep } from '../plan-wizard-page.tsx';

/** Which step fixes a problem the server named by path. */
const stepOfPath = (path: string): WizardStep =>
  path.includes('metrics') ? 'metrics' : /focusAreas\/.+\//.test(path) ? 'goals' : 'focus-areas';

export function ReviewStep({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const transition = useTransition(plan.id);
  const errorMessage = useErrorMessage();
  const [comment, setComment] = useState('');
  // Submitting first shows what happens next; cancelling leaves the plan as a draft.
  const [isConfirming, setIsConfirming] = useState(false);
  const blocking = [
    ...(plan.focusAreas.length === 0
      ? [{ step: 'focus-areas' as const, text: t('wizard.review.needArea') }]
      : []),
    ...(plan.metrics.length === 0 ? [{ step: 'metrics' as const, text: t('wizard.review.needMetric') }] : []),
    ...plan.focusAreas.flatMap((a) =>
      a.smart.findings
        .filter((f) => f.severity === 'error')
        .map((f) => ({ step: 'goals' as const, text: `${a.title}: ${f.message}` })),
    ),
  ];
  const warnings = plan.focusAreas.flatMap((a) =>
    a.smart.findings.filter((f) => f.severity === 'warning').map((f) => `${a.title}: ${f.message}`),
  );
  const canSubmit = plan.allowedActions.includes('submit');
  const serverErrors = transition.error && isApiError(transition.error) ? transition.error.errors : [];
  const doneActivities = plan.activities.length;

  const submit = async () => {
    setIsConfirming(false);
    try {
      const result = await transition.mutateAsync({ action: 'submit', comment: comment.trim() || undefined });
      notifications.show({
        color: 'teal',
        message:
          result.status === 'awaiting_acknowledgment' ? t('actions.done.approve') : t('actions.done.submit'),
      });
      navigate(`/plans/${plan.id}`);
    } catch {
      // The error is shown below the summary.
    }
  };

  const edit = (step: WizardStep) => (
    <Anchor component={Link} to={stepPath(plan.id, step)} size="sm">
      {t('common.edit')}
      <span className="visually-hidden"> {t(`wizard.stepNames.${step}`)}</span>
    </Anchor>
  );

  return (
    <Stack gap="md">
      <ProcedureForm plan={plan} />
      <ReadinessPanel plan={plan} />
      {blocking.length > 0 ? (
        <Alert color="red" variant="light" title={t('wizard.review.blocking')}>
          <List size="sm" spacing={2}>
            {blocking.map((b) => (
              <List.Item key={b.text}>
                {b.text}{' '}
                <Anchor component={Link} to={stepPath(plan.id, b.step)} size="sm">
                  {t('wizard.review.fix')}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        <Alert color="teal" variant="light" title={t('wizard.review.ready')}>
          {t('wizard.review.readyText')}
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert color="yellow" variant="light" title={t('wizard.review.warnings')}>
          <List size="sm" spacing={2}>
            {warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {t('wizard.stepNames.details')}
            </Title>
            {edit('details')}
          </Group>
          <Text size="sm">
            {plan.header.employeeName} · {plan.header.position}
          </Text>
          <Text size="sm">
            {formatDate(plan.header.startDate)} – {formatDate(plan.header.endDate)} (
            {t('plan.header.weeks', { count: plan.header.durationWeeks })})
          </Text>
          <Text size="sm">
            {plan.headings.hrRepresentative}: {plan.header.hrRepName ?? '—'} · {plan.headings.mentor}:{' '}
            {plan.header.mentorName ?? '—'}
          </Text>
          <Text size="sm">
            {t('wizard.details.language')}: {plan.locale === 'es' ? 'Español' : 'English'}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {t('wizard.stepNames.focus-areas')}
            </Title>
            {edit('focus-areas')}
          </Group>
          <List size="sm" spacing={2}>
            {plan.focusAreas.map((a) => (
              <List.Item key={a.id}>
                {a.title}{' '}
                <Badge size="xs" color={a.smart.isSmart ? 'teal' : 'red'} variant="light">
                  {a.smart.isSmart ? t('plan.smart.ok') : t('plan.smart.notYet')}
                </Badge>
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {t('wizard.stepNames.metrics')}
            </Title>
            {edit('metrics')}
          </Group>
          <List size="sm" spacing={2}>
            {plan.metrics.map((m) => (
              <List.Item key={m.id}>
                {m.name}: {formatNumber(m.baseline)} → {formatNumber(m.target)} {m.unit}
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {t('wizard.stepNames.goals')}
            </Title>
            {edit('goals')}
          </Group>
          <List size="sm" spacing={2}>
            {plan.focusAreas.map((a) => (
              <List.Item key={a.id}>
                <Text span fw={600} size="sm">
                  {a.goalTitle}
                </Text>
                : {a.goal} ({formatDate(a.deadline)})
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {t('wizard.stepNames.development')}
            </Title>
            {edit('development')}
          </Group>
          <Text size="sm">{t('wizard.review.activities', { count: doneActivities })}</Text>
        </Card>
        <Card withBorder padding="md">
          <Group justify="space-between" mb={4}>
            <Title order={2} size="h4">
              {t('wizard.stepNames.support')}
            </Title>
            {edit('support')}
          </Group>
          <Text size="sm">
            {plan.headings.trainingBudget}:{' '}
            {formatMoney(plan.support.budget.total, plan.support.budget.currency)} ·{' '}
            {t('plan.support.hoursPerWeek', { hours: formatNumber(plan.support.hoursPerWeek) })}
          </Text>
        </Card>
      </SimpleGrid>
      {canSubmit && (
        <Textarea
          label={t('wizard.review.comment')}
          description={t('wizard.review.commentHint')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={2}
        />
      )}
      {transition.error && (
        <Alert color="red" variant="light" role="alert" title={t('wizard.review.submitFailed')}>
          {serverErrors.length > 0 ? (
            <List size="sm" spacing={2}>
              {serverErrors.map((e) => (
                <List.Item key={`${e.path}-${e.message}`}>
                  {e.message}{' '}
                  <Anchor component={Link} to={stepPath(plan.id, stepOfPath(e.path))} size="sm">
                    {t('wizard.review.fix')}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          ) : (
            errorMessage(transition.error)
          )}
        </Alert>
      )}
      <Group justify="space-between" mt="md" wrap="wrap">
        <Group gap="xs">
          <Button variant="default" component={Link} to={stepPath(plan.id, 'support')}>
            {t('common.back')}
          </Button>
          <Button variant="default" component={Link} to={`/plans/${plan.id}`}>
            {t('wizard.review.saveDraft')}
          </Button>
        </Group>
        {canSubmit && (
          <Button onClick={() => setIsConfirming(true)} loading={transition.isPending}>
            {t('wizard.review.submit')}
          </Button>
        )}
      </Group>
      <ConfirmDialog
        opened={isConfirming}
        title={t('meeting.submitConfirm.title')}
        message={
          <>
            {plan.header.hrRepName
              ? t('meeting.submitConfirm.approverNamed', { name: plan.header.hrRepName })
              : t('meeting.submitConfirm.approver')}{' '}
            {t('meeting.submitConfirm.employee', { name: plan.header.employeeName })}{' '}
            {t('meeting.submitConfirm.adjustments')}
          </>
        }
        confirmLabel={t('meeting.submitConfirm.confirm')}
        isBusy={transition.isPending}
        onConfirm={() => void submit()}
        onClose={() => setIsConfirming(false)}
      />
    </Stack>
  );
}
