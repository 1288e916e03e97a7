// The development plan: training and development checklists by group and section, with progress and evidence;
// who edits the plan selects activities and removes them together.
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Progress,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemoveActivities, useUpdateActivity } from '../../../api/plans.ts';
import type { Activity, MentorPlanView, PlanView } from '../../../api/types.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { formatDate, formatDateTime, todayIso } from '../../../ui/format.ts';
import { LineIcon } from '../../../ui/line-icon.tsx';
import { EmptyState, useErrorMessage } from '../../../ui/states.tsx';
import { SectionCard } from '../plan-blocks.tsx';

const groupOrder = ['technical', 'soft_skills', 'professional'] as const;

type Props = {
  planId: string;
  activities: Activity[];
  groups?: PlanView['development']['groups'];
  canUpdate: boolean;
  /** Who edits the plan may select activities and remove them together. */
  canRemove?: boolean;
  heading?: string;
};

export function DevelopmentTab({ plan }: { plan: PlanView }) {
  return (
    <DevelopmentChecklist
      planId={plan.id}
      activities={plan.activities}
      groups={plan.development.groups}
      canUpdate={plan.permissions.canUpdateActivities}
      // Once agreed, removing an activity is a major change: it goes through an adjustment, not this list.
      canRemove={plan.permissions.canEdit && plan.status === 'draft'}
      heading={plan.headings.trainingActivities}
    />
  );
}

export function MentorDevelopment({ plan }: { plan: MentorPlanView }) {
  return <DevelopmentChecklist planId={plan.id} activities={plan.activities} canUpdate={false} />;
}

function DevelopmentChecklist({ planId, activities, groups, canUpdate, canRemove = false, heading }: Props) {
  const { t } = useTranslation();
  const removeActivities = useRemoveActivities(planId);
  const errorMessage = useErrorMessage();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [isConfirming, setConfirming] = useState(false);
  // What someone else removed meanwhile is no longer selected.
  const selected = useMemo(
    () => new Set(activities.filter((a) => picked.has(a.id)).map((a) => a.id)),
    [activities, picked],
  );
  if (activities.length === 0)
    return <EmptyState title={t('plan.development.empty')} description={t('plan.development.emptyHint')} />;
  const done = activities.filter((a) => a.status === 'done').length;
  const toggle = (id: string, isPicked: boolean) =>
    setPicked((current) => {
      const next = new Set(current);
      if (isPicked) next.add(id);
      else next.delete(id);
      return next;
    });
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Title order={2} size="h3" mb={4}>
          {heading ?? t('plan.tabs.development')}
        </Title>
        <Text size="sm" mb={4}>
          {t('plan.development.overall', { done, total: activities.length })}
        </Text>
        <Progress
          value={(done / activities.length) * 100}
          aria-label={t('plan.development.overallLabel')}
          size="lg"
        />
        {canRemove && (
          <Group justify="space-between" mt="sm" gap="xs">
            <Checkbox
              label={t('daily.development.selectAll')}
              checked={selected.size === activities.length}
              indeterminate={selected.size > 0 && selected.size < activities.length}
              onChange={(event) =>
                setPicked(event.currentTarget.checked ? new Set(activities.map((a) => a.id)) : new Set())
              }
            />
            <Button
              size="xs"
              color="red.8"
              variant="light"
              disabled={selected.size === 0}
              onClick={() => {
                removeActivities.reset();
                setConfirming(true);
              }}
            >
              {t('daily.development.removeSelected', { count: selected.size })}
            </Button>
          </Group>
        )}
      </Card>
      <ConfirmDialog
        opened={isConfirming}
        title={t('daily.development.confirmTitle', { count: selected.size })}
        message={t('daily.development.confirmMessage', { count: selected.size })}
        confirmLabel={t('daily.development.confirm', { count: selected.size })}
        color="red.8"
        isBusy={removeActivities.isPending}
        error={removeActivities.error ? errorMessage(removeActivities.error) : undefined}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          removeActivities.mutate([...selected], {
            onSuccess: () => {
              setPicked(new Set());
              setConfirming(false);
            },
          })
        }
      />
      {groupOrder.map((key) => {
        const items = activities.filter((a) => a.groupKey === key);
        if (items.length === 0) return null;
        const group = groups?.find((g) => g.key === key);
        const groupDone = items.filter((a) => a.status === 'done').length;
        const sections = [...new Set(items.map((a) => a.section))];
        const title = group?.title ?? t(`plan.development.groups.${key}`);
        return (
          <SectionCard
            key={key}
            title={title}
            id={`group-${key}`}
            actions={
              <Badge variant="light" color={groupDone === items.length ? 'teal' : 'indigo'}>
                {groupDone}/{items.length}
              </Badge>
            }
          >
            <Progress
              value={(groupDone / items.length) * 100}
              aria-label={t('plan.development.groupProgress', { group: title })}
              size="sm"
            />
            {sections.map((section) => (
              <Stack key={section} gap={6} component="section" aria-label={section}>
                <Text fw={700} size="sm" mt="xs">
                  {section}
                </Text>
                {items
                  .filter((a) => a.section === section)
                  .map((activity) => (
                    <Group key={activity.id} gap="xs" wrap="nowrap" align="flex-start">
                      {canRemove && (
                        <Checkbox
                          mt={2}
                          color="red.8"
                          className="activity-select"
                          aria-label={t('daily.development.select', { title: activity.title })}
                          checked={selected.has(activity.id)}
                          onChange={(event) => toggle(activity.id, event.currentTarget.checked)}
                        />
                      )}
                      <div style={{ flex: 1, minWidth: 0 }}>
                        <ActivityRow planId={planId} activity={activity} canUpdate={canUpdate} />
                      </div>
                    </Group>
                  ))}
              </Stack>
            ))}
          </SectionCard>
        );
      })}
    </Stack>
  );
}

