// What the readiness check asks to be recorded before the plan is sent: the prior conversation, the employee's
// preferred language, any accommodation request, why there is no mentor, and the consequence of not meeting the goals.
import { Button, Card, Group, Radio, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdatePlan } from '../../api/plans.ts';
import type { PlanView } from '../../api/types.ts';
import { DateField } from '../../ui/date-field.tsx';
import { useErrorMessage } from '../../ui/states.tsx';

export function ProcedureForm({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const update = useUpdatePlan(plan.id);
  const errorMessage = useErrorMessage();
  const { procedure } = plan;
  const [date, setDate] = useState(procedure.priorConversation.date ?? '');
  const [participants, setParticipants] = useState(procedure.priorConversation.participants);
  const [summary, setSummary] = useState(procedure.priorConversation.summary);
  const [language, setLanguage] = useState(procedure.preferredLanguage ?? '');
  const [accommodation, setAccommodation] = useState(procedure.accommodation?.status ?? '');
  const [details, setDetails] = useState(procedure.accommodation?.details ?? '');
  const [noMentorReason, setNoMentorReason] = useState(procedure.noMentorReason);
  const [consequences, setConsequences] = useState(plan.consequences);
  if (!plan.permissions.canEdit) return null;
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate({
      seen: plan,
      consequences,
      procedure: {
        priorConversation: { date: date || null, participants, summary },
        preferredLanguage: language.trim() || null,
        accommodation:
          accommodation === 'none' || accommodation === 'requested'
            ? { status: accommodation, details: accommodation === 'requested' ? details : '' }
            : null,
        ...(plan.header.mentorUserId ? {} : { noMentorReason }),
      },
    });
  };
  return (
    <Card withBorder padding="md" aria-labelledby="procedure-title">
      <Title order={2} size="h4" id="procedure-title" mb="xs">
        {t('procedure.title')}
      </Title>
      <form onSubmit={save}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <DateField
              label={t('procedure.conversationDate')}
              value={date}
              onChange={(value) => setDate(value)}
            />
            <TextInput
              label={t('procedure.participants')}
              value={participants}
              onChange={(e) => setParticipants(e.currentTarget.value)}
            />
          </Group>
          <Textarea
            label={t('procedure.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <TextInput
            label={t('procedure.language')}
            description={t('procedure.languageHint')}
            value={language}
            onChange={(e) => setLanguage(e.currentTarget.value)}
            maw={240}
          />
          <Radio.Group label={t('procedure.accommodation')} value={accommodation} onChange={setAccommodation}>
            <Group mt={4}>
              <Radio value="none" label={t('procedure.accommodationNone')} />
              <Radio value="requested" label={t('procedure.accommodationRequested')} />
            </Group>
          </Radio.Group>
          {accommodation === 'requested' && (
            <Textarea
              label={t('procedure.accommodationDetails')}
              description={t('procedure.accommodationHint')}
              value={details}
              onChange={(e) => setDetails(e.currentTarget.value)}
              autosize
            />
          )}
          {!plan.header.mentorUserId && (
            <Textarea
              label={t('procedure.noMentorReason')}
              value={noMentorReason}
              onChange={(e) => setNoMentorReason(e.currentTarget.value)}
              autosize
            />
          )}
          <Textarea
            label={t('procedure.consequences')}
            value={consequences}
            onChange={(e) => setConsequences(e.currentTarget.value)}
            autosize
            minRows={2}
            error={update.error ? errorMessage(update.error) : undefined}
          />
          <Button type="submit" loading={update.isPending} w="fit-content">
            {t('common.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
