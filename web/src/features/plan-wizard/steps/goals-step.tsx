// Step 4: a goal per focus area, saved as you type, with the server's SMART check shown live beside it.
import { Badge, Card, Group, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaleWrite } from '../../../api/concurrency.ts';
import { useUpdateFocusArea } from '../../../api/plans.ts';
import type { FocusArea, PlanView } from '../../../api/types.ts';
import { DateField } from '../../../ui/date-field.tsx';
import { type FieldErrorLookup, fieldErrorsFrom } from '../../../ui/field-errors.ts';
import { formatDate } from '../../../ui/format.ts';
import { EmptyState } from '../../../ui/states.tsx';
import { WordingHints } from '../../fairness/readiness-panel.tsx';
import { SmartFindings } from '../../plan/sections/issues-goals-tab.tsx';
import { useFocusAreaPlaceholders } from '../use-placeholders.ts';
import { WizardFooter } from '../wizard-footer.tsx';

type GoalDraft = {
  goalTitle: string;
  goal: string;
  measurement: string;
  deadline: string;
  successCriteria: string;
};
const toDraft = (a: FocusArea): GoalDraft => ({
  goalTitle: a.goalTitle,
  goal: a.goal,
  measurement: a.measurement,
  deadline: a.deadline ?? '',
  successCriteria: a.successCriteria,
});
const same = (a: GoalDraft, b: GoalDraft) => JSON.stringify(a) === JSON.stringify(b);
const autosaveDelayMs = 900;

