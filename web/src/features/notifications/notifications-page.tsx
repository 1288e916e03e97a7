// Every notification of the signed-in user, newest first, with links to the plans they concern.
import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../../api/notifications.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, QueryState } from '../../ui/states.tsx';
import { notificationHref, notificationText } from './notification-text.ts';

export function NotificationsPage() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markRead = useMarkRead();
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        actions={
          (notifications.data?.unreadCount ?? 0) > 0 && (
            <Button variant="default" onClick={() => markRead.mutate('all')} loading={markRead.isPending}>
              {t('notifications.markAllRead')}
            </Button>
          )
        }
      />
      <QueryState query={notifications}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('notifications.empty')} description={t('notifications.emptyHint')} />
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {data.items.map((n) => (
                <Card
                  key={n.id}
                  component="li"
                  withBorder
                  padding="sm"
                  bg={n.readAt ? undefined : 'indigo.0'}
                >
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                      <Text size="sm" fw={n.readAt ? 400 : 600}>
                        {n.planId ? (
                          <Anchor
                            component={Link}
                            to={notificationHref(n)}
                            onClick={() => !n.readAt && markRead.mutate(n.id)}
                          >
                            {notificationText(t, n)}
                          </Anchor>
                        ) : (
                          notificationText(t, n)
                        )}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(n.createdAt)}
                      </Text>
                    </Stack>
                    {!n.readAt && (
                      <Button size="compact-sm" variant="subtle" onClick={() => markRead.mutate(n.id)}>
                        {t('notifications.markRead')}
                      </Button>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
