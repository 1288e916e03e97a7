// Step 2: the performance issues, one focus area each: issue, impact, dated examples, required standard.
import { ActionIcon, Button, Card, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaleWrite } from '../../../api/concurrency.ts';
import { useAddFocusArea, useRemoveFocusArea, useUpdateFocusArea } from '../../../api/plans.ts';
import type { FocusArea, PlanView } from '../../../api/types.ts';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { DateField } from '../../../ui/date-field.tsx';
import { type FieldErrorLookup, fieldErrorsFrom } from '../../../ui/field-errors.ts';
import { EmptyState, useErrorMessage } from '../../../ui/states.tsx';
import { useFocusAreaPlaceholders } from '../use-placeholders.ts';
import { WizardFooter } from '../wizard-footer.tsx';

type Example = { date: string; text: string };
type AreaDraft = {
  title: string;
  issue: string;
  impact: string;
  examples: Example[];
  requiredStandard: string;
};

const toDraft = (a: FocusArea): AreaDraft => ({
  title: a.title,
  issue: a.issue,
  impact: a.impact,
  examples: a.examples.map((e) => ({ date: e.date ?? '', text: e.text })),
  requiredStandard: a.requiredStandard,
});
const same = (a: AreaDraft, b: AreaDraft) => JSON.stringify(a) === JSON.stringify(b);

