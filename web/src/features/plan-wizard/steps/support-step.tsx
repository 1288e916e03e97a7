// Step 6: support resources: check-in cadence, mentoring, HR support, training, budget and time.
import { Card, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStaleWrite } from '../../../api/concurrency.ts';
import { useUpdatePlan } from '../../../api/plans.ts';
import type { PlanView } from '../../../api/types.ts';
import { useFieldErrors } from '../../../ui/field-errors.ts';
import { weekdayName } from '../../../ui/format.ts';
import { useErrorMessage } from '../../../ui/states.tsx';
import { WizardFooter } from '../wizard-footer.tsx';

type Cadence = PlanView['support']['managerCheckIn'];

const toForm = (plan: PlanView) => ({
  managerCheckIn: { ...plan.support.managerCheckIn },
  mentor: {
    meetingFrequency: plan.support.mentor.meetingFrequency,
    focusAreas: plan.support.mentor.focusAreas,
    supportProvided: plan.support.mentor.supportProvided,
    session: { ...plan.support.mentor.session },
  },
  hr: {
    availability: plan.support.hr.availability,
    supportAreas: plan.support.hr.supportAreas,
    additionalResources: plan.support.hr.additionalResources,
  },
  training: {
    internal: plan.support.training.internal,
    external: plan.support.training.external,
    online: plan.support.training.online,
    certification: plan.support.training.certification,
  },
  trainingBudget: plan.support.budget.total as number | string,
  currency: plan.support.budget.currency,
  hoursPerWeek: plan.support.hoursPerWeek as number | string,
});
type Form = ReturnType<typeof toForm>;

