// Home, by role: the employee's own plan, the manager's team, HR's queues, the mentor's and auditor's plans.
import { Anchor, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, isHr, useCurrentUser } from '../../api/auth.ts';
import { type InboxItem, inboxHref, inboxTotal, useInbox } from '../../api/inbox.ts';
import type { PlanFilters } from '../../api/plans.ts';
import { usePlan, usePlans } from '../../api/plans.ts';
import { isMentorView, type PlanSummary } from '../../api/types.ts';
import {
  daysFromToday,
  formatDate,
  formatNumber,
  formatPercent,
  formatRelativeDays,
  todayIso,
} from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { PlanSummaryTable } from '../plans-list/plan-summary-table.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const firstName = user.name.split(' ')[0];
  const isOnlyEmployee = user.roles.every((role) => role === 'employee');
  return (
    <>
      <PageHeader title={t('home.greeting', { name: firstName })} subtitle={t('home.subtitle')} />
      <Stack gap="xl">
        <InboxSection />
        {isHr(user) && <HrHome />}
        {hasRole(user, 'manager') && <ManagerHome userId={user.id} />}
        {hasRole(user, 'auditor') && !isHr(user) && <AuditorHome />}
        {hasRole(user, 'mentor') && <MentorHome />}
        {user.employeeId && <EmployeeHome employeeId={user.employeeId} isOnlyEmployee={isOnlyEmployee} />}
      </Stack>
    </>
  );
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </section>
  );
}

/** A list of plans from one query, with its own loading, error and empty states. */
function PlanQueue({
  title,
  filters,
  empty,
  extra,
  filterItems,
  viewAllHref,
}: {
  title: string;
  filters: PlanFilters;
  empty: string;
  extra?: Parameters<typeof PlanSummaryTable>[0]['extra'];
  filterItems?: (plan: PlanSummary) => boolean;
  viewAllHref?: string;
}) {
  const { t } = useTranslation();
  const plans = usePlans({ limit: 10, ...filters });
  const items = plans.data ? plans.data.items.filter(filterItems ?? (() => true)) : [];
  return (
    <Section
      title={title}
      action={
        viewAllHref && (
          <Anchor component={Link} to={viewAllHref} size="sm">
            {t('common.viewAll')}
          </Anchor>
        )
      }
    >
      {plans.isPending ? (
        <LoadingState />
      ) : plans.isError ? (
        <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />
      ) : items.length === 0 ? (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        </Card>
      ) : (
        <PlanSummaryTable plans={items} caption={title} extra={extra} />
      )}
    </Section>
  );
}

function StatCard({ label, value, href }: { label: string; value: ReactNode; href: string }) {
  return (
    <Card withBorder padding="md" component={Link} to={href} className="stat-card">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {value}
      </Text>
    </Card>
  );
}

function CountOf({ filters }: { filters: PlanFilters }) {
  const plans = usePlans({ limit: 100, ...filters });
  if (plans.isPending) return <>…</>;
  if (plans.isError) return <>—</>;
  return <>{`${plans.data.items.length}${plans.data.nextCursor ? '+' : ''}`}</>;
}

function InboxCount({ kind }: { kind: InboxItem['kind'] }) {
  const inbox = useInbox();
  if (inbox.isPending) return <>…</>;
  if (inbox.isError) return <>—</>;
  return <>{inbox.data.counts[kind]}</>;
}

/** The adjustments waiting on this person's decision, each opening the plan where Approve and Reject are. */
function AdjustmentsToDecide() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const title = t('daily.home.adjustments');
  const items = (inbox.data?.items ?? []).filter((item) => item.kind === 'decide_adjustment');
  return (
    <div id="adjustments-to-decide">
      <Section title={title}>
        {inbox.isPending ? (
          <LoadingState />
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : items.length === 0 ? (
          <Card withBorder padding="md">
            <Text size="sm" c="dimmed">
              {t('daily.home.noAdjustments')}
            </Text>
          </Card>
        ) : (
          <Card withBorder padding={0}>
            <Stack gap={0} component="ul" className="inbox-list" aria-label={title}>
              {items.map((item) => (
                <Group
                  key={item.subjectId ?? item.planId}
                  component="li"
                  justify="space-between"
                  wrap="wrap"
                  gap="xs"
                  px="md"
                  py="sm"
                  className="inbox-row"
                >
                  <Text size="sm" fw={600}>
                    {t('inbox.kinds.decide_adjustment', { name: item.employeeName })}
                  </Text>
                  <Button component={Link} to={`/plans/${item.planId}`} size="xs" variant="light">
                    {t('daily.home.review')}
                  </Button>
                </Group>
              ))}
            </Stack>
          </Card>
        )}
      </Section>
    </div>
  );
}

