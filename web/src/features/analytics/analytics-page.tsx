// HR analytics: how plans are used across the organisation (or an HR representative's plans), with charts,
// the consistency view by manager or department, and every table as CSV.

import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type ConsistencyView,
  downloadCsv,
  useAnalyticsOverview,
  useConsistency,
} from '../../api/analytics.ts';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { formatDateTime, formatNumber, formatPercent } from '../../ui/format.ts';
import { BarChart, LineChart } from '../../ui/lazy-charts.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';

const percent = (share: number | null) => (share === null ? '—' : formatPercent(share));
const pValue = (p: number) => (p < 0.0001 ? '< 0.0001' : formatNumber(p, 4));

function CsvButton({ path, fileName }: { path: string; fileName: string }) {
  const { t } = useTranslation();
  return (
    <Button size="xs" variant="light" onClick={() => void downloadCsv(path, fileName)}>
      {t('analytics.downloadCsv')}
    </Button>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

export function AnalyticsPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const isAllowed = hasRole(user, 'hr_admin', 'hr', 'auditor');
  const overview = useAnalyticsOverview();
  if (!isAllowed)
    return (
      <>
        <PageHeader title={t('analytics.title')} />
        <EmptyState title={t('analytics.notAllowed')} />
      </>
    );
  if (overview.isPending) return <LoadingState />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  const overviewCsv = (table: string) => `/api/v1/analytics/overview?table=${table}`;
  return (
    <Stack gap="md">
      <PageHeader
        title={t('analytics.title')}
        subtitle={`${o.scope === 'assigned' ? t('analytics.scopeAssigned') : t('analytics.scopeOrganization')} · ${t(
          'analytics.figuresAsOf',
          { time: formatDateTime(o.asOf) },
        )}`}
        actions={
          <>
            <CsvButton path={overviewCsv('summary')} fileName="analytics-summary.csv" />
            <Anchor component={Link} to="/transparency" size="sm">
              {t('analytics.howComputed')}
            </Anchor>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t('analytics.plans')} value={o.plans} hint={t('analytics.plansHint')} />
        <Figure label={t('analytics.per100')} value={formatNumber(o.plansPer100)} hint={`${o.headcount}`} />
        <Figure
          label={t('analytics.medianLength')}
          value={o.medianLengthWeeks === null ? '—' : t('analytics.weeks', { count: o.medianLengthWeeks })}
        />
        <Figure
          label={t('analytics.daysToSignature')}
          value={
            o.signing.medianDaysToFullSignature === null
              ? '—'
              : t('analytics.days', { count: o.signing.medianDaysToFullSignature })
          }
        />
        <Figure
          label={t('analytics.checkInCompliance')}
          value={percent(o.checkIns.share)}
          hint={t('analytics.heldOfDue', { held: o.checkIns.held, due: o.checkIns.due })}
        />
        <Figure
          label={t('analytics.supportDelivered')}
          value={percent(o.support.share)}
          hint={t('analytics.activitiesDone', {
            done: o.support.activitiesDone,
            planned: o.support.activitiesPlanned,
          })}
        />
        <Figure
          label={t('analytics.mentorSessions')}
          value={o.support.mentorSessionsHeld}
          hint={t('analytics.heldOfDue', {
            held: o.support.mentorSessionsHeld,
            due: o.support.mentorSessionsDue,
          })}
        />
        <Figure
          label={t('analytics.atRisk')}
          value={o.atRisk.plans}
          hint={t('analytics.ofActive', { count: o.atRisk.activePlans })}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section
          title={t('analytics.byStatus')}
          action={<CsvButton path={overviewCsv('byStatus')} fileName="analytics-by-status.csv" />}
        >
          <BarChart
            h={220}
            data={o.byStatus.map((s) => ({ status: t(`status.${s.status}`), plans: s.plans }))}
            dataKey="status"
            series={[{ name: 'plans', label: t('analytics.plans'), color: 'indigo.6' }]}
          />
        </Section>
        <Section
          title={t('analytics.byMonth')}
          action={<CsvButton path={overviewCsv('byMonth')} fileName="analytics-by-month.csv" />}
        >
          <LineChart
            h={220}
            data={o.byMonth}
            dataKey="month"
            series={[
              { name: 'started', label: t('analytics.started'), color: 'indigo.6' },
              { name: 'closed', label: t('analytics.closed'), color: 'teal.6' },
            ]}
          />
        </Section>
        <Section
          title={t('analytics.outcomes')}
          action={<CsvButton path={overviewCsv('summary')} fileName="analytics-summary.csv" />}
        >
          <BarChart
            h={200}
            data={[
              { outcome: t('analytics.successful'), plans: o.outcomes.successful },
              { outcome: t('analytics.unsuccessful'), plans: o.outcomes.unsuccessful },
              { outcome: t('analytics.cancelled'), plans: o.outcomes.cancelled },
            ]}
            dataKey="outcome"
            series={[{ name: 'plans', label: t('analytics.plans'), color: 'grape.6' }]}
          />
        </Section>
        <Section
          title={t('analytics.byDepartment')}
          action={<CsvButton path={overviewCsv('byDepartment')} fileName="analytics-by-department.csv" />}
        >
          <GroupTable rows={o.byDepartment} groupLabel={t('analytics.department')} />
        </Section>
      </SimpleGrid>
      <Section
        title={t('analytics.byManager')}
        action={<CsvButton path={overviewCsv('byManager')} fileName="analytics-by-manager.csv" />}
      >
        <GroupTable rows={o.byManager} groupLabel={t('analytics.manager')} />
      </Section>
      <ConsistencySection />
    </Stack>
  );
}

function GroupTable({
  rows,
  groupLabel,
}: {
  rows: {
    key: string;
    label: string;
    isSuppressed: boolean;
    headcount: number | null;
    plans: number | null;
    plansPer100: number | null;
  }[];
  groupLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{groupLabel}</Table.Th>
            <Table.Th>{t('analytics.headcount')}</Table.Th>
            <Table.Th>{t('analytics.plans')}</Table.Th>
            <Table.Th>{t('analytics.per100')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.label}</Table.Td>
              {row.isSuppressed ? (
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    {t('analytics.suppressed')}
                  </Text>
                </Table.Td>
              ) : (
                <>
                  <Table.Td>{row.headcount}</Table.Td>
                  <Table.Td>{row.plans}</Table.Td>
                  <Table.Td>{formatNumber(row.plansPer100)}</Table.Td>
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ConsistencySection() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'manager' | 'department'>('department');
  const view = useConsistency(by);
  return (
    <Section
      title={t('analytics.consistency')}
      action={
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            value={by}
            onChange={(value) => setBy(value as 'manager' | 'department')}
            data={[
              { value: 'department', label: t('analytics.byDepartmentShort') },
              { value: 'manager', label: t('analytics.byManagerShort') },
            ]}
          />
          <CsvButton path={`/api/v1/analytics/consistency?by=${by}`} fileName={`consistency-by-${by}.csv`} />
        </Group>
      }
    >
      {view.isPending ? (
        <LoadingState />
      ) : view.isError ? (
        <ErrorState error={view.error} onRetry={() => void view.refetch()} />
      ) : (
        <ConsistencyTable view={view.data} />
      )}
    </Section>
  );
}

function ConsistencyTable({ view }: { view: ConsistencyView }) {
  const { t } = useTranslation();
  const norm = view.norm;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t('analytics.method', {
          threshold: view.method.threshold,
          size: view.method.minimumGroupSize,
        })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('analytics.flaggedCount', {
          flagged: view.flaggedCount,
          groups: view.groupCount,
          suppressed: view.suppressedCount,
        })}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                {view.by === 'manager' ? t('analytics.manager') : t('analytics.department')}
              </Table.Th>
              <Table.Th>{t('analytics.headcount')}</Table.Th>
              <Table.Th>{t('analytics.peopleWithPlan')}</Table.Th>
              <Table.Th>{t('analytics.expected')}</Table.Th>
              <Table.Th>{t('analytics.medianLength')}</Table.Th>
              <Table.Th>{t('analytics.unsuccessfulShare')}</Table.Th>
              <Table.Th>{t('analytics.measurableGoals')}</Table.Th>
              <Table.Th>{t('analytics.datedExamples')}</Table.Th>
              <Table.Th>{t('analytics.supportDelivered')}</Table.Th>
              <Table.Th>{t('analytics.pValue')}</Table.Th>
              <Table.Th>{t('analytics.flag')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td fw={700}>{t('analytics.organization')}</Table.Td>
              <Table.Td>{norm.headcount}</Table.Td>
              <Table.Td>{norm.peopleWithPlan}</Table.Td>
              <Table.Td>—</Table.Td>
              <Table.Td>{norm.medianLengthWeeks ?? '—'}</Table.Td>
              <Table.Td>{percent(norm.unsuccessfulShare)}</Table.Td>
              <Table.Td>{percent(norm.measurableGoalsShare)}</Table.Td>
              <Table.Td>{percent(norm.datedExamplesShare)}</Table.Td>
              <Table.Td>{percent(norm.supportDeliveredShare)}</Table.Td>
              <Table.Td>—</Table.Td>
              <Table.Td>—</Table.Td>
            </Table.Tr>
            {view.groups.map((g) =>
              g.isSuppressed ? (
                <Table.Tr key={g.key}>
                  <Table.Td>{g.label}</Table.Td>
                  <Table.Td colSpan={10}>
                    <Text size="sm" c="dimmed">
                      {t('analytics.suppressed')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : (
                <Table.Tr key={g.key}>
                  <Table.Td>{g.label}</Table.Td>
                  <Table.Td>{g.headcount}</Table.Td>
                  <Table.Td>{g.peopleWithPlan}</Table.Td>
                  <Table.Td>{formatNumber(g.expectedPeopleWithPlan, 1)}</Table.Td>
                  <Table.Td>{g.medianLengthWeeks ?? '—'}</Table.Td>
                  <Table.Td>{percent(g.unsuccessfulShare)}</Table.Td>
                  <Table.Td>{percent(g.measurableGoalsShare)}</Table.Td>
                  <Table.Td>{percent(g.datedExamplesShare)}</Table.Td>
                  <Table.Td>{percent(g.supportDeliveredShare)}</Table.Td>
                  <Table.Td>
                    {pValue(g.rateTest.adjustedPValue)}
                    {g.outcomeTest ? ` / ${pValue(g.outcomeTest.adjustedPValue)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {g.isFlagged ? (
                      <Badge color="orange" variant="light">
                        {g.rateTest.isFlagged ? t('analytics.flagRate') : t('analytics.flagOutcome')}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