export function FocusAreasStep({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const updateArea = useUpdateFocusArea(plan.id);
  const addArea = useAddFocusArea(plan.id);
  const removeArea = useRemoveFocusArea(plan.id);
  const errorMessage = useErrorMessage();
  const placeholderOf = useFocusAreaPlaceholders(plan);
  const [drafts, setDrafts] = useState<Record<string, AreaDraft>>(() =>
    Object.fromEntries(plan.focusAreas.map((a) => [a.id, toDraft(a)])),
  );
  const [errorsByArea, setErrorsByArea] = useState<Record<string, FieldErrorLookup | Record<string, string>>>(
    {},
  );
  const [isSaving, setIsSaving] = useState(false);
  const [toRemove, setToRemove] = useState<FocusArea | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [newTitleError, setNewTitleError] = useState<string | undefined>();
  // Each draft's base: the focus area as read when its draft began. Saving says "only if it is still this".
  const bases = useRef(new Map(plan.focusAreas.map((a) => [a.id, a])));

  // Areas added or removed on the server join or leave the form; edits in progress stay.
  useEffect(() => {
    for (const a of plan.focusAreas) if (!bases.current.has(a.id)) bases.current.set(a.id, a);
    setDrafts((current) =>
      Object.fromEntries(plan.focusAreas.map((a) => [a.id, current[a.id] ?? toDraft(a)])),
    );
  }, [plan.focusAreas]);

  const changed = plan.focusAreas.filter((a) => drafts[a.id] && !same(drafts[a.id], toDraft(a)));
  const setArea = (id: string, patch: Partial<AreaDraft>) =>
    setDrafts((all) => ({ ...all, [id]: { ...all[id], ...patch } }));
  const errorOf = (id: string, path: string): string | undefined => {
    const lookup = errorsByArea[id];
    if (!lookup) return undefined;
    return typeof lookup === 'function' ? lookup(path) : lookup[path];
  };

  const save = async (): Promise<boolean> => {
    const found: Record<string, Record<string, string>> = {};
    for (const area of changed) {
      const d = drafts[area.id];
      const local: Record<string, string> = {};
      if (!d.title.trim()) local.title = t('validation.required');
      d.examples.forEach((e, i) => {
        if (!e.text.trim() && e.date) local[`examples.${i}.text`] = t('validation.required');
      });
      if (Object.keys(local).length) found[area.id] = local;
    }
    if (Object.keys(found).length) {
      setErrorsByArea(found);
      return false;
    }
    setIsSaving(true);
    const failures: Record<string, FieldErrorLookup> = {};
    for (const area of changed) {
      const d = drafts[area.id];
      try {
        const saved = await updateArea.mutateAsync({
          id: area.id,
          seen: bases.current.get(area.id),
          title: d.title.trim(),
          issue: d.issue,
          impact: d.impact,
          requiredStandard: d.requiredStandard,
          examples: d.examples
            .filter((e) => e.text.trim())
            .map((e) => ({ date: e.date || null, text: e.text.trim() })),
        });
        bases.current.set(area.id, saved);
      } catch (error) {
        // Someone else changed it: the next save is based on what is stored now.
        if (isStaleWrite<FocusArea>(error) && error.latest) bases.current.set(area.id, error.latest);
        failures[area.id] = fieldErrorsFrom(error);
      }
    }
    setIsSaving(false);
    setErrorsByArea(failures);
    return Object.keys(failures).length === 0;
  };

  const failureSummary = Object.entries(errorsByArea)
    .map(([id]) => plan.focusAreas.find((a) => a.id === id)?.title)
    .filter(Boolean);

  return (
    <Stack gap="md">
      <Text size="sm">{t('wizard.areas.intro')}</Text>
      {plan.focusAreas.length === 0 && (
        <EmptyState title={t('wizard.areas.empty')} description={t('wizard.areas.emptyHint')} />
      )}
      {plan.focusAreas.map((area, index) => {
        const d = drafts[area.id];
        if (!d) return null;
        const titleId = `area-${area.id}`;
        return (
          <Card key={area.id} withBorder padding="md" component="section" aria-labelledby={titleId}>
            <Group justify="space-between" mb="sm" wrap="nowrap">
              <Title order={2} size="h4" id={titleId}>
                {t('wizard.areas.number', { number: index + 1 })}: {d.title || t('wizard.areas.untitled')}
              </Title>
              <Button variant="subtle" color="red.8" size="compact-sm" onClick={() => setToRemove(area)}>
                {t('common.remove')}
                <span className="visually-hidden"> {d.title}</span>
              </Button>
            </Group>
            <Stack gap="sm">
              <TextInput
                label={t('wizard.areas.title')}
                value={d.title}
                onChange={(e) => setArea(area.id, { title: e.currentTarget.value })}
                error={errorOf(area.id, 'title')}
                required
              />
              <Textarea
                label={t('wizard.areas.issue')}
                description={t('wizard.areas.issueHint')}
                value={d.issue}
                placeholder={placeholderOf(area.templateKey, 'issue')}
                onChange={(e) => setArea(area.id, { issue: e.currentTarget.value })}
                error={errorOf(area.id, 'issue')}
                autosize
                minRows={2}
              />
              <Textarea
                label={t('wizard.areas.impact')}
                description={t('wizard.areas.impactHint')}
                value={d.impact}
                placeholder={placeholderOf(area.templateKey, 'impact')}
                onChange={(e) => setArea(area.id, { impact: e.currentTarget.value })}
                error={errorOf(area.id, 'impact')}
                autosize
                minRows={2}
              />
              <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
                <Text component="legend" size="sm" fw={500}>
                  {t('wizard.areas.examples')}
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('wizard.areas.examplesHint')}
                </Text>
                <Stack gap={6}>
                  {d.examples.map((example, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: examples have no id; position is their identity.
                    <Group key={i} gap="xs" align="flex-start" wrap="wrap">
                      <DateField
                        label={t('wizard.areas.exampleDate', { number: i + 1 })}
                        value={example.date}
                        onChange={(value) => {
                          const examples = [...d.examples];
                          examples[i] = { ...example, date: value };
                          setArea(area.id, { examples });
                        }}
                        error={errorOf(area.id, `examples.${i}.date`)}
                        w={170}
                      />
                      <TextInput
                        label={t('wizard.areas.exampleText', { number: i + 1 })}
                        value={example.text}
                        onChange={(e) => {
                          const examples = [...d.examples];
                          examples[i] = { ...example, text: e.currentTarget.value };
                          setArea(area.id, { examples });
                        }}
                        error={errorOf(area.id, `examples.${i}.text`)}
                        style={{ flex: '1 1 14rem' }}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red.8"
                        mt={26}
                        onClick={() => setArea(area.id, { examples: d.examples.filter((_, j) => j !== i) })}
                        aria-label={t('wizard.areas.removeExample', { number: i + 1 })}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    variant="light"
                    size="xs"
                    w="fit-content"
                    onClick={() => setArea(area.id, { examples: [...d.examples, { date: '', text: '' }] })}
                  >
                    {t('wizard.areas.addExample')}
                  </Button>
                </Stack>
              </fieldset>
              <Textarea
                label={t('wizard.areas.requiredStandard')}
                description={t('wizard.areas.requiredStandardHint')}
                value={d.requiredStandard}
                placeholder={placeholderOf(area.templateKey, 'requiredStandard')}
                onChange={(e) => setArea(area.id, { requiredStandard: e.currentTarget.value })}
                error={errorOf(area.id, 'requiredStandard')}
                autosize
                minRows={2}
              />
            </Stack>
          </Card>
        );
      })}
      <Card withBorder padding="md">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!newTitle.trim()) {
              setNewTitleError(t('validation.required'));
              return;
            }
            setNewTitleError(undefined);
            addArea.mutate(
              { title: newTitle.trim(), goalTitle: newTitle.trim() },
              { onSuccess: () => setNewTitle('') },
            );
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              label={t('wizard.areas.newTitle')}
              value={newTitle}
              onChange={(e) => setNewTitle(e.currentTarget.value)}
              error={newTitleError ?? fieldErrorsFrom(addArea.error)('title')}
              style={{ flex: '1 1 16rem' }}
            />
            <Button type="submit" variant="light" loading={addArea.isPending}>
              {t('wizard.areas.add')}
            </Button>
          </Group>
        </form>
      </Card>
      <ConfirmDialog
        opened={toRemove !== null}
        title={t('wizard.areas.removeTitle')}
        message={t('wizard.areas.removeMessage', { title: toRemove?.title ?? '' })}
        confirmLabel={t('common.remove')}
        color="red"
        isBusy={removeArea.isPending}
        error={removeArea.error ? errorMessage(removeArea.error) : null}
        onConfirm={() => toRemove && removeArea.mutate(toRemove.id, { onSuccess: () => setToRemove(null) })}
        onClose={() => {
          removeArea.reset();
          setToRemove(null);
        }}
      />
      <WizardFooter
        planId={plan.id}
        step="focus-areas"
        isDirty={changed.length > 0}
        isSaving={isSaving}
        onSave={save}
        error={failureSummary.length ? t('wizard.fixErrors', { items: failureSummary.join(', ') }) : null}
      />
    </Stack>
  );
}
