// Sign in with email and password; explains an expired session and returns to the page asked for.
import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { clearSignOut, markSignedIn, useLogin, useMe } from '../../api/auth.ts';
import { isApiError } from '../../api/client.ts';
import { useSsoDiscovery } from '../../api/sso.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { useErrorMessage } from '../../ui/states.tsx';
import { AuthCard } from './auth-card.tsx';

const orgKey = 'mejora.org';
const rememberedOrg = (): string => {
  try {
    return localStorage.getItem(orgKey) ?? '';
  } catch {
    return '';
  }
};

/** "Sign in with …" when the organisation typed (or given as ?org=) signs in through its identity provider. */
function SsoSignIn({ initialOrg }: { initialOrg: string }) {
  const { t } = useTranslation();
  const [org, setOrg] = useState(initialOrg);
  const [asked, setAsked] = useState(initialOrg.trim().toLowerCase());
  useEffect(() => {
    const timer = setTimeout(() => setAsked(org.trim().toLowerCase()), 400);
    return () => clearTimeout(timer);
  }, [org]);
  const discovery = useSsoDiscovery(asked);
  const provider = discovery.data?.isEnabled ? discovery.data : null;
  const remember = () => {
    try {
      localStorage.setItem(orgKey, asked);
    } catch {
      // Without storage the organisation is typed again next time.
    }
  };
  return (
    <Stack gap="sm">
      <Divider label={t('auth.or')} labelPosition="center" />
      <TextInput
        label={t('auth.organization')}
        description={t('auth.organizationHint')}
        autoComplete="organization"
        value={org}
        onChange={(event) => setOrg(event.currentTarget.value)}
      />
      {provider?.startUrl && (
        <Button
          component="a"
          href={provider.startUrl}
          onClick={remember}
          variant="filled"
          color="indigo"
          fullWidth
        >
          {t('auth.ssoButton', { name: provider.displayName })}
        </Button>
      )}
    </Stack>
  );
}

/** Only same-site paths may be returned to after sign-in. */
const safeNext = (next: string | null): string =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<{ email?: string; password?: string }>({});
  const serverErrors = useFieldErrors(login.error);
  const alertRef = useRef<HTMLDivElement>(null);
  const isExpired = params.get('expired') === '1';
  const isSignedOut = params.get('signedOut') === '1';
  const next = safeNext(params.get('next'));

  useEffect(() => {
    document.title = `${t('auth.title')} · Mejora`;
  }, [t]);
  useEffect(() => {
    if (isExpired) markSignedIn(false);
    clearSignOut();
  }, [isExpired]);
  useEffect(() => {
    if (login.error) alertRef.current?.focus();
  }, [login.error]);

  if (me.data && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = {
      email: email.trim() ? undefined : t('validation.required'),
      password: password ? undefined : t('validation.required'),
    };
    setClientErrors(errors);
    if (errors.email || errors.password) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  const loginError = login.error;
  const failure =
    loginError && isApiError(loginError) && loginError.status === 401
      ? t('auth.invalid')
      : loginError
        ? errorMessage(loginError)
        : null;

  return (
    <AuthCard>
      <div>
        <Title order={1} size="h2">
          {t('auth.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('auth.subtitle')}
        </Text>
      </div>
      {isExpired && (
        <Alert color="yellow" variant="light" title={t('auth.expiredTitle')}>
          {t('auth.expired')}
        </Alert>
      )}
      {isSignedOut && !isExpired && (
        <Alert color="blue" variant="light">
          {t('auth.signedOut')}
        </Alert>
      )}
      {failure && (
        <Alert color="red" variant="light" role="alert" ref={alertRef} tabIndex={-1}>
          {failure}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={clientErrors.email ?? serverErrors('email')}
            data-autofocus
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={clientErrors.password ?? serverErrors('password')}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.togglePassword') }}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password" size="sm">
        {t('auth.forgot')}
      </Anchor>
      {/* The company's identity provider, for organisations that have one: after the password form, so
                that signing in with a password stays the first thing on the page. */}
      <SsoSignIn initialOrg={params.get('org') ?? rememberedOrg()} />
      <Text size="xs" c="dimmed">
        {t('auth.help')}{' '}
        <Anchor href="/api/docs" size="xs" underline="always">
          {t('auth.apiDocs')}
        </Anchor>
      </Text>
    </AuthCard>
  );
}
