// A searchable select of user accounts holding given roles (HR representative, mentor), by user id.
import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types.ts';
import { useUsersWithRoles } from '../api/users.ts';

export function PersonSelect({
  label,
  description,
  roles,
  value,
  currentName,
  onChange,
  error,
}: {
  label: string;
  description?: string;
  roles: Role[];
  value: string | null;
  /** The name to show for `value` if the list does not hold it. */
  currentName?: string | null;
  onChange: (userId: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const { users, isPending } = useUsersWithRoles(roles);
  const data = useMemo(() => {
    const options = users.map((u) => ({ value: u.id, label: u.name }));
    if (value && !options.some((o) => o.value === value))
      options.unshift({ value, label: currentName ?? t('common.selected') });
    return options;
  }, [users, value, currentName, t]);
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={isPending ? t('common.loading') : t('common.nothingFound')}
      error={error}
      placeholder={t('common.choosePerson')}
      clearButtonProps={{ 'aria-label': t('common.clear') }}
    />
  );
}