export function SupportStep({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const update = useUpdatePlan(plan.id);
  const errors = useFieldErrors(update.error, 'support.');
  const errorMessage = useErrorMessage();
  const initial = useMemo(() => toForm(plan), [plan]);
  const [form, setForm] = useState<Form>(initial);
  // The plan this form is based on: saving says "only if it is still this version".
  const [seen, setSeen] = useState<PlanView>(plan);
  const isDirty = JSON.stringify(form) !== JSON.stringify(initial);

  const save = async () => {
    if (!isDirty) return true;
    try {
      const saved = await update.mutateAsync({
        seen,
        support: {
          managerCheckIn: form.managerCheckIn,
          mentor: form.mentor,
          hr: form.hr,
          training: form.training,
          trainingBudget: Number(form.trainingBudget || 0),
          currency: form.currency.trim().toUpperCase(),
          hoursPerWeek: Number(form.hoursPerWeek || 0),
        },
      });
      setSeen(saved);
      return true;
    } catch (error) {
      if (isStaleWrite<PlanView>(error) && error.latest) setSeen(error.latest);
      return false;
    }
  };

  const cadenceFields = (
    prefix: 'managerCheckIn' | 'mentor.session',
    value: Cadence,
    onChange: (c: Cadence) => void,
  ) => (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
      <Select
        label={t('wizard.support.frequency')}
        data={[
          { value: 'weekly', label: t('plan.support.frequency.weekly') },
          { value: 'biweekly', label: t('plan.support.frequency.biweekly') },
        ]}
        value={value.frequency}
        onChange={(v) => onChange({ ...value, frequency: (v ?? 'weekly') as Cadence['frequency'] })}
        allowDeselect={false}
        error={errors(`${prefix}.frequency`)}
      />
      <Select
        label={t('wizard.support.weekday')}
        data={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: weekdayName(d) }))}
        value={String(value.weekday)}
        onChange={(v) => onChange({ ...value, weekday: Number(v ?? 1) })}
        allowDeselect={false}
        error={errors(`${prefix}.weekday`)}
      />
      <TextInput
        type="time"
        label={t('wizard.support.time')}
        value={value.time}
        onChange={(e) => onChange({ ...value, time: e.currentTarget.value })}
        error={errors(`${prefix}.time`)}
      />
      <NumberInput
        label={t('wizard.support.duration')}
        min={15}
        max={480}
        step={15}
        value={value.durationMinutes}
        onChange={(v) => onChange({ ...value, durationMinutes: Number(v || 0) })}
        error={errors(`${prefix}.durationMinutes`)}
      />
    </SimpleGrid>
  );

  return (
    <Stack gap="md">
      <Card withBorder padding="md" component="section" aria-labelledby="support-manager">
        <Title order={2} size="h4" id="support-manager" mb="sm">
          {plan.headings.managerSupport}
        </Title>
        {cadenceFields('managerCheckIn', form.managerCheckIn, (managerCheckIn) =>
          setForm((f) => ({ ...f, managerCheckIn })),
        )}
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="support-mentor">
        <Title order={2} size="h4" id="support-mentor" mb="sm">
          {plan.headings.mentorAssignment}
          {plan.header.mentorName ? ` — ${plan.header.mentorName}` : ''}
        </Title>
        <Stack gap="sm">
          <TextInput
            label={plan.headings.meetingFrequency}
            value={form.mentor.meetingFrequency}
            onChange={(e) => {
              const meetingFrequency = e.currentTarget.value;
              setForm((f) => ({ ...f, mentor: { ...f.mentor, meetingFrequency } }));
            }}
            error={errors('mentor.meetingFrequency')}
          />
          <Textarea
            label={plan.headings.focusAreas}
            value={form.mentor.focusAreas}
            placeholder={plan.support.mentor.placeholders?.focusAreas}
            onChange={(e) => {
              const focusAreas = e.currentTarget.value;
              setForm((f) => ({ ...f, mentor: { ...f.mentor, focusAreas } }));
            }}
            error={errors('mentor.focusAreas')}
            autosize
            minRows={2}
          />
          <Textarea
            label={plan.headings.supportProvided}
            value={form.mentor.supportProvided}
            placeholder={plan.support.mentor.placeholders?.supportProvided}
            onChange={(e) => {
              const supportProvided = e.currentTarget.value;
              setForm((f) => ({ ...f, mentor: { ...f.mentor, supportProvided } }));
            }}
            error={errors('mentor.supportProvided')}
            autosize
            minRows={2}
          />
          {cadenceFields('mentor.session', form.mentor.session, (session) =>
            setForm((f) => ({ ...f, mentor: { ...f.mentor, session } })),
          )}
        </Stack>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="support-hr">
        <Title order={2} size="h4" id="support-hr" mb="sm">
          {plan.headings.hrSupport}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          {(['availability', 'supportAreas', 'additionalResources'] as const).map((key) => (
            <Textarea
              key={key}
              label={key === 'additionalResources' ? plan.headings.additionalHrResources : plan.headings[key]}
              value={form.hr[key]}
              placeholder={plan.support.hr.placeholders?.[key]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, hr: { ...f.hr, [key]: value } }));
              }}
              error={errors(`hr.${key}`)}
              autosize
              minRows={2}
            />
          ))}
        </SimpleGrid>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="support-training">
        <Title order={2} size="h4" id="support-training" mb="sm">
          {plan.headings.trainingResources}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {(
            [
              ['internal', plan.headings.internalTraining],
              ['external', plan.headings.externalTraining],
              ['online', plan.headings.onlineLearning],
              ['certification', plan.headings.certificationPrograms],
            ] as const
          ).map(([key, label]) => (
            <Textarea
              key={key}
              label={label}
              value={form.training[key]}
              placeholder={plan.support.training.placeholders?.[key]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setForm((f) => ({ ...f, training: { ...f.training, [key]: value } }));
              }}
              error={errors(`training.${key}`)}
              autosize
              minRows={2}
            />
          ))}
        </SimpleGrid>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="support-budget">
        <Title order={2} size="h4" id="support-budget" mb="sm">
          {plan.headings.additionalResources}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NumberInput
            label={plan.headings.trainingBudget}
            min={0}
            value={form.trainingBudget}
            onChange={(trainingBudget) => setForm((f) => ({ ...f, trainingBudget }))}
            error={errors('trainingBudget')}
            thousandSeparator
          />
          <TextInput
            label={t('wizard.support.currency')}
            description={t('wizard.support.currencyHint')}
            value={form.currency}
            maxLength={3}
            onChange={(e) => {
              const currency = e.currentTarget.value.toUpperCase();
              setForm((f) => ({ ...f, currency }));
            }}
            error={errors('currency')}
          />
          <NumberInput
            label={plan.headings.hoursPerWeek}
            min={0}
            max={40}
            value={form.hoursPerWeek}
            onChange={(hoursPerWeek) => setForm((f) => ({ ...f, hoursPerWeek }))}
            error={errors('hoursPerWeek')}
          />
        </SimpleGrid>
      </Card>
      <WizardFooter
        planId={plan.id}
        step="support"
        isDirty={isDirty}
        isSaving={update.isPending}
        onSave={save}
        error={update.error && !errors.hasAny ? errorMessage(update.error) : null}
      />
    </Stack>
  );
}
