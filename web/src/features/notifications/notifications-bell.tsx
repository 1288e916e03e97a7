// The bell in the header: unread count, the latest notifications, mark as read.
import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMarkRead, useNotifications } from '../../api/notifications.ts';
import { formatDateTime } from '../../ui/format.ts';
import { LineIcon } from '../../ui/line-icon.tsx';
import { notificationText } from './notification-text.ts';

export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  if (notifications.isError) return null;
  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items.slice(0, 8) ?? [];
  return (
    <Indicator
      label={unread > 99 ? '99+' : unread}
      size={16}
      disabled={unread === 0}
      color="red.8"
      offset={4}
    >
      <Popover
        opened={opened}
        onChange={(o) => (o ? null : close())}
        position="bottom-end"
        width={320}
        withinPortal
        trapFocus
        shadow="md"
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            c="dark.7"
            size="lg"
            onClick={toggle}
            aria-label={t('notifications.bellLabel', { count: unread })}
          >
            <LineIcon name="bell" size={20} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} aria-label={t('notifications.title')}>
          <Group justify="space-between" px="sm" py="xs">
            <Text fw={700} size="sm">
              {t('notifications.title')}
            </Text>
            {unread > 0 && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => markRead.mutate('all')}
                loading={markRead.isPending}
              >
                {t('notifications.markAllRead')}
              </Button>
            )}
          </Group>
          <Divider />
          <ScrollArea.Autosize mah={360}>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed" p="md">
                {t('notifications.empty')}
              </Text>
            ) : (
              <Stack gap={0}>
                {items.map((n) => (
                  <UnstyledButton
                    key={n.id}
                    px="sm"
                    py="xs"
                    className="notification-item"
                    data-unread={n.readAt ? undefined : true}
                    onClick={() => {
                      if (!n.readAt) markRead.mutate(n.id);
                      close();
                      if (n.planId) navigate(`/plans/${n.planId}`);
                    }}
                  >
                    <Text size="sm" fw={n.readAt ? 400 : 600}>
                      {notificationText(t, n)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            )}
          </ScrollArea.Autosize>
          <Divider />
          <Button component={Link} to="/notifications" variant="subtle" fullWidth radius={0} onClick={close}>
            {t('notifications.viewAll')}
          </Button>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
