// Every plan the user may see: filtered by statuses, department, manager and text, sorted by any column, kept in
// the URL (shareable, the back button returns to the previous filters), saved as named views, downloaded as CSV.
import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { useEmployees } from '../../api/employees.ts';
import { fetchPlansCsv, type PlanListSort, usePlanPages } from '../../api/plans.ts';
import { planStatuses } from '../../api/statuses.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState, useErrorMessage } from '../../ui/states.tsx';
import { filtersOf, hasFilters, type ListState, paramsOf, stateOf } from './list-query.ts';
import { PlansListCards, PlansListTable } from './plans-list-table.tsx';
import { SavedViewsMenu } from './saved-views-menu.tsx';

const pageSize = 25;

/** Saves a file the browser already holds under the given name. */
function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PlansListPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const messageOf = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const state = stateOf(params);
  const isPhone = useMediaQuery('(max-width: 40em)', false);
  const [text, setText] = useState(state.q);
  const [q] = useDebouncedValue(text.trim(), 300);
  const [isDownloading, setDownloading] = useState(false);
  const seesDirectory = hasRole(user, 'hr_admin', 'hr', 'auditor');
  const directory = useEmployees({ limit: 100 }, { enabled: seesDirectory });

  /**
   * Each change of filters or sort is a new history entry, so Back returns to the list as it was. A change made by
   * the person is applied at once (flushSync), so a second status picked straight after the first adds to it.
   */
  const show = (next: ListState, options: { replace?: boolean; isFromEffect?: boolean } = {}) =>
    setParams(paramsOf(next), { replace: options.replace ?? false, flushSync: !options.isFromEffect });
  const setFilter = <K extends keyof ListState>(name: K, value: ListState[K]) =>
    show({ ...state, [name]: value });

  // Typing replaces the entry (one per search, not per keystroke); a URL changed from outside (Back, a saved view)
  // puts its text in the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives this.
  useEffect(() => {
    if (q !== state.q) show({ ...state, q }, { replace: true, isFromEffect: true });
  }, [q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change of the URL's text drives this.
  useEffect(() => {
    if (state.q !== q) setText(state.q);
  }, [state.q]);

  // The statuses picked, held here too: the URL follows a moment later, and a second pick made before it has
  // must add to the first rather than replace it.
  const statusKey = state.status.join(',');
  const [statuses, setStatuses] = useState(state.status);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL's statuses (as text) drive this.
  useEffect(() => setStatuses(state.status), [statusKey]);
  const pickStatuses = (value: string[]) => {
    const next = planStatuses.filter((s) => value.includes(s));
    setStatuses(next);
    show({ ...state, status: next });
  };

  const filters = filtersOf(state);
  const plans = usePlanPages({ ...filters, limit: pageSize });
  const items = useMemo(() => plans.data?.pages.flatMap((page) => page.items) ?? [], [plans.data]);

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

  const isFiltered = hasFilters(state);
  const canCreate = hasRole(user, 'hr_admin', 'hr', 'manager');
  const sorting = { sort: state.sort, order: state.order };
  const sortBy = (column: PlanListSort) =>
    show({
      ...state,
      sort: column,
      order: state.sort === column && state.order === 'asc' ? 'desc' : 'asc',
    });

  const download = async () => {
    setDownloading(true);
    try {
      saveFile(await fetchPlansCsv(filters), 'plans.csv');
    } catch (error) {
      notifications.show({ color: 'red', title: t('plansList.csvFailed'), message: messageOf(error) });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        subtitle={t('plans.subtitle')}
        actions={
          <Group gap="xs" wrap="wrap">
            <SavedViewsMenu state={state} onApply={(next) => show(next)} />
            <Button variant="default" onClick={() => void download()} loading={isDownloading}>
              {t('plansList.downloadCsv')}
            </Button>
            {canCreate && (
              <Button component={Link} to="/plans/new">
                {t('nav.newPlan')}
              </Button>
            )}
          </Group>
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
          <MultiSelect
            label={t('plansList.statuses')}
            placeholder={statuses.length === 0 ? t('plans.anyStatus') : undefined}
            data={planStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={statuses}
            onChange={pickStatuses}
            clearable
            hidePickedOptions={false}
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            data-testid="status-filter"
          />
          {seesDirectory ? (
            <Select
              label={t('plans.columns.department')}
              placeholder={t('plans.anyDepartment')}
              data={departments}
              value={state.department || null}
              onChange={(value) => setFilter('department', value ?? '')}
              clearable
              searchable
              clearButtonProps={{ 'aria-label': t('common.clear') }}
            />
          ) : (
            <TextInput
              key={state.department}
              label={t('plans.columns.department')}
              placeholder={t('plans.anyDepartment')}
              defaultValue={state.department}
              onBlur={(event) => {
                const value = event.currentTarget.value.trim();
                if (value !== state.department) setFilter('department', value);
              }}
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
              value={state.managerId || null}
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
        ) : plans.isError && items.length === 0 ? (
          <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            title={isFiltered ? t('plans.noMatches') : t('plans.empty')}
            description={isFiltered ? t('plans.noMatchesHint') : t('plans.emptyHint')}
            action={
              isFiltered ? (
                <Button
                  variant="default"
                  onClick={() => {
                    setText('');
                    show({ ...state, status: [], department: '', managerId: '', q: '' });
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
            {isPhone ? (
              <PlansListCards
                plans={items}
                caption={t('plans.title')}
                sorting={sorting}
                onSorting={(next) => show({ ...state, ...next })}
              />
            ) : (
              <PlansListTable plans={items} caption={t('plans.title')} sorting={sorting} onSort={sortBy} />
            )}
            {plans.isFetchNextPageError && (
              <ErrorState error={plans.error} onRetry={() => void plans.fetchNextPage()} />
            )}
            <Group justify="space-between" mt="md" wrap="wrap">
              <Text size="sm" c="dimmed" data-testid="plans-shown">
                {plans.hasNextPage
                  ? t('plansList.shownMore', { count: items.length })
                  : t('plansList.shownAll', { count: items.length })}
              </Text>
              {plans.hasNextPage && (
                <Button
                  variant="default"
                  loading={plans.isFetchingNextPage}
                  onClick={() => void plans.fetchNextPage()}
                >
                  {t('plansList.loadMore')}
                </Button>
              )}
            </Group>
          </>
        )}
      </section>
    </>
  );
}
