// Every notification of the signed-in user, one card per plan (the newest sentence, how many, when, where to act),
// newest first; a card opens to show the plan's events one by one and is marked read as a whole.
import { Anchor, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../../api/notifications.ts';
import type { AppNotification } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, QueryState } from '../../ui/states.tsx';
import {
  groupByPlan,
  type NotificationGroup,
  notificationHref,
  notificationText,
} from './notification-text.ts';

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
              {groupByPlan(data.items).map((group) => (
                <GroupCard
                  key={group.key}
                  group={group}
                  onRead={(items) => {
                    for (const n of items) markRead.mutate(n.id);
                  }}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}

function GroupCard({
  group,
  onRead,
}: {
  group: NotificationGroup;
  onRead: (items: AppNotification[]) => void;
}) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const isUnread = group.unread.length > 0;
  const eventsId = `notification-events-${group.key}`;
  return (
    <Card
      component="li"
      withBorder
      padding="sm"
      bg={isUnread ? 'indigo.0' : undefined}
      className="notification-group"
      data-unread={isUnread ? true : undefined}
    >
      <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
          <Text size="sm" fw={isUnread ? 600 : 400}>
            {group.planId ? (
              <Anchor
                component={Link}
                to={notificationHref(group.latest)}
                onClick={() => onRead(group.unread)}
              >
                {notificationText(t, group.latest)}
              </Anchor>
            ) : (
              notificationText(t, group.latest)
            )}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(group.latest.createdAt)}
            {` · ${t('daily.bell.count', { count: group.count, unread: group.unread.length })}`}
          </Text>
        </Stack>
        <Group gap="xs">
          {group.count > 1 && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-expanded={isOpen}
              aria-controls={eventsId}
              onClick={() => setOpen((open) => !open)}
            >
              {isOpen
                ? t('daily.notificationsPage.hideEvents')
                : t('daily.notificationsPage.showEvents', { count: group.count })}
            </Button>
          )}
          {isUnread && (
            <Button size="compact-sm" variant="subtle" onClick={() => onRead(group.unread)}>
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      </Group>
      {isOpen && (
        <Stack
          id={eventsId}
          gap={4}
          component="ol"
          mt="xs"
          pl="md"
          aria-label={t('daily.notificationsPage.events')}
          className="notification-events"
        >
          {group.items.map((n) => (
            <li key={n.id}>
              <Text size="sm" fw={n.readAt ? 400 : 600}>
                {n.planId ? (
                  <Anchor component={Link} to={notificationHref(n)} onClick={() => !n.readAt && onRead([n])}>
                    {notificationText(t, n)}
                  </Anchor>
                ) : (
                  notificationText(t, n)
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.createdAt)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
