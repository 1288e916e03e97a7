// Step 5: the development plan: training and development activities by group and section, with due dates.
import {
  ActionIcon,
  Autocomplete,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddActivity, useRemoveActivity, useUpdateActivity } from '../../../api/plans.ts';
import type { Activity, PlanView } from '../../../api/types.ts';
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
      {groups.map((key) => {
        const items = plan.activities.filter((a) => a.groupKey === key);
        if (items.length === 0) return null;
        return (
          <Card key={key} withBorder padding="md" component="section" aria-labelledby={`dev-${key}`}>
            <Title order={2} size="h4" id={`dev-${key}`} mb="sm">
              {groupTitle(key)}
            </Title>
            <Stack gap="md">
              {[...new Set(items.map((a) => a.section))].map((section) => (
                <fieldset key={section} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                  <Text component="legend" fw={700} size="sm" mb={4}>
                    {section}
                  </Text>
                  <Stack gap={6}>
                    {items
                      .filter((a) => a.section === section)
                      .map((a) => {
                        const d = drafts[a.id];
                        if (!d) return null;
                        const errors = errorsById[a.id] ?? (() => undefined);
                        return (
                          <Group key={a.id} gap="xs" align="flex-start" wrap="wrap">
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
                            <TextInput
                              type="date"
                              aria-label={t('wizard.development.dueDateFor', { title: d.title })}
                              value={d.dueDate}
                              min={plan.header.startDate}
                              max={plan.header.endDate}
                              onChange={(e) => {
                                const dueDate = e.currentTarget.value;
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
            <TextInput
              type="date"
              label={t('wizard.development.dueDate')}
              value={newActivity.dueDate}
              min={plan.header.startDate}
              max={plan.header.endDate}
              onChange={(e) => {
                const dueDate = e.currentTarget.value;
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
