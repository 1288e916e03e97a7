// Header and overview: who, when, how long, the purpose and philosophy, approvals and the outcome.
import { Badge, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaleWrite } from '../../../api/concurrency.ts';
import { useUpdatePlan } from '../../../api/plans.ts';
import type { PlanView } from '../../../api/types.ts';
import { useFieldErrors } from '../../../ui/field-errors.ts';
import { formatDate, formatDateTime, formatRelativeDays } from '../../../ui/format.ts';
import { UnsavedChangesGuard } from '../../../ui/unsaved-changes-guard.tsx';
import { PendingAdjustmentBanner } from '../../adjustments/pending-adjustment-banner.tsx';
import { InfoGrid, LabelledList, Paragraph, SectionCard } from '../plan-blocks.tsx';

export function OverviewTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  const header = plan.header;
  return (
    <Stack gap="md">
      <PendingAdjustmentBanner plan={plan} />
      {plan.outcome && <OutcomeCard plan={plan} />}
      <SectionCard title={plan.subtitle || plan.title} id="plan-header">
        <InfoGrid
          items={[
            { label: h.employeeName, value: header.employeeName },
            { label: h.position, value: header.position },
            { label: h.department, value: header.department },
            { label: h.manager, value: header.managerName },
            { label: h.hrRepresentative, value: header.hrRepName },
            { label: h.mentor, value: header.mentorName },
            { label: h.startDate, value: formatDate(header.startDate, 'long') },
            { label: h.endDate, value: formatDate(header.endDate, 'long') },
            {
              label: h.reviewPeriod,
              value: `${t('plan.header.weeks', { count: header.reviewPeriod.weeks })} (${t('plan.header.days', { count: header.reviewPeriod.days })})`,
            },
            // A closed or cancelled plan has no review ahead of it.
            ...(plan.status === 'closed' || plan.status === 'cancelled'
              ? []
              : [
                  {
                    label: h.nextReviewDate,
                    value: `${formatDate(header.nextReviewDate)} (${formatRelativeDays(header.nextReviewDate)})`,
                  },
                ]),
            {
              label: h.planCreatedBy,
              value: `${header.createdByName} · ${formatDateTime(header.createdAt)}`,
            },
            // Only a plan that is paused now says since when.
            ...(plan.status === 'paused' && header.pausedAt
              ? [{ label: t('plan.header.pausedSince'), value: formatDateTime(header.pausedAt) }]
              : []),
          ]}
        />
      </SectionCard>
      <SectionCard title={h.overview} id="plan-overview">
        <PurposeEditor plan={plan} />
        <Text fw={700} size="sm" mt="xs">
          {h.philosophy}
        </Text>
        <Paragraph>{plan.overview.philosophyIntro}</Paragraph>
        <LabelledList items={plan.overview.philosophy} />
      </SectionCard>
      <SectionCard title={t('plan.approvals.title')} id="plan-approvals">
        {plan.approvals.length === 0 ? (
          <Text size="sm" c="dimmed">
            {plan.status === 'draft' ? t('plan.approvals.notSubmitted') : t('plan.approvals.none')}
          </Text>
        ) : (
          <List size="sm" spacing={4}>
            {plan.approvals.map((a) => (
              <List.Item key={`${a.role}-${a.userId}-${a.createdAt}`}>
                <Text span fw={600} size="sm">
                  {a.name}
                </Text>{' '}
                ({t(`sign.roles.${a.role}`)}) · {formatDateTime(a.createdAt)}
                {a.comment ? ` — “${a.comment}”` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </SectionCard>
    </Stack>
  );
}

function PurposeEditor({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  // The plan as it was when editing began: saving says "only if it is still this version".
  const [seen, setSeen] = useState<PlanView>(plan);
  const update = useUpdatePlan(plan.id);
  const errors = useFieldErrors(update.error);
  const canEdit = plan.permissions.canEdit && plan.status === 'draft';
  if (draft === null)
    return (
      <>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={700} size="sm">
            {plan.headings.purpose}
          </Text>
          {canEdit && (
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => {
                setSeen(plan);
                setDraft(plan.overview.purpose);
              }}
            >
              {t('common.edit')}
              <span className="visually-hidden"> {plan.headings.purpose}</span>
            </Button>
          )}
        </Group>
        <Paragraph>{plan.overview.purpose}</Paragraph>
      </>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { overview: { purpose: draft }, seen },
          {
            onSuccess: () => setDraft(null),
            onError: (error) => {
              if (isStaleWrite<PlanView>(error) && error.latest) setSeen(error.latest);
            },
          },
        );
      }}
    >
      <UnsavedChangesGuard when={draft !== plan.overview.purpose} />
      <Stack gap="xs">
        <Textarea
          label={plan.headings.purpose}
          autosize
          minRows={4}
          value={draft}
          onChange={(event) => setDraft(event.currentTarget.value)}
          error={errors('overview.purpose')}
          data-autofocus
        />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={update.isPending}>
            {t('common.save')}
          </Button>
          <Button size="xs" variant="default" onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function OutcomeCard({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const outcome = plan.outcome;
  if (!outcome) return null;
  const color =
    outcome.outcome === 'successful' ? 'teal' : outcome.outcome === 'cancelled' ? 'red' : 'orange';
  return (
    <SectionCard title={plan.headings.planCompletion} id="plan-outcome">
      <Group gap="xs">
        <Badge color={color} variant="light" size="lg">
          {t(`close.outcomes.${outcome.outcome}`)}
        </Badge>
        <Text size="sm" c="dimmed">
          {outcome.decidedByName} · {formatDateTime(outcome.decidedAt)}
        </Text>
      </Group>
      {outcome.reason && (
        <Text size="sm">
          <Text span fw={700} size="sm">
            {t('actions.reason')}:
          </Text>{' '}
          {outcome.reason}
        </Text>
      )}
      {outcome.summary && <Paragraph>{outcome.summary}</Paragraph>}
      {outcome.areaSummaries.length > 0 && (
        <List size="sm" spacing={4}>
          {outcome.areaSummaries.map((a) => (
            <List.Item key={a.focusAreaId}>
              <Text span fw={700} size="sm">
                {a.title}
              </Text>
              : {a.summary}
            </List.Item>
          ))}
        </List>
      )}
      {outcome.completionSteps.length > 0 && (
        <List size="sm" spacing={4} listStyleType="none" p={0}>
          {outcome.completionSteps.map((step) => (
            <List.Item key={step.text}>
              {step.isDone ? '☑' : '☐'} {step.text}
            </List.Item>
          ))}
        </List>
      )}
    </SectionCard>
  );
}
