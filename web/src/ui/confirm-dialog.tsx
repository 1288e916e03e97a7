// A confirmation dialog, optionally asking for a reason, used before consequential actions.
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from './app-modal.tsx';

export type ConfirmDialogProps = {
  opened: boolean;
  title: string;
  message?: ReactNode;
  confirmLabel: string;
  color?: string;
  /** Ask for a reason; the label names what it is for. */
  reasonLabel?: string;
  isReasonRequired?: boolean;
  isBusy?: boolean;
  error?: ReactNode;
  onConfirm: (reason: string) => void;
  onClose: () => void;
};

export function ConfirmDialog({
  opened,
  title,
  message,
  confirmLabel,
  color,
  reasonLabel,
  isReasonRequired = false,
  isBusy = false,
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const errorId = useId();
  useEffect(() => {
    if (opened) {
      setReason('');
      setTouched(false);
    }
  }, [opened]);
  const isMissing = Boolean(reasonLabel && isReasonRequired && !reason.trim());
  return (
    <AppModal opened={opened} onClose={onClose} title={title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!isMissing) onConfirm(reason.trim());
        }}
      >
        <Stack gap="md">
          {message && <Text size="sm">{message}</Text>}
          {reasonLabel && (
            <Textarea
              label={reasonLabel}
              required={isReasonRequired}
              autosize
              minRows={3}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={touched && isMissing ? t('validation.required') : undefined}
              data-autofocus
            />
          )}
          {error && (
            <Text id={errorId} c="red.9" size="sm" role="alert" component="div">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={isBusy}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={color}
              loading={isBusy}
              data-autofocus={reasonLabel ? undefined : true}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
