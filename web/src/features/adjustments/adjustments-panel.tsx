// The adjustment log: each proposal with its diff, and HR's approve or reject decision with a reason.
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isHr, useCurrentUser } from '../../api/auth.ts';
import { useAdjustments } from '../../api/history.ts';
import type { Adjustment, PlanView } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { ChangeList } from './change-list.tsx';
import { DecideAdjustmentDialog } from './decide-adjustment-dialog.tsx';

const statusColor: Record<Adjustment['status'], string> = {
  pending: 'yellow',
  approved: 'teal',
  applied: 'teal',
  rejected: 'red',
};

export function AdjustmentsPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const adjustments = useAdjustments(plan.id);
  const [deciding, setDeciding] = useState<{ adjustment: Adjustment; decision: 'approve' | 'reject' } | null>(
    null,
  );
  const canDecide = isHr(user);
  return (
    <QueryState query={adjustments}>
      {(data) => (
        <Stack gap="sm">
          {data.items.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('adjust.none')}
            </Text>
          )}
          {data.items.map((a) => (
            <Card key={a.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap" gap="xs" mb={4}>
                <Group gap="xs">
                  <Badge variant="light" color={a.kind === 'major' ? 'orange' : 'gray'}>
                    {t(`adjust.kinds.${a.kind}`)}
                  </Badge>
                  <Badge variant="light" color={statusColor[a.status]}>
                    {t(`adjust.statuses.${a.status}`)}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {a.proposedByName ?? '—'} · {formatDateTime(a.createdAt)}
                </Text>
              </Group>
              <Text size="sm" mb={4}>
                <Text span fw={700} size="sm">
                  {t('adjust.reason')}:
                </Text>{' '}
                {a.reason}
              </Text>
              <ChangeList
                plan={plan}
                changes={a.summary.map((s) =>
                  typeof s === 'string' ? { path: s, before: null, after: null } : s,
                )}
              />
              {a.decidedByName && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('adjust.decidedBy', { name: a.decidedByName, date: formatDateTime(a.decidedAt) })}
                  {a.decisionReason ? ` — “${a.decisionReason}”` : ''}
                </Text>
              )}
              {a.status === 'pending' && canDecide && (
                <Group gap="xs" mt="xs">
                  <Button
                    size="xs"
                    color="teal.8"
                    onClick={() => setDeciding({ adjustment: a, decision: 'approve' })}
                  >
                    {t('adjust.approve')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setDeciding({ adjustment: a, decision: 'reject' })}
                  >
                    {t('adjust.reject')}
                  </Button>
                </Group>
              )}
            </Card>
          ))}
          <DecideAdjustmentDialog
            planId={plan.id}
            deciding={deciding && { adjustmentId: deciding.adjustment.id, decision: deciding.decision }}
            onClose={() => setDeciding(null)}
          />
        </Stack>
      )}
    </QueryState>
  );
}
