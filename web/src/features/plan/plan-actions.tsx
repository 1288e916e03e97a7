// The lifecycle actions the signed-in user may take on this plan now, each behind a confirmation.
import { Anchor, Button, List, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useTransition } from '../../api/plans.ts';
import type { PlanView, SignerRole, TransitionAction } from '../../api/types.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useErrorMessage } from '../../ui/states.tsx';

const SignDialog = lazy(async () => ({ default: (await import('../sign/sign-dialog.tsx')).SignDialog }));
const ClosePlanDialog = lazy(async () => ({
  default: (await import('../close/close-plan-dialog.tsx')).ClosePlanDialog,
}));
const ProposeAdjustmentDialog = lazy(async () => ({
  default: (await import('../adjustments/propose-adjustment-dialog.tsx')).ProposeAdjustmentDialog,
}));

type SimpleAction = Exclude<TransitionAction, 'close' | 'recommend'>;
const reasonRequired: Record<SimpleAction, boolean> = {
  submit: false,
  approve: false,
  reject: true,
  pause: true,
  resume: false,
  cancel: true,
};
const dangerous = new Set<TransitionAction>(['reject', 'cancel']);

export const underAgreement = (status: PlanView['status']) =>
  status === 'awaiting_acknowledgment' || status === 'active' || status === 'paused';

export function PlanActions({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<SimpleAction | null>(null);
  const [signRole, setSignRole] = useState<SignerRole | null>(null);
  const [isClosing, setIsClosing] = useState(false);
  const [isProposing, setIsProposing] = useState(false);
  const transition = useTransition(plan.id);
  const errorMessage = useErrorMessage();
  const allowed = new Set(plan.allowedActions);

  const primary: SimpleAction[] = (['submit', 'approve', 'resume'] as const).filter((a) => allowed.has(a));
  const secondary: SimpleAction[] = (['reject', 'pause', 'cancel'] as const).filter((a) => allowed.has(a));
  const canPropose = underAgreement(plan.status) && plan.permissions.canEdit;

  const open = (next: SimpleAction) => {
    transition.reset();
    setAction(next);
  };

  const run = (reason: string) => {
    if (!action) return;
    const body =
      action === 'approve' || action === 'submit'
        ? { action, comment: reason || undefined }
        : { action, reason: reason || undefined };
    transition.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t(`actions.done.${action}`) });
        setAction(null);
      },
    });
  };

  const error = transition.error;
  const errorContent =
    error && isApiError(error) && error.status === 422 && error.errors.length > 0 ? (
      <Stack gap={4}>
        <Text size="sm">{error.detail ?? t('actions.incomplete')}</Text>
        <List size="sm">
          {error.errors.map((e) => (
            <List.Item key={`${e.path}-${e.message}`}>{e.message}</List.Item>
          ))}
        </List>
        {plan.status === 'draft' && (
          <Anchor component={Link} to={`/plans/${plan.id}/wizard/goals`} size="sm">
            {t('actions.fixInWizard')}
          </Anchor>
        )}
      </Stack>
    ) : error ? (
      errorMessage(error)
    ) : null;

  return (
    <>
      {plan.status === 'draft' && plan.permissions.canEdit && (
        <Button component={Link} to={`/plans/${plan.id}/wizard`} variant="default">
          {t('actions.editDraft')}
        </Button>
      )}
      {plan.permissions.canSignAs.map((role) => (
        <Button key={role} color="teal.8" onClick={() => setSignRole(role)}>
          {t('actions.signAs', { role: t(`sign.roles.${role}`) })}
        </Button>
      ))}
      {primary.map((a) => (
        <Button key={a} onClick={() => open(a)}>
          {t(`actions.${a}`)}
        </Button>
      ))}
      {(allowed.has('close') || allowed.has('recommend')) && (
        <Button color="teal.8" onClick={() => setIsClosing(true)}>
          {t(allowed.has('close') ? 'actions.close' : 'actions.recommend')}
        </Button>
      )}
      {(secondary.length > 0 || canPropose) && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default">{t('actions.more')}</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {canPropose && (
              <Menu.Item onClick={() => setIsProposing(true)}>{t('actions.proposeAdjustment')}</Menu.Item>
            )}
            {secondary.map((a) => (
              <Menu.Item
                key={a}
                className={dangerous.has(a) ? 'menu-item-danger' : undefined}
                onClick={() => open(a)}
              >
                {t(`actions.${a}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      <ConfirmDialog
        opened={action !== null}
        title={action ? t(`actions.confirm.${action}.title`) : ''}
        message={
          action ? t(`actions.confirm.${action}.message`, { name: plan.header.employeeName }) : undefined
        }
        confirmLabel={action ? t(`actions.${action}`) : ''}
        color={action && dangerous.has(action) ? 'red' : undefined}
        reasonLabel={
          action
            ? action === 'submit' || action === 'approve'
              ? t('actions.comment')
              : t('actions.reason')
            : undefined
        }
        isReasonRequired={action ? reasonRequired[action] : false}
        isBusy={transition.isPending}
        error={errorContent}
        onConfirm={run}
        onClose={() => setAction(null)}
      />
      <Suspense fallback={null}>
        {signRole && <SignDialog plan={plan} role={signRole} onClose={() => setSignRole(null)} />}
        {isClosing && <ClosePlanDialog plan={plan} onClose={() => setIsClosing(false)} />}
        {isProposing && <ProposeAdjustmentDialog plan={plan} onClose={() => setIsProposing(false)} />}
      </Suspense>
    </>
  );
}
