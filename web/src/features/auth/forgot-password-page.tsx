// "Forgot password?": asks for the address and says the same whatever it is, as the API does.
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/accounts.ts';
import { isApiError } from '../../api/client.ts';
import { useErrorMessage } from '../../ui/states.tsx';
import { AuthCard } from './auth-card.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const reset = useRequestPasswordReset();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    document.title = `${t('password.forgotTitle')} · Mejora`;
  }, [t]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) {
      setError(t('validation.required'));
      return;
    }
    setError(undefined);
    reset.mutate(email.trim());
  };
  const failure =
    reset.error && isApiError(reset.error) && reset.error.status === 429
      ? t('password.tooMany')
      : reset.error
        ? errorMessage(reset.error)
        : null;
  return (
    <AuthCard>
      <div>
        <Title order={1} size="h2">
          {t('password.forgotTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('password.forgotSubtitle')}
        </Text>
      </div>
      {reset.isSuccess ? (
        <Alert color="teal" variant="light" role="status">
          {t('password.resetSent')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {failure && (
              <Alert color="red" variant="light" role="alert">
                {failure}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <Button type="submit" loading={reset.isPending} fullWidth>
              {t('password.sendLink')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t('password.backToSignIn')}
      </Anchor>
    </AuthCard>
  );
}
