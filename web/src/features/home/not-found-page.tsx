// The page for an address that matches no route.
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState } from '../../ui/states.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.pageNotFound')} />
      <EmptyState
        title={t('errors.pageNotFound')}
        description={t('errors.pageNotFoundHint')}
        action={
          <Button component={Link} to="/">
            {t('nav.home')}
          </Button>
        }
      />
    </>
  );
}
