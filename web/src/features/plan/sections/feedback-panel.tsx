// Peer and customer feedback: who was asked, their answers, and asking someone new (a one-time link by email).
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { feedbackRequestBody } from '../../../../../src/contracts/running.ts';
import { isOnRatingScale } from '../../../../../src/domain/plan/rating-scale.ts';
import { useFeedbackRequests, useRequestFeedback } from '../../../api/check-ins.ts';
import type { PlanView } from '../../../api/types.ts';
import { mergeErrors, useFieldErrors } from '../../../ui/field-errors.ts';
import { formatDate } from '../../../ui/format.ts';
import { QueryState, useErrorMessage } from '../../../ui/states.tsx';
import { zodErrors } from '../../../ui/zod-errors.ts';
import { SectionCard } from '../plan-blocks.tsx';

const statusColor = { pending: 'yellow', answered: 'teal', expired: 'gray' } as const;

export function FeedbackPanel({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const requests = useFeedbackRequests(plan.id);
  const canRequest = plan.permissions.canRecordProgress;
  return (
    <SectionCard title={t('feedback.title')} id="feedback">
      <Text size="sm" c="dimmed">
        {t('feedback.intro')}
      </Text>
      <QueryState query={requests}>
        {(data) =>
          data.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('feedback.none')}
            </Text>
          ) : (
            <Stack gap="xs">
              {data.items.map((r) => (
                <Card key={r.id} withBorder padding="sm">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Text size="sm" fw={700}>
                      {r.name ?? t('feedback.anonymous')} · {t(`feedback.kinds.${r.kind}`)}
                    </Text>
                    <Badge color={statusColor[r.status]} variant="light">
                      {t(`feedback.statuses.${r.status}`)}
                    </Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {r.answeredAt
                      ? t('feedback.answeredOn', { date: formatDate(r.answeredAt.slice(0, 10)) })
                      : t('feedback.expiresOn', { date: formatDate(r.expiresAt.slice(0, 10)) })}
                  </Text>
                  {r.conversionText && (
                    <Text size="xs" c="dimmed">
                      {t('feedback.feeds', {
                        metric: plan.metrics.find((m) => m.id === r.metricId)?.name ?? '—',
                        conversion: r.conversionText,
                      })}
                    </Text>
                  )}
                  {r.answers && (
                    <Stack gap={2} mt={4}>
                      {r.answers.map((a) => (
                        <Text key={a.questionId} size="sm">
                          <Text span fw={600} size="sm">
                            {a.question}
                          </Text>{' '}
                          {a.rating !== null ? `${a.rating}/5` : ''} {a.comment ?? ''}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
      {canRequest && <RequestFeedbackForm plan={plan} />}
    </SectionCard>
  );
}

function RequestFeedbackForm({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const request = useRequestFeedback(plan.id);
  const errorMessage = useErrorMessage();
  const [form, setForm] = useState({
    name: '',
    email: '',
    kind: 'peer' as 'peer' | 'customer',
    anonymous: false,
    metricId: null as string | null,
    questions: '',
  });
  // What each rating 1–5 records in a metric that has its own unit.
  const [conversionValues, setConversionValues] = useState<(number | '')[]>(['', '', '', '', '']);
  const metric = plan.metrics.find((m) => m.id === form.metricId);
  const needsConversion = Boolean(metric && !isOnRatingScale(metric));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = useFieldErrors(request.error);
  const errors = mergeErrors(clientErrors, serverErrors);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // One written question per line; the colleague sees only these (after the overall rating), nothing of the plan.
    const questions = form.questions
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((text) => ({ kind: 'comment' as const, text }));
    const values = conversionValues.map((v) => (v === '' ? Number.NaN : v));
    const body = {
      name: form.name.trim(),
      email: form.email.trim(),
      kind: form.kind,
      anonymous: form.anonymous,
      metricId: form.metricId,
      ...(questions.length ? { questions } : {}),
      conversion: needsConversion
        ? { kind: 'map' as const, values: values as [number, number, number, number, number] }
        : null,
    };
    const found = zodErrors(feedbackRequestBody, body, t);
    setClientErrors(found);
    if (Object.keys(found).length) return;
    request.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('feedback.sent', { name: body.name }) });
        setForm((f) => ({ ...f, name: '', email: '', questions: '' }));
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('feedback.request')}>
      <Text fw={700} size="sm" mt="sm" mb={4}>
        {t('feedback.request')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <TextInput
          label={t('feedback.name')}
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={errors('name')}
          required
        />
        <TextInput
          label={t('feedback.email')}
          type="email"
          value={form.email}
          onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          error={errors('email')}
          required
        />
        <Select
          label={t('feedback.kind')}
          data={[
            { value: 'peer', label: t('feedback.kinds.peer') },
            { value: 'customer', label: t('feedback.kinds.customer') },
          ]}
          value={form.kind}
          onChange={(value) => setForm({ ...form, kind: (value ?? 'peer') as 'peer' | 'customer' })}
          allowDeselect={false}
          error={errors('kind')}
        />
        <Select
          label={t('feedback.metric')}
          data={plan.metrics.map((m) => ({ value: m.id, label: m.name }))}
          value={form.metricId}
          onChange={(metricId) => setForm({ ...form, metricId })}
          clearable
          error={errors('metricId')}
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        label={t('feedback.questions')}
        description={t('feedback.questionsHelp')}
        autosize
        minRows={2}
        value={form.questions}
        onChange={(e) => setForm({ ...form, questions: e.currentTarget.value })}
        error={errors('questions')}
      />
      {needsConversion && metric && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>
            {t('feedback.conversion', { metric: metric.name, unit: metric.unit })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('feedback.conversionHint')}
          </Text>
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
            {conversionValues.map((value, i) => (
              <NumberInput
                // biome-ignore lint/suspicious/noArrayIndexKey: the five ratings are fixed positions
                key={i}
                label={t('feedback.conversionRating', { rating: i + 1 })}
                value={value}
                onChange={(next) =>
                  setConversionValues((current) =>
                    current.map((v, j) => (j === i ? (typeof next === 'number' ? next : '') : v)),
                  )
                }
                error={errors(`conversion.values.${i}`)}
                required
              />
            ))}
          </SimpleGrid>
          {errors('conversion') && (
            <Text c="red.9" size="sm" role="alert">
              {errors('conversion')}
            </Text>
          )}
        </Stack>
      )}
      <Checkbox
        mt="sm"
        label={t('feedback.anonymousLabel')}
        checked={form.anonymous}
        onChange={(e) => setForm({ ...form, anonymous: e.currentTarget.checked })}
      />
      {request.error && !serverErrors.hasAny && (
        <Text c="red.9" size="sm" role="alert" mt="xs">
          {errorMessage(request.error)}
        </Text>
      )}
      <Button type="submit" variant="light" mt="sm" loading={request.isPending}>
        {t('feedback.send')}
      </Button>
    </form>
  );
}
