// What a mentor sees of a plan: the employee, the dates, the mentoring brief, the development plan and
// the mentor sessions (never the confidential sections).
import { Stack, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MentorPlanView } from '../../api/types.ts';
import { formatDate } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { StatusBadge } from '../../ui/status-badge.tsx';
import { InfoGrid, SectionCard } from './plan-blocks.tsx';
import { CheckInsPanel } from './sections/check-ins-tab.tsx';
import { MentorDevelopment } from './sections/development-tab.tsx';
import { useCapabilities } from './use-capabilities.ts';

export function MentorPlanPage({ plan }: { plan: MentorPlanView }) {
  const { t } = useTranslation();
  const { hasCheckIns } = useCapabilities();
  const [tab, setTab] = useState<string | null>('development');
  const isRunning = plan.status === 'active' || plan.status === 'paused' || plan.status === 'closed';
  return (
    <>
      <PageHeader title={plan.header.employeeName} subtitle={<StatusBadge status={plan.status} />} />
      <Stack gap="md">
        <SectionCard title={t('mentor.title')} id="mentor-brief">
          <InfoGrid
            items={[
              { label: t('mentor.position'), value: plan.header.position },
              {
                label: t('mentor.dates'),
                value: `${formatDate(plan.header.startDate)} – ${formatDate(plan.header.endDate)}`,
              },
              { label: t('mentor.frequency'), value: plan.support.mentor.meetingFrequency },
              { label: t('mentor.focusAreas'), value: plan.support.mentor.focusAreas },
              { label: t('mentor.supportProvided'), value: plan.support.mentor.supportProvided },
            ]}
          />
        </SectionCard>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List aria-label={t('plan.sections')} mb="md">
            <Tabs.Tab value="development">{t('plan.tabs.development')}</Tabs.Tab>
            {hasCheckIns && isRunning && <Tabs.Tab value="sessions">{t('mentor.sessions')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="development">
            <MentorDevelopment plan={plan} />
          </Tabs.Panel>
          {hasCheckIns && isRunning && (
            <Tabs.Panel value="sessions">
              <CheckInsPanel
                planId={plan.id}
                focusAreas={[]}
                metrics={[]}
                canRecord
                canAdd={false}
                isEmployee={false}
              />
            </Tabs.Panel>
          )}
        </Tabs>
      </Stack>
    </>
  );
}
