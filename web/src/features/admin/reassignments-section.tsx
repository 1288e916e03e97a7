// Plans whose manager left or was deactivated: HR hands each to a new manager, with a reason.
import { Alert, Anchor, Button, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Reassignment, useReassignManager, useReassignments } from '../../api/accounts.ts';
import { useEmployees } from '../../api/employees.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { useErrorMessage } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';

export function ReassignmentsSection() {
  const { t } = useTranslation();
  const reassignments = useReassignments(true);
  const [chosen, setChosen] = useState<Reassignment | null>(null);
  const items = reassignments.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" mb="lg" title={t('reassign.title', { count: items.length })}>
      <Text size="sm" mb="sm">
        {t('reassign.subtitle')}
      </Text>
      <div className="table-scroll">
        <Table miw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reassign.employee')}</Table.Th>
              <Table.Th scope="col">{t('reassign.status')}</Table.Th>
              <Table.Th scope="col">{t('reassign.manager')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.planId}>
                <Table.Td>
                  <Anchor component={Link} to={`/plans/${r.planId}`} size="sm">
                    {r.employeeName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status as never} />
                </Table.Td>
                <Table.Td>
                  {r.managerName ?? '—'} ({t(`reassign.reasons.${r.reason}`)})
                </Table.Td>
                <Table.Td>
                  <Button size="compact-sm" onClick={() => setChosen(r)}>
                    {t('reassign.action')}
                    <span className="visually-hidden"> {r.employeeName}</span>
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {chosen && <ReassignDialog reassignment={chosen} onClose={() => setChosen(null)} />}
    </Alert>
  );
}

function ReassignDialog({ reassignment, onClose }: { reassignment: Reassignment; onClose: () => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const people = useEmployees({ q: search || undefined, limit: 50 });
  const reassign = useReassignManager();
  const errorOf = useFieldErrors(reassign.error, 'body/');
  const message = useErrorMessage();
  const [managerEmployeeId, setManager] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const options = useMemo(
    () => (people.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} — ${e.jobTitle}` })),
    [people.data],
  );
  const isAgreed = ['awaiting_acknowledgment', 'active', 'paused'].includes(reassignment.status);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!managerEmployeeId || !reason.trim()) return;
    reassign.mutate(
      { planId: reassignment.planId, managerEmployeeId, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('reassign.done', { name: reassignment.employeeName }),
          });
          onClose();
        },
      },
    );
  };
  return (
    <AppModal opened onClose={onClose} title={t('reassign.dialogTitle', { name: reassignment.employeeName })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {isAgreed && (
            <Text size="sm" c="dimmed">
              {t('reassign.agreedHint')}
            </Text>
          )}
          <Select
            label={t('reassign.newManager')}
            data={options}
            value={managerEmployeeId}
            onChange={setManager}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorOf('managerEmployeeId')}
            required
            data-autofocus
          />
          <Textarea
            label={t('reassign.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errorOf('reason')}
            required
            autosize
            minRows={2}
          />
          {reassign.error && !errorOf('managerEmployeeId') && !errorOf('reason') && (
            <Text c="red.9" size="sm" role="alert">
              {message(reassign.error)}
            </Text>
          )}
          <Button type="submit" loading={reassign.isPending} disabled={!managerEmployeeId || !reason.trim()}>
            {t('reassign.action')}
          </Button>
        </Stack>
      </form>
    </AppModal>
  );
}
