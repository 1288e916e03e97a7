// "Set your password": reached from an invitation or reset email. The token travels in the address's fragment,
// which the browser never sends to the server; the answer signs the person in.
import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSetPassword } from '../../api/accounts.ts';
import { isApiError } from '../../api/client.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { useErrorMessage } from '../../ui/states.tsx';
import { AuthCard } from './auth-card.tsx';

const minLength = 12;

export function SetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setPassword = useSetPassword();
  const errorMessage = useErrorMessage();
  const serverErrors = useFieldErrors(setPassword.error);
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  const [password, setPasswordText] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string }>({});
  useEffect(() => {
    document.title = `${t('password.setTitle')} · Mejora`;
    // The token stays in memory only: out of the address bar and the history.
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, [t]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      password: password.length < minLength ? t('validation.minLength', { min: minLength }) : undefined,
      repeat: repeat !== password ? t('password.mismatch') : undefined,
    };
    setErrors(found);
    if (found.password || found.repeat) return;
    setPassword.mutate({ token, password }, { onSuccess: () => navigate('/', { replace: true }) });
  };
  const isGone = setPassword.error && isApiError(setPassword.error) && setPassword.error.status === 410;
  const failure = isGone
    ? t('password.linkGone')
    : setPassword.error && !serverErrors.hasAny
      ? errorMessage(setPassword.error)
      : null;
  return (
    <AuthCard>
      <div>
        <Title order={1} size="h2">
          {t('password.setTitle')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('password.setSubtitle', { min: minLength })}
        </Text>
      </div>
      {!token || isGone ? (
        <Alert color="red" variant="light" role="alert">
          {token ? failure : t('password.linkGone')}{' '}
          <Anchor component={Link} to="/forgot-password">
            {t('password.askAgain')}
          </Anchor>
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {failure && (
              <Alert color="red" variant="light" role="alert">
                {failure}
              </Alert>
            )}
            <PasswordInput
              label={t('password.new')}
              autoComplete="new-password"
              required
              value={password}
              onChange={(event) => setPasswordText(event.currentTarget.value)}
              error={errors.password ?? serverErrors('password')}
              visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
              data-autofocus
            />
            <PasswordInput
              label={t('password.repeat')}
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(event) => setRepeat(event.currentTarget.value)}
              error={errors.repeat}
              visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
            />
            <Button type="submit" loading={setPassword.isPending} fullWidth>
              {t('password.save')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
