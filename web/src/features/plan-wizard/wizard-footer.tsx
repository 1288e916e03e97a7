// The wizard's footer: back, and save-then-continue, with a guard on unsaved changes in between.
import { Button, Group, Text } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { UnsavedChangesGuard } from '../../ui/unsaved-changes-guard.tsx';
import { stepPath, type WizardStep, wizardSteps } from './plan-wizard-page.tsx';

export function WizardFooter({
  planId,
  step,
  isDirty,
  isSaving,
  onSave,
  error,
  nextLabel,
}: {
  planId: string;
  step: WizardStep;
  isDirty: boolean;
  isSaving: boolean;
  /** Saves the step; resolves false when something must be fixed first. */
  onSave: () => Promise<boolean>;
  error?: string | null;
  nextLabel?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const index = wizardSteps.indexOf(step);
  const previous = index > 0 ? wizardSteps[index - 1] : null;
  const next = index < wizardSteps.length - 1 ? wizardSteps[index + 1] : null;
  const bypass = useRef(false);
  const saveAnd = async (target: string) => {
    if (!(await onSave())) return;
    // Saved: the guard must not hold this navigation back.
    bypass.current = true;
    navigate(target);
  };
  return (
    <>
      <UnsavedChangesGuard when={isDirty && !isSaving} bypass={bypass} />
      {error && (
        <Text c="red.9" size="sm" role="alert" mt="md">
          {error}
        </Text>
      )}
      <Group justify="space-between" mt="xl" wrap="wrap" gap="sm">
        <Group gap="xs">
          {previous && (
            <Button variant="default" onClick={() => navigate(stepPath(planId, previous))}>
              {t('common.back')}
            </Button>
          )}
          <Button variant="subtle" onClick={() => void saveAnd(`/plans/${planId}`)} loading={isSaving}>
            {t('wizard.saveAndExit')}
          </Button>
        </Group>
        {next && (
          <Button onClick={() => void saveAnd(stepPath(planId, next))} loading={isSaving}>
            {nextLabel ?? t('wizard.saveAndContinue')}
          </Button>
        )}
      </Group>
    </>
  );
}
