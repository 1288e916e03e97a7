// Admin for HR administrators: export the documents of many plans at once, follow the progress, download the zip.
import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  MultiSelect,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import {
  type DocumentExport,
  type ExportRequest,
  useExportAction,
  useExports,
  useRequestExport,
} from '../../api/exports.ts';
import { planStatuses } from '../../api/statuses.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, QueryState, useErrorMessage } from '../../ui/states.tsx';

export function ExportsAdminPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  if (!user || !hasRole(user, 'hr_admin'))
    return (
      <>
        <PageHeader title={t('admin.exports.title')} />
        <EmptyState title={t('admin.exports.notAllowed')} />
      </>
    );
  return (
    <>
      <PageHeader title={t('admin.exports.title')} subtitle={t('admin.exports.subtitle')} />
      <ExportForm />
      <ExportsTable />
    </>
  );
}

const blank: Required<Omit<ExportRequest, 'locale'>> & { locale: 'en' | 'es' | null } = {
  format: 'pdf',
  locale: null,
  statuses: [],
  departments: [],
};

function ExportForm() {
  const { t } = useTranslation();
  const request = useRequestExport();
  const errorOf = useFieldErrors(request.error, 'body/');
  const message = useErrorMessage();
  const [form, setForm] = useState(blank);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(form, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('admin.exports.started') }),
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  };
  return (
    <form onSubmit={submit} aria-label={t('admin.exports.new')}>
      <h2>{t('admin.exports.new')}</h2>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
        <Select
          label={t('admin.exports.format')}
          data={[
            { value: 'pdf', label: t('admin.exports.formats.pdf') },
            { value: 'docx', label: t('admin.exports.formats.docx') },
          ]}
          value={form.format}
          allowDeselect={false}
          error={errorOf('format')}
          onChange={(value) => setForm({ ...form, format: (value ?? 'pdf') as 'pdf' | 'docx' })}
        />
        <Select
          label={t('admin.exports.language')}
          data={[
            { value: 'own', label: t('admin.exports.ownLanguage') },
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
          value={form.locale ?? 'own'}
          allowDeselect={false}
          error={errorOf('locale')}
          onChange={(value) => setForm({ ...form, locale: value === 'en' || value === 'es' ? value : null })}
        />
        <MultiSelect
          label={t('admin.exports.statuses')}
          placeholder={form.statuses.length === 0 ? t('admin.exports.allStatuses') : undefined}
          data={planStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={form.statuses}
          error={errorOf('statuses')}
          onChange={(value) => setForm({ ...form, statuses: value as typeof form.statuses })}
          clearable
        />
        <TagsInput
          label={t('admin.exports.departments')}
          description={t('admin.exports.departmentsHint')}
          placeholder={form.departments.length === 0 ? t('admin.exports.allDepartments') : undefined}
          value={form.departments}
          error={errorOf('departments')}
          onChange={(value) => setForm({ ...form, departments: value })}
          clearable
        />
      </SimpleGrid>
      <Button type="submit" loading={request.isPending}>
        {t('admin.exports.start')}
      </Button>
    </form>
  );
}

function ExportsTable() {
  const { t } = useTranslation();
  const exports = useExports();
  return (
    <section aria-labelledby="exports-heading">
      <h2 id="exports-heading">{t('admin.exports.list')}</h2>
      <QueryState query={exports}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.exports.empty')} description={t('admin.exports.emptyHint')} />
          ) : (
            <div className="table-scroll">
              <Table striped miw={760} verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.exports.requested')}</Table.Th>
                    <Table.Th scope="col">{t('admin.exports.contents')}</Table.Th>
                    <Table.Th scope="col">{t('admin.exports.progress')}</Table.Th>
                    <Table.Th scope="col">{t('admin.exports.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((item) => (
                    <ExportRow key={item.id} item={item} />
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

const statusColors: Record<DocumentExport['status'], string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
  expired: 'gray',
};

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 0)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

function ExportRow({ item }: { item: DocumentExport }) {
  const { t } = useTranslation();
  const action = useExportAction();
  const message = useErrorMessage();
  const [isConfirmingCancel, setIsConfirmingCancel] = useState(false);
  const done = item.rendered + item.skipped + item.failed;
  const isActive = item.status === 'queued' || item.status === 'running';
  const fraction = item.total ? done / item.total : 0;
  const run = (kind: 'cancel' | 'delete') =>
    action.mutate(
      { id: item.id, action: kind },
      {
        onSuccess: () => setIsConfirmingCancel(false),
        onError: (error) => notifications.show({ color: 'red', message: message(error) }),
      },
    );
  const filters = [
    item.statuses.length > 0
      ? item.statuses.map((s) => t(`status.${s}`)).join(', ')
      : t('admin.exports.allStatuses'),
    item.departments.length > 0 ? item.departments.join(', ') : t('admin.exports.allDepartments'),
  ];
  return (
    <Table.Tr data-export-id={item.id}>
      <Table.Td>
        <Text size="sm">{formatDateTime(item.createdAt)}</Text>
        <Text size="xs" c="dimmed">
          {item.requestedBy.name}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {t(`admin.exports.formats.${item.format}`)} ·{' '}
          {item.locale ? (item.locale === 'es' ? 'Español' : 'English') : t('admin.exports.ownLanguage')}
        </Text>
        <Text size="xs" c="dimmed">
          {filters.join(' · ')}
        </Text>
      </Table.Td>
      <Table.Td miw={220}>
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={statusColors[item.status]} variant="light">
              {t(`admin.exports.statusNames.${item.status}`)}
            </Badge>
            {item.isCancelRequested && isActive && (
              <Text size="xs" c="dimmed">
                {t('admin.exports.stopping')}
              </Text>
            )}
          </Group>
          {item.status === 'running' && item.total !== null && (
            <Progress
              value={fraction * 100}
              aria-label={t('admin.exports.progressOf', { done, total: item.total })}
              animated
            />
          )}
          <Text size="xs" aria-live={isActive ? 'polite' : undefined}>
            {item.total === null
              ? t('admin.exports.waiting')
              : item.total === 0
                ? t('admin.exports.nothingMatched')
                : t('admin.exports.counts', { done, total: item.total })}
            {item.status === 'running' && item.rate
              ? ` · ${t('admin.exports.rate', { rate: formatNumber(item.rate, 1) })}`
              : ''}
            {item.status === 'running' && item.etaSeconds !== null
              ? ` · ${t('admin.exports.eta', { minutes: Math.max(1, Math.ceil(item.etaSeconds / 60)) })}`
              : ''}
          </Text>
          {item.error && (
            <Text size="xs" c="red">
              {item.error}
            </Text>
          )}
          {item.failures.length > 0 && <Failures item={item} />}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          {item.downloadUrl && (
            <Button component="a" href={item.downloadUrl} download size="xs">
              {t('admin.exports.download', { size: formatBytes(item.zipBytes ?? 0) })}
            </Button>
          )}
          {isActive && !item.isCancelRequested && (
            <Button size="xs" variant="default" onClick={() => setIsConfirmingCancel(true)}>
              {t('admin.exports.cancel')}
            </Button>
          )}
          {!isActive && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              loading={action.isPending}
              onClick={() => run('delete')}
            >
              {t('admin.exports.delete')}
            </Button>
          )}
        </Group>
        {item.status === 'succeeded' && item.expiresAt && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('admin.exports.keptUntil', { date: formatDateTime(item.expiresAt) })}
          </Text>
        )}
        <ConfirmDialog
          opened={isConfirmingCancel}
          title={t('admin.exports.cancelTitle')}
          message={t('admin.exports.cancelMessage')}
          confirmLabel={t('admin.exports.cancel')}
          color="red"
          isBusy={action.isPending}
          onConfirm={() => run('cancel')}
          onClose={() => setIsConfirmingCancel(false)}
        />
      </Table.Td>
    </Table.Tr>
  );
}

function Failures({ item }: { item: DocumentExport }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>
        <Text size="xs" c="red" component="span">
          {t('admin.exports.failures', { count: item.failed })}
        </Text>
      </summary>
      <List size="xs" mt={4}>
        {item.failures.map((f) => (
          <List.Item key={f.planId}>
            <Anchor component={Link} to={`/plans/${f.planId}`} size="xs">
              {t('admin.exports.plan', { id: f.planId.slice(0, 8) })}
            </Anchor>
            : {f.message}
          </List.Item>
        ))}
      </List>
    </details>
  );
}
