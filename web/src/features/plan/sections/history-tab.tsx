// The plan's history: adjustments, versions and what changed between them, and the audit trail for HR.
import { Button, Code, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAudit, useVersionDiff, useVersions } from '../../../api/history.ts';
import type { PlanView } from '../../../api/types.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { ErrorState, LoadingState, QueryState } from '../../../ui/states.tsx';
import { AdjustmentsPanel } from '../../adjustments/adjustments-panel.tsx';
import { ChangeList } from '../../adjustments/change-list.tsx';
import { SectionCard } from '../plan-blocks.tsx';

export function HistoryTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {/* Adjustments first: a pending one waits on HR's decision, the versions are the record behind it. */}
      <SectionCard title={t('history.adjustments')} id="adjustments">
        <AdjustmentsPanel plan={plan} />
      </SectionCard>
      <SectionCard title={t('history.versions')} id="versions">
        <Versions plan={plan} />
      </SectionCard>
      {plan.permissions.canReadAudit && (
        <SectionCard title={t('history.audit')} id="audit">
          <AuditTrail planId={plan.id} />
        </SectionCard>
      )}
    </Stack>
  );
}

function Versions({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const versions = useVersions(plan.id);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  useEffect(() => {
    const items = versions.data?.items ?? [];
    if (items.length >= 2 && from === null && to === null) {
      const sorted = [...items].sort((a, b) => b.version - a.version);
      setTo(sorted[0].version);
      setFrom(sorted[1].version);
    }
  }, [versions.data, from, to]);
  const diff = useVersionDiff(plan.id, from, to);
  return (
    <QueryState query={versions}>
      {(data) => {
        if (data.items.length === 0)
          return (
            <Text size="sm" c="dimmed">
              {t('history.noVersions')}
            </Text>
          );
        const options = data.items.map((v) => ({
          value: String(v.version),
          label: t('plan.version', { version: v.version }),
        }));
        return (
          <Stack gap="sm">
            <div className="table-scroll">
              <Table striped miw={560} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('history.version')}</Table.Th>
                    <Table.Th scope="col">{t('history.date')}</Table.Th>
                    <Table.Th scope="col">{t('history.by')}</Table.Th>
                    <Table.Th scope="col">{t('history.reason')}</Table.Th>
                    <Table.Th scope="col">{t('history.hash')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data.items]
                    .sort((a, b) => b.version - a.version)
                    .map((v) => (
                      <Table.Tr key={v.version}>
                        <Table.Td fw={600}>{v.version}</Table.Td>
                        <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
                        <Table.Td>{v.createdByName ?? '—'}</Table.Td>
                        <Table.Td className="break-anywhere">{v.reason ?? '—'}</Table.Td>
                        <Table.Td>
                          <Code>{v.documentHash.slice(0, 12)}</Code>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </div>
            {data.items.length >= 2 && (
              <>
                <Group gap="sm" align="flex-end" wrap="wrap">
                  <Select
                    label={t('history.compareFrom')}
                    data={options}
                    value={from === null ? null : String(from)}
                    onChange={(value) => setFrom(value ? Number(value) : null)}
                    allowDeselect={false}
                    w={160}
                  />
                  <Select
                    label={t('history.compareTo')}
                    data={options}
                    value={to === null ? null : String(to)}
                    onChange={(value) => setTo(value ? Number(value) : null)}
                    allowDeselect={false}
                    w={160}
                  />
                  <Button
                    variant="default"
                    onClick={() => {
                      setFrom(to);
                      setTo(from);
                    }}
                  >
                    {t('history.swap')}
                  </Button>
                </Group>
                {from === to ? (
                  <Text size="sm" c="dimmed">
                    {t('history.sameVersion')}
                  </Text>
                ) : diff.isPending ? (
                  <LoadingState />
                ) : diff.isError ? (
                  <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />
                ) : (
                  <ChangeList changes={diff.data.changes} plan={plan} />
                )}
              </>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}

function AuditTrail({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const audit = useAudit(planId, true);
  return (
    <QueryState query={audit}>
      {(data) =>
        data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('history.noAudit')}
          </Text>
        ) : (
          <div className="table-scroll">
            <Table striped miw={640} fz="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">{t('history.date')}</Table.Th>
                  <Table.Th scope="col">{t('history.action')}</Table.Th>
                  <Table.Th scope="col">{t('history.by')}</Table.Th>
                  <Table.Th scope="col">{t('history.entity')}</Table.Th>
                  <Table.Th scope="col">{t('history.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...data.items]
                  .sort((a, b) => b.seq - a.seq)
                  .map((e) => (
                    <Table.Tr key={e.seq}>
                      <Table.Td>{e.seq}</Table.Td>
                      <Table.Td>{formatDateTime(e.at)}</Table.Td>
                      <Table.Td>
                        <Code>{e.action}</Code>
                      </Table.Td>
                      <Table.Td>{e.actorName ?? '—'}</Table.Td>
                      <Table.Td>{e.entityType}</Table.Td>
                      <Table.Td>{e.ip ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </div>
        )
      }
    </QueryState>
  );
}
