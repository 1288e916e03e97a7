// Settings: interface language, profile, notifications, personal API tokens and signed-in sessions.
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Input,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import {
  useCreateToken,
  useEndSession,
  useLanguageChoice,
  useRevokeToken,
  useSessions,
  useTokens,
} from '../../api/me.ts';
import type { ApiToken, ApiTokenCreated } from '../../api/types.ts';
import { currentLanguage, type Language } from '../../i18n/index.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState, useErrorMessage } from '../../ui/states.tsx';
import { EmailAndCalendar, NotificationSettings } from './notification-settings.tsx';
import { WordingPairsSettings } from './wording-pairs-settings.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const chooseLanguage = useLanguageChoice((error) =>
    notifications.show({ color: 'red', title: t('language.notSaved'), message: errorMessage(error) }),
  );
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Stack gap="md">
        <Card withBorder padding="md" component="section" aria-labelledby="settings-profile">
          <Title order={2} size="h4" id="settings-profile" mb="sm">
            {t('settings.profile')}
          </Title>
          <Text size="sm">
            <Text span fw={600} size="sm">
              {me.user.name}
            </Text>{' '}
            · {me.user.email}
          </Text>
          <Text size="sm" c="dimmed">
            {me.user.roles.map((r) => t(`roles.${r}`)).join(', ')} · {me.organization.name}
          </Text>
          <Input.Wrapper
            mt="md"
            label={t('settings.language')}
            description={t('settings.languageHint')}
            labelElement="div"
            labelProps={{ id: 'settings-language' }}
          >
            <div>
              <SegmentedControl
                value={currentLanguage()}
                onChange={(value) => chooseLanguage(value as Language)}
                data={[
                  { value: 'en', label: 'English' },
                  { value: 'es', label: 'Español' },
                ]}
                aria-labelledby="settings-language"
                mt={4}
              />
            </div>
          </Input.Wrapper>
        </Card>
        <NotificationSettings />
        <EmailAndCalendar />
        {hasRole(me.user, 'hr_admin') && <WordingPairsSettings />}
        <Tokens />
        <Sessions />
      </Stack>
    </>
  );
}

function Tokens() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const errors = useFieldErrors(create.error);
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(undefined);
    create.mutate(
      { name: name.trim() },
      {
        onSuccess: (token) => {
          setCreated(token);
          setName('');
        },
      },
    );
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-tokens">
      <Title order={2} size="h4" id="settings-tokens" mb={4}>
        {t('settings.tokens')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.tokensHint')}
      </Text>
      {created && (
        <Alert
          color="teal"
          variant="light"
          title={t('settings.tokenCreated', { name: created.name })}
          mb="sm"
          withCloseButton
          onClose={() => setCreated(null)}
          closeButtonLabel={t('common.close')}
        >
          <Text size="sm" mb={4}>
            {t('settings.tokenOnce')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Code style={{ wordBreak: 'break-all', flex: 1 }} data-testid="new-token">
              {created.token}
            </Code>
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? t('settings.copied') : t('settings.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="wrap" mb="sm">
          <TextInput
            label={t('settings.tokenName')}
            description={t('settings.tokenNameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError ?? errors('name')}
            style={{ flex: '1 1 14rem' }}
          />
          <Button type="submit" loading={create.isPending}>
            {t('settings.createToken')}
          </Button>
        </Group>
      </form>
      <QueryState query={tokens}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('settings.noTokens')}
            </Text>
          ) : (
            <div className="table-scroll">
              <Table striped miw={420} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('settings.tokenName')}</Table.Th>
                    <Table.Th scope="col">{t('settings.created')}</Table.Th>
                    <Table.Th scope="col">{t('settings.lastUsed')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((token) => (
                    <Table.Tr key={token.id}>
                      <Table.Td>{token.name}</Table.Td>
                      <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                      <Table.Td>
                        {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('settings.never')}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red.8"
                          onClick={() => setToRevoke(token)}
                        >
                          {t('settings.revoke')}
                          <span className="visually-hidden"> {token.name}</span>
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )
        }
      </QueryState>
      <ConfirmDialog
        opened={toRevoke !== null}
        title={t('settings.revokeTitle')}
        message={t('settings.revokeMessage', { name: toRevoke?.name ?? '' })}
        confirmLabel={t('settings.revoke')}
        color="red"
        isBusy={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() =>
          toRevoke &&
          revoke.mutate(toRevoke.id, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('settings.revoked') });
              setToRevoke(null);
            },
          })
        }
        onClose={() => setToRevoke(null)}
      />
    </Card>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const sessions = useSessions();
  const end = useEndSession();
  const errorMessage = useErrorMessage();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="settings-sessions">
      <Title order={2} size="h4" id="settings-sessions" mb={4}>
        {t('settings.sessions')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.sessionsHint')}
      </Text>
      <QueryState query={sessions}>
        {(data) => (
          <div className="table-scroll">
            <Table striped miw={480} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('settings.signedIn')}</Table.Th>
                  <Table.Th scope="col">{t('settings.lastSeen')}</Table.Th>
                  <Table.Th scope="col">{t('settings.expires')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                    <Table.Td>{formatDateTime(s.expiresAt)}</Table.Td>
                    <Table.Td>
                      {s.isCurrent ? (
                        <Badge variant="light" color="teal">
                          {t('settings.thisSession')}
                        </Badge>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red.8"
                          onClick={() => end.mutate(s.id)}
                          loading={end.isPending && end.variables === s.id}
                        >
                          {t('settings.endSession')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </QueryState>
      {end.error && (
        <Text c="red.9" size="sm" role="alert">
          {errorMessage(end.error)}
        </Text>
      )}
    </Card>
  );
}
