// The organisation's identity provider (OpenID Connect or SAML 2.0), for HR administrators: what to type here and
// what to copy into the identity provider.
import {
  Button,
  Code,
  CopyButton,
  Group,
  PasswordInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type SsoSettings, useRemoveSsoSettings, useSaveSsoSettings, useSsoSettings } from '../../api/sso.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { ErrorState, LoadingState, useErrorMessage } from '../../ui/states.tsx';

type Form = {
  protocol: 'oidc' | 'saml';
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  metadataUrl: string;
  metadataXml: string;
  createAccountsOnFirstSignIn: boolean;
  ssoOnly: boolean;
};

const formOf = (saved: SsoSettings | null): Form => ({
  protocol: saved?.protocol ?? 'oidc',
  displayName: saved?.displayName ?? '',
  issuer: saved?.protocol === 'oidc' ? (saved.issuer ?? '') : '',
  clientId: saved?.clientId ?? '',
  clientSecret: '',
  metadataUrl: saved?.metadataUrl ?? '',
  metadataXml: '',
  createAccountsOnFirstSignIn: saved?.createAccountsOnFirstSignIn ?? false,
  ssoOnly: saved?.ssoOnly ?? false,
});

function Copyable({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text size="sm" fw={600} miw={220}>
        {label}
      </Text>
      <Code style={{ overflowWrap: 'anywhere' }}>{value}</Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="light" onClick={copy}>
            {copied ? t('admin.sso.copied') : t('admin.sso.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

export function SsoSettingsSection() {
  const { t } = useTranslation();
  const settings = useSsoSettings();
  const save = useSaveSsoSettings();
  const remove = useRemoveSsoSettings();
  const errorOf = useFieldErrors(save.error, 'body/');
  const message = useErrorMessage();
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    if (settings.data !== undefined && !form) setForm(formOf(settings.data));
  }, [settings.data, form]);
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!form) return <LoadingState />;
  const saved = settings.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const options = {
      displayName: form.displayName.trim() || undefined,
      createAccountsOnFirstSignIn: form.createAccountsOnFirstSignIn,
      ssoOnly: form.ssoOnly,
    };
    const body =
      form.protocol === 'oidc'
        ? {
            protocol: 'oidc' as const,
            issuer: form.issuer.trim(),
            clientId: form.clientId.trim(),
            clientSecret: form.clientSecret,
            ...options,
          }
        : {
            protocol: 'saml' as const,
            ...(form.metadataXml.trim()
              ? { metadataXml: form.metadataXml.trim() }
              : { metadataUrl: form.metadataUrl.trim() }),
            ...options,
          };
    save.mutate(body, {
      onSuccess: (result) => {
        setForm({ ...formOf(result) });
        notifications.show({ color: 'teal', message: t('admin.sso.saved') });
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });
  };
  const turnOff = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        setForm(formOf(null));
        notifications.show({ color: 'teal', message: t('admin.sso.removed') });
      },
      onError: (error) => notifications.show({ color: 'red', message: message(error) }),
    });

  return (
    <form onSubmit={submit} aria-label={t('admin.sso.title')}>
      <h2>{t('admin.sso.title')}</h2>
      <Text size="sm" c="dimmed" mb="sm">
        {saved ? t('admin.sso.active', { name: saved.displayName }) : t('admin.sso.off')}
      </Text>
      <Stack gap="sm" maw={720}>
        <SegmentedControl
          aria-label={t('admin.sso.protocol')}
          value={form.protocol}
          onChange={(value) => setForm({ ...form, protocol: value as Form['protocol'] })}
          data={[
            { value: 'oidc', label: t('admin.sso.oidc') },
            { value: 'saml', label: t('admin.sso.saml') },
          ]}
        />
        <TextInput
          label={t('admin.sso.displayName')}
          description={t('admin.sso.displayNameHint')}
          value={form.displayName}
          error={errorOf('displayName')}
          onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
        />
        {form.protocol === 'oidc' ? (
          <>
            <TextInput
              label={t('admin.sso.issuer')}
              placeholder="https://login.microsoftonline.com/<tenant>/v2.0"
              value={form.issuer}
              error={errorOf('issuer')}
              onChange={(e) => setForm({ ...form, issuer: e.currentTarget.value })}
              required
            />
            <TextInput
              label={t('admin.sso.clientId')}
              value={form.clientId}
              error={errorOf('clientId')}
              onChange={(e) => setForm({ ...form, clientId: e.currentTarget.value })}
              required
            />
            <PasswordInput
              label={t('admin.sso.clientSecret')}
              description={saved?.hasClientSecret ? t('admin.sso.clientSecretKept') : undefined}
              value={form.clientSecret}
              error={errorOf('clientSecret')}
              onChange={(e) => setForm({ ...form, clientSecret: e.currentTarget.value })}
              required
            />
          </>
        ) : (
          <>
            <TextInput
              label={t('admin.sso.metadataUrl')}
              value={form.metadataUrl}
              error={errorOf('metadataUrl')}
              onChange={(e) => setForm({ ...form, metadataUrl: e.currentTarget.value })}
            />
            <Textarea
              label={t('admin.sso.metadataXml')}
              description={t('admin.sso.metadataXmlHint')}
              autosize
              minRows={3}
              maxRows={10}
              value={form.metadataXml}
              error={errorOf('metadataXml')}
              onChange={(e) => setForm({ ...form, metadataXml: e.currentTarget.value })}
            />
          </>
        )}
        <Switch
          label={t('admin.sso.createAccounts')}
          description={t('admin.sso.createAccountsHint')}
          checked={form.createAccountsOnFirstSignIn}
          onChange={(e) => setForm({ ...form, createAccountsOnFirstSignIn: e.currentTarget.checked })}
        />
        <Switch
          label={t('admin.sso.ssoOnly')}
          description={t('admin.sso.ssoOnlyHint')}
          checked={form.ssoOnly}
          onChange={(e) => setForm({ ...form, ssoOnly: e.currentTarget.checked })}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('admin.sso.save')}
          </Button>
          {saved && (
            <Button variant="default" color="red" loading={remove.isPending} onClick={turnOff}>
              {t('admin.sso.turnOff')}
            </Button>
          )}
        </Group>
        {!saved && (
          <Copyable
            label={t('admin.sso.callbackUrl')}
            value={`${window.location.origin}/api/v1/auth/sso/callback`}
          />
        )}
        {saved && (
          <Stack gap={6} mt="sm">
            <Text fw={600}>{t('admin.sso.forProvider')}</Text>
            <Copyable label={t('admin.sso.callbackUrl')} value={saved.callbackUrl} />
            <Copyable label={t('admin.sso.entityId')} value={saved.entityId} />
            <Copyable label={t('admin.sso.acsUrl')} value={saved.acsUrl} />
            <Copyable label={t('admin.sso.metadataServiceUrl')} value={saved.metadataServiceUrl} />
          </Stack>
        )}
      </Stack>
    </form>
  );
}
