// Copies the default template of a language into the organisation under a name, then opens the copy's editor.
import { Button, Group, Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/client.ts';
import { type TemplateLocale, useCopyTemplate } from '../../../api/templates.ts';
import { AppModal } from '../../../ui/app-modal.tsx';
import { useFieldErrors } from '../../../ui/field-errors.ts';
import { useErrorMessage } from '../../../ui/states.tsx';

export function CopyTemplateDialog({
  locale: initialLocale,
  onClose,
}: {
  locale: TemplateLocale;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const copy = useCopyTemplate();
  const errorOf = useFieldErrors(copy.error, 'body/');
  const message = useErrorMessage();
  const [locale, setLocale] = useState<TemplateLocale>(initialLocale);
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    copy.mutate(
      { locale, name: name.trim() },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'teal', message: t('admin.templates.copied', { name: created.name }) });
          onClose();
          navigate(`/admin/templates/${created.id}`);
        },
        onError: (error) => {
          if (!isApiError(error) || error.errors.length === 0)
            notifications.show({ color: 'red', message: message(error) });
        },
      },
    );
  };
  return (
    <AppModal opened onClose={onClose} title={t('admin.templates.copyTitle')}>
      <form onSubmit={submit} aria-label={t('admin.templates.copyTitle')}>
        <Select
          label={t('admin.templates.language')}
          description={t('admin.templates.copyLanguageHint')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Español' },
          ]}
          value={locale}
          allowDeselect={false}
          error={errorOf('locale')}
          mb="sm"
          onChange={(value) => setLocale(value === 'es' ? 'es' : 'en')}
        />
        <TextInput
          label={t('admin.templates.name')}
          description={t('admin.templates.copyNameHint')}
          value={name}
          error={errorOf('name')}
          required
          data-autofocus
          mb="md"
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={copy.isPending}>
            {t('admin.templates.copy')}
          </Button>
        </Group>
      </form>
    </AppModal>
  );
}
