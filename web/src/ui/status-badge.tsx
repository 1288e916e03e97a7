// The plan status as a coloured badge with its translated name.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanStatus } from '../api/types.ts';

export const statusColor: Record<PlanStatus, string> = {
  draft: 'gray',
  in_review: 'yellow',
  awaiting_acknowledgment: 'orange',
  active: 'blue',
  paused: 'grape',
  closed: 'green',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: PlanStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="light" radius="sm" className="status-badge">
      {t(`status.${status}`)}
    </Badge>
  );
}
