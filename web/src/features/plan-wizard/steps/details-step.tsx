// Step 1: whom the plan is for, when it starts, how long it runs, its language, HR representative and mentor.
import {
  Button,
  Group,
  Input,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { planCreateBody } from '../../../../../src/contracts/plans.ts';
import { useCurrentUser } from '../../../api/auth.ts';
import { useCreatePlan, useUpdatePlan } from '../../../api/plans.ts';
import { useTemplates } from '../../../api/templates.ts';
import type { PlanView } from '../../../api/types.ts';
import { currentLanguage } from '../../../i18n/index.ts';
import { DateField } from '../../../ui/date-field.tsx';
import { mergeErrors, useFieldErrors } from '../../../ui/field-errors.ts';
import { addDaysIso, formatDate, todayIso } from '../../../ui/format.ts';
import { PersonSelect } from '../../../ui/person-select.tsx';
import { useErrorMessage } from '../../../ui/states.tsx';
import { UnsavedChangesGuard } from '../../../ui/unsaved-changes-guard.tsx';
import { zodErrors } from '../../../ui/zod-errors.ts';
import { EmployeeSelect } from '../employee-select.tsx';
import { stepPath } from '../plan-wizard-page.tsx';
import { WizardFooter } from '../wizard-footer.tsx';

/** The next Monday on or after today, the usual start of a plan. */
function nextMonday(): string {
  const today = todayIso();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDaysIso(today, (8 - weekday) % 7);
}

const knownFields = [
  'employeeId',
  'startDate',
  'durationWeeks',
  'locale',
  'hrRepId',
  'mentorId',
  'templateId',
  'endDate',
];

type Form = {
  employeeId: string | null;
  startDate: string;
  durationWeeks: number | string;
  locale: 'en' | 'es';
  templateId: string;
  hrRepId: string | null;
  mentorId: string | null;
};

export function DetailsStep({ plan }: { plan: PlanView | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const create = useCreatePlan();
  const update = useUpdatePlan(plan?.id ?? '');
  const templates = useTemplates();
  const errorMessage = useErrorMessage();
  const initial = useMemo<Form>(
    () => ({
      employeeId: plan?.header.employeeId ?? null,
      startDate: plan?.header.startDate ?? nextMonday(),
      durationWeeks: plan?.header.durationWeeks ?? 12,
      locale: plan?.locale ?? currentLanguage(),
      templateId: plan?.templateId ?? 'default',
      hrRepId: plan?.header.hrRepUserId ?? null,
      mentorId: plan?.header.mentorUserId ?? null,
    }),
    [plan],
  );
  const [form, setForm] = useState<Form>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const bypass = useRef(false);
  const mutation = plan ? update : create;
  const serverErrors = useFieldErrors(mutation.error);
  const errors = mergeErrors(clientErrors, serverErrors);
  const isDirty = JSON.stringify(form) !== JSON.stringify(initial);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const weeks = Number(form.durationWeeks);
  const endDate =
    form.startDate && Number.isInteger(weeks) && weeks > 0 ? addDaysIso(form.startDate, weeks * 7 - 1) : null;
  const templateOptions = (templates.data?.items ?? [])
    .filter((tpl) => tpl.locale === form.locale)
    .map((tpl) => ({
      value: tpl.id,
      label: tpl.isDefault ? t('wizard.details.defaultTemplate', { name: tpl.name }) : tpl.name,
    }));

  const save = async (): Promise<boolean> => {
    const body = {
      employeeId: form.employeeId ?? '',
      startDate: form.startDate,
      durationWeeks: form.durationWeeks === '' ? undefined : Number(form.durationWeeks),
      locale: form.locale,
      hrRepId: form.hrRepId,
      mentorId: form.mentorId,
      templateId: form.templateId,
    };
    const found = zodErrors(planCreateBody, body, t);
    if (!form.employeeId) found.employeeId = t('wizard.details.employeeRequired');
    if (form.durationWeeks === '') found.durationWeeks = t('validation.required');
    setClientErrors(found);
    if (Object.keys(found).length) return false;
    try {
      if (plan) {
        await update.mutateAsync({
          startDate: body.startDate,
          durationWeeks: body.durationWeeks,
          hrRepId: body.hrRepId,
          mentorId: body.mentorId,
        });
      } else {
        const created = await create.mutateAsync({ ...body, employeeId: form.employeeId as string });
        notifications.show({ color: 'teal', message: t('wizard.details.created') });
        bypass.current = true;
        navigate(stepPath(created.id, 'focus-areas'), { replace: true });
      }
      return true;
    } catch {
      return false;
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const unmatched = serverErrors.unmatched(knownFields);

  return (
    <form onSubmit={submit} noValidate>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }}>
        <Stack gap="md">
          {plan ? (
            <TextInput
              label={t('wizard.details.employee')}
              value={`${plan.header.employeeName} — ${plan.header.position}`}
              readOnly
            />
          ) : (
            <EmployeeSelect
              value={form.employeeId}
              onChange={(employee) => set('employeeId', employee?.id ?? null)}
              error={errors('employeeId')}
              excludeEmployeeId={me.user.employeeId}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <DateField
              label={t('wizard.details.startDate')}
              value={form.startDate}
              onChange={(value) => set('startDate', value)}
              error={errors('startDate')}
              required
            />
            <NumberInput
              label={t('wizard.details.duration')}
              description={t('wizard.details.durationHint')}
              min={4}
              max={26}
              allowDecimal={false}
              value={form.durationWeeks}
              onChange={(value) => set('durationWeeks', value)}
              error={errors('durationWeeks')}
              required
            />
            <div>
              <Text size="sm" fw={500}>
                {t('wizard.details.endDate')}
              </Text>
              <Text size="sm" mt={8} aria-live="polite">
                {endDate ? formatDate(endDate, 'long') : '—'}
              </Text>
            </div>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Input.Wrapper
              label={t('wizard.details.language')}
              description={t('wizard.details.languageHint')}
              labelElement="div"
              labelProps={{ id: 'plan-language-label' }}
              error={errors('locale')}
            >
              <div>
                <SegmentedControl
                  value={form.locale}
                  onChange={(value) =>
                    setForm((f) => ({ ...f, locale: value as 'en' | 'es', templateId: 'default' }))
                  }
                  data={[
                    { value: 'en', label: 'English' },
                    { value: 'es', label: 'Español' },
                  ]}
                  disabled={Boolean(plan)}
                  aria-labelledby="plan-language-label"
                  mt={4}
                />
              </div>
            </Input.Wrapper>
            <Select
              label={t('wizard.details.template')}
              data={
                templateOptions.length
                  ? templateOptions
                  : [{ value: 'default', label: t('wizard.details.defaultTemplate', { name: '' }) }]
              }
              value={form.templateId}
              onChange={(value) => set('templateId', value ?? 'default')}
              allowDeselect={false}
              disabled={Boolean(plan)}
              error={errors('templateId')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <PersonSelect
              label={t('wizard.details.hrRep')}
              description={t('wizard.details.hrRepHint')}
              roles={['hr', 'hr_admin']}
              value={form.hrRepId}
              currentName={plan?.header.hrRepName}
              onChange={(value) => set('hrRepId', value)}
              error={errors('hrRepId')}
            />
            <PersonSelect
              label={t('wizard.details.mentor')}
              description={t('wizard.details.mentorHint')}
              roles={['mentor']}
              value={form.mentorId}
              currentName={plan?.header.mentorName}
              onChange={(value) => set('mentorId', value)}
              error={errors('mentorId')}
            />
          </SimpleGrid>
          {unmatched.length > 0 && (
            <Text c="red.9" size="sm" role="alert">
              {unmatched.join('; ')}
            </Text>
          )}
          {mutation.error && unmatched.length === 0 && !Object.keys(clientErrors).length && (
            <Text c="red.9" size="sm" role="alert">
              {errorMessage(mutation.error)}
            </Text>
          )}
        </Stack>
      </Paper>
      {plan ? (
        <WizardFooter
          planId={plan.id}
          step="details"
          isDirty={isDirty}
          isSaving={update.isPending}
          onSave={save}
        />
      ) : (
        <>
          <UnsavedChangesGuard when={isDirty && !create.isPending} bypass={bypass} />
          <Group justify="flex-end" mt="xl">
            <Button type="submit" loading={create.isPending}>
              {t('wizard.details.create')}
            </Button>
          </Group>
        </>
      )}
    </form>
  );
}
