// The bell in the header: one line per plan with news (how many, the latest in a sentence), mark as read.
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
import { groupByPlan, notificationHref, notificationText } from './notification-text.ts';

export function NotificationsBell() {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  if (notifications.isError) return null;
  const groups = groupByPlan(notifications.data?.items ?? []);
  // The bell counts plans with news, not events: thirty events of one plan are one thing to look at.
  const unread = groups.filter((group) => group.unread.length > 0).length;
  const items = groups.slice(0, 8);
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
            aria-label={t('daily.bell.label', { count: unread })}
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
                {items.map((group) => (
                  <UnstyledButton
                    key={group.key}
                    px="sm"
                    py="xs"
                    className="notification-item"
                    data-unread={group.unread.length > 0 ? true : undefined}
                    onClick={() => {
                      for (const n of group.unread) markRead.mutate(n.id);
                      close();
                      navigate(notificationHref(group.latest));
                    }}
                  >
                    <Text size="sm" fw={group.unread.length > 0 ? 600 : 400}>
                      {notificationText(t, group.latest)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(group.latest.createdAt)}
                      {group.count > 1 &&
                        ` · ${t('daily.bell.count', { count: group.count, unread: group.unread.length })}`}
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
