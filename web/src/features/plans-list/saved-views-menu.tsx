// The saved views menu of the plans list: apply a view, save the current filters and sort, rename or delete.
import { Button, Group, Menu, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import {
  type SavedView,
  useCreateSavedView,
  useDeleteSavedView,
  useSavedViews,
  useUpdateSavedView,
} from '../../api/saved-views.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { isSameState, type ListState, stateOfView, viewQueryOf } from './list-query.ts';

/** The words for a refused save: a taken name in the person's language, else the usual error text. */
function useSaveError() {
  const { t } = useTranslation();
  const messageOf = useErrorMessage();
  return (error: unknown): string | null => {
    if (!error) return null;
    if (isApiError(error) && error.status === 409) return t('plansList.views.nameTaken');
    if (isApiError(error) && error.status === 422 && error.fieldErrors.name)
      return t('plansList.views.nameRequired');
    return messageOf(error);
  };
}

function NameDialog({
  opened,
  title,
  initialName,
  submitLabel,
  isBusy,
  error,
  onSubmit,
  onClose,
}: {
  opened: boolean;
  title: string;
  initialName: string;
  submitLabel: string;
  isBusy: boolean;
  error: string | null;
  onSubmit: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(name.trim());
  };
  return (
    <AppModal opened={opened} onClose={onClose} title={title}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('plansList.views.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={error}
            maxLength={100}
            required
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isBusy} disabled={!name.trim()}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

export function SavedViewsMenu({
  state,
  onApply,
}: {
  state: ListState;
  onApply: (state: ListState) => void;
}) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const create = useCreateSavedView();
  const update = useUpdateSavedView();
  const remove = useDeleteSavedView();
  const saveError = useSaveError();
  const messageOf = useErrorMessage();
  const [isSaving, setSaving] = useState(false);
  const [renaming, setRenaming] = useState<SavedView | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const items = views.data?.items ?? [];
  const current = items.find((view) => isSameState(stateOfView(view.query), state));

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<span aria-hidden>▾</span>}>
            {current ? t('plansList.views.current', { name: current.name }) : t('plansList.views.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={240}>
          <Menu.Label>{t('plansList.views.yours')}</Menu.Label>
          {views.isError ? (
            <Menu.Item disabled>{messageOf(views.error)}</Menu.Item>
          ) : items.length === 0 ? (
            <Menu.Item disabled>{t('plansList.views.none')}</Menu.Item>
          ) : (
            items.map((view) => (
              <Menu.Item
                key={view.id}
                onClick={() => onApply(stateOfView(view.query))}
                rightSection={view.id === current?.id ? <span aria-hidden>✓</span> : undefined}
                aria-current={view.id === current?.id ? 'true' : undefined}
              >
                {view.name}
              </Menu.Item>
            ))
          )}
          <Menu.Divider />
          <Menu.Item
            onClick={() => {
              create.reset();
              setSaving(true);
            }}
          >
            {t('plansList.views.save')}
          </Menu.Item>
          {current && (
            <>
              <Menu.Item
                onClick={() => {
                  update.reset();
                  setRenaming(current);
                }}
              >
                {t('plansList.views.rename', { name: current.name })}
              </Menu.Item>
              <Menu.Item color="red" onClick={() => setDeleting(current)}>
                {t('plansList.views.delete', { name: current.name })}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      {isSaving && (
        <NameDialog
          opened
          title={t('plansList.views.saveTitle')}
          initialName=""
          submitLabel={t('common.save')}
          isBusy={create.isPending}
          error={saveError(create.error)}
          onClose={() => setSaving(false)}
          onSubmit={(name) =>
            create.mutate(
              { name, query: viewQueryOf(state) },
              {
                onSuccess: (view) => {
                  setSaving(false);
                  notifications.show({
                    color: 'teal',
                    message: t('plansList.views.saved', { name: view.name }),
                  });
                },
              },
            )
          }
        />
      )}
      {renaming && (
        <NameDialog
          opened
          title={t('plansList.views.renameTitle')}
          initialName={renaming.name}
          submitLabel={t('common.save')}
          isBusy={update.isPending}
          error={saveError(update.error)}
          onClose={() => setRenaming(null)}
          onSubmit={(name) =>
            update.mutate({ view: renaming, changes: { name } }, { onSuccess: () => setRenaming(null) })
          }
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('plansList.views.deleteTitle')}
        message={t('plansList.views.deleteMessage', { name: deleting?.name ?? '' })}
        confirmLabel={t('plansList.views.deleteConfirm')}
        color="red"
        isBusy={remove.isPending}
        error={remove.error ? messageOf(remove.error) : undefined}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting, { onSuccess: () => setDeleting(null) });
        }}
      />
    </>
  );
}
