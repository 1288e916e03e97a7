// The plans list as a table with sortable column headers, or as stacked cards on a phone.
import {
  Anchor,
  Badge,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanListItem, PlanListSort, PlanRisk } from '../../api/plans.ts';
import { planListSorts } from '../../api/plans.ts';
import { formatDate } from '../../ui/format.ts';
import { statusColor } from '../../ui/status-badge.tsx';

type Sorting = { sort: PlanListSort; order: 'asc' | 'desc' };

const riskColor: Record<PlanRisk, string> = { onTrack: 'teal', atRisk: 'yellow', offTrack: 'red' };
const riskMark: Record<PlanRisk, string> = { onTrack: '●', atRisk: '▲', offTrack: '■' };

/** The label of each sortable column (also the "sort by" choices on a phone). */
export function useColumnLabels(): Record<PlanListSort, string> {
  const { t } = useTranslation();
  return {
    employeeName: t('plans.columns.employee'),
    department: t('plans.columns.department'),
    managerName: t('plans.columns.manager'),
    status: t('plans.columns.status'),
    startDate: t('plans.columns.start'),
    endDate: t('plans.columns.end'),
    progress: t('plansList.columns.progress'),
    risk: t('plansList.columns.risk'),
  };
}

/** A status badge whose text wraps instead of being cut off on a narrow screen. */
function WrappingStatus({ status }: { status: PlanListItem['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColor[status]}
      variant="light"
      radius="sm"
      data-testid="status-badge"
      styles={{
        root: { height: 'auto', maxWidth: 'none' },
        label: { overflow: 'visible', whiteSpace: 'normal' },
      }}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Risk in words with a shape, so it never rests on colour alone. */
export function RiskBadge({ risk }: { risk: PlanRisk | null | undefined }) {
  const { t } = useTranslation();
  if (!risk)
    return (
      <Text size="sm" c="dimmed">
        {t('plansList.notMeasured')}
      </Text>
    );
  return (
    <Badge
      color={riskColor[risk]}
      variant="light"
      radius="sm"
      data-testid="risk-badge"
      leftSection={<span aria-hidden>{riskMark[risk]}</span>}
      styles={{
        root: { height: 'auto', maxWidth: 'none' },
        label: { overflow: 'visible', whiteSpace: 'normal' },
      }}
    >
      {t(`plan.metrics.status.${risk}`)}
    </Badge>
  );
}

export function ProgressCell({ progress }: { progress: number | null | undefined }) {
  const { t } = useTranslation();
  if (progress === null || progress === undefined)
    return (
      <Text size="sm" c="dimmed">
        {t('plansList.notMeasured')}
      </Text>
    );
  const value = Math.round(progress);
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={value} w={64} size="sm" aria-hidden />
      <Text size="sm">{t('plansList.percent', { value })}</Text>
    </Group>
  );
}

function SortableHeader({
  column,
  sorting,
  onSort,
}: {
  column: PlanListSort;
  sorting: Sorting;
  onSort: (column: PlanListSort) => void;
}) {
  const { t } = useTranslation();
  const label = useColumnLabels()[column];
  const isSorted = sorting.sort === column;
  const ariaSort = isSorted ? (sorting.order === 'asc' ? 'ascending' : 'descending') : 'none';
  const nextOrder = isSorted && sorting.order === 'asc' ? 'desc' : 'asc';
  return (
    <Table.Th scope="col" aria-sort={ariaSort} style={{ whiteSpace: 'nowrap' }}>
      <UnstyledButton
        onClick={() => onSort(column)}
        title={t(nextOrder === 'asc' ? 'plansList.sortAscending' : 'plansList.sortDescending')}
        fw={600}
        fz="sm"
      >
        {label}{' '}
        <span aria-hidden style={isSorted ? undefined : { opacity: 0.45 }}>
          {isSorted ? (sorting.order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

export function PlansListTable({
  plans,
  caption,
  sorting,
  onSort,
}: {
  plans: PlanListItem[];
  caption: string;
  sorting: Sorting;
  onSort: (column: PlanListSort) => void;
}) {
  const header = (column: PlanListSort) => (
    <SortableHeader key={column} column={column} sorting={sorting} onSort={onSort} />
  );
  return (
    <div className="table-scroll">
      <Table striped highlightOnHover verticalSpacing="xs" miw={880} data-testid="plans-table">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className="visually-hidden">
          {caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {header('employeeName')}
            {header('department')}
            {header('status')}
            {header('managerName')}
            {header('progress')}
            {header('risk')}
            {header('startDate')}
            {header('endDate')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => (
            <Table.Tr key={plan.id} data-testid="plan-row">
              <Table.Td>
                <Anchor component={Link} to={`/plans/${plan.id}`} fw={600}>
                  {plan.employeeName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {plan.position}
                </Text>
              </Table.Td>
              <Table.Td>{plan.department}</Table.Td>
              <Table.Td>
                <WrappingStatus status={plan.status} />
              </Table.Td>
              <Table.Td>{plan.managerName ?? '—'}</Table.Td>
              <Table.Td>
                <ProgressCell progress={plan.progress} />
              </Table.Td>
              <Table.Td>
                <RiskBadge risk={plan.risk} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(plan.startDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(plan.endDate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** On a phone: one card per plan, and the sort as a choice (the column headers are not there to press). */
export function PlansListCards({
  plans,
  caption,
  sorting,
  onSorting,
}: {
  plans: PlanListItem[];
  caption: string;
  sorting: Sorting;
  onSorting: (sorting: Sorting) => void;
}) {
  const { t } = useTranslation();
  const labels = useColumnLabels();
  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label={t('plansList.sortBy')}
          data={planListSorts.map((s) => ({ value: s, label: labels[s] }))}
          value={sorting.sort}
          allowDeselect={false}
          onChange={(value) => value && onSorting({ ...sorting, sort: value as PlanListSort })}
          style={{ flex: '1 1 10rem' }}
        />
        <SegmentedControl
          aria-label={t('plansList.order')}
          value={sorting.order}
          onChange={(value) => onSorting({ ...sorting, order: value as 'asc' | 'desc' })}
          data={[
            { value: 'asc', label: t('plansList.ascending') },
            { value: 'desc', label: t('plansList.descending') },
          ]}
        />
      </Group>
      <Stack
        gap="xs"
        component="ul"
        aria-label={caption}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {plans.map((plan) => (
          <Paper component="li" withBorder p="sm" key={plan.id} data-testid="plan-row">
            <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/plans/${plan.id}`} fw={600}>
                  {plan.employeeName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {plan.position} · {plan.department}
                </Text>
              </div>
              <WrappingStatus status={plan.status} />
            </Group>
            <Group gap="md" mt="xs" wrap="wrap">
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {labels.progress}:
                </Text>
                <ProgressCell progress={plan.progress} />
              </Group>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {labels.risk}:
                </Text>
                <RiskBadge risk={plan.risk} />
              </Group>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t('plansList.manager', { name: plan.managerName ?? '—' })} ·{' '}
              {t('plansList.dates', { start: formatDate(plan.startDate), end: formatDate(plan.endDate) })}
            </Text>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
