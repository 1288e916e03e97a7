// Entry point: languages, the query client, the Mantine theme and the router.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/app.css';
import { MantineProvider, mergeThemeOverrides, Notification } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { App, queryClient } from './app.tsx';
import { initI18n } from './i18n/index.ts';
import { cssVariablesResolver, theme } from './ui/theme.ts';

/** The theme with the words it needs in the interface language: the close button of every notification. */
function Root() {
  // \`t\` changes with the language, and the theme with it.
  const { t } = useTranslation();
  const localTheme = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
          }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider
      theme={localTheme}
      defaultColorScheme="light"
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="top-right" limit={3} />
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </MantineProvider>
  );
}

await initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');
createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
