// The evidence HR sees before deciding the outcome: metrics against targets, check-ins held, support, responses.
import { Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOutcomeEvidence } from '../../api/fairness.ts';
import { formatNumber } from '../../ui/format.ts';

export function OutcomeEvidence({ planId }: { planId: string }) {
  const { t } = useTranslation();
  const evidence = useOutcomeEvidence(planId);
  if (!evidence.data) return null;
  const { metrics, checkIns, mentorSessions, activities, responses } = evidence.data;
  return (
    <Card withBorder padding="sm" aria-labelledby="evidence-title">
      <Title order={3} size="h5" id="evidence-title" mb={4}>
        {t('evidence.title')}
      </Title>
      <Stack gap={4}>
        <List size="sm" spacing={2}>
          {metrics.map((m) => (
            <List.Item key={m.id}>
              {t('evidence.metric', {
                name: m.name,
                current: formatNumber(m.current),
                target: formatNumber(m.target),
                unit: m.unit,
              })}{' '}
              {t(m.isMet ? 'evidence.met' : 'evidence.notMet')}
            </List.Item>
          ))}
        </List>
        <Text size="sm">{t('evidence.checkIns', checkIns)}</Text>
        <Text size="sm">{t('evidence.mentorSessions', mentorSessions)}</Text>
        <Text size="sm">{t('evidence.activities', activities)}</Text>
        <Text size="sm">{t('evidence.responses', { count: responses.length })}</Text>
      </Stack>
    </Card>
  );
}
