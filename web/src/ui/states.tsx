// Loading, error and empty states shared by every page, so each says what is happening in words.
import { Alert, Button, Center, Loader, EmptyState as MantineEmptyState, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { fieldErrorMessage, isTranslatable } from './field-errors.ts';

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden />
        <Text size="sm" c="dimmed">
          {label ?? t('common.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

/** The words for an error: the API's detail when it has one, otherwise by status. */
export function useErrorMessage() {
  const { t } = useTranslation();
  return (error: unknown): string => {
    if (isApiError(error)) {
      if (error.status === 0) return t('errors.network');
      if (error.status === 404) return t('errors.notFound');
      if (error.status === 403) return t('errors.forbidden');
      if (error.status === 429) return t('errors.rateLimited');
      if (error.status === 412) return t('errors.stale');
      if (error.status >= 500) return t('errors.server');
      // Field errors in the interface language rather than the server's English detail, when the interface
      // has words for every one of them; otherwise the detail, which names the field.
      if (error.status === 422 && error.errors.length && error.errors.every(isTranslatable))
        return error.errors.map((e) => fieldErrorMessage(e)).join(' · ');
      return error.detail ?? error.title;
    }
    return t('errors.generic');
  };
}

export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  return (
    <Alert color="red" variant="light" title={title ?? t('errors.title')} role="alert" my="md">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <MantineEmptyState
      py="xl"
      title={title}
      description={description}
      icon={<EmptyIcon />}
      withIndicatorBackground
      size="sm"
    >
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}

const EmptyIcon = () => (
  <svg
    width="28"
    height="28"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.6"
    aria-hidden
  >
    <rect x="4" y="3" width="16" height="18" rx="2" />
    <path d="M8 8h8M8 12h8M8 16h5" />
  </svg>
);

/** Renders the query's data, or its loading or error state. */
export function QueryState<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
