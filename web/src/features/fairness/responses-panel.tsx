// The employee's written responses, kept as written, and the box where the employee adds one.
import { Button, Card, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../api/auth.ts';
import { useAddResponse } from '../../api/fairness.ts';
import type { PlanView } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useErrorMessage } from '../../ui/states.tsx';

const respondable = new Set(['awaiting_acknowledgment', 'active', 'paused']);

export function ResponsesPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const add = useAddResponse(plan.id);
  const errorMessage = useErrorMessage();
  const [text, setText] = useState('');
  const isEmployee = me.user.employeeId !== null && me.user.employeeId === plan.header.employeeId;
  const canRespond = isEmployee && respondable.has(plan.status);
  if (!canRespond && plan.responses.length === 0) return null;
  return (
    <Card withBorder padding="md" aria-labelledby="responses-title">
      <Title order={2} size="h4" id="responses-title" mb="xs">
        {t('responses.title')}
      </Title>
      <Stack gap="sm">
        {plan.responses.map((r) => (
          <Stack key={r.id} gap={2}>
            <Text size="xs" c="dimmed">
              {formatDateTime(r.createdAt)} · {t(`responses.context.${r.context}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {r.text}
            </Text>
          </Stack>
        ))}
        {canRespond && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!text.trim()) return;
              add.mutate({ text: text.trim() }, { onSuccess: () => setText('') });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('responses.add')}
                description={t('responses.hint')}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                autosize
                minRows={3}
                error={add.error ? errorMessage(add.error) : undefined}
              />
              <Button type="submit" loading={add.isPending} disabled={!text.trim()} w="fit-content">
                {t('responses.submit')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
