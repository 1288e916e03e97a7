// Performance issues, the metrics table (current, required, gap), improvement goals and the SMART check.
import { Alert, Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FocusArea, PlanView } from '../../../api/types.ts';
import { formatDate, formatNumber } from '../../../ui/format.ts';
import { EmptyState } from '../../../ui/states.tsx';
import { InfoGrid, Paragraph, SectionCard } from '../plan-blocks.tsx';

export function IssuesGoalsTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  const editLink =
    plan.status === 'draft' && plan.permissions.canEdit ? (
      <Button component={Link} to={`/plans/${plan.id}/wizard/focus-areas`} size="compact-sm" variant="light">
        {t('common.edit')}
      </Button>
    ) : undefined;
  if (plan.focusAreas.length === 0)
    return (
      <EmptyState title={t('plan.issues.empty')} description={t('plan.issues.emptyHint')} action={editLink} />
    );
  return (
    <Stack gap="md">
      <SectionCard title={h.issues} id="issues" actions={editLink}>
        <Paragraph>{plan.issuesIntro}</Paragraph>
        <Title order={3} size="h5">
          {h.primaryConcerns}
        </Title>
        {plan.focusAreas.map((area, index) => (
          <IssueBlock key={area.id} area={area} index={index} plan={plan} />
        ))}
      </SectionCard>
      <SectionCard title={h.metrics} id="metrics-table">
        <MetricsTable plan={plan} />
      </SectionCard>
      <SectionCard title={h.goals} id="goals">
        <Paragraph>{plan.goalsIntro}</Paragraph>
        <Title order={3} size="h5">
          {h.primaryGoals}
        </Title>
        {plan.focusAreas.map((area, index) => (
          <GoalBlock key={area.id} area={area} index={index} plan={plan} />
        ))}
      </SectionCard>
      <SectionCard title={h.smart} id="smart">
        <Paragraph>{plan.smart.intro}</Paragraph>
        <List size="sm" spacing={4}>
          {plan.smart.criteria.map((c) => (
            <List.Item key={c.key}>
              <Text span fw={700} size="sm">
                {c.label}
              </Text>
              : {c.text}
            </List.Item>
          ))}
        </List>
      </SectionCard>
    </Stack>
  );
}

function IssueBlock({ area, index, plan }: { area: FocusArea; index: number; plan: PlanView }) {
  const h = plan.headings;
  return (
    <Stack gap={6} pb="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Title order={4} size="h5">
        {index + 1}. {area.title}
      </Title>
      <InfoGrid
        cols={2}
        items={[
          { label: h.issue, value: <span className="pre-line">{area.issue || '—'}</span> },
          { label: h.impact, value: <span className="pre-line">{area.impact || '—'}</span> },
          {
            label: h.examples,
            value:
              area.examples.length === 0 ? (
                '—'
              ) : (
                <List size="sm" spacing={2}>
                  {area.examples.map((e) => (
                    <List.Item key={`${e.date}-${e.text}`}>
                      {e.date && (
                        <Text span fw={600} size="sm">
                          {formatDate(e.date)}:{' '}
                        </Text>
                      )}
                      {e.text}
                    </List.Item>
                  ))}
                </List>
              ),
          },
          {
            label: h.requiredStandard,
            value: <span className="pre-line">{area.requiredStandard || '—'}</span>,
          },
        ]}
      />
    </Stack>
  );
}

export function SmartFindings({ area }: { area: FocusArea }) {
  const { t } = useTranslation();
  if (area.smart.isSmart && area.smart.findings.length === 0)
    return (
      <Badge color="teal" variant="light">
        {t('plan.smart.ok')}
      </Badge>
    );
  return (
    <Alert
      color={area.smart.findings.some((f) => f.severity === 'error') ? 'red' : 'yellow'}
      variant="light"
      title={t('plan.smart.title')}
      p="xs"
    >
      <List size="sm" spacing={2}>
        {area.smart.findings.map((f) => (
          <List.Item key={`${f.criterion}-${f.message}`}>
            <Text span fw={700} size="sm">
              {t(`plan.smart.criteria.${f.criterion}`)}
            </Text>{' '}
            <Text span size="xs" c={f.severity === 'error' ? '#bf2828' : 'dark.7'}>
              ({t(`plan.smart.severity.${f.severity}`)})
            </Text>
            : {f.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function GoalBlock({ area, index, plan }: { area: FocusArea; index: number; plan: PlanView }) {
  const h = plan.headings;
  const metrics = plan.metrics.filter((m) => area.metricIds.includes(m.id) || m.focusAreaId === area.id);
  return (
    <Stack gap={6} pb="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Group justify="space-between" wrap="wrap">
        <Title order={4} size="h5">
          {index + 1}. {area.goalTitle}
        </Title>
      </Group>
      <InfoGrid
        cols={2}
        items={[
          { label: h.goal, value: <span className="pre-line">{area.goal || '—'}</span> },
          {
            label: h.measurement,
            value: (
              <>
                <span className="pre-line">{area.measurement || '—'}</span>
                {metrics.length > 0 && (
                  <Group gap={4} mt={4}>
                    {metrics.map((m) => (
                      <Badge key={m.id} variant="outline" color="indigo" radius="sm" tt="none">
                        {m.name}
                      </Badge>
                    ))}
                  </Group>
                )}
              </>
            ),
          },
          { label: h.deadline, value: formatDate(area.deadline) },
          {
            label: h.successCriteria,
            value: <span className="pre-line">{area.successCriteria || '—'}</span>,
          },
        ]}
      />
      {plan.status === 'draft' || plan.status === 'in_review' ? <SmartFindings area={area} /> : null}
    </Stack>
  );
}

export function MetricsTable({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  if (plan.metrics.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('plan.metrics.empty')}
      </Text>
    );
  return (
    <div className="table-scroll">
      <Table striped miw={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{h.metric}</Table.Th>
            <Table.Th scope="col">{h.current}</Table.Th>
            <Table.Th scope="col">{h.required}</Table.Th>
            <Table.Th scope="col">{h.gap}</Table.Th>
            <Table.Th scope="col">{h.status}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plan.metrics.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Th scope="row" fw={600}>
                {m.name}
              </Table.Th>
              <Table.Td>
                {formatNumber(m.current)} {m.unit}
              </Table.Td>
              <Table.Td>
                {formatNumber(m.target)} {m.unit}
              </Table.Td>
              <Table.Td>
                {formatNumber(m.gap)} {m.unit}
              </Table.Td>
              <Table.Td>
                <MetricStatusBadge status={m.status} isMet={m.isMet} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

export function MetricStatusBadge({
  status,
  isMet,
}: {
  status: 'onTrack' | 'atRisk' | 'offTrack';
  isMet: boolean;
}) {
  const { t } = useTranslation();
  if (isMet)
    return (
      <Badge color="teal" variant="light" radius="sm">
        {t('plan.metrics.met')}
      </Badge>
    );
  const color = status === 'onTrack' ? 'teal' : status === 'atRisk' ? 'yellow' : 'red';
  return (
    <Badge color={color} variant="light" radius="sm">
      {t(`plan.metrics.status.${status}`)}
    </Badge>
  );
}
