// Downloads: the plan as PDF or Word in either language, the weekly progress report, and HR's signed dossier.
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../../../api/types.ts';
import { DateField } from '../../../ui/date-field.tsx';
import { todayIso } from '../../../ui/format.ts';
import { SectionCard } from '../plan-blocks.tsx';

export function DocumentsTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const base = `/api/v1/plans/${plan.id}`;
  const [locale, setLocale] = useState<'en' | 'es'>(plan.locale);
  const [week, setWeek] = useState(todayIso());
  const isRunning = plan.status === 'active' || plan.status === 'paused' || plan.status === 'closed';
  const canReport =
    isRunning &&
    (plan.permissions.canRecordProgress || plan.permissions.canReadAudit || plan.permissions.canEdit);
  return (
    <Stack gap="md">
      <SectionCard title={t('documents.title')} id="documents">
        <Text size="sm">{t('documents.intro', { version: plan.version })}</Text>
        <div>
          <Text size="sm" fw={500} id="document-language">
            {t('documents.language')}
          </Text>
          <SegmentedControl
            value={locale}
            onChange={(value) => setLocale(value as 'en' | 'es')}
            data={[
              { value: 'en', label: 'English' },
              { value: 'es', label: 'Español' },
            ]}
            aria-labelledby="document-language"
            mt={4}
          />
        </div>
        <Group gap="sm">
          <Button component="a" href={`${base}/document.pdf?locale=${locale}`} download variant="light">
            {t('documents.pdf')}
          </Button>
          <Button component="a" href={`${base}/document.docx?locale=${locale}`} download variant="light">
            {t('documents.docx')}
          </Button>
        </Group>
      </SectionCard>
      {canReport && (
        <SectionCard title={t('documents.report')} id="progress-report">
          <Text size="sm">{t('documents.reportIntro')}</Text>
          <Group gap="sm" align="flex-end">
            <DateField label={t('documents.week')} value={week} onChange={setWeek} w={200} />
            <Button component="a" href={`${base}/progress-report.pdf?week=${week}`} download variant="light">
              {t('documents.reportDownload')}
            </Button>
          </Group>
        </SectionCard>
      )}
      {plan.permissions.canReadAudit && (
        <SectionCard title={t('documents.dossier')} id="dossier">
          <Text size="sm">{t('documents.dossierIntro')}</Text>
          <Group>
            <Button component="a" href={`${base}/dossier.pdf`} download variant="light">
              {t('documents.dossierDownload')}
            </Button>
          </Group>
        </SectionCard>
      )}
    </Stack>
  );
}
