// Admin for HR: the plan templates (the defaults in English and Spanish, and the organisation's copies).
// HR administrators copy a default and open a copy's editor; everyone in HR may read any template.
import { Badge, Button, Group, Table } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, isHr, useCurrentUser } from '../../api/auth.ts';
import { type TemplateLocale, useTemplates } from '../../api/templates.ts';
import type { Template } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, QueryState } from '../../ui/states.tsx';
import { CopyTemplateDialog } from './template-editor/copy-template-dialog.tsx';

const languageName = (locale: string) => (locale === 'es' ? 'Español' : 'English');
const editorPath = (tpl: Template) =>
  tpl.isDefault ? `/admin/templates/default?locale=${tpl.locale}` : `/admin/templates/${tpl.id}`;

export function TemplatesAdminPage() {
  const { t, i18n } = useTranslation();
  const { user } = useCurrentUser();
  const templates = useTemplates();
  const [copying, setCopying] = useState<TemplateLocale | null>(null);
  if (!isHr(user))
    return (
      <>
        <PageHeader title={t('admin.templates.title')} />
        <EmptyState title={t('admin.notAllowed')} />
      </>
    );
  const isAdmin = hasRole(user, 'hr_admin');
  return (
    <>
      <PageHeader
        title={t('admin.templates.title')}
        subtitle={t('admin.templates.subtitle')}
        actions={
          isAdmin && (
            <Button onClick={() => setCopying(i18n.language === 'es' ? 'es' : 'en')}>
              {t('admin.templates.copyDefault')}
            </Button>
          )
        }
      />
      <QueryState query={templates}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('admin.templates.empty')} />
          ) : (
            <div className="table-scroll">
              <Table striped miw={640}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.templates.name')}</Table.Th>
                    <Table.Th scope="col">{t('admin.templates.language')}</Table.Th>
                    <Table.Th scope="col">{t('admin.templates.version')}</Table.Th>
                    <Table.Th scope="col">{t('admin.templates.basedOn')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((tpl) => {
                    const language = languageName(tpl.locale);
                    const canEdit = isAdmin && !tpl.isDefault;
                    return (
                      <Table.Tr key={`${tpl.id}-${tpl.locale}`}>
                        <Table.Td>
                          {tpl.name}{' '}
                          {tpl.isDefault && (
                            <Badge size="xs" variant="light">
                              {t('admin.templates.default')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{language}</Table.Td>
                        <Table.Td>{tpl.version}</Table.Td>
                        <Table.Td>{tpl.basedOn}</Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              component={Link}
                              to={editorPath(tpl)}
                              size="compact-sm"
                              variant={canEdit ? 'light' : 'subtle'}
                              aria-label={
                                canEdit
                                  ? t('admin.templates.editNamed', { name: tpl.name })
                                  : t('admin.templates.viewNamed', { name: tpl.name, language })
                              }
                            >
                              {canEdit ? t('admin.templates.edit') : t('admin.templates.view')}
                            </Button>
                            {isAdmin && tpl.isDefault && (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                onClick={() => setCopying(tpl.locale)}
                                aria-label={t('admin.templates.copyNamed', { name: tpl.name, language })}
                              >
                                {t('admin.templates.copy')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </div>
          )
        }
      </QueryState>
      {copying && <CopyTemplateDialog locale={copying} onClose={() => setCopying(null)} />}
    </>
  );
}
