// A searchable select of employees the user may draft a plan for (their reports, or anyone for HR).
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEmployees } from '../../api/employees.ts';
import type { Employee } from '../../api/types.ts';

const labelOf = (e: Employee) => `${e.name} — ${e.jobTitle}`;

export function EmployeeSelect({
  value,
  onChange,
  error,
  excludeEmployeeId,
}: {
  value: string | null;
  onChange: (employee: Employee | null) => void;
  error?: string;
  excludeEmployeeId?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const known = useRef(new Map<string, Employee>());
  const selected = value ? known.current.get(value) : undefined;
  // Choosing an option writes its label into the box; that is not a new search.
  const q = selected && labelOf(selected) === debounced ? '' : debounced.trim();
  const employees = useEmployees({ q: q || undefined, limit: 50 });
  const data = useMemo(() => {
    const items = (employees.data?.items ?? []).filter((e) => e.id !== excludeEmployeeId);
    for (const e of items) known.current.set(e.id, e);
    const options = items.map((e) => ({ value: e.id, label: labelOf(e) }));
    if (selected && !options.some((o) => o.value === selected.id))
      options.unshift({ value: selected.id, label: labelOf(selected) });
    return options;
  }, [employees.data, excludeEmployeeId, selected]);
  return (
    <Select
      label={t('wizard.details.employee')}
      description={t('wizard.details.employeeHint')}
      placeholder={t('wizard.details.employeePlaceholder')}
      data={data}
      value={value}
      onChange={(id) => onChange(id ? (known.current.get(id) ?? null) : null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={employees.isFetching ? t('common.loading') : t('common.nothingFound')}
      error={error}
      required
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
    />
  );
}
