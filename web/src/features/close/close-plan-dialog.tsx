// Close the plan with its outcome (HR), or recommend one (the manager): successful or not, a summary, a word per
// focus area, the completion steps. HR sees the manager's recommendation and whether the final evaluation was held.

import { Button, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCheckIns } from '../../api/check-ins.ts';
import { useTransition } from '../../api/plans.ts';
import type { PlanView } from '../../api/types.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { useErrorMessage } from '../../ui/states.tsx';
import { OutcomeEvidence } from '../fairness/outcome-evidence.tsx';

export function ClosePlanDialog({ plan, onClose }: { plan: PlanView; onClose: () => void }) {
  const { t } = useTranslation();
  const transition = useTransition(plan.id);
  const errors = useFieldErrors(transition.error);
  const errorMessage = useErrorMessage();
  const [outcome, setOutcome] = useState<'successful' | 'unsuccessful' | ''>('');
  const [summary, setSummary] = useState('');
  const [areaSummaries, setAreaSummaries] = useState<Record<string, string>>({});
  const [doneSteps, setDoneSteps] = useState<string[]>([]);
  const [overrideReason, setOverrideReason] = useState('');
  const [touched, setTouched] = useState(false);
  // The outcome is HR's decision; the manager recommends one.
  const isRecommending = !plan.allowedActions.includes('close');
  const checkIns = useCheckIns(plan.id);
  const isFinalEvaluationHeld = Boolean(
    checkIns.data?.items.some((c) => c.type === 'final_evaluation' && c.status === 'held'),
  );
  const needsOverride = !isRecommending && outcome === 'successful' && !isFinalEvaluationHeld;
  const recommendation = plan.outcomeRecommendation;
  const clientErrors = {
    outcome: outcome ? undefined : t('close.errors.outcome'),
    summary: summary.trim() ? undefined : t('close.errors.summary'),
    overrideReason: needsOverride && !overrideReason.trim() ? t('close.errors.overrideReason') : undefined,
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!outcome || clientErrors.summary || clientErrors.overrideReason) return;
    const body = isRecommending
      ? { action: 'recommend' as const, outcome, summary: summary.trim() }
      : {
          action: 'close' as const,
          outcome,
          summary: summary.trim(),
          overrideReason: needsOverride ? overrideReason.trim() : undefined,
          areaSummaries: plan.focusAreas
            .filter((a) => areaSummaries[a.id]?.trim())
            .map((a) => ({ focusAreaId: a.id, summary: areaSummaries[a.id].trim() })),
          completionSteps: plan.completion.steps.map((text) => ({ text, isDone: doneSteps.includes(text) })),
        };
    transition.mutate(body, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: t(isRecommending ? 'close.recommended' : 'close.done'),
        });
        onClose();
      },
    });
  };

  return (
    <AppModal
      opened
      onClose={onClose}
      title={t(isRecommending ? 'close.recommendTitle' : 'close.title')}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {t(isRecommending ? 'close.recommendIntro' : 'close.intro', { name: plan.header.employeeName })}
          </Text>
          {!isRecommending && <OutcomeEvidence planId={plan.id} />}
          {!isRecommending && (
            <Text size="sm" c={isFinalEvaluationHeld ? undefined : 'red.9'}>
              {t(isFinalEvaluationHeld ? 'close.finalEvaluationHeld' : 'close.finalEvaluationMissing')}
            </Text>
          )}
          {!isRecommending && recommendation && (
            <Text size="sm">
              {t('close.recommendation', {
                name: recommendation.recommendedByName,
                outcome: t(`close.outcomes.${recommendation.outcome}`),
                summary: recommendation.summary,
              })}
            </Text>
          )}
          <Radio.Group
            label={t('close.outcome')}
            value={outcome}
            onChange={(value) => {
              const next = value as 'successful' | 'unsuccessful';
              setOutcome(next);
            }}
            error={(touched ? clientErrors.outcome : undefined) ?? errors('outcome')}
            required
          >
            <Stack gap={6} mt={6}>
              <Radio value="successful" label={t('close.outcomes.successful')} />
              <Radio value="unsuccessful" label={t('close.outcomes.unsuccessful')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('close.summary')}
            description={t('close.summaryHint')}
            value={summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
            error={(touched ? clientErrors.summary : undefined) ?? errors('summary')}
            autosize
            minRows={3}
            required
          />
          {needsOverride && (
            <Textarea
              label={t('close.overrideReason')}
              description={t('close.overrideReasonHint')}
              value={overrideReason}
              onChange={(event) => setOverrideReason(event.currentTarget.value)}
              error={(touched ? clientErrors.overrideReason : undefined) ?? errors('overrideReason')}
              autosize
              minRows={2}
              required
            />
          )}
          {!isRecommending &&
            plan.focusAreas.map((area, index) => (
              <Textarea
                key={area.id}
                label={t('close.areaSummary', { title: area.title })}
                value={areaSummaries[area.id] ?? ''}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setAreaSummaries((current) => ({ ...current, [area.id]: value }));
                }}
                error={
                  errors(`areaSummaries.${index}.summary`) ?? errors(`areaSummaries.${index}.focusAreaId`)
                }
                autosize
                minRows={2}
              />
            ))}
          {!isRecommending && plan.completion.steps.length > 0 && (
            <Checkbox.Group label={t('close.steps')} value={doneSteps} onChange={setDoneSteps}>
              <Stack gap={6} mt={6}>
                {plan.completion.steps.map((step) => (
                  <Checkbox key={step} value={step} label={step} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          {transition.error && !errors.hasAny && (
            <Text c="red.9" size="sm" role="alert">
              {errorMessage(transition.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="teal.8" loading={transition.isPending}>
              {t(isRecommending ? 'close.recommendSubmit' : 'close.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
