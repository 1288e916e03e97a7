// A table of plan summaries: employee (linked), position, status and dates; scrolls sideways on small screens.
import { Anchor, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanSummary } from '../../api/types.ts';
import { formatDate } from '../../ui/format.ts';
import { StatusBadge } from '../../ui/status-badge.tsx';

export function PlanSummaryTable({
  plans,
  caption,
  extra,
}: {
  plans: PlanSummary[];
  caption: string;
  /** An extra column: its header and the cell for each plan. */
  extra?: { header: string; cell: (plan: PlanSummary) => ReactNode };
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <Table striped highlightOnHover verticalSpacing="xs" miw={560}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className="visually-hidden">
          {caption}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plans.columns.employee')}</Table.Th>
            <Table.Th scope="col">{t('plans.columns.department')}</Table.Th>
            <Table.Th scope="col">{t('plans.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('plans.columns.manager')}</Table.Th>
            <Table.Th scope="col">{t('plans.columns.start')}</Table.Th>
            <Table.Th scope="col">{t('plans.columns.end')}</Table.Th>
            {extra && <Table.Th scope="col">{extra.header}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => (
            <Table.Tr key={plan.id}>
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
                <StatusBadge status={plan.status} />
              </Table.Td>
              <Table.Td>{plan.managerName ?? '—'}</Table.Td>
              <Table.Td>{formatDate(plan.startDate)}</Table.Td>
              <Table.Td>{formatDate(plan.endDate)}</Table.Td>
              {extra && <Table.Td>{extra.cell(plan)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
