// HR's approve or reject decision on one adjustment, with the reason the decision must carry.
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDecideAdjustment } from '../../api/history.ts';
import { inboxKey } from '../../api/inbox.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useErrorMessage } from '../../ui/states.tsx';

export type AdjustmentDecision = { adjustmentId: string; decision: 'approve' | 'reject' };

export function DecideAdjustmentDialog({
  planId,
  deciding,
  onClose,
}: {
  planId: string;
  deciding: AdjustmentDecision | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideAdjustment(planId);
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  return (
    <ConfirmDialog
      opened={deciding !== null}
      title={deciding ? t(`adjust.confirm.${deciding.decision}`) : ''}
      message={deciding?.decision === 'approve' ? t('adjust.approveWarning') : undefined}
      confirmLabel={deciding ? t(`adjust.${deciding.decision}`) : ''}
      color={deciding?.decision === 'reject' ? 'red' : 'teal.8'}
      reasonLabel={t('adjust.decisionReason')}
      isReasonRequired
      isBusy={decide.isPending}
      error={decide.error ? errorMessage(decide.error) : null}
      onConfirm={(reason) => {
        if (!deciding) return;
        decide.mutate(
          { id: deciding.adjustmentId, decision: deciding.decision, reason },
          {
            onSuccess: () => {
              // It no longer waits on anyone: the home page and the count beside Home follow.
              void queryClient.invalidateQueries({ queryKey: inboxKey });
              notifications.show({ color: 'teal', message: t(`adjust.decided.${deciding.decision}`) });
              onClose();
            },
          },
        );
      }}
      onClose={() => {
        decide.reset();
        onClose();
      }}
    />
  );
}
