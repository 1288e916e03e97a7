// Timeline and milestones: the plan's phases with weekly tasks, key milestones, and where today falls.
import { Badge, Box, Card, Group, List, Progress, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanView } from '../../../api/types.ts';
import { daysFromToday, formatDate, todayIso } from '../../../ui/format.ts';
import { SectionCard } from '../plan-blocks.tsx';

export function TimelineTab({ plan }: { plan: PlanView }) {
  const { t } = useTranslation();
  const h = plan.headings;
  const today = todayIso();
  const { startDate, endDate } = plan.header;
  const totalDays = Math.max(1, -daysFromToday(startDate) + daysFromToday(endDate));
  const elapsed = Math.min(totalDays, Math.max(0, -daysFromToday(startDate)));
  const share = elapsed / totalDays;
  const phases = plan.timeline.phases;
  const currentPhase = phases.findIndex((p) => p.startDate <= today && today <= p.endDate);
  const active = today > endDate ? phases.length - 1 : currentPhase;
  const currentWeek = today < startDate ? null : Math.floor(-daysFromToday(startDate) / 7) + 1;
  return (
    <Stack gap="md">
      <Card withBorder padding="md">
        <Title order={2} size="h3" mb="xs">
          {h.timeline}
        </Title>
        <Group justify="space-between" mb={4}>
          <Text size="sm">{formatDate(startDate)}</Text>
          <Text size="sm" fw={600}>
            {today < startDate
              ? t('plan.timeline.notStarted', { date: formatDate(startDate) })
              : today > endDate
                ? t('plan.timeline.ended')
                : t('plan.timeline.todayWeek', { week: currentWeek, total: plan.header.durationWeeks })}
          </Text>
          <Text size="sm">{formatDate(endDate)}</Text>
        </Group>
        <Box pos="relative">
          <Progress value={share * 100} size="lg" aria-label={t('plan.timeline.elapsed')} />
          {today >= startDate && today <= endDate && (
            <Box
              pos="absolute"
              top={-4}
              style={{
                left: `calc(${share * 100}% - 1px)`,
                width: 2,
                height: 24,
                background: 'var(--mantine-color-orange-8)',
              }}
              aria-hidden
            />
          )}
        </Box>
        <Text size="xs" c="dimmed" mt={4}>
          {t('plan.timeline.todayMarker', { date: formatDate(today) })}
        </Text>
      </Card>
      <SectionCard title={t('plan.timeline.phases')} id="phases">
        <Timeline active={active} bulletSize={22} lineWidth={2} color="indigo">
          {phases.map((phase, index) => (
            <Timeline.Item
              key={phase.key}
              title={
                <Group gap="xs" wrap="wrap">
                  <Text fw={700} size="sm" component="h3" m={0}>
                    {phase.title}
                  </Text>
                  {index === currentPhase && (
                    <Badge color="orange" variant="light" size="sm">
                      {t('plan.timeline.now')}
                    </Badge>
                  )}
                </Group>
              }
              bullet={
                <Text size="xs" fw={700} aria-hidden>
                  {index + 1}
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {t('plan.timeline.weeks', { from: phase.startWeek, to: phase.endWeek })} ·{' '}
                {formatDate(phase.startDate)} – {formatDate(phase.endDate)}
              </Text>
              <List size="sm" spacing={2} mt={4} listStyleType="none" p={0}>
                {phase.tasks.map((task) => {
                  const isThisWeek = task.week === currentWeek;
                  const isPast = task.date < today && !isThisWeek;
                  return (
                    <List.Item
                      key={`${task.week}-${task.title}`}
                      className={isThisWeek ? 'today-row' : undefined}
                    >
                      <Text span size="sm" fw={600}>
                        {h.week} {task.week}
                      </Text>{' '}
                      <Text span size="xs" c="dimmed">
                        ({formatDate(task.date)})
                      </Text>
                      : {task.title}
                      {isThisWeek && (
                        <Badge ml={6} size="xs" color="orange" variant="light">
                          {t('plan.timeline.thisWeek')}
                        </Badge>
                      )}
                      {isPast && <span className="visually-hidden"> ({t('plan.timeline.past')})</span>}
                    </List.Item>
                  );
                })}
              </List>
              <Text size="sm" mt={4}>
                <Text span fw={700} size="sm">
                  {h.milestone}:
                </Text>{' '}
                {phase.milestone.title} ({formatDate(phase.milestone.date)})
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </SectionCard>
      <SectionCard title={h.keyMilestones} id="key-milestones">
        <List size="sm" spacing={4} listStyleType="none" p={0}>
          {plan.timeline.milestones.map((m) => {
            const isDone = m.date < today;
            return (
              <List.Item key={`${m.week}-${m.title}`}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Badge
                    variant={isDone ? 'light' : 'outline'}
                    color={isDone ? 'teal' : 'gray.8'}
                    size="sm"
                    miw={72}
                  >
                    {h.week} {m.week}
                  </Badge>
                  <Text size="sm">
                    {m.title}{' '}
                    <Text span size="xs" c="dimmed">
                      ({formatDate(m.date)}
                      {isDone ? ` · ${t('plan.timeline.past')}` : ''})
                    </Text>
                  </Text>
                </Group>
              </List.Item>
            );
          })}
        </List>
      </SectionCard>
    </Stack>
  );
}
