// The plan page: header, lifecycle actions and the plan's sections as tabs, in the order of the PIP document.
import { Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { usePlan } from '../../api/plans.ts';
import { isMentorView, type PlanView } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, LoadingState } from '../../ui/states.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { AccommodationPanel } from '../fairness/accommodation-panel.tsx';
import { AppealsPanel } from '../fairness/appeals-panel.tsx';
import { ReadinessPanel } from '../fairness/readiness-panel.tsx';
import { ResponsesPanel } from '../fairness/responses-panel.tsx';
import { MentorPlanPage } from './mentor-plan-page.tsx';
import { PlanActions } from './plan-actions.tsx';
import { IssuesGoalsTab } from './sections/issues-goals-tab.tsx';
import { OverviewTab } from './sections/overview-tab.tsx';
import { type Capabilities, useCapabilities } from './use-capabilities.ts';

const MetricsTab = lazy(async () => ({ default: (await import('./sections/metrics-tab.tsx')).MetricsTab }));
const DevelopmentTab = lazy(async () => ({
  default: (await import('./sections/development-tab.tsx')).DevelopmentTab,
}));
const SupportTab = lazy(async () => ({ default: (await import('./sections/support-tab.tsx')).SupportTab }));
const TimelineTab = lazy(async () => ({
  default: (await import('./sections/timeline-tab.tsx')).TimelineTab,
}));
const CheckInsTab = lazy(async () => ({
  default: (await import('./sections/check-ins-tab.tsx')).CheckInsTab,
}));
const SignaturesTab = lazy(async () => ({
  default: (await import('./sections/signatures-tab.tsx')).SignaturesTab,
}));
const CommentsTab = lazy(async () => ({
  default: (await import('./sections/comments-tab.tsx')).CommentsTab,
}));
const HistoryTab = lazy(async () => ({ default: (await import('./sections/history-tab.tsx')).HistoryTab }));
const DocumentsTab = lazy(async () => ({
  default: (await import('./sections/documents-tab.tsx')).DocumentsTab,
}));

export const planTabs = [
  'overview',
  'issues',
  'metrics',
  'development',
  'support',
  'timeline',
  'check-ins',
  'signatures',
  'comments',
  'history',
  'documents',
] as const;
export type PlanTab = (typeof planTabs)[number];

const isVisible = (tab: PlanTab, capabilities: Capabilities) =>
  (tab !== 'check-ins' || capabilities.hasCheckIns) && (tab !== 'documents' || capabilities.hasDocuments);

export function PlanPage() {
  const { planId = '', tab = 'overview' } = useParams();
  const plan = usePlan(planId);
  if (plan.isPending) return <LoadingState />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (isMentorView(plan.data)) return <MentorPlanPage plan={plan.data} />;
  return <FullPlan plan={plan.data} tab={tab} />;
}

function FullPlan({ plan, tab }: { plan: PlanView; tab: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const capabilities = useCapabilities();
  const tabs = planTabs.filter((name) => isVisible(name, capabilities));
  if (!(planTabs as readonly string[]).includes(tab)) return <Navigate to={`/plans/${plan.id}`} replace />;
  const current = tab as PlanTab;
  const go = (next: string | null) => {
    if (next) navigate(next === 'overview' ? `/plans/${plan.id}` : `/plans/${plan.id}/${next}`);
  };
  return (
    <>
      <PageHeader
        title={plan.header.employeeName}
        subtitle={
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" span>
              {plan.title} · {plan.header.position} · {plan.header.department}
            </Text>
            <StatusBadge status={plan.status} />
            <Badge variant="outline" color="gray.8" radius="sm">
              {t('plan.version', { version: plan.version })}
            </Badge>
          </Group>
        }
        actions={<PlanActions plan={plan} />}
      />
      <Tabs
        value={current}
        onChange={go}
        className="plan-tabs"
        keepMounted={false}
        activateTabWithKeyboard={false}
      >
        <Tabs.List aria-label={t('plan.sections')} mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`plan.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((name) => (
          <Tabs.Panel key={name} value={name}>
            <Suspense fallback={<LoadingState />}>
              {name === current && <TabContent tab={name} plan={plan} />}
            </Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>
      <Stack mt="md" gap="md">
        {(plan.status === 'draft' || plan.status === 'in_review') && <ReadinessPanel plan={plan} />}
        <ResponsesPanel plan={plan} />
        <AccommodationPanel plan={plan} />
        <AppealsPanel plan={plan} />
      </Stack>
      <Stack mt="xl" gap={4} component="footer" aria-label={plan.headings.confidentialityNotice}>
        <Text size="xs" c="dimmed">
          <Text span fw={700} size="xs">
            {plan.headings.confidentialityNotice}:
          </Text>{' '}
          {plan.confidentialityNotice}
        </Text>
      </Stack>
    </>
  );
}

function TabContent({ tab, plan }: { tab: PlanTab; plan: PlanView }) {
  switch (tab) {
    case 'overview':
      return <OverviewTab plan={plan} />;
    case 'issues':
      return <IssuesGoalsTab plan={plan} />;
    case 'metrics':
      return <MetricsTab plan={plan} />;
    case 'development':
      return <DevelopmentTab plan={plan} />;
    case 'support':
      return <SupportTab plan={plan} />;
    case 'timeline':
      return <TimelineTab plan={plan} />;
    case 'check-ins':
      return <CheckInsTab plan={plan} />;
    case 'signatures':
      return <SignaturesTab plan={plan} />;
    case 'comments':
      return <CommentsTab plan={plan} />;
    case 'history':
      return <HistoryTab plan={plan} />;
    case 'documents':
      return <DocumentsTab plan={plan} />;
  }
}
