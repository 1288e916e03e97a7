// A list of changes (field, before, after), as shown for adjustments and version differences.
import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanView, VersionChange } from '../../api/types.ts';
import { formatDate, formatNumber } from '../../ui/format.ts';

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (isDate(value)) return formatDate(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  // A whole row added or removed (a metric, a focus area…): its name says which.
  const row = value as { name?: unknown; title?: unknown; text?: unknown; label?: unknown };
  for (const key of ['name', 'title', 'text', 'label'] as const) {
    if (typeof row[key] === 'string') return row[key] as string;
  }
  return JSON.stringify(value);
}

type Names = Pick<PlanView, 'focusAreas' | 'metrics' | 'successCriteria' | 'activities' | 'headings'>;

/** `focusAreas[<id>].goal` → `Technical Skills Gap › Goal`: ids become names, fields the plan's headings. */
export function readablePath(path: string, plan?: Names): string {
  if (!plan) return path.split(/[/.]/).filter(Boolean).join(' › ');
  const named = path.replace(/(\w+)\[([0-9a-f-]{36})\]/g, (whole, collection: string, id: string) => {
    const rows: { id: string; title?: string; name?: string; text?: string }[] =
      (plan as unknown as Record<string, { id: string }[] | undefined>)[collection] ?? [];
    const row = rows.find((r) => r.id === id);
    return row ? (row.title ?? row.name ?? row.text ?? whole) : whole;
  });
  return named
    .split(/[/.]/)
    .filter(Boolean)
    .map((part) => plan.headings[part] ?? part)
    .join(' › ');
}

export function ChangeList({ changes, plan }: { changes: VersionChange[]; plan?: Names }) {
  const { t } = useTranslation();
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('history.noChanges')}
      </Text>
    );
  return (
    <div className="table-scroll">
      <Table striped miw={480} verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('history.field')}</Table.Th>
            <Table.Th scope="col">{t('history.before')}</Table.Th>
            <Table.Th scope="col">{t('history.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a path may change twice; order identifies the row.
            <Table.Tr key={`${change.path}-${index}`}>
              <Table.Td fw={600} className="break-anywhere">
                {readablePath(change.path, plan)}
              </Table.Td>
              <Table.Td className="break-anywhere">
                <del style={{ color: 'var(--mantine-color-red-9)' }}>{formatValue(change.before)}</del>
              </Table.Td>
              <Table.Td className="break-anywhere">
                <ins style={{ color: 'var(--mantine-color-teal-9)', textDecoration: 'none' }}>
                  {formatValue(change.after)}
                </ins>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