export function GoalsStep({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const update = useUpdateFocusArea(plan.id);
  const placeholderOf = useFocusAreaPlaceholders(plan);
  const [drafts, setDrafts] = useState<Record<string, GoalDraft>>(() =>
    Object.fromEntries(plan.focusAreas.map((a) => [a.id, toDraft(a)])),
  );
  const [errorsById, setErrorsById] = useState<Record<string, FieldErrorLookup>>({});
  const [savingIds, setSavingIds] = useState<Set<string>>(new Set());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const latest = useRef(drafts);
  latest.current = drafts;
  // Each goal's base: the focus area as last read or saved. Saving says "only if it is still this".
  const bases = useRef(new Map(plan.focusAreas.map((a) => [a.id, a])));
  // Saves of one goal run one after another, so an autosave never races its own previous save.
  const queues = useRef(new Map<string, Promise<unknown>>());

  const saveNow = useCallback(
    async (id: string): Promise<boolean> => {
      const d = latest.current[id];
      if (!d) return true;
      if (!d.goalTitle.trim()) {
        setErrorsById((all) => ({ ...all, [id]: fieldErrorsFrom(null) }));
        return false;
      }
      setSavingIds((s) => new Set(s).add(id));
      try {
        const saved = await update.mutateAsync({
          id,
          seen: bases.current.get(id),
          goalTitle: d.goalTitle.trim(),
          goal: d.goal,
          measurement: d.measurement,
          deadline: d.deadline || null,
          successCriteria: d.successCriteria,
        });
        bases.current.set(id, saved);
        setErrorsById(({ [id]: _, ...rest }) => rest);
        return true;
      } catch (error) {
        // Someone else changed it: the next save is based on what is stored now.
        if (isStaleWrite<FocusArea>(error) && error.latest) bases.current.set(id, error.latest);
        setErrorsById((all) => ({ ...all, [id]: fieldErrorsFrom(error) }));
        return false;
      } finally {
        setSavingIds((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }
    },
    [update],
  );
  const saveArea = useCallback(
    (id: string): Promise<boolean> => {
      const next = (queues.current.get(id) ?? Promise.resolve()).then(() => saveNow(id));
      queues.current.set(id, next);
      return next;
    },
    [saveNow],
  );

  const areaById = new Map(plan.focusAreas.map((a) => [a.id, a]));
  const changedIds = Object.keys(drafts).filter((id) => {
    const area = areaById.get(id);
    return area && !same(drafts[id], toDraft(area));
  });

  const setArea = (id: string, patch: Partial<GoalDraft>) => {
    setDrafts((all) => ({ ...all, [id]: { ...all[id], ...patch } }));
    const existing = timers.current.get(id);
    if (existing) clearTimeout(existing);
    timers.current.set(
      id,
      setTimeout(() => {
        timers.current.delete(id);
        void saveArea(id);
      }, autosaveDelayMs),
    );
  };

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const saveAll = async (): Promise<boolean> => {
    for (const timer of timers.current.values()) clearTimeout(timer);
    timers.current.clear();
    const results = await Promise.all(changedIds.map((id) => saveArea(id)));
    return results.every(Boolean);
  };

  if (plan.focusAreas.length === 0)
    return (
      <>
        <EmptyState title={t('wizard.areas.empty')} description={t('wizard.goals.needAreas')} />
        <WizardFooter
          planId={plan.id}
          step="goals"
          isDirty={false}
          isSaving={false}
          onSave={async () => true}
        />
      </>
    );

  return (
    <Stack gap="md">
      <Text size="sm">{t('wizard.goals.intro')}</Text>
      {plan.focusAreas.map((area, index) => {
        const d = drafts[area.id];
        if (!d) return null;
        const errors = errorsById[area.id] ?? (() => undefined);
        const isSaving = savingIds.has(area.id);
        const isChanged = changedIds.includes(area.id);
        const metrics = plan.metrics.filter((m) => m.focusAreaId === area.id);
        return (
          <Card key={area.id} withBorder padding="md" component="section" aria-labelledby={`goal-${area.id}`}>
            <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
              <div>
                <Title order={2} size="h4" id={`goal-${area.id}`}>
                  {index + 1}. {area.title}
                </Title>
              </div>
              <Text size="xs" c="dimmed" aria-live="polite">
                {isSaving
                  ? t('wizard.goals.saving')
                  : isChanged
                    ? t('wizard.goals.unsaved')
                    : t('wizard.goals.saved')}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Stack gap="sm">
                <TextInput
                  label={t('wizard.goals.goalTitle')}
                  value={d.goalTitle}
                  onChange={(e) => setArea(area.id, { goalTitle: e.currentTarget.value })}
                  error={errors('goalTitle') ?? (d.goalTitle.trim() ? undefined : t('validation.required'))}
                  required
                />
                <Textarea
                  label={t('wizard.goals.goal')}
                  description={t('wizard.goals.goalHint')}
                  value={d.goal}
                  placeholder={placeholderOf(area.templateKey, 'goal')}
                  onChange={(e) => setArea(area.id, { goal: e.currentTarget.value })}
                  error={errors('goal')}
                  autosize
                  minRows={2}
                />
                <Textarea
                  label={t('wizard.goals.measurement')}
                  description={t('wizard.goals.measurementHint')}
                  value={d.measurement}
                  placeholder={placeholderOf(area.templateKey, 'measurement')}
                  onChange={(e) => setArea(area.id, { measurement: e.currentTarget.value })}
                  error={errors('measurement')}
                  autosize
                  minRows={2}
                />
                <DateField
                  label={t('wizard.goals.deadline')}
                  description={t('wizard.goals.deadlineHint', {
                    start: formatDate(plan.header.startDate),
                    end: formatDate(plan.header.endDate),
                  })}
                  minDate={plan.header.startDate}
                  maxDate={plan.header.endDate}
                  value={d.deadline}
                  onChange={(value) => setArea(area.id, { deadline: value })}
                  error={errors('deadline')}
                />
                <Textarea
                  label={t('wizard.goals.successCriteria')}
                  value={d.successCriteria}
                  placeholder={placeholderOf(area.templateKey, 'successCriteria')}
                  onChange={(e) => setArea(area.id, { successCriteria: e.currentTarget.value })}
                  error={errors('successCriteria')}
                  autosize
                  minRows={2}
                />
              </Stack>
              <Stack gap="sm">
                <div>
                  <Text size="sm" fw={500} mb={4}>
                    {t('wizard.goals.linkedMetrics')}
                  </Text>
                  {metrics.length === 0 ? (
                    <Text size="sm" c="red.9">
                      {t('wizard.goals.noMetric')}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {metrics.map((m) => (
                        <Badge key={m.id} variant="outline" tt="none" radius="sm">
                          {m.name}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </div>
                <div aria-live="polite">
                  <SmartFindings area={area} />
                  <WordingHints planId={plan.id} focusAreaId={area.id} />
                </div>
              </Stack>
            </SimpleGrid>
          </Card>
        );
      })}
      <WizardFooter
        planId={plan.id}
        step="goals"
        isDirty={changedIds.length > 0}
        isSaving={savingIds.size > 0}
        onSave={saveAll}
        error={
          Object.keys(errorsById).length
            ? t('wizard.fixErrors', { items: t('wizard.stepNames.goals') })
            : null
        }
      />
    </Stack>
  );
}
