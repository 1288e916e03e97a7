// The public feedback form behind a one-time link: a peer or customer answers without an account.
import { Alert, Box, Button, Center, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useFeedbackForm, useSubmitFeedback } from '../../api/feedback.ts';
import { changeLanguage } from '../../i18n/index.ts';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { formatDate } from '../../ui/format.ts';
import { LanguageSwitch } from '../../ui/language-switch.tsx';
import { Logo } from '../../ui/logo.tsx';
import { LoadingState, useErrorMessage } from '../../ui/states.tsx';

type Answer = { rating: string; comment: string };

export function FeedbackFormPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const form = useFeedbackForm(token);
  const submit = useSubmitFeedback(token);
  const errorMessage = useErrorMessage();
  const serverErrors = useFieldErrors(submit.error);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    document.title = `${t('publicFeedback.title')} · Mejora`;
  }, [t]);
  // The form is written in the plan's language; the page follows it unless the giver switches.
  useEffect(() => {
    if (form.data) void changeLanguage(form.data.locale, { persist: false });
  }, [form.data]);

  const frame = (content: ReactNode) => (
    <Box mih="100vh" bg="gray.0" py="xl" px="sm">
      <Group justify="space-between" maw={640} mx="auto" mb="xs">
        <Group gap="xs">
          <Logo />
          <Text fw={800} c="indigo.8">
            Mejora
          </Text>
        </Group>
        <LanguageSwitch />
      </Group>
      <Center>
        <Paper component="main" withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} w="100%" maw={640}>
          {content}
        </Paper>
      </Center>
    </Box>
  );

  if (form.isPending) return frame(<LoadingState />);
  if (form.isError) {
    const status = isApiError(form.error) ? form.error.status : 0;
    return frame(
      <Stack>
        <Title order={1} size="h3">
          {t('publicFeedback.title')}
        </Title>
        <Alert color={status === 410 ? 'yellow' : 'red'} variant="light" role="alert">
          {status === 410
            ? t('publicFeedback.used')
            : status === 404
              ? t('publicFeedback.unknown')
              : errorMessage(form.error)}
        </Alert>
      </Stack>,
    );
  }
  if (submit.isSuccess)
    return frame(
      <Stack>
        <Title order={1} size="h3">
          {t('publicFeedback.thanksTitle')}
        </Title>
        <Text>{t('publicFeedback.thanks')}</Text>
      </Stack>,
    );

  const data = form.data;
  const missing = data.questions.filter((q) => {
    if (!q.isRequired) return false;
    const a = answers[q.id];
    return q.kind === 'rating' ? !a?.rating : !a?.comment.trim();
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing.length) return;
    submit.mutate({
      answers: data.questions
        .filter((q) => answers[q.id]?.rating || answers[q.id]?.comment.trim())
        .map((q) => ({
          questionId: q.id,
          rating: q.kind === 'rating' && answers[q.id]?.rating ? Number(answers[q.id].rating) : null,
          comment: answers[q.id]?.comment.trim() || null,
        })),
    });
  };
  const set = (id: string, patch: Partial<Answer>) =>
    setAnswers((all) => ({
      ...all,
      [id]: { rating: all[id]?.rating ?? '', comment: all[id]?.comment ?? '', ...patch },
    }));
  const isMissing = (id: string) => touched && missing.some((q) => q.id === id);

  return frame(
    <form onSubmit={send} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} size="h3">
            {t('publicFeedback.heading', { name: data.employeeName })}
          </Title>
          <Text size="sm" c="dimmed">
            {data.organizationName} · {t(`feedback.kinds.${data.kind}`)} ·{' '}
            {t('publicFeedback.expires', { date: formatDate(data.expiresAt.slice(0, 10)) })}
          </Text>
        </div>
        <Text size="sm" className="pre-line">
          {data.intro}
        </Text>
        {data.isAnonymous && (
          <Alert color="indigo" variant="light">
            {t('publicFeedback.anonymous')}
          </Alert>
        )}
        {data.questions.map((q, index) =>
          q.kind === 'rating' ? (
            <Radio.Group
              key={q.id}
              label={q.text}
              required={q.isRequired}
              value={answers[q.id]?.rating ?? ''}
              onChange={(rating) => set(q.id, { rating })}
              error={isMissing(q.id) ? t('validation.required') : serverErrors(`answers.${index}.rating`)}
            >
              <Group gap="md" mt={6}>
                {['1', '2', '3', '4', '5'].map((value) => (
                  <Radio key={value} value={value} label={t(`publicFeedback.scale.${value}`)} />
                ))}
              </Group>
            </Radio.Group>
          ) : (
            <Textarea
              key={q.id}
              label={q.text}
              required={q.isRequired}
              value={answers[q.id]?.comment ?? ''}
              onChange={(e) => set(q.id, { comment: e.currentTarget.value })}
              error={isMissing(q.id) ? t('validation.required') : serverErrors(`answers.${index}.comment`)}
              autosize
              minRows={3}
              maxLength={2000}
            />
          ),
        )}
        {submit.error && !serverErrors.hasAny && (
          <Text c="red.9" size="sm" role="alert">
            {isApiError(submit.error) && submit.error.status === 410
              ? t('publicFeedback.used')
              : errorMessage(submit.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={submit.isPending}>
            {t('publicFeedback.submit')}
          </Button>
        </Group>
      </Stack>
    </form>,
  );
}
