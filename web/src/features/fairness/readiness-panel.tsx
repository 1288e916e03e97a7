// The readiness check: each item with why it matters and how to fix it; HR accepts a warning with a reason.
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { type ReadinessItem, useAcceptWarning, useReadiness } from '../../api/fairness.ts';
import type { PlanView } from '../../api/types.ts';
import { useErrorMessage } from '../../ui/states.tsx';

export function ReadinessPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const readiness = useReadiness(plan.id);
  const canAccept =
    hasRole(me.user, 'hr_admin', 'hr') && (plan.status === 'draft' || plan.status === 'in_review');
  if (!readiness.data) return null;
  const { items, isReady } = readiness.data;
  return (
    <Card withBorder padding="md" aria-labelledby="readiness-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="readiness-title">
          {t('readiness.title')}
        </Title>
        <Badge color={isReady ? 'teal' : 'red'} variant="light">
          {t(isReady ? 'readiness.ready' : 'readiness.notReady')}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm">{t('readiness.none')}</Text>
      ) : (
        <Stack gap="sm">
          {items.map((item, i) => (
            <ReadinessRow
              key={`${item.code}-${item.path ?? i}`}
              planId={plan.id}
              item={item}
              canAccept={canAccept}
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}

function ReadinessRow({
  planId,
  item,
  canAccept,
}: {
  planId: string;
  item: ReadinessItem;
  canAccept: boolean;
}) {
  const { t } = useTranslation();
  const accept = useAcceptWarning(planId);
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const [isOpen, setOpen] = useState(false);
  const color = item.severity === 'error' ? 'red' : item.acceptance ? 'gray' : 'yellow';
  return (
    <Alert color={color} variant="light" title={t(`readiness.severity.${item.severity}`)}>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {item.message}
        </Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            {t('readiness.why')}:
          </Text>{' '}
          {item.why}
        </Text>
        <Text size="sm">
          <Text span fw={600} size="sm">
            {t('readiness.fix')}:
          </Text>{' '}
          {item.fix}
        </Text>
        {item.acceptance && (
          <Text size="sm" c="dimmed">
            {t('readiness.accepted', {
              name: item.acceptance.acceptedByName,
              reason: item.acceptance.reason,
            })}
          </Text>
        )}
        {canAccept && item.severity === 'warning' && !item.acceptance && !isOpen && (
          <Group>
            <Button size="xs" variant="light" onClick={() => setOpen(true)}>
              {t('readiness.accept')}
            </Button>
          </Group>
        )}
        {isOpen && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!reason.trim()) return;
              accept.mutate({ code: item.code, reason: reason.trim() }, { onSuccess: () => setOpen(false) });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('readiness.reason')}
                description={t('readiness.reasonHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                required
                autosize
                minRows={2}
                error={accept.error ? errorMessage(accept.error) : undefined}
              />
              <Group>
                <Button size="xs" type="submit" loading={accept.isPending} disabled={!reason.trim()}>
                  {t('readiness.acceptConfirm')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setOpen(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Alert>
  );
}

/** The wording hits of one focus area, shown beside its SMART findings while editing. */
export function WordingHints({ planId, focusAreaId }: { planId: string; focusAreaId: string }) {
  const { t } = useTranslation();
  const readiness = useReadiness(planId);
  const hits = (readiness.data?.items ?? []).filter(
    (i) => i.code.startsWith('wording.') && i.path?.startsWith(`focusAreas/${focusAreaId}/`),
  );
  if (hits.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title={t('readiness.wordingTitle')}>
      <Stack gap={4}>
        {hits.map((hit) => (
          <Text size="sm" key={`${hit.path}-${hit.code}-${hit.message}`}>
            {hit.message} {hit.fix}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
