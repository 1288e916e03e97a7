// Every plan the user may see, filtered by status, department, manager and text, a page at a time.
import { Button, Group, Paper, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { useEmployees } from '../../api/employees.ts';
import { usePlans } from '../../api/plans.ts';
import { planStatuses } from '../../api/statuses.ts';
import type { PlanStatus } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { PlanSummaryTable } from './plan-summary-table.tsx';

const pageSize = 20;

export function PlansListPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as PlanStatus | '';
  const department = params.get('department') ?? '';
  const managerId = params.get('managerId') ?? '';
  const [text, setText] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const seesDirectory = hasRole(user, 'hr_admin', 'hr', 'auditor');
  const directory = useEmployees({ limit: 100 }, { enabled: seesDirectory });

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setCursors([]);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives this.
  useEffect(() => {
    const current = params.get('q') ?? '';
    if (q !== current) setFilter('q', q);
  }, [q]);

  const plans = usePlans({
    status: status || undefined,
    department: department || undefined,
    managerId: managerId || undefined,
    q: q || undefined,
    cursor,
    limit: pageSize,
  });

  const { departments, managers } = useMemo(() => {
    const people = directory.data?.items ?? [];
    const managerIds = new Set(people.map((p) => p.managerId).filter(Boolean));
    return {
      departments: [...new Set(people.map((p) => p.department))].sort(),
      managers: people
        .filter((p) => managerIds.has(p.id) && p.userId)
        .map((p) => ({ value: p.userId as string, label: p.name })),
    };
  }, [directory.data]);

  const hasFilters = Boolean(status || department || managerId || q);
  const canCreate = hasRole(user, 'hr_admin', 'hr', 'manager');

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.subtitle')}
        actions={
          canCreate && (
            <Button component={Link} to="/plans/new">
              {t('nav.newPlan')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm" mb="md" component="section" aria-label={t('plans.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t('plans.search')}
            placeholder={t('plans.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            type="search"
          />
          <Select
            label={t('plans.columns.status')}
            placeholder={t('plans.anyStatus')}
            data={planStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={status || null}
            onChange={(value) => setFilter('status', value ?? '')}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
          />
          {seesDirectory ? (
            <Select
              label={t('plans.columns.department')}
              placeholder={t('plans.anyDepartment')}
              data={departments}
              value={department || null}
              onChange={(value) => setFilter('department', value ?? '')}
              clearable
              searchable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
          ) : (
            <TextInput
              label={t('plans.columns.department')}
              placeholder={t('plans.anyDepartment')}
              defaultValue={department}
              onBlur={(event) => setFilter('department', event.currentTarget.value.trim())}
              onKeyDown={(event) => {
                if (event.key === 'Enter') setFilter('department', event.currentTarget.value.trim());
              }}
            />
          )}
          {seesDirectory && (
            <Select
              label={t('plans.columns.manager')}
              placeholder={t('plans.anyManager')}
              data={managers}
              value={managerId || null}
              onChange={(value) => setFilter('managerId', value ?? '')}
              clearable
              searchable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
          )}
        </SimpleGrid>
      </Paper>
      <section aria-live="polite" aria-busy={plans.isFetching}>
        {plans.isPending ? (
          <LoadingState />
        ) : plans.isError ? (
          <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
        ) : plans.data.items.length === 0 ? (
          <EmptyState
            title={hasFilters ? t('plans.noMatches') : t('plans.empty')}
            description={hasFilters ? t('plans.noMatchesHint') : t('plans.emptyHint')}
            action={
              hasFilters ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setText('');
                    setParams(new URLSearchParams(), { replace: true });
                    setCursors([]);
                  }}
                >
                  {t('plans.clearFilters')}
                </Button>
              ) : (
                canCreate && (
                  <Button component={Link} to="/plans/new">
                    {t('nav.newPlan')}
                  </Button>
                )
              )
            }
          />
        ) : (
          <>
            <PlanSummaryTable plans={plans.data.items} caption={t('plans.title')} />
            <Group justify="space-between" mt="md">
              <Text size="sm" c="dimmed">
                {t('plans.pageNumber', { page: cursors.length + 1 })}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  disabled={cursors.length === 0}
                  onClick={() => setCursors((list) => list.slice(0, -1))}
                >
                  {t('common.previous')}
                </Button>
                <Button
                  variant="default"
                  disabled={!plans.data.nextCursor}
                  onClick={() => {
                    const nextCursor = plans.data?.nextCursor;
                    if (nextCursor) setCursors((list) => [...list, nextCursor]);
                  }}
                >
                  {t('common.next')}
                </Button>
              </Group>
            </Group>
          </>
        )}
      </section>
    </>
  );
}
