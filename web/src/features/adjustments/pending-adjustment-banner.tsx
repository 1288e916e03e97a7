// On the plan's overview, each adjustment that waits on the person reading: what it changes, and Approve / Reject.
// Whether it waits on them is the server's inbox, which asks the access policy ('plan.decide_adjustment').
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdjustments } from '../../api/history.ts';
import { useInbox } from '../../api/inbox.ts';
import type { Adjustment, PlanView } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ChangeList } from './change-list.tsx';
import { type AdjustmentDecision, DecideAdjustmentDialog } from './decide-adjustment-dialog.tsx';

export function PendingAdjustmentBanner({ plan }: { plan: PlanView }) {
  const inbox = useInbox();
  // The dialog outlives the banner: once decided, the banner goes and the dialog still confirms it.
  const [deciding, setDeciding] = useState<AdjustmentDecision | null>(null);
  const waitingIds = new Set(
    (inbox.data?.items ?? [])
      .filter((item) => item.kind === 'decide_adjustment' && item.planId === plan.id && item.subjectId)
      .map((item) => item.subjectId as string),
  );
  return (
    <>
      {waitingIds.size > 0 && (
        <PendingAdjustments plan={plan} waitingIds={waitingIds} onDecide={setDeciding} />
      )}
      <DecideAdjustmentDialog planId={plan.id} deciding={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}

function PendingAdjustments({
  plan,
  waitingIds,
  onDecide,
}: {
  plan: PlanView;
  waitingIds: Set<string>;
  onDecide: (decision: AdjustmentDecision) => void;
}) {
  const adjustments = useAdjustments(plan.id);
  const waiting = (adjustments.data?.items ?? []).filter(
    (a) => a.status === 'pending' && waitingIds.has(a.id),
  );
  return waiting.map((adjustment) => (
    <PendingAdjustment key={adjustment.id} plan={plan} adjustment={adjustment} onDecide={onDecide} />
  ));
}

function PendingAdjustment({
  plan,
  adjustment,
  onDecide,
}: {
  plan: PlanView;
  adjustment: Adjustment;
  onDecide: (decision: AdjustmentDecision) => void;
}) {
  const { t } = useTranslation();
  const title = t('daily.adjustment.waiting');
  return (
    <Alert color="yellow" variant="light" title={title} role="region" aria-label={title}>
      <Stack gap="xs">
        <Text size="sm">
          {t('daily.adjustment.proposedBy', {
            name: adjustment.proposedByName ?? '—',
            date: formatDateTime(adjustment.createdAt),
            kind: t(`adjust.kinds.${adjustment.kind}`).toLocaleLowerCase(),
          })}
        </Text>
        <Text size="sm">
          <Text span fw={700} size="sm">
            {t('adjust.reason')}:
          </Text>{' '}
          {adjustment.reason}
        </Text>
        <ChangeList
          plan={plan}
          changes={adjustment.summary.map((s) =>
            typeof s === 'string' ? { path: s, before: null, after: null } : s,
          )}
        />
        <Group gap="xs">
          <Button
            size="xs"
            color="teal.8"
            onClick={() => onDecide({ adjustmentId: adjustment.id, decision: 'approve' })}
          >
            {t('adjust.approve')}
          </Button>
          <Button
            size="xs"
            variant="default"
            onClick={() => onDecide({ adjustmentId: adjustment.id, decision: 'reject' })}
          >
            {t('adjust.reject')}
          </Button>
          <Anchor component={Link} to={`/plans/${plan.id}/history#adjustments`} size="sm">
            {t('daily.adjustment.allAdjustments')}
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}
