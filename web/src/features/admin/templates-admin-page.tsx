// Admin for HR: the plan templates (the defaults in English and Spanish, and the organisation's copies).
import { Badge, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isHr, useCurrentUser } from '../../api/auth.ts';
import { useTemplates } from '../../api/templates.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, QueryState } from '../../ui/states.tsx';

export function TemplatesAdminPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const templates = useTemplates();
  if (!isHr(user))
    return (
      <>
        <PageHeader title={t('admin.templates.title')} />
        <EmptyState title={t('admin.notAllowed')} />
      </>
    );
  return (
    <>
      <PageHeader title={t('admin.templates.title')} subtitle={t('admin.templates.subtitle')} />
      <QueryState query={templates}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.templates.empty')} />
          ) : (
            <div className="table-scroll">
              <Table striped miw={520}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.templates.name')}</Table.Th>
                    <Table.Th scope="col">{t('admin.templates.language')}</Table.Th>
                    <Table.Th scope="col">{t('admin.templates.version')}</Table.Th>
                    <Table.Th scope="col">{t('admin.templates.basedOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((tpl) => (
                    <Table.Tr key={`${tpl.id}-${tpl.locale}`}>
                      <Table.Td>
                        {tpl.name}{' '}
                        {tpl.isDefault && (
                          <Badge size="xs" variant="light">
                            {t('admin.templates.default')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{tpl.locale === 'es' ? 'Español' : 'English'}</Table.Td>
                      <Table.Td>{tpl.version}</Table.Td>
                      <Table.Td>{tpl.basedOn}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
