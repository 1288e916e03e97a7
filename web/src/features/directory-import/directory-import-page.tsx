// HR's directory import: upload a CSV file, read the preview (counts, rows, problems by line), then confirm.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isHr, useCurrentUser } from '../../api/auth.ts';
import { type DirectoryImport, templateUrl, useApplyImport, usePreviewImport } from '../../api/directory.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, useErrorMessage } from '../../ui/states.tsx';

const actions = ['create', 'update', 'deactivate', 'unchanged'] as const;

export function DirectoryImportPage() {
  const { t, i18n } = useTranslation();
  const { user } = useCurrentUser();
  const errorMessage = useErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [isDeactivatingMissing, setDeactivatingMissing] = useState(false);
  const [preview, setPreview] = useState<DirectoryImport | null>(null);
  const previewImport = usePreviewImport();
  const applyImport = useApplyImport();
  if (!isHr(user))
    return (
      <>
        <PageHeader title={t('directoryImport.title')} />
        <EmptyState title={t('admin.notAllowed')} />
      </>
    );
  const isBusy = previewImport.isPending || applyImport.isPending;
  const onPreview = () => {
    if (!file) return;
    setPreview(null);
    previewImport.mutate(
      { file, isDeactivatingMissing },
      {
        onSuccess: setPreview,
        onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
      },
    );
  };
  const onApply = () => {
    if (!preview) return;
    applyImport.mutate(preview.id, {
      onSuccess: (applied) => {
        setPreview(applied);
        notifications.show({ color: 'green', message: t('directoryImport.applied') });
      },
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  };
  return (
    <>
      <PageHeader
        title={t('directoryImport.title')}
        subtitle={t('directoryImport.subtitle')}
        actions={
          <Anchor component={Link} to="/admin/employees">
            {t('directoryImport.backToEmployees')}
          </Anchor>
        }
      />
      <Stack gap="md" maw={960}>
        <Text size="sm">
          {t('directoryImport.templateHint')}{' '}
          <Anchor href={templateUrl(i18n.language)} download>
            {t('directoryImport.template')}
          </Anchor>
        </Text>
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('directoryImport.file')}
            accept=".csv,text/csv"
            value={file}
            onChange={(value) => {
              setFile(value);
              setPreview(null);
            }}
            w={360}
            clearable
          />
          <Checkbox
            label={t('directoryImport.deactivateMissing')}
            checked={isDeactivatingMissing}
            onChange={(e) => {
              setDeactivatingMissing(e.currentTarget.checked);
              setPreview(null);
            }}
          />
          <Button onClick={onPreview} disabled={!file || isBusy} loading={previewImport.isPending}>
            {t('directoryImport.preview')}
          </Button>
        </Group>
        {isBusy && (
          <Stack gap={4}>
            <Text size="sm">
              {previewImport.isPending ? t('directoryImport.reading') : t('directoryImport.applying')}
            </Text>
            <Progress value={100} striped animated aria-label={t('directoryImport.progress')} />
          </Stack>
        )}
        {preview && <PreviewView preview={preview} onApply={onApply} isApplying={applyImport.isPending} />}
      </Stack>
    </>
  );
}

function PreviewView({
  preview,
  onApply,
  isApplying,
}: {
  preview: DirectoryImport;
  onApply: () => void;
  isApplying: boolean;
}) {
  const { t } = useTranslation();
  const isApplied = preview.status === 'applied';
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {actions.map((action) => (
          <Stack key={action} gap={0}>
            <Text size="xl" fw={700}>
              {preview.counts[action]}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`directoryImport.counts.${action}`)}
            </Text>
          </Stack>
        ))}
        <Stack gap={0}>
          <Text size="xl" fw={700} c={preview.counts.problems ? 'red.8' : undefined}>
            {preview.counts.problems}
          </Text>
          <Text size="sm" c="dimmed">
            {t('directoryImport.counts.problems')}
          </Text>
        </Stack>
      </SimpleGrid>
      {preview.ignoredColumns.length > 0 && (
        <Alert color="yellow">
          {t('directoryImport.ignoredColumns', { columns: preview.ignoredColumns.join(', ') })}
        </Alert>
      )}
      {preview.problems.length > 0 ? (
        <>
          <Alert color="red" title={t('directoryImport.problemsTitle')}>
            {t('directoryImport.problemsHint')}
          </Alert>
          <div className="table-scroll">
            <Table striped miw={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('directoryImport.line')}</Table.Th>
                  <Table.Th scope="col">{t('directoryImport.column')}</Table.Th>
                  <Table.Th scope="col">{t('directoryImport.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.problems.map((p) => (
                  <Table.Tr key={`${p.line}-${p.column}-${p.message}`}>
                    <Table.Td>{p.line}</Table.Td>
                    <Table.Td>{p.column ? t(`directoryImport.columns.${p.column}`) : '—'}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      ) : isApplied ? (
        <Alert color="green">{t('directoryImport.applied')}</Alert>
      ) : (
        <Group>
          <Button onClick={onApply} loading={isApplying} color="teal">
            {t('directoryImport.confirm', {
              count: preview.counts.create + preview.counts.update + preview.counts.deactivate,
            })}
          </Button>
          <Text size="sm" c="dimmed">
            {t('directoryImport.confirmHint')}
          </Text>
        </Group>
      )}
      <div className="table-scroll">
        <Table striped miw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('directoryImport.line')}</Table.Th>
              <Table.Th scope="col">{t('directoryImport.action')}</Table.Th>
              <Table.Th scope="col">{t('directoryImport.columns.employee_number')}</Table.Th>
              <Table.Th scope="col">{t('directoryImport.columns.name')}</Table.Th>
              <Table.Th scope="col">{t('directoryImport.columns.email')}</Table.Th>
              <Table.Th scope="col">{t('directoryImport.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.slice(0, 200).map((r) => (
              <Table.Tr key={r.line}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={r.action === 'deactivate' ? 'red' : r.action === 'unchanged' ? 'gray' : 'blue'}
                  >
                    {t(`directoryImport.counts.${r.action}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.employeeNumber ?? '—'}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.email || '—'}</Table.Td>
                <Table.Td>{r.changes.join(', ') || '—'}</Table.Td>
              </Table.Tr>
            ))}
            {preview.deactivations.slice(0, 200).map((d) => (
              <Table.Tr key={d.employeeId}>
                <Table.Td>—</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="red">
                    {t('directoryImport.counts.deactivate')}
                  </Badge>
                </Table.Td>
                <Table.Td>{d.employeeNumber ?? '—'}</Table.Td>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>{t('directoryImport.notInFile')}</Table.Td>
                <Table.Td>—</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {(preview.rows.length > 200 || preview.isTruncated) && (
        <Text size="sm" c="dimmed">
          {t('directoryImport.firstRows')}
        </Text>
      )}
    </Stack>
  );
}