function HrHome() {
  const { t } = useTranslation();
  const today = todayIso();
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
        <StatCard
          label={t('home.hr.approvals')}
          value={<CountOf filters={{ status: 'in_review' }} />}
          href="/plans?status=in_review"
        />
        <StatCard
          label={t('home.hr.signatures')}
          value={<CountOf filters={{ status: 'awaiting_acknowledgment' }} />}
          href="/plans?status=awaiting_acknowledgment"
        />
        <StatCard
          label={t('home.hr.active')}
          value={<CountOf filters={{ status: 'active' }} />}
          href="/plans?status=active"
        />
        <StatCard
          label={t('daily.home.adjustments')}
          value={<InboxCount kind="decide_adjustment" />}
          href="#adjustments-to-decide"
        />
      </SimpleGrid>
      <PlanQueue
        title={t('home.hr.approvals')}
        filters={{ status: 'in_review' }}
        empty={t('home.hr.noApprovals')}
        viewAllHref="/plans?status=in_review"
      />
      <AdjustmentsToDecide />
      <PlanQueue
        title={t('home.hr.signatures')}
        filters={{ status: 'awaiting_acknowledgment' }}
        empty={t('home.hr.noSignatures')}
        viewAllHref="/plans?status=awaiting_acknowledgment"
      />
      <PlanQueue
        title={t('home.hr.overdue')}
        filters={{ status: 'active', limit: 100 }}
        filterItems={(plan) => plan.endDate < today}
        empty={t('home.hr.noOverdue')}
        extra={{ header: t('home.overdueBy'), cell: (plan) => formatRelativeDays(plan.endDate) }}
      />
      <PlanQueue title={t('home.hr.allPlans')} filters={{}} empty={t('plans.empty')} viewAllHref="/plans" />
    </>
  );
}

function nextStep(t: (key: string) => string, status: string, endDate: string): string {
  if (status === 'draft') return t('home.next.draft');
  if (status === 'in_review') return t('home.next.in_review');
  if (status === 'awaiting_acknowledgment') return t('home.next.awaiting_acknowledgment');
  if (status === 'paused') return t('home.next.paused');
  if (status === 'active')
    return `${t('home.next.active')} ${formatDate(endDate)} (${formatRelativeDays(endDate)})`;
  return '—';
}

function ManagerHome({ userId }: { userId: string }) {
  const { t } = useTranslation();
  return (
    <PlanQueue
      title={t('home.manager.team')}
      filters={{ managerId: userId }}
      empty={t('home.manager.empty')}
      viewAllHref={`/plans?managerId=${userId}`}
      extra={{ header: t('home.nextDate'), cell: (plan) => nextStep(t, plan.status, plan.endDate) }}
    />
  );
}

function MentorHome() {
  const { t } = useTranslation();
  return <PlanQueue title={t('home.mentor.title')} filters={{}} empty={t('home.mentor.empty')} />;
}

function AuditorHome() {
  const { t } = useTranslation();
  return (
    <PlanQueue title={t('home.hr.allPlans')} filters={{}} empty={t('plans.empty')} viewAllHref="/plans" />
  );
}

function EmployeeHome({ employeeId, isOnlyEmployee }: { employeeId: string; isOnlyEmployee: boolean }) {
  const { t } = useTranslation();
  const plans = usePlans({ employeeId, limit: 10 });
  if (plans.isPending) return <LoadingState />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => void plans.refetch()} />;
  const current =
    plans.data.items.find((p) => ['active', 'awaiting_acknowledgment', 'paused'].includes(p.status)) ??
    plans.data.items[0];
  if (!current && !isOnlyEmployee) return null;
  if (!current)
    return (
      <Section title={t('home.employee.myPlan')}>
        <EmptyState title={t('home.employee.none')} description={t('home.employee.noneHint')} />
      </Section>
    );
  return <EmployeePlan planId={current.id} />;
}

