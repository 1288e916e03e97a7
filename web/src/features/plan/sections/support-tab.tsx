// Support resources, responsibilities, documentation, success factors, contacts and tools.
import {
  Anchor,
  Button,
  Group,
  List,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddExpense } from '../../../api/plans.ts';
import type { Contact, PlanView } from '../../../api/types.ts';
import { DateField } from '../../../ui/date-field.tsx';
import { useFieldErrors } from '../../../ui/field-errors.ts';
import { formatDate, formatMoney, formatNumber, todayIso, weekdayName } from '../../../ui/format.ts';
import { useErrorMessage } from '../../../ui/states.tsx';
import { InfoGrid, LabelledList, SectionCard } from '../plan-blocks.tsx';

type Cadence = PlanView['support']['managerCheckIn'];

export function useCadenceText() {
  const { t } = useTranslation();
  return (c: Cadence) =>
    t('plan.support.cadence', {
      frequency: t(`plan.support.frequency.${c.frequency}`),
      weekday: weekdayName(c.weekday),
      time: c.time,
      minutes: c.durationMinutes,
    });
}

export function SupportTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  const s = plan.support;
  const cadence = useCadenceText();
  return (
    <Stack gap="md">
      <SectionCard title={h.supportResources} id="support-resources">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.managerSupport}
            </Text>
            <LabelledList items={s.manager} />
            <Text size="sm" mt={6}>
              <Text span fw={600} size="sm">
                {t('plan.support.checkIns')}:
              </Text>{' '}
              {cadence(s.managerCheckIn)}
            </Text>
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.mentorAssignment}
            </Text>
            <InfoGrid
              cols={2}
              items={[
                { label: h.mentor, value: s.mentor.name ?? t('plan.support.noMentor') },
                { label: h.meetingFrequency, value: s.mentor.meetingFrequency },
                { label: h.focusAreas, value: s.mentor.focusAreas },
                { label: h.supportProvided, value: s.mentor.supportProvided },
                { label: t('plan.support.sessions'), value: cadence(s.mentor.session) },
              ]}
            />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.hrSupport}
            </Text>
            <InfoGrid
              cols={2}
              items={[
                { label: h.hrRepresentative, value: s.hr.name },
                { label: h.availability, value: s.hr.availability },
                { label: h.supportAreas, value: s.hr.supportAreas },
                { label: h.additionalHrResources, value: s.hr.additionalResources },
              ]}
            />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.trainingResources}
            </Text>
            <InfoGrid
              cols={2}
              items={[
                { label: h.internalTraining, value: s.training.internal },
                { label: h.externalTraining, value: s.training.external },
                { label: h.onlineLearning, value: s.training.online },
                { label: h.certificationPrograms, value: s.training.certification },
              ]}
            />
          </div>
        </SimpleGrid>
      </SectionCard>
      <SectionCard title={h.supportAndResources} id="responsibilities">
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.managerResponsibilities}
            </Text>
            <LabelledList items={plan.responsibilities.manager} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.employeeResponsibilities}
            </Text>
            <LabelledList items={plan.responsibilities.employee} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.hrResponsibilities}
            </Text>
            <LabelledList items={plan.responsibilities.hr} />
          </div>
        </SimpleGrid>
      </SectionCard>
      <SectionCard title={h.additionalResources} id="additional-resources">
        <InfoGrid
          cols={4}
          items={[
            { label: h.trainingBudget, value: formatMoney(s.budget.total, s.budget.currency) },
            { label: h.budgetSpent, value: formatMoney(s.budget.spent, s.budget.currency) },
            { label: h.budgetRemaining, value: formatMoney(s.budget.remaining, s.budget.currency) },
            {
              label: h.timeAllocation,
              value: t('plan.support.hoursPerWeek', { hours: formatNumber(s.hoursPerWeek) }),
            },
          ]}
        />
        <LabelledList items={plan.additionalResources} />
        <Expenses plan={plan} />
      </SectionCard>
      <SectionCard title={h.documentation} id="documentation">
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.requiredDocumentation}
            </Text>
            <LabelledList items={plan.documentation.required} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.recordMaintenance}
            </Text>
            <LabelledList items={plan.documentation.maintenance} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.reviewUpdateProcess}
            </Text>
            <LabelledList items={plan.documentation.reviewProcess} />
          </div>
        </SimpleGrid>
      </SectionCard>
      <SectionCard title={h.successFactors} id="success-factors">
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.keySuccessFactors}
            </Text>
            <LabelledList items={plan.guidance.successFactors} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.bestPractices}
            </Text>
            <LabelledList items={plan.guidance.bestPractices} />
          </div>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {h.commonChallenges}
            </Text>
            <LabelledList items={plan.guidance.commonChallenges} />
          </div>
        </SimpleGrid>
      </SectionCard>
      <SectionCard title={h.contacts} id="contacts">
        <Text fw={700} size="sm">
          {h.primaryContacts}
        </Text>
        <ContactsTable contacts={plan.contacts} plan={plan} />
        <Text fw={700} size="sm" mt="sm">
          {h.resourcesTools}
        </Text>
        <ContactsTable contacts={plan.resources} plan={plan} />
      </SectionCard>
    </Stack>
  );
}

