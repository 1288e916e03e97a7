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
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth.ts';
import { api } from '../../api/client.ts';
import {
  type NotificationPreferences,
  useNotificationPreferences,
  useUpdateNotificationPreferences,
} from '../../api/integrations.ts';
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
            <Select
              label={t('notificationSettings.digestFrequency')}
              w={260}
              allowDeselect={false}
              value={preferences.digestFrequency}
              onChange={(value) => value && save({ digestFrequency: value as 'daily' | 'weekly' })}
              data={[
                { value: 'daily', label: t('notificationSettings.daily') },
                { value: 'weekly', label: t('notificationSettings.weekly') },
              ]}
            />
          </Stack>
        )}
      </QueryState>
      <EmailAndCalendar />
    </Card>
  );
}

function EmailAndCalendar() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const optOut = useMutation({
    mutationFn: (isEmailOptOut: boolean) => api.patch('/api/v1/me', { isEmailOptOut }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
  return (
    <Stack gap="xs" mt="md">
      <Switch
        label={t('notificationSettings.emailOptOut')}
        description={t('notificationSettings.emailOptOutHint')}
        checked={me.isEmailOptOut}
        disabled={optOut.isPending}
        onChange={(event) => optOut.mutate(event.currentTarget.checked)}
      />
      <Text size="sm" fw={600} mt="sm">
        {t('notificationSettings.calendarFeed')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('notificationSettings.calendarFeedHint')}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code style={{ overflowWrap: 'anywhere' }}>{me.calendarFeedUrl}</Code>
        <CopyButton value={me.calendarFeedUrl}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy}>
              {copied ? t('notificationSettings.copied') : t('notificationSettings.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
