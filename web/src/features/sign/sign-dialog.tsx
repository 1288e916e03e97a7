// Acknowledge and sign: tick the role's clauses, type one's name, see the exact version signed; or refuse.
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth.ts';
import { useVersionDiff, useVersions } from '../../api/history.ts';
import { inboxKey } from '../../api/inbox.ts';
import { useSign } from '../../api/plans.ts';
import type { PlanView, SignerRole } from '../../api/types.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { formatDateTime } from '../../ui/format.ts';
import { LoadingState, useErrorMessage } from '../../ui/states.tsx';
import { ChangeList } from '../adjustments/change-list.tsx';

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

export function SignDialog({
  plan,
  role,
  onClose,
}: {
  plan: PlanView;
  role: SignerRole;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const sign = useSign(plan.id);
  const queryClient = useQueryClient();
  const versions = useVersions(plan.id);
  const serverErrors = useFieldErrors(sign.error);
  const errorMessage = useErrorMessage();
  const clauses = plan.acknowledgmentClauses[role];
  const [mode, setMode] = useState<'sign' | 'refuse'>('sign');
  const [ticked, setTicked] = useState<string[]>([]);
  const [typedName, setTypedName] = useState('');
  const [response, setResponse] = useState('');
  const [touched, setTouched] = useState(false);
  const hash = versions.data?.items.find((v) => v.version === plan.version)?.documentHash;

  const clientErrors = {
    clauses: mode === 'sign' && ticked.length < clauses.length ? t('sign.errors.clauses') : undefined,
    typedName:
      mode === 'sign' && normalise(typedName) !== normalise(user.name)
        ? t('sign.errors.typedName', { name: user.name })
        : undefined,
    response: mode === 'refuse' && !response.trim() ? t('sign.errors.response') : undefined,
  };
  const shown = (key: keyof typeof clientErrors) =>
    (touched ? clientErrors[key] : undefined) ?? serverErrors(key);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.values(clientErrors).some(Boolean)) return;
    const body =
      mode === 'refuse'
        ? ({ role: 'employee', refused: true, response: response.trim() } as const)
        : { role, typedName: typedName.trim(), clauses: ticked };
    sign.mutate(body, {
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: inboxKey });
        notifications.show({
          color: 'teal',
          message: mode === 'refuse' ? t('sign.refused') : t('sign.signed'),
        });
        onClose();
      },
    });
  };

  const unmatched = serverErrors.unmatched(['clauses', 'typedName', 'response', 'role']);
  return (
    <AppModal
      opened
      onClose={onClose}
      title={t('sign.title', { role: t(`sign.roles.${role}`) })}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="indigo" variant="light" title={t('sign.versionTitle', { version: plan.version })}>
            <Text size="sm">
              {t('sign.versionText', { name: plan.header.employeeName, version: plan.version })}
            </Text>
            {hash && (
              <Text size="xs" mt={4}>
                {t('sign.hash')}: <Code style={{ wordBreak: 'break-all' }}>{hash}</Code>
              </Text>
            )}
          </Alert>
          <ChangesSinceSigned plan={plan} role={role} />
          {role === 'employee' && (
            <SegmentedControl
              value={mode}
              onChange={(value) => setMode(value as 'sign' | 'refuse')}
              data={[
                { value: 'sign', label: t('sign.modeSign') },
                { value: 'refuse', label: t('sign.modeRefuse') },
              ]}
              fullWidth
              aria-label={t('sign.mode')}
            />
          )}
          {mode === 'sign' ? (
            <>
              <Checkbox.Group
                label={plan.acknowledgmentIntros[role]}
                description={t('sign.clausesHint')}
                value={ticked}
                onChange={setTicked}
                error={shown('clauses')}
                required
              >
                <Stack gap={8} mt="xs">
                  {clauses.map((c) => (
                    <Checkbox key={c.id} value={c.id} label={c.text} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <TextInput
                label={t('sign.typedName')}
                description={t('sign.typedNameHint', { name: user.name })}
                value={typedName}
                onChange={(event) => setTypedName(event.currentTarget.value)}
                error={shown('typedName')}
                autoComplete="name"
                required
              />
            </>
          ) : (
            <Textarea
              label={t('sign.response')}
              description={t('sign.responseHint')}
              value={response}
              onChange={(event) => setResponse(event.currentTarget.value)}
              error={shown('response')}
              autosize
              minRows={4}
              required
            />
          )}
          {(unmatched.length > 0 || (sign.error && !serverErrors.hasAny)) && (
            <Text c="red.9" size="sm" role="alert">
              {unmatched.length > 0 ? unmatched.join('; ') : errorMessage(sign.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={mode === 'refuse' ? 'red' : 'teal.8'} loading={sign.isPending}>
              {mode === 'refuse' ? t('sign.submitRefusal') : t('sign.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** Signing again: what changed between the version this role last signed and the one to sign now. */
function ChangesSinceSigned({ plan, role }: { plan: PlanView; role: SignerRole }) {
  const { t } = useTranslation();
  const earlier = plan.signatures
    .filter((s) => s.role === role && !s.isCurrent && s.version < plan.version)
    .sort((a, b) => b.version - a.version)[0];
  const diff = useVersionDiff(plan.id, earlier?.version ?? null, earlier ? plan.version : null);
  if (!earlier) return null;
  const title = t('daily.sign.changedSince', { version: earlier.version });
  return (
    <section aria-label={title}>
      <Text fw={700} size="sm">
        {title}
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {t('daily.sign.signedBy', {
          name: earlier.typedName ?? earlier.signerName,
          date: formatDateTime(earlier.signedAt),
          version: earlier.version,
        })}
      </Text>
      {diff.isPending ? (
        <LoadingState />
      ) : diff.isError ? (
        <Text size="sm" c="red.9">
          {t('daily.sign.diffUnavailable')}
        </Text>
      ) : (
        <ChangeList plan={plan} changes={diff.data.changes} />
      )}
    </section>
  );
}
