// Step 5: the development plan: training and development activities by group and section, with due dates.
import {
  ActionIcon,
  Autocomplete,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { planKey, useAddActivity, useRemoveActivity, useUpdateActivity } from '../../../api/plans.ts';
import type { Activity, PlanView } from '../../../api/types.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { DateField } from '../../../ui/date-field.tsx';
import { type FieldErrorLookup, fieldErrorsFrom } from '../../../ui/field-errors.ts';
import { useErrorMessage } from '../../../ui/states.tsx';
import { WizardFooter } from '../wizard-footer.tsx';

type Draft = { title: string; dueDate: string };
const toDraft = (a: Activity): Draft => ({ title: a.title, dueDate: a.dueDate ?? '' });
const groups = ['technical', 'soft_skills', 'professional'] as const;

export function DevelopmentStep({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const update = useUpdateActivity(plan.id);
  const add = useAddActivity(plan.id);
  const remove = useRemoveActivity(plan.id);
  const errorMessage = useErrorMessage();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(plan.activities.map((a) => [a.id, toDraft(a)])),
  );
  const [errorsById, setErrorsById] = useState<Record<string, FieldErrorLookup>>({});
  const [isSaving, setIsSaving] = useState(false);
  const [newActivity, setNewActivity] = useState({
    groupKey: 'technical' as Activity['groupKey'],
    section: '',
    title: '',
    dueDate: '',
  });
  const [newErrors, setNewErrors] = useState<Record<string, string>>({});
  // Which activities apply to this plan (all, at first): the rest are removed in one go.
  const [excluded, setExcluded] = useState<Set<string>>(() => new Set());
  const queryClient = useQueryClient();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isRemoving, setIsRemoving] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const toRemove = plan.activities.filter((a) => excluded.has(a.id));
  const setApplies = (ids: string[], applies: boolean) =>
    setExcluded((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (applies) next.delete(id);
        else next.add(id);
      }
      return next;
    });
  // One request per activity, one after the other, and the plan read once at the end (not after each one).
  const removeExcluded = async () => {
    setIsRemoving(true);
    setRemoveError(null);
    for (const a of toRemove) {
      try {
        await api.delete(`/api/v1/plans/${plan.id}/activities/${a.id}`);
        setExcluded((current) => {
          const next = new Set(current);
          next.delete(a.id);
          return next;
        });
      } catch (error) {
        setRemoveError(error);
        break;
      }
    }
    await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
    setIsRemoving(false);
    setIsConfirming(false);
  };

  useEffect(() => {
    setDrafts((current) =>
      Object.fromEntries(plan.activities.map((a) => [a.id, current[a.id] ?? toDraft(a)])),
    );
  }, [plan.activities]);

  const changed = plan.activities.filter(
    (a) => drafts[a.id] && JSON.stringify(drafts[a.id]) !== JSON.stringify(toDraft(a)),
  );
  const groupTitle = (key: Activity['groupKey']) =>
    plan.development.groups.find((g) => g.key === key)?.title ?? t(`plan.development.groups.${key}`);
  const sections = [...new Set(plan.activities.map((a) => a.section))];

  const save = async (): Promise<boolean> => {
    setIsSaving(true);
    const failures: Record<string, FieldErrorLookup> = {};
    for (const a of changed) {
      const d = drafts[a.id];
      try {
        await update.mutateAsync({ id: a.id, seen: a, title: d.title.trim(), dueDate: d.dueDate || null });
      } catch (error) {
        failures[a.id] = fieldErrorsFrom(error);
      }
    }
    setIsSaving(false);
    setErrorsById(failures);
    return Object.keys(failures).length === 0;
  };

  const addActivity = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!newActivity.section.trim()) found.section = t('validation.required');
    if (!newActivity.title.trim()) found.title = t('validation.required');
    setNewErrors(found);
    if (Object.keys(found).length) return;
    add.mutate(
      {
        groupKey: newActivity.groupKey,
        section: newActivity.section.trim(),
        title: newActivity.title.trim(),
        dueDate: newActivity.dueDate || null,
      },
      { onSuccess: () => setNewActivity((a) => ({ ...a, title: '', dueDate: '' })) },
    );
  };
  const addErrors = fieldErrorsFrom(add.error);

  return (
    <Stack gap="md">
      <Text size="sm">{t('wizard.development.intro')}</Text>
      {plan.activities.length > 0 && (
        <Card withBorder padding="sm" component="section" aria-label={t('forms.activities.choose')}>
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Text size="sm" fw={700}>
                {t('forms.activities.choose')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('forms.activities.chooseHint')}
              </Text>
              <Text size="sm" aria-live="polite">
                {t('forms.activities.count', {
                  kept: plan.activities.length - toRemove.length,
                  total: plan.activities.length,
                })}
              </Text>
            </div>
            <Button
              color="red.8"
              variant="light"
              disabled={toRemove.length === 0}
              loading={isRemoving}
              onClick={() => setIsConfirming(true)}
            >
              {t('forms.activities.removeExcluded', { count: toRemove.length })}
            </Button>
          </Group>
          {Boolean(removeError) && (
            <Text c="red.9" size="sm" role="alert" mt="xs">
              {errorMessage(removeError)}
            </Text>
          )}
        </Card>
      )}
      <ConfirmDialog
        opened={isConfirming}
        title={t('forms.activities.confirmTitle', { count: toRemove.length })}
        message={
          <ul style={{ margin: 0, paddingLeft: '1.2rem', maxHeight: 240, overflowY: 'auto' }}>
            {toRemove.map((a) => (
              <li key={a.id}>{a.title}</li>
            ))}
          </ul>
        }
        confirmLabel={t('forms.activities.removeExcluded', { count: toRemove.length })}
        color="red"
        isBusy={isRemoving}
        onConfirm={() => void removeExcluded()}
        onClose={() => setIsConfirming(false)}
      />
      {groups.map((key) => {
        const items = plan.activities.filter((a) => a.groupKey === key);
        if (items.length === 0) return null;
        return (
          <Card key={key} withBorder padding="md" component="section" aria-labelledby={`dev-${key}`}>
            <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
              <Title order={2} size="h4" id={`dev-${key}`}>
                {groupTitle(key)}
              </Title>
              <ApplyAll
                label={t('forms.activities.groupApplies', { group: groupTitle(key) })}
                ids={items.map((a) => a.id)}
                excluded={excluded}
                onChange={setApplies}
              />
            </Group>
            <Stack gap="md">
              {[...new Set(items.map((a) => a.section))].map((section) => (
                <fieldset key={section} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                  <Text component="legend" fw={700} size="sm" mb={4}>
                    {section}
                  </Text>
                  <ApplyAll
                    label={t('forms.activities.sectionApplies', { section })}
                    ids={items.filter((a) => a.section === section).map((a) => a.id)}
                    excluded={excluded}
                    onChange={setApplies}
                    size="xs"
                  />
                  <Stack gap={6}>
                    {items
                      .filter((a) => a.section === section)
                      .map((a) => {
                        const d = drafts[a.id];
                        if (!d) return null;
                        const errors = errorsById[a.id] ?? (() => undefined);
                        return (
                          <Group key={a.id} gap="xs" align="flex-start" wrap="wrap">
                            <Checkbox
                              mt={8}
                              checked={!excluded.has(a.id)}
                              onChange={(e) => setApplies([a.id], e.currentTarget.checked)}
                              aria-label={t('forms.activities.applies', { title: a.title })}
                            />
                            <TextInput
                              aria-label={t('wizard.development.activityTitle')}
                              value={d.title}
                              onChange={(e) => {
                                const title = e.currentTarget.value;
                                setDrafts((all) => ({ ...all, [a.id]: { ...all[a.id], title } }));
                              }}
                              error={errors('title')}
                              style={{ flex: '1 1 16rem' }}
                            />
                            <DateField
                              aria-label={t('wizard.development.dueDateFor', { title: d.title })}
                              value={d.dueDate}
                              minDate={plan.header.startDate}
                              maxDate={plan.header.endDate}
                              onChange={(value) => {
                                const dueDate = value;
                                setDrafts((all) => ({ ...all, [a.id]: { ...all[a.id], dueDate } }));
                              }}
                              error={errors('dueDate')}
                              w={170}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="red.8"
                              mt={4}
                              onClick={() => remove.mutate(a.id)}
                              aria-label={t('wizard.development.remove', { title: a.title })}
                              loading={remove.isPending && remove.variables === a.id}
                            >
                              ×
                            </ActionIcon>
                          </Group>
                        );
                      })}
                  </Stack>
                </fieldset>
              ))}
            </Stack>
          </Card>
        );
      })}
      {remove.error && (
        <Text c="red.9" size="sm" role="alert">
          {errorMessage(remove.error)}
        </Text>
      )}
      <Card withBorder padding="md" component="section" aria-labelledby="new-activity">
        <Title order={2} size="h4" id="new-activity" mb="sm">
          {t('wizard.development.add')}
        </Title>
        <form onSubmit={addActivity} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <Select
              label={t('wizard.development.group')}
              data={groups.map((g) => ({ value: g, label: groupTitle(g) }))}
              value={newActivity.groupKey}
              onChange={(value) =>
                setNewActivity((a) => ({ ...a, groupKey: (value ?? 'technical') as Activity['groupKey'] }))
              }
              allowDeselect={false}
            />
            <Autocomplete
              label={t('wizard.development.section')}
              data={sections}
              value={newActivity.section}
              onChange={(section) => setNewActivity((a) => ({ ...a, section }))}
              error={newErrors.section ?? addErrors('section')}
              required
            />
            <TextInput
              label={t('wizard.development.activityTitle')}
              value={newActivity.title}
              onChange={(e) => {
                const title = e.currentTarget.value;
                setNewActivity((a) => ({ ...a, title }));
              }}
              error={newErrors.title ?? addErrors('title')}
              required
            />
            <DateField
              label={t('wizard.development.dueDate')}
              value={newActivity.dueDate}
              minDate={plan.header.startDate}
              maxDate={plan.header.endDate}
              onChange={(value) => {
                const dueDate = value;
                setNewActivity((a) => ({ ...a, dueDate }));
              }}
              error={addErrors('dueDate')}
            />
          </SimpleGrid>
          <Button type="submit" variant="light" mt="sm" loading={add.isPending}>
            {t('wizard.development.addButton')}
          </Button>
        </form>
      </Card>
      <WizardFooter
        planId={plan.id}
        step="development"
        isDirty={changed.length > 0}
        isSaving={isSaving}
        onSave={save}
        error={
          Object.keys(errorsById).length
            ? t('wizard.fixErrors', { items: t('wizard.stepNames.development') })
            : null
        }
      />
    </Stack>
  );
}

/** A checkbox that says whether every activity of a group or section applies; mixed shows as indeterminate. */
function ApplyAll({
  label,
  ids,
  excluded,
  onChange,
  size = 'sm',
}: {
  label: string;
  ids: string[];
  excluded: Set<string>;
  onChange: (ids: string[], applies: boolean) => void;
  size?: 'xs' | 'sm';
}) {
  const kept = ids.filter((id) => !excluded.has(id)).length;
  return (
    <Checkbox
      size={size}
      label={label}
      checked={kept === ids.length}
      indeterminate={kept > 0 && kept < ids.length}
      onChange={() => onChange(ids, kept < ids.length)}
      mb={size === 'xs' ? 6 : 0}
    />
  );
}
