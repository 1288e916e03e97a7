// Settings: how each kind of event reaches you, the digest's frequency, email opt-out and the calendar feed.
import {
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth.ts';
import { api } from '../../api/client.ts';
import {
  type NotificationPreferences,
  useNotificationPreferences,
  useUpdateNotificationPreferences,
} from '../../api/integrations.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { QueryState, useErrorMessage } from '../../ui/states.tsx';

const kinds = [
  'plan_progress',
  'plan_ended',
  'adjustments',
  'comments',
  'check_in_missed',
  'measurement_due',
  'risk_flagged',
  'weekly_report',
] as const;
/** Kinds without an email of their own. */
const inAppOnly = new Set(['plan_progress', 'comments']);

export function NotificationSettings() {
  const { t } = useTranslation();
  const query = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const errorMessage = useErrorMessage();
  const save = (body: Partial<NotificationPreferences>) =>
    update.mutate(body, {
      onSuccess: () => notifications.show({ message: t('notificationSettings.saved') }),
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-notifications">
      <Title order={2} size="h4" id="settings-notifications" mb="xs">
        {t('notificationSettings.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('notificationSettings.urgentHint')}
      </Text>
      <QueryState query={query}>
        {(preferences) => (
          <Stack gap="sm">
            <Table>
              <Table.Tbody>
                {kinds.map((kind) => (
                  <Table.Tr key={kind}>
                    <Table.Td>
                      <Text size="sm" id={`pref-${kind}`}>
                        {t(`notificationSettings.kinds.${kind}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td w={220}>
                      <Select
                        aria-labelledby={`pref-${kind}`}
                        size="xs"
                        allowDeselect={false}
                        value={preferences.kinds[kind]}
                        onChange={(value) =>
                          value && save({ kinds: { ...preferences.kinds, [kind]: value } })
                        }
                        data={(['in_app', 'email', 'digest', 'off'] as const)
                          .filter((v) => v !== 'email' || !inAppOnly.has(kind))
                          .map((value) => ({ value, label: t(`notificationSettings.values.${value}`) }))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}

function EmailSettings() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const query = useNotificationPreferences();
  const update = useUpdateNotificationPreferences();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const saved = () => notifications.show({ color: 'teal', message: t('settings2.saved') });
  const failed = (error: unknown) =>
    notifications.show({ color: 'red', title: t('settings2.notSaved'), message: errorMessage(error) });
  const optOut = useMutation({
    mutationFn: (isEmailOptOut: boolean) => api.patch('/api/v1/me', { isEmailOptOut }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      saved();
    },
    onError: failed,
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-email">
      <Title order={2} size="h4" id="settings-email" mb="xs">
        {t('settings2.emailTitle')}
      </Title>
      <Stack gap="sm">
        <Switch
          label={t('notificationSettings.emailOptOut')}
          description={t('notificationSettings.emailOptOutHint')}
          checked={me.isEmailOptOut}
          disabled={optOut.isPending}
          onChange={(event) => optOut.mutate(event.currentTarget.checked)}
        />
        <QueryState query={query}>
          {(preferences) => (
            <Select
              label={t('notificationSettings.digestFrequency')}
              description={t('settings2.digestHint')}
              w={300}
              allowDeselect={false}
              disabled={update.isPending}
              value={preferences.digestFrequency}
              onChange={(value) =>
                value &&
                update.mutate(
                  { digestFrequency: value as 'daily' | 'weekly' },
                  { onSuccess: saved, onError: failed },
                )
              }
              data={[
                { value: 'daily', label: t('notificationSettings.daily') },
                { value: 'weekly', label: t('notificationSettings.weekly') },
              ]}
            />
          )}
        </QueryState>
      </Stack>
    </Card>
  );
}

function CalendarSettings() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const [isConfirming, setIsConfirming] = useState(false);
  const regenerate = useMutation({
    mutationFn: () => api.post<{ calendarFeedUrl: string }>('/api/v1/me/calendar-token', {}),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['me'] });
      setIsConfirming(false);
      notifications.show({ color: 'teal', message: t('settings2.regenerated') });
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-calendar">
      <Title order={2} size="h4" id="settings-calendar" mb="xs">
        {t('settings2.calendarTitle')}
      </Title>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('notificationSettings.calendarFeed')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('notificationSettings.calendarFeedHint')}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Code style={{ overflowWrap: 'anywhere' }} data-testid="calendar-feed-url">
            {me.calendarFeedUrl}
          </Code>
          <CopyButton value={me.calendarFeedUrl}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? t('notificationSettings.copied') : t('notificationSettings.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="subtle" color="red.8" onClick={() => setIsConfirming(true)}>
            {t('settings2.regenerate')}
          </Button>
        </Group>
      </Stack>
      <ConfirmDialog
        opened={isConfirming}
        title={t('settings2.regenerateTitle')}
        message={t('settings2.regenerateMessage')}
        confirmLabel={t('settings2.regenerate')}
        color="red"
        isBusy={regenerate.isPending}
        error={regenerate.error ? errorMessage(regenerate.error) : null}
        onConfirm={() => regenerate.mutate()}
        onClose={() => {
          setIsConfirming(false);
          regenerate.reset();
        }}
      />
    </Card>
  );
}

/** The Email and Calendar sections of Settings. */
export function EmailAndCalendar() {
  return (
    <>
      <EmailSettings />
      <CalendarSettings />
    </>
  );
}