function ContactsTable({ contacts, plan }: { contacts: Contact[]; plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  if (contacts.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('plan.support.noContacts')}
      </Text>
    );
  return (
    <div className="table-scroll">
      <Table striped miw={560} verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plan.support.role')}</Table.Th>
            <Table.Th scope="col">{h.name}</Table.Th>
            <Table.Th scope="col">{h.email}</Table.Th>
            <Table.Th scope="col">{h.phone}</Table.Th>
            <Table.Th scope="col">{h.location}</Table.Th>
            <Table.Th scope="col">{h.url}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {contacts.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" fw={600}>
                {c.label}
              </Table.Th>
              <Table.Td>{c.name ?? '—'}</Table.Td>
              <Table.Td>{c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : '—'}</Table.Td>
              <Table.Td>{c.phone ? <Anchor href={`tel:${c.phone}`}>{c.phone}</Anchor> : '—'}</Table.Td>
              <Table.Td>{c.location ?? '—'}</Table.Td>
              <Table.Td className="break-anywhere">
                {c.url ? (
                  <Anchor href={c.url} target="_blank" rel="noreferrer">
                    {c.url}
                  </Anchor>
                ) : (
                  '—'
                )}
                {c.instructions && (
                  <Text size="xs" c="dimmed">
                    {c.instructions}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function Expenses({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const budget = plan.support.budget;
  const add = useAddExpense(plan.id);
  const errors = useFieldErrors(add.error);
  const errorMessage = useErrorMessage();
  const [date, setDate] = useState(todayIso());
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState<string | number>('');
  const canAdd = plan.permissions.canEdit || plan.permissions.canRecordProgress;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { date, description: description.trim(), amount: Number(amount) },
      {
        onSuccess: () => {
          setDescription('');
          setAmount('');
        },
      },
    );
  };
  return (
    <>
      <Text fw={700} size="sm" mt="xs">
        {t('plan.support.expenses')}
      </Text>
      {budget.expenses.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('plan.support.noExpenses')}
        </Text>
      ) : (
        <List size="sm" spacing={2}>
          {budget.expenses.map((e) => (
            <List.Item key={e.id}>
              {formatDate(e.date)} · {e.description} · {formatMoney(e.amount, budget.currency)}
            </List.Item>
          ))}
        </List>
      )}
      {canAdd && (
        <form onSubmit={submit} aria-label={t('plan.support.addExpense')}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
            <DateField
              label={t('plan.metrics.date')}
              value={date}
              onChange={setDate}
              error={errors('date')}
              required
            />
            <TextInput
              label={t('plan.support.description')}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors('description')}
              required
            />
            <NumberInput
              label={t('plan.support.amount', { currency: budget.currency })}
              value={amount}
              onChange={setAmount}
              min={0}
              decimalScale={2}
              error={errors('amount')}
              required
            />
            <Group align="flex-end">
              <Button type="submit" loading={add.isPending} variant="light">
                {t('plan.support.addExpense')}
              </Button>
            </Group>
          </SimpleGrid>
          {add.error && !errors.hasAny && (
            <Text c="red.9" size="sm" role="alert">
              {errorMessage(add.error)}
            </Text>
          )}
        </form>
      )}
    </>
  );
}
