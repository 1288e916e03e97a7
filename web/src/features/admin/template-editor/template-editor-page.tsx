// The template editor: every section of a plan template as a collapsible group, in the order of the document.
// HR administrators change their organisation's copies (each save is a new version); the defaults, and every
// template for HR representatives, open read-only.
import { Accordion, Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { hasRole, isHr, useCurrentUser } from '../../../api/auth.ts';
import { isApiError } from '../../../api/client.ts';
import { isStaleWrite } from '../../../api/concurrency.ts';
import {
  type PlanTemplate,
  type StoredTemplate,
  type TemplateLocale,
  useSaveTemplate,
  useTemplate,
} from '../../../api/templates.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useStaleWriteNotice } from '../../../ui/stale-write-notice.ts';
import { EmptyState, QueryState, useErrorMessage } from '../../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../../ui/unsaved-changes-guard.tsx';
import { CopyTemplateDialog } from './copy-template-dialog.tsx';
import {
  describePath,
  EditorContext,
  focusField,
  type TemplateEditorContext,
  TemplateValue,
} from './template-field.tsx';
import { sectionOfField, sectionsOf } from './template-sections.ts';
import { fieldId, getAt, type Path, parsePath, pathKey, setAt } from './template-shape.ts';

const languageName = (locale: string) => (locale === 'es' ? 'Español' : 'English');

/** "requiredStandard" → "Required standard": the label of a field no translation names yet. */
const humanize = (key: string) => {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function TemplateEditorPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const { templateId = '' } = useParams();
  const [params] = useSearchParams();
  const locale: TemplateLocale = params.get('locale') === 'es' ? 'es' : 'en';
  if (!isHr(user))
    return (
      <>
        <PageHeader title={t('admin.templates.editorTitle')} />
        <EmptyState title={t('admin.notAllowed')} />
      </>
    );
  return (
    <TemplateLoader
      id={templateId}
      locale={locale}
      isAdmin={hasRole(user, 'hr_admin')}
      isDefault={templateId === 'default'}
    />
  );
}

type LoaderProps = { id: string; locale: TemplateLocale; isAdmin: boolean; isDefault: boolean };

function TemplateLoader({ id, locale, isAdmin, isDefault }: LoaderProps) {
  const { t } = useTranslation();
  const template = useTemplate(id, locale);
  return (
    <QueryState query={template} loadingLabel={t('admin.templates.loading')}>
      {(data) => (
        <TemplateEditor
          key={`${data.id}-${data.locale}`}
          template={data}
          isDefault={isDefault}
          canEdit={isAdmin && !isDefault}
          canCopy={isAdmin && isDefault}
        />
      )}
    </QueryState>
  );
}

type EditorProps = { template: PlanTemplate; isDefault: boolean; canEdit: boolean; canCopy: boolean };

function TemplateEditor({ template, isDefault, canEdit, canCopy }: EditorProps) {
  const { t, i18n } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveTemplate(template.id);
  const staleNotice = useStaleWriteNotice();
  const [saved, setSaved] = useState(template);
  const [draft, setDraft] = useState(template);
  const [opened, setOpened] = useState<string[]>(['general']);
  const [isCopying, setIsCopying] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const isDirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(saved), [draft, saved]);
  const sections = useMemo(() => sectionsOf(template as unknown as Record<string, unknown>), [template]);

  // The headings are labelled by the default template's headings in the interface language.
  const uiLocale: TemplateLocale = i18n.language === 'es' ? 'es' : 'en';
  const defaults = useTemplate('default', uiLocale);
  const headingLabels = defaults.data?.headings as Record<string, string> | undefined;

  const fieldErrors = useMemo(
    () => (isApiError(save.error) ? save.error.fieldErrors : ({} as Record<string, string>)),
    [save.error],
  );
  const errorPaths = Object.keys(fieldErrors);

  const labelFor = useCallback(
    (path: Path): string => {
      const key = String(path.at(-1) ?? '');
      if (path.length === 2 && path[0] === 'headings') return headingLabels?.[key] ?? humanize(key);
      return t(`admin.templates.fields.${key}`, { defaultValue: humanize(key) });
    },
    [t, headingLabels],
  );
  const itemLabel = useCallback(
    (list: string, number: number) => t('admin.templates.item', { list, number }),
    [t],
  );

  const change = useCallback((path: Path, update: (current: unknown) => unknown) => {
    setDraft((current) => setAt(current, path, update(getAt(current, path))));
  }, []);
  const editor = useMemo<TemplateEditorContext>(
    () => ({
      isReadOnly: !canEdit,
      change,
      errorAt: (path) => fieldErrors[pathKey(path)],
      labelFor,
    }),
    [canEdit, change, fieldErrors, labelFor],
  );

  const sectionTitle = (key: string) => t(`admin.templates.sections.${key}`);
  const sectionOfPath = (path: string) => sectionOfField(sections, String(parsePath(path)[0] ?? ''));
  const errorCount = (section: string) => errorPaths.filter((path) => sectionOfPath(path) === section).length;

  const goTo = (path: string) => {
    const section = sectionOfPath(path);
    if (section) setOpened((current) => (current.includes(section) ? current : [...current, section]));
    focusField(fieldId(parsePath(path)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = draft;
    save.mutate(
      { template: sent, basedOn: (saved as StoredTemplate).revision },
      {
        onSuccess: (next) => {
          setSaved(next);
          // Whatever was typed while saving stays, and still counts as unsaved.
          setDraft((current) => (current === sent ? next : current));
          notifications.show({
            color: 'teal',
            message: t('admin.templates.savedVersion', { version: next.version }),
          });
        },
        onError: (error) => {
          if (isStaleWrite(error)) {
            staleNotice([]);
            return;
          }
          if (!isApiError(error) || error.errors.length === 0) {
            notifications.show({ color: 'red', message: message(error) });
            return;
          }
          // Open the groups holding the fields named, and take the person to the summary.
          const withErrors = Object.keys(error.fieldErrors)
            .map(sectionOfPath)
            .filter((section): section is string => Boolean(section));
          setOpened((current) => [...new Set([...current, ...withErrors])]);
          requestAnimationFrame(() => summaryRef.current?.focus());
        },
      },
    );
  };

  const subtitle = isDefault
    ? t('admin.templates.defaultSubtitle', { language: languageName(saved.locale) })
    : t('admin.templates.copySubtitle', { version: saved.version, language: languageName(saved.locale) });

  return (
    <>
      <PageHeader
        title={saved.name}
        subtitle={subtitle}
        actions={
          <>
            <Button component={Link} to="/admin/templates" variant="default">
              {t('admin.templates.backToList')}
            </Button>
            {canCopy && <Button onClick={() => setIsCopying(true)}>{t('admin.templates.copy')}</Button>}
          </>
        }
      />
      {canEdit ? (
        <Text size="sm" mb="md">
          {t('admin.templates.editorHint')}
        </Text>
      ) : (
        <Alert color="blue" variant="light" mb="md">
          {isDefault ? t('admin.templates.defaultReadOnly') : t('admin.templates.readOnly')}
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t('admin.templates.editorTitle')}>
        {errorPaths.length > 0 && (
          <Alert
            ref={summaryRef}
            tabIndex={-1}
            color="red"
            variant="light"
            role="alert"
            mb="md"
            title={t('admin.templates.errorsTitle', { count: errorPaths.length })}
          >
            <List size="sm" spacing={4}>
              {errorPaths.map((path) => {
                const section = sectionOfPath(path);
                const where = [
                  section ? sectionTitle(section) : null,
                  describePath(parsePath(path), labelFor, itemLabel),
                ]
                  .filter(Boolean)
                  .join(' › ');
                return (
                  <List.Item key={path}>
                    {section ? (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        c="inherit"
                        underline="always"
                        onClick={() => goTo(path)}
                      >
                        {where}
                      </Anchor>
                    ) : (
                      where
                    )}
                    : {fieldErrors[path]}
                  </List.Item>
                );
              })}
            </List>
          </Alert>
        )}
        <EditorContext value={editor}>
          <Accordion
            multiple
            value={opened}
            onChange={setOpened}
            keepMounted={false}
            order={2}
            variant="separated"
          >
            {sections.map((section) => {
              const count = errorCount(section.key);
              const fields = section.fields.filter((field) => field in draft);
              return (
                <Accordion.Item key={section.key} value={section.key}>
                  <Accordion.Control>
                    <Group gap="xs" component="span">
                      {sectionTitle(section.key)}
                      {count > 0 && (
                        <Badge color="red" variant="filled" size="sm" component="span">
                          {t('admin.templates.errorCount', { count })}
                        </Badge>
                      )}
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="md">
                      {fields.map((field) => (
                        <TemplateValue
                          key={field}
                          at={field}
                          value={(draft as Record<string, unknown>)[field]}
                          label={labelFor([field])}
                          isBare={fields.length === 1}
                        />
                      ))}
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              );
            })}
          </Accordion>
        </EditorContext>
        {canEdit && (
          <Paper withBorder p="sm" mt="md" shadow="sm" style={{ position: 'sticky', bottom: 0, zIndex: 2 }}>
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {isDirty ? t('admin.templates.unsaved') : t('admin.templates.noChanges')}
              </Text>
              <Button type="submit" loading={save.isPending} disabled={!isDirty}>
                {t('admin.templates.save')}
              </Button>
            </Group>
          </Paper>
        )}
      </form>
      {canEdit && <UnsavedChangesGuard when={isDirty} />}
      {isCopying && <CopyTemplateDialog locale={saved.locale} onClose={() => setIsCopying(false)} />}
    </>
  );
}
