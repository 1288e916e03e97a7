// The account of a person of the directory, for HR: whether and how they can sign in, their roles, and the
// invitation. HR never sees or types a password: the person chooses it from the invitation email.
import { Badge, Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Account, useEmployeeDetail, useInvite } from '../../api/accounts.ts';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { employeesKey } from '../../api/employees.ts';
import { useSaveUser } from '../../api/organization.ts';
import type { Role } from '../../api/types.ts';
import { formatDate } from '../../ui/format.ts';
import { LoadingState, useErrorMessage } from '../../ui/states.tsx';

const allRoles: Role[] = ['hr_admin', 'hr', 'manager', 'employee', 'mentor', 'auditor'];

const statusColor: Record<Account['status'], string> = {
  active: 'teal',
  invited: 'blue',
  not_invited: 'gray',
  none: 'gray',
  deactivated: 'red',
};

export function AccountPanel({ employeeId, name }: { employeeId: string; name: string }) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const detail = useEmployeeDetail(employeeId);
  const invite = useInvite();
  const save = useSaveUser();
  const message = useErrorMessage();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const isAdmin = hasRole(user, 'hr_admin');
  if (detail.isPending) return <LoadingState />;
  const account = detail.data?.account;
  if (!account) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: employeesKey });
  const onError = (error: unknown) => notifications.show({ color: 'red', message: message(error) });
  const sendInvitation = () =>
    invite.mutate(employeeId, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('account.invitationSent', { name }) }),
      onError,
    });
  const setDisabled = (isDisabled: boolean) =>
    account.userId &&
    save.mutate({ id: account.userId, body: { isDisabled } }, { onSuccess: () => void refresh(), onError });
  const shownRoles = roles ?? account.roles;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="account-heading">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5" id="account-heading">
            {t('account.title')}
          </Title>
          <Badge color={statusColor[account.status]} variant="light">
            {t(`account.status.${account.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('account.method')}: {account.hasPassword ? t('account.password') : t('account.notSet')}
        </Text>
        {account.status === 'invited' && account.invitationExpiresAt && (
          <Text size="sm" c="dimmed">
            {t('account.invitedOn', {
              sent: formatDate(account.invitedAt),
              expires: formatDate(account.invitationExpiresAt),
            })}
          </Text>
        )}
        {account.userId && (
          <Group align="flex-end" gap="xs">
            <MultiSelect
              label={t('admin.users.roles')}
              data={allRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              value={shownRoles}
              onChange={(value) => setRoles(value as Role[])}
              disabled={!isAdmin}
              style={{ flex: 1 }}
            />
            {isAdmin && roles && (
              <Button
                loading={save.isPending}
                onClick={() =>
                  account.userId &&
                  save.mutate(
                    { id: account.userId, body: { roles } },
                    {
                      onSuccess: () => {
                        setRoles(null);
                        void refresh();
                        notifications.show({ color: 'teal', message: t('account.rolesSaved', { name }) });
                      },
                      onError,
                    },
                  )
                }
              >
                {t('common.save')}
              </Button>
            )}
          </Group>
        )}
        <Group gap="xs">
          {(account.status === 'none' || account.status === 'not_invited') && (
            <Button size="compact-sm" onClick={sendInvitation} loading={invite.isPending}>
              {t('account.invite')}
            </Button>
          )}
          {account.status === 'invited' && (
            <Button size="compact-sm" variant="light" onClick={sendInvitation} loading={invite.isPending}>
              {t('account.resend')}
            </Button>
          )}
          {isAdmin && account.userId && account.status !== 'deactivated' && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              onClick={() => setDisabled(true)}
              loading={save.isPending}
            >
              {t('account.deactivate')}
            </Button>
          )}
          {isAdmin && account.status === 'deactivated' && (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setDisabled(false)}
              loading={save.isPending}
            >
              {t('account.reactivate')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
