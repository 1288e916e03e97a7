// HR's witness statement for an employee's refusal to sign.
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWitness } from '../../api/plans.ts';
import type { PlanView, Signature } from '../../api/types.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { useErrorMessage } from '../../ui/states.tsx';

export function WitnessDialog({
  plan,
  signature,
  onClose,
}: {
  plan: PlanView;
  signature: Signature;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const witness = useWitness(plan.id);
  const errors = useFieldErrors(witness.error);
  const errorMessage = useErrorMessage();
  const [statement, setStatement] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = !statement.trim();
  return (
    <AppModal opened onClose={onClose} title={t('sign.witness.title')} centered size="lg">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (missing) return;
          witness.mutate(
            { signatureId: signature.id, statement: statement.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('sign.witness.done') });
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('sign.witness.intro', { name: signature.signerName })}</Text>
          {signature.response && (
            <Text size="sm" className="pre-line">
              <Text span fw={700} size="sm">
                {plan.headings.employeeResponse}:
              </Text>{' '}
              {signature.response}
            </Text>
          )}
          <Textarea
            label={plan.headings.witnessStatement}
            value={statement}
            onChange={(event) => setStatement(event.currentTarget.value)}
            error={(touched && missing ? t('validation.required') : undefined) ?? errors('statement')}
            autosize
            minRows={4}
            required
            data-autofocus
          />
          {witness.error && !errors.hasAny && (
            <Text c="red.9" size="sm" role="alert">
              {errorMessage(witness.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={witness.isPending}>
              {t('sign.witness.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
