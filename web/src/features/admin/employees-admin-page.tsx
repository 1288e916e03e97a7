// Admin for HR: the employee directory, searchable, with people added and edited here.
import { Anchor, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { employeeCreateBody } from '../../../../src/contracts/employees.ts';
import { useInviteEveryone } from '../../api/accounts.ts';
import { isHr, useCurrentUser } from '../../api/auth.ts';
import { useEmployees, useSaveEmployee } from '../../api/employees.ts';
import type { Employee } from '../../api/types.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DateField } from '../../ui/date-field.tsx';
import { mergeErrors, useFieldErrors } from '../../ui/field-errors.ts';
import { formatDate } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes-guard.tsx';
import { zodErrors } from '../../ui/zod-errors.ts';
import { AccountPanel } from './account-panel.tsx';
import { ReassignmentsSection } from './reassignments-section.tsx';

export function EmployeesAdminPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [cursors, setCursors] = useState<string[]>([]);
  const employees = useEmployees({ q: q || undefined, cursor: cursors.at(-1), limit: 25 });
  const [editing, setEditing] = useState<Employee | 'new' | null>(null);
  const [isInvitingAll, setIsInvitingAll] = useState(false);
  const inviteAll = useInviteEveryone();
  const errorMessage = useErrorMessage();
  if (!isHr(user))
    return (
      <>
        <PageHeader title={t('admin.employees.title')} />
        <EmptyState title={t('admin.notAllowed')} />
      </>
    );
  return (
    <>
      <PageHeader
        title={t('admin.employees.title')}
        subtitle={t('admin.employees.subtitle')}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/admin/employees/import" variant="default">
              {t('directoryImport.title')}
            </Button>
            <Button variant="default" onClick={() => setIsInvitingAll(true)}>
              {t('account.inviteEveryone')}
            </Button>
            <Button onClick={() => setEditing('new')}>{t('admin.employees.add')}</Button>
          </Group>
        }
      />
      <ReassignmentsSection />
      <ConfirmDialog
        opened={isInvitingAll}
        title={t('account.inviteEveryone')}
        message={t('account.inviteEveryoneHint')}
        confirmLabel={t('account.inviteEveryoneConfirm')}
        isBusy={inviteAll.isPending}
        error={inviteAll.error ? errorMessage(inviteAll.error) : undefined}
        onClose={() => setIsInvitingAll(false)}
        onConfirm={() =>
          inviteAll.mutate(undefined, {
            onSuccess: (result) => {
              setIsInvitingAll(false);
              notifications.show({
                color: 'teal',
                message: t('account.invitedCount', { count: result.invited, skipped: result.skipped }),
              });
            },
          })
        }
      />
      <TextInput
        label={t('admin.employees.search')}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setCursors([]);
        }}
        mb="md"
        maw={420}
      />
      {employees.isPending ? (
        <LoadingState />
      ) : employees.isError ? (
        <ErrorState error={employees.error} onRetry={() => void employees.refetch()} />
      ) : employees.data.items.length === 0 ? (
        <EmptyState title={t('admin.employees.empty')} />
      ) : (
        <>
          <div className="table-scroll">
            <Table striped highlightOnHover miw={640}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('admin.employees.name')}</Table.Th>
                  <Table.Th scope="col">{t('admin.employees.jobTitle')}</Table.Th>
                  <Table.Th scope="col">{t('admin.employees.department')}</Table.Th>
                  <Table.Th scope="col">{t('admin.employees.manager')}</Table.Th>
                  <Table.Th scope="col">{t('admin.employees.hireDate')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {employees.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {e.name}
                      </Text>
                      <Anchor href={`mailto:${e.email}`} size="xs">
                        {e.email}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{e.jobTitle}</Table.Td>
                    <Table.Td>{e.department}</Table.Td>
                    <Table.Td>{e.managerName ?? '—'}</Table.Td>
                    <Table.Td>{formatDate(e.hireDate)}</Table.Td>
                    <Table.Td>
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(e)}>
                        {t('common.edit')}
                        <span className="visually-hidden"> {e.name}</span>
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          <Group justify="flex-end" mt="md" gap="xs">
            <Button
              variant="default"
              disabled={cursors.length === 0}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('common.previous')}
            </Button>
            <Button
              variant="default"
              disabled={!employees.data.nextCursor}
              onClick={() => {
                const next = employees.data?.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            >
              {t('common.next')}
            </Button>
          </Group>
        </>
      )}
      {editing && (
        <EmployeeDialog employee={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}

type Form = {
  name: string;
  email: string;
  jobTitle: string;
  department: string;
  managerId: string | null;
  hireDate: string;
};

function EmployeeDialog({ employee, onClose }: { employee: Employee | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveEmployee();
  const errorMessage = useErrorMessage();
  const everyone = useEmployees({ limit: 100 });
  const initial: Form = {
    name: employee?.name ?? '',
    email: employee?.email ?? '',
    jobTitle: employee?.jobTitle ?? '',
    department: employee?.department ?? '',
    managerId: employee?.managerId ?? null,
    hireDate: employee?.hireDate ?? '',
  };
  const [form, setForm] = useState<Form>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = useFieldErrors(save.error);
  const errors = mergeErrors(clientErrors, serverErrors);
  const managers = useMemo(
    () =>
      (everyone.data?.items ?? [])
        .filter((e) => e.id !== employee?.id)
        .map((e) => ({ value: e.id, label: `${e.name} — ${e.jobTitle}` })),
    [everyone.data, employee],
  );
  const departments = useMemo(
    () => [...new Set((everyone.data?.items ?? []).map((e) => e.department))].sort(),
    [everyone.data],
  );
  const isDirty = JSON.stringify(form) !== JSON.stringify(initial);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: form.name.trim(),
      email: form.email.trim(),
      jobTitle: form.jobTitle.trim(),
      department: form.department.trim(),
      managerId: form.managerId,
      hireDate: form.hireDate || null,
    };
    const found = zodErrors(employeeCreateBody, body, t);
    setClientErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(
      { id: employee?.id, body, revision: employee?.revision },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('admin.employees.saved', { name: body.name }) });
          onClose();
        },
      },
    );
  };
  return (
    <AppModal
      opened
      onClose={onClose}
      title={employee ? t('admin.employees.editTitle', { name: employee.name }) : t('admin.employees.add')}
      size="lg"
      centered
    >
      <UnsavedChangesGuard when={isDirty && !save.isPending} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('admin.employees.name')}
              value={form.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors('name')}
              required
              data-autofocus
            />
            <TextInput
              label={t('admin.employees.email')}
              type="email"
              value={form.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors('email')}
              required
            />
            <TextInput
              label={t('admin.employees.jobTitle')}
              value={form.jobTitle}
              onChange={(e) => set('jobTitle', e.currentTarget.value)}
              error={errors('jobTitle')}
              required
            />
            <Select
              label={t('admin.employees.department')}
              data={
                departments.includes(form.department) || !form.department
                  ? departments
                  : [form.department, ...departments]
              }
              value={form.department || null}
              onChange={(value) => set('department', value ?? '')}
              searchable
              error={errors('department')}
              required
            />
            <Select
              label={t('admin.employees.manager')}
              data={managers}
              value={form.managerId}
              onChange={(value) => set('managerId', value)}
              searchable
              clearable
              error={errors('managerId')}
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
            <DateField
              label={t('admin.employees.hireDate')}
              value={form.hireDate}
              onChange={(value) => set('hireDate', value)}
              error={errors('hireDate')}
            />
          </SimpleGrid>
          {employee && <AccountPanel employeeId={employee.id} name={employee.name} />}
          {save.error && !serverErrors.hasAny && (
            <Text c="red.9" size="sm" role="alert">
              {errorMessage(save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
