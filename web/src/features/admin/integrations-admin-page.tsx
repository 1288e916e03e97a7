// Integrations (HR administrators): webhooks with their delivery log, replay and secret rotation; Slack and Teams.
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  MultiSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useChatSettings,
  useCreateWebhook,
  useDeleteWebhook,
  useReplayDelivery,
  useRotateWebhookSecret,
  useUpdateChatSettings,
  useWebhookDeliveries,
  useWebhooks,
} from '../../api/integrations.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState, useErrorMessage } from '../../ui/states.tsx';

export function IntegrationsAdminPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('integrations.title')} />
      <Stack gap="md">
        <Webhooks />
        <Chat />
      </Stack>
    </>
  );
}

/** The secret of a webhook just created or rotated: shown once. */
function SecretOnce({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      title={t('integrations.secretOnce')}
      role="status"
      withCloseButton
      onClose={onClose}
    >
      <Code block style={{ overflowWrap: 'anywhere' }}>
        {secret}
      </Code>
    </Alert>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const query = useWebhooks();
  const create = useCreateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const errorMessage = useErrorMessage();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    create.mutate(
      { url, events },
      {
        onSuccess: (created) => {
          setSecret(created.secret);
          setUrl('');
          setEvents([]);
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="integrations-webhooks">
      <Title order={2} size="h4" id="integrations-webhooks" mb="xs">
        {t('integrations.webhooks')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('integrations.webhooksHint')}
      </Text>
      {secret && <SecretOnce secret={secret} onClose={() => setSecret(null)} />}
      <QueryState query={query}>
        {(data) => (
          <Stack gap="sm">
            {data.items.length === 0 ? (
              <Text size="sm">{t('integrations.noWebhooks')}</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('integrations.url')}</Table.Th>
                    <Table.Th>{t('integrations.events')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((hook) => (
                    <Table.Tr key={hook.id}>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        {hook.url} {!hook.isEnabled && <Badge color="gray">{t('integrations.paused')}</Badge>}
                      </Table.Td>
                      <Table.Td>{hook.events.join(', ')}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setSelected(hook.id)}>
                            {t('integrations.deliveries')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() =>
                              rotate.mutate(hook.id, {
                                onSuccess: (rotated) => setSecret(rotated.secret),
                                onError: (e) =>
                                  notifications.show({ color: 'red', message: errorMessage(e) }),
                              })
                            }
                          >
                            {t('integrations.rotate')}
                          </Button>
                          <Button
                            size="xs"
                            variant="default"
                            color="red"
                            onClick={() => setDeleting(hook.id)}
                          >
                            {t('integrations.delete')}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <form onSubmit={submit} noValidate>
              <Stack gap="xs">
                <TextInput
                  label={t('integrations.url')}
                  placeholder="https://"
                  value={url}
                  onChange={(e) => setUrl(e.currentTarget.value)}
                  required
                />
                <MultiSelect
                  label={t('integrations.events')}
                  data={data.eventTypes}
                  value={events}
                  onChange={setEvents}
                  searchable
                  required
                />
                {error && (
                  <Text c="red" size="sm" role="alert">
                    {error}
                  </Text>
                )}
                <Group>
                  <Button type="submit" loading={create.isPending}>
                    {t('integrations.addWebhook')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Stack>
        )}
      </QueryState>
      {selected && <Deliveries webhookId={selected} />}
      <ConfirmDialog
        opened={deleting !== null}
        title={t('integrations.deleteTitle')}
        message={t('integrations.deleteMessage')}
        confirmLabel={t('integrations.delete')}
        color="red"
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting);
          if (deleting === selected) setSelected(null);
          setDeleting(null);
        }}
      />
    </Card>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const query = useWebhookDeliveries(webhookId);
  const replay = useReplayDelivery();
  const errorMessage = useErrorMessage();
  return (
    <Stack gap="xs" mt="md">
      <Title order={3} size="h5">
        {t('integrations.deliveryLog')}
      </Title>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm">{t('integrations.noDeliveries')}</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('integrations.event')}</Table.Th>
                  <Table.Th>{t('integrations.status')}</Table.Th>
                  <Table.Th>{t('integrations.attempts')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      {d.eventType}
                      <Text size="xs" c="dimmed">
                        {formatDateTime(d.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        color={d.status === 'delivered' ? 'green' : d.status === 'failed' ? 'red' : 'gray'}
                      >
                        {t(`integrations.deliveryStatus.${d.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {d.attemptLog.map((a) => (
                        <Text size="xs" key={a.at + a.durationMs}>
                          {formatDateTime(a.at)} · {a.statusCode ?? '—'} · {a.durationMs} ms
                          {a.isReplay ? ` · ${t('integrations.replayed')}` : ''}
                          {a.error ? ` · ${a.error}` : ''}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        disabled={d.status === 'pending' || d.status === 'sending'}
                        onClick={() =>
                          replay.mutate(
                            { id: webhookId, deliveryId: d.id },
                            {
                              onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
                            },
                          )
                        }
                      >
                        {t('integrations.replay')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
    </Stack>
  );
}

function Chat() {
  const { t } = useTranslation();
  const query = useChatSettings();
  const update = useUpdateChatSettings();
  const errorMessage = useErrorMessage();
  const [token, setToken] = useState('');
  const [teamsUrl, setTeamsUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = (body: { slackBotToken?: string | null; teamsWebhookUrl?: string | null }) => {
    setError(null);
    update.mutate(body, {
      onSuccess: () => {
        setToken('');
        notifications.show({ message: t('integrations.saved') });
      },
      onError: (e) => setError(errorMessage(e)),
    });
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="integrations-chat">
      <Title order={2} size="h4" id="integrations-chat" mb="xs">
        {t('integrations.chat')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('integrations.chatHint')}
      </Text>
      <QueryState query={query}>
        {(settings) => (
          <Stack gap="sm">
            <Group align="flex-end">
              <PasswordInput
                label={t('integrations.slackToken')}
                description={
                  settings.isSlackConnected
                    ? t('integrations.slackConnected')
                    : t('integrations.slackNotConnected')
                }
                placeholder="xoxb-…"
                value={token}
                onChange={(e) => setToken(e.currentTarget.value)}
                w={360}
              />
              <Button disabled={!token} onClick={() => save({ slackBotToken: token })}>
                {t('integrations.save')}
              </Button>
              {settings.isSlackConnected && (
                <Button variant="default" onClick={() => save({ slackBotToken: null })}>
                  {t('integrations.disconnect')}
                </Button>
              )}
            </Group>
            <Group align="flex-end">
              <TextInput
                label={t('integrations.teamsUrl')}
                placeholder="https://"
                value={teamsUrl ?? settings.teamsWebhookUrl ?? ''}
                onChange={(e) => setTeamsUrl(e.currentTarget.value)}
                w={360}
              />
              <Button onClick={() => save({ teamsWebhookUrl: teamsUrl?.trim() ? teamsUrl.trim() : null })}>
                {t('integrations.save')}
              </Button>
            </Group>
            {error && (
              <Text c="red" size="sm" role="alert">
                {error}
              </Text>
            )}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