function ActivityRow({
  planId,
  activity,
  canUpdate,
}: {
  planId: string;
  activity: Activity;
  canUpdate: boolean;
}) {
  const { t } = useTranslation();
  const update = useUpdateActivity(planId);
  const errorMessage = useErrorMessage();
  const [evidence, setEvidence] = useState<string | null>(null);
  const isOverdue = activity.status !== 'done' && activity.dueDate !== null && activity.dueDate < todayIso();
  const details = [
    activity.dueDate ? t('plan.development.due', { date: formatDate(activity.dueDate) }) : null,
    activity.completedAt
      ? t('plan.development.completed', { date: formatDateTime(activity.completedAt) })
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div style={{ paddingLeft: 4 }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Checkbox
          checked={activity.status === 'done'}
          indeterminate={activity.status === 'in_progress'}
          disabled={!canUpdate || update.isPending}
          onChange={(event) =>
            update.mutate({
              id: activity.id,
              seen: activity,
              status: event.currentTarget.checked ? 'done' : 'todo',
            })
          }
          label={activity.title}
          description={
            <>
              {details}
              {isOverdue && (
                <Text span c="red.9" size="xs" fw={600}>
                  {details ? ' · ' : ''}
                  {t('plan.development.overdue')}
                </Text>
              )}
            </>
          }
          style={{ flex: 1, minWidth: 0 }}
        />
        {canUpdate && (
          <Group gap={4} wrap="nowrap">
            {activity.status === 'todo' && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => update.mutate({ id: activity.id, seen: activity, status: 'in_progress' })}
                aria-label={`${t('plan.development.start')}: ${activity.title}`}
              >
                {t('plan.development.start')}
              </Button>
            )}
            <ActionIcon
              variant="subtle"
              color="gray.8"
              onClick={() => setEvidence(evidence === null ? (activity.evidence ?? '') : null)}
              aria-label={t('plan.development.evidenceFor', { title: activity.title })}
              aria-expanded={evidence !== null}
            >
              <LineIcon name="edit" />
            </ActionIcon>
          </Group>
        )}
      </Group>
      {activity.evidence && evidence === null && (
        <Text size="xs" c="dimmed" pl={32} className="pre-line">
          {t('plan.development.evidence')}: {activity.evidence}
        </Text>
      )}
      {evidence !== null && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate(
              { id: activity.id, seen: activity, evidence: evidence.trim() || null },
              { onSuccess: () => setEvidence(null) },
            );
          }}
        >
          <Stack gap={4} pl={32} mt={4}>
            <Textarea
              label={t('plan.development.evidence')}
              description={t('plan.development.evidenceHint')}
              value={evidence}
              onChange={(event) => setEvidence(event.currentTarget.value)}
              autosize
              minRows={2}
              data-autofocus
            />
            <Group gap="xs">
              <Button type="submit" size="xs" loading={update.isPending}>
                {t('common.save')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setEvidence(null)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {update.error && (
        <Text c="red.9" size="xs" role="alert" pl={32}>
          {errorMessage(update.error)}
        </Text>
      )}
    </div>
  );
}