function EmployeePlan({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const query = usePlan(planId);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const plan = query.data;
  if (isMentorView(plan)) return null;
  const today = todayIso();
  const due = plan.activities
    .filter((a) => a.status !== 'done' && a.dueDate)
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''))
    .slice(0, 6);
  const done = plan.activities.filter((a) => a.status === 'done').length;
  const needsSignature =
    plan.permissions.canSignAs.includes('employee') &&
    !plan.signatures.some((s) => s.role === 'employee' && s.isCurrent);
  return (
    <Stack gap="lg">
      <Section
        title={t('home.employee.myPlan')}
        action={
          <Button component={Link} to={`/plans/${plan.id}`} variant="light" size="xs">
            {t('home.employee.open')}
          </Button>
        }
      >
        <Card withBorder padding="md">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Text fw={700}>{plan.title}</Text>
              <Text size="sm" c="dimmed">
                {formatDate(plan.header.startDate)} – {formatDate(plan.header.endDate)} ·{' '}
                {t('plan.header.weeks', { count: plan.header.durationWeeks })}
              </Text>
            </Stack>
            <StatusBadge status={plan.status} />
          </Group>
          {needsSignature && (
            <Group mt="md" gap="xs">
              <Badge color="orange" variant="light">
                {t('home.employee.signatureNeeded')}
              </Badge>
              <Anchor component={Link} to={`/plans/${plan.id}/signatures`} size="sm">
                {t('home.employee.reviewAndSign')}
              </Anchor>
            </Group>
          )}
          <Text size="sm" mt="md" mb={4}>
            {t('home.employee.activitiesDone', { done, total: plan.activities.length })}
          </Text>
          <Progress
            value={plan.activities.length ? (done / plan.activities.length) * 100 : 0}
            aria-label={t('home.employee.activitiesProgress')}
          />
        </Card>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title={t('home.employee.due')}>
          {due.length === 0 ? (
            <Card withBorder padding="md">
              <Text size="sm" c="dimmed">
                {t('home.employee.nothingDue')}
              </Text>
            </Card>
          ) : (
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {due.map((a) => (
                <Card key={a.id} withBorder padding="sm" component="li">
                  <Text size="sm" fw={600}>
                    {a.title}
                  </Text>
                  <Text size="xs" c={a.dueDate && a.dueDate < today ? 'red.9' : 'dimmed'}>
                    {a.section} · {formatDate(a.dueDate)} ({formatRelativeDays(a.dueDate ?? today)})
                  </Text>
                </Card>
              ))}
            </Stack>
          )}
        </Section>
        <Section title={t('home.employee.progress')}>
          {plan.metrics.length === 0 ? (
            <Card withBorder padding="md">
              <Text size="sm" c="dimmed">
                {t('home.employee.noMetrics')}
              </Text>
            </Card>
          ) : (
            <Stack gap="sm">
              {plan.metrics.map((m) => (
                <div key={m.id}>
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {m.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatNumber(m.current)} / {formatNumber(m.target)} {m.unit}
                    </Text>
                  </Group>
                  <Progress
                    value={Math.max(0, Math.min(100, m.progress * 100))}
                    color={m.status === 'onTrack' ? 'teal' : m.status === 'atRisk' ? 'yellow' : 'red'}
                    aria-label={`${m.name}: ${formatPercent(m.progress)}`}
                  />
                </div>
              ))}
            </Stack>
          )}
        </Section>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('home.employee.daysLeft', { count: Math.max(0, daysFromToday(plan.header.endDate)) })}
      </Text>
    </Stack>
  );
}

/** Everything waiting on the person, each with the one action it needs, the most urgent first. */
function InboxSection() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const title = t('inbox.title');
  if (inbox.isPending) return <LoadingState />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const items = inbox.data.items;
  // The title counts the whole inbox; the list shows its first page, the most urgent.
  const total = inboxTotal(inbox.data);
  return (
    <Section title={total > 0 ? t('inbox.titleCount', { count: total }) : title}>
      {items.length === 0 ? (
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('inbox.empty')}
          </Text>
        </Card>
      ) : (
        <Card withBorder padding={0}>
          <Stack gap={0} component="ul" className="inbox-list" aria-label={title}>
            {items.map((item) => (
              <InboxRow key={`${item.kind}-${item.planId}-${item.subjectId ?? ''}`} item={item} />
            ))}
          </Stack>
          {total > items.length && (
            <Text size="xs" c="dimmed" px="md" py="xs" className="inbox-more">
              {t('daily.inbox.firstOf', { shown: items.length, count: total })}
            </Text>
          )}
        </Card>
      )}
    </Section>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const dueDay = item.dueAt ? item.dueAt.slice(0, 10) : null;
  const isOverdue = dueDay !== null && daysFromToday(dueDay) < 0;
  return (
    <Group component="li" justify="space-between" wrap="wrap" gap="xs" px="md" py="sm" className="inbox-row">
      <Stack gap={0}>
        <Text size="sm" fw={600}>
          {t(`inbox.kinds.${item.kind}`, { name: item.employeeName })}
        </Text>
        {dueDay && (
          <Text size="xs" c={isOverdue ? 'red.8' : 'dimmed'}>
            {t('inbox.due', { date: formatDate(dueDay), relative: formatRelativeDays(dueDay) })}
          </Text>
        )}
      </Stack>
      <Button component={Link} to={inboxHref(item)} size="xs" variant="light">
        {t(`inbox.actions.${item.action}`)}
      </Button>
    </Group>
  );
}
