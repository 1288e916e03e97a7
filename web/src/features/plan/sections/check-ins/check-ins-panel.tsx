// The check-ins of a plan in three lists: due now, upcoming (the first four unless asked for all) and past; then
// the form to add one.
import { Button, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CheckIn, useCheckIns } from '../../../../api/check-ins.ts';
import { EmptyState, QueryState } from '../../../../ui/states.tsx';
import { AddCheckIn } from './add-check-in.tsx';
import { CheckInCard, type CheckInCardProps } from './check-in-card.tsx';
import { at } from './check-in-times.ts';

type PanelProps = Omit<CheckInCardProps, 'checkIn'> & {
  /** Add check-ins outside the cadence (manager and HR). */
  canAdd?: boolean;
};

export function CheckInsPanel({
  planId,
  focusAreas,
  metrics,
  canRecord,
  canAdd = canRecord,
  isEmployee,
}: PanelProps) {
  const { t } = useTranslation();
  const checkIns = useCheckIns(planId);
  const [showAllUpcoming, setShowAllUpcoming] = useState(false);
  const now = Date.now();
  return (
    <QueryState query={checkIns}>
      {(data) => {
        const items = [...data.items].sort((a, b) => at(a) - at(b));
        const due = items.filter((c) => c.status === 'scheduled' && at(c) <= now);
        const upcoming = items.filter((c) => c.status === 'scheduled' && at(c) > now);
        const past = items.filter((c) => c.status !== 'scheduled').reverse();
        const card = (c: CheckIn) => (
          <CheckInCard
            key={c.id}
            checkIn={c}
            planId={planId}
            focusAreas={focusAreas}
            metrics={metrics}
            canRecord={canRecord}
            isEmployee={isEmployee}
          />
        );
        return (
          <Stack gap="lg">
            {items.length === 0 && (
              <EmptyState title={t('checkIns.empty')} description={t('checkIns.emptyHint')} />
            )}
            {due.length > 0 && (
              <section aria-labelledby="check-ins-due">
                <Title order={2} size="h4" id="check-ins-due" mb="xs">
                  {t('checkIns.dueNow')}
                </Title>
                <Stack gap="sm">{due.map(card)}</Stack>
              </section>
            )}
            {upcoming.length > 0 && (
              <section aria-labelledby="check-ins-upcoming">
                <Title order={2} size="h4" id="check-ins-upcoming" mb="xs">
                  {t('checkIns.upcoming')}
                </Title>
                <Stack gap="sm">{(showAllUpcoming ? upcoming : upcoming.slice(0, 4)).map(card)}</Stack>
                {upcoming.length > 4 && (
                  <Button variant="subtle" mt="xs" onClick={() => setShowAllUpcoming((v) => !v)}>
                    {showAllUpcoming
                      ? t('checkIns.showFewer')
                      : t('checkIns.showAll', { count: upcoming.length })}
                  </Button>
                )}
              </section>
            )}
            {past.length > 0 && (
              <section aria-labelledby="check-ins-past">
                <Title order={2} size="h4" id="check-ins-past" mb="xs">
                  {t('checkIns.past')}
                </Title>
                <Stack gap="sm">{past.map(card)}</Stack>
              </section>
            )}
            {canAdd && <AddCheckIn planId={planId} />}
          </Stack>
        );
      }}
    </QueryState>
  );
}
