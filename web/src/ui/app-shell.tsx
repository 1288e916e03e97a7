// The signed-in page shell: header with navigation, notifications, language and sign-out; the page below.
import {
  Anchor,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { forgetSession, hasRole, isHr, useCurrentUser, useLogout } from '../api/auth.ts';
import { inboxTotal, useInbox } from '../api/inbox.ts';
import { NotificationsBell } from '../features/notifications/notifications-bell.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { Logo } from './logo.tsx';
import { LoadingState } from './states.tsx';

type NavItem = { to: string; label: string; isExact?: boolean; count?: number; countLabel?: string };

export function PageShell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const user = me.user;
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const logout = useLogout();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the menu closes whenever the page changes.
  useEffect(() => {
    close();
  }, [location.pathname, close]);

  const canCreate = hasRole(user, 'hr_admin', 'hr', 'manager');
  const inbox = useInbox().data;
  const waiting = inbox ? inboxTotal(inbox) : 0;
  const items: NavItem[] = [
    {
      to: '/',
      label: t('nav.home'),
      isExact: true,
      count: waiting,
      countLabel: t('inbox.navCount', { count: waiting }),
    },
    { to: '/plans', label: t('nav.plans'), isExact: true },
    ...(canCreate ? [{ to: '/plans/new', label: t('nav.newPlan') }] : []),
    { to: '/notifications', label: t('nav.notifications') },
    ...(hasRole(user, 'hr_admin', 'hr', 'auditor') ? [{ to: '/analytics', label: t('nav.analytics') }] : []),
    { to: '/transparency', label: t('nav.transparency') },
    { to: '/settings', label: t('nav.settings') },
  ];
  const adminItems: NavItem[] = isHr(user)
    ? [
        { to: '/admin/employees', label: t('nav.employees') },
        { to: '/admin/templates', label: t('nav.templates') },
        ...(hasRole(user, 'hr_admin')
          ? [
              { to: '/admin/exports', label: t('nav.exports') },
              { to: '/admin/integrations', label: t('nav.integrations') },
              { to: '/admin/organization', label: t('nav.organization') },
            ]
          : []),
      ]
    : [];
  const isActive = (item: NavItem) =>
    item.isExact ? location.pathname === item.to : location.pathname.startsWith(item.to);

  const queryClient = useQueryClient();
  // Once the user is forgotten, the signed-in layout sends them to the sign-in page ("you have signed out").
  const signOut = () =>
    logout.mutate(undefined, { onSettled: () => forgetSession(queryClient, { isSignOut: true }) });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a href="#main" className="skip-link">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Anchor
              component={Link}
              to="/"
              underline="never"
              c="indigo.8"
              fw={800}
              fz="lg"
              aria-label={t('nav.homeLink')}
            >
              <Group gap={6} wrap="nowrap">
                <Logo />
                <span>Mejora</span>
              </Group>
            </Anchor>
          </Group>
          <Group gap={4} wrap="nowrap">
            <NotificationsBell />
            <LanguageSwitch />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton className="account-button">
                  <Avatar size={32} radius="xl" color="indigo" name={user.name} />
                  <span className="visually-hidden">{t('nav.account', { name: user.name })}</span>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/settings">
                  <Text size="sm" fw={600}>
                    {user.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {user.roles.map((r) => t(`roles.${r}`)).join(', ')} · {t('nav.settings')}
                  </Text>
                </Menu.Item>
                <Menu.Item onClick={signOut} className="menu-item-danger">
                  {t('nav.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" id="main-navigation" aria-label={t('nav.main')} component="nav">
        <ScrollArea type="never" style={{ flex: 1 }}>
          <Stack gap={2}>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                rightSection={
                  item.count ? (
                    <Badge size="sm" radius="xl" color="indigo" aria-label={item.countLabel}>
                      {item.count}
                    </Badge>
                  ) : undefined
                }
                active={isActive(item)}
                aria-current={isActive(item) ? 'page' : undefined}
                variant="light"
              />
            ))}
            {adminItems.length > 0 && (
              <>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                  {t('nav.admin')}
                </Text>
                {adminItems.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={isActive(item)}
                    aria-current={isActive(item) ? 'page' : undefined}
                    variant="light"
                  />
                ))}
              </>
            )}
          </Stack>
        </ScrollArea>
        <Box p="sm">
          <Text size="xs" c="dimmed">
            {me.organization.name}
          </Text>
        </Box>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1200} mx="auto">
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
