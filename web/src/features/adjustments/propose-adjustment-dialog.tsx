// Propose an adjustment to an agreed plan: change dates, people, goals, targets or criteria, and see the diff first.
import {
  Accordion,
  Button,
  Checkbox,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProposeAdjustment } from '../../api/history.ts';
import type { AdjustmentChanges, PlanView, VersionChange } from '../../api/types.ts';
import { useUsersWithRoles } from '../../api/users.ts';
import { AppModal } from '../../ui/app-modal.tsx';
import { DateField } from '../../ui/date-field.tsx';
import { useFieldErrors } from '../../ui/field-errors.ts';
import { PersonSelect } from '../../ui/person-select.tsx';
import { useErrorMessage } from '../../ui/states.tsx';
import { ChangeList } from './change-list.tsx';

type AreaEdit = { goal: string; deadline: string; isRemoved: boolean };
type MetricEdit = { target: number | string; isRemoved: boolean };
type CriterionEdit = { text: string; isRemoved: boolean };

export function ProposeAdjustmentDialog({ plan, onClose }: { plan: PlanView; onClose: () => void }) {
  const { t } = useTranslation();
  const propose = useProposeAdjustment(plan.id);
  const errors = useFieldErrors(propose.error);
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const [endDate, setEndDate] = useState(plan.header.endDate);
  const [hrRepId, setHrRepId] = useState(plan.header.hrRepUserId);
  const [mentorId, setMentorId] = useState(plan.header.mentorUserId);
  const [areas, setAreas] = useState<Record<string, AreaEdit>>(() =>
    Object.fromEntries(
      plan.focusAreas.map((a) => [a.id, { goal: a.goal, deadline: a.deadline ?? '', isRemoved: false }]),
    ),
  );
  const [metrics, setMetrics] = useState<Record<string, MetricEdit>>(() =>
    Object.fromEntries(plan.metrics.map((m) => [m.id, { target: m.target, isRemoved: false }])),
  );
  const [criteria, setCriteria] = useState<Record<string, CriterionEdit>>(() =>
    Object.fromEntries(plan.successCriteria.map((c) => [c.id, { text: c.text, isRemoved: false }])),
  );
  const [newCriterion, setNewCriterion] = useState('');
  const people = useUsersWithRoles(['hr', 'hr_admin', 'mentor']).users;
  const nameOf = useCallback(
    (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? id) : '—'),
    [people],
  );
  const [touched, setTouched] = useState(false);

  const { changes, preview } = useMemo(() => {
    const changes: AdjustmentChanges = {};
    const preview: VersionChange[] = [];
    const planChanges: NonNullable<AdjustmentChanges['plan']> = {};
    if (endDate && endDate !== plan.header.endDate) {
      planChanges.endDate = endDate;
      preview.push({ path: t('adjust.fields.endDate'), before: plan.header.endDate, after: endDate });
    }
    if (hrRepId !== plan.header.hrRepUserId) {
      planChanges.hrRepId = hrRepId;
      preview.push({ path: t('adjust.fields.hrRep'), before: plan.header.hrRepName, after: nameOf(hrRepId) });
    }
    if (mentorId !== plan.header.mentorUserId) {
      planChanges.mentorId = mentorId;
      preview.push({
        path: t('adjust.fields.mentor'),
        before: plan.header.mentorName,
        after: nameOf(mentorId),
      });
    }
    if (Object.keys(planChanges).length) changes.plan = planChanges;
    const areaUpdates: { id: string; goal?: string; deadline?: string | null }[] = [];
    const areaRemovals: string[] = [];
    for (const area of plan.focusAreas) {
      const edit = areas[area.id];
      if (edit.isRemoved) {
        areaRemovals.push(area.id);
        preview.push({ path: area.title, before: area.goal, after: t('adjust.removed') });
        continue;
      }
      const update: { id: string; goal?: string; deadline?: string | null } = { id: area.id };
      if (edit.goal.trim() !== area.goal) {
        update.goal = edit.goal.trim();
        preview.push({
          path: `${area.goalTitle} · ${plan.headings.goal}`,
          before: area.goal,
          after: update.goal,
        });
      }
      if ((edit.deadline || null) !== area.deadline) {
        update.deadline = edit.deadline || null;
        preview.push({
          path: `${area.goalTitle} · ${plan.headings.deadline}`,
          before: area.deadline,
          after: update.deadline,
        });
      }
      if (Object.keys(update).length > 1) areaUpdates.push(update);
    }
    if (areaUpdates.length || areaRemovals.length)
      changes.focusAreas = {
        ...(areaUpdates.length ? { update: areaUpdates } : {}),
        ...(areaRemovals.length ? { remove: areaRemovals } : {}),
      };
    const metricUpdates: { id: string; target: number }[] = [];
    const metricRemovals: string[] = [];
    for (const metric of plan.metrics) {
      const edit = metrics[metric.id];
      if (edit.isRemoved) {
        metricRemovals.push(metric.id);
        preview.push({ path: metric.name, before: metric.target, after: t('adjust.removed') });
      } else if (edit.target !== '' && Number(edit.target) !== metric.target) {
        metricUpdates.push({ id: metric.id, target: Number(edit.target) });
        preview.push({
          path: `${metric.name} · ${plan.headings.target}`,
          before: metric.target,
          after: Number(edit.target),
        });
      }
    }
    if (metricUpdates.length || metricRemovals.length)
      changes.metrics = {
        ...(metricUpdates.length ? { update: metricUpdates } : {}),
        ...(metricRemovals.length ? { remove: metricRemovals } : {}),
      };
    const criterionUpdates: { id: string; text: string }[] = [];
    const criterionRemovals: string[] = [];
    for (const c of plan.successCriteria) {
      const edit = criteria[c.id];
      if (edit.isRemoved) {
        criterionRemovals.push(c.id);
        preview.push({ path: plan.headings.successCriteria, before: c.text, after: t('adjust.removed') });
      } else if (edit.text.trim() && edit.text.trim() !== c.text) {
        criterionUpdates.push({ id: c.id, text: edit.text.trim() });
        preview.push({ path: plan.headings.successCriteria, before: c.text, after: edit.text.trim() });
      }
    }
    const additions = newCriterion.trim() ? [{ text: newCriterion.trim() }] : [];
    if (additions.length)
      preview.push({ path: plan.headings.successCriteria, before: null, after: additions[0].text });
    if (criterionUpdates.length || criterionRemovals.length || additions.length)
      changes.successCriteria = {
        ...(additions.length ? { add: additions } : {}),
        ...(criterionUpdates.length ? { update: criterionUpdates } : {}),
        ...(criterionRemovals.length ? { remove: criterionRemovals } : {}),
      };
    return { changes, preview };
  }, [plan, endDate, hrRepId, mentorId, areas, metrics, criteria, newCriterion, t, nameOf]);

  const clientErrors = {
    reason: reason.trim() ? undefined : t('validation.required'),
    changes: preview.length === 0 ? t('adjust.noChanges') : undefined,
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (clientErrors.reason || clientErrors.changes) return;
    propose.mutate(
      { reason: reason.trim(), changes },
      {
        onSuccess: (adjustment) => {
          notifications.show({ color: 'teal', message: t(`adjust.proposed.${adjustment.kind ?? 'minor'}`) });
          onClose();
        },
      },
    );
  };
  const unmatched = errors.unmatched(['reason']);

  return (
    <AppModal opened onClose={onClose} title={t('adjust.title')} size="xl" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('adjust.intro')}</Text>
          <Accordion multiple defaultValue={['plan']} variant="contained">
            <Accordion.Item value="plan">
              <Accordion.Control>{t('adjust.sections.plan')}</Accordion.Control>
              <Accordion.Panel>
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                  <DateField
                    label={plan.headings.endDate}
                    value={endDate}
                    onChange={setEndDate}
                    error={errors('changes.plan.endDate')}
                  />
                  <PersonSelect
                    roles={['hr', 'hr_admin']}
                    label={plan.headings.hrRepresentative}
                    value={hrRepId}
                    currentName={plan.header.hrRepName}
                    onChange={setHrRepId}
                    error={errors('changes.plan.hrRepId')}
                  />
                  <PersonSelect
                    roles={['mentor']}
                    label={plan.headings.mentor}
                    value={mentorId}
                    currentName={plan.header.mentorName}
                    onChange={setMentorId}
                    error={errors('changes.plan.mentorId')}
                  />
                </SimpleGrid>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="goals">
              <Accordion.Control>{t('adjust.sections.goals')}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  {plan.focusAreas.map((area, index) => {
                    const edit = areas[area.id];
                    const set = (patch: Partial<AreaEdit>) =>
                      setAreas((all) => ({ ...all, [area.id]: { ...all[area.id], ...patch } }));
                    return (
                      <Stack key={area.id} gap={6}>
                        <Group justify="space-between">
                          <Text fw={700} size="sm">
                            {area.goalTitle}
                          </Text>
                          <Checkbox
                            label={t('adjust.remove')}
                            checked={edit.isRemoved}
                            onChange={(event) => set({ isRemoved: event.currentTarget.checked })}
                            aria-label={`${t('adjust.remove')}: ${area.title}`}
                          />
                        </Group>
                        <Textarea
                          label={plan.headings.goal}
                          value={edit.goal}
                          disabled={edit.isRemoved}
                          onChange={(event) => set({ goal: event.currentTarget.value })}
                          autosize
                          minRows={2}
                          error={errors(`changes.focusAreas.update.${index}.goal`)}
                        />
                        <DateField
                          label={plan.headings.deadline}
                          value={edit.deadline ?? ''}
                          disabled={edit.isRemoved}
                          onChange={(value) => set({ deadline: value })}
                          error={errors(`changes.focusAreas.update.${index}.deadline`)}
                          maw={220}
                        />
                      </Stack>
                    );
                  })}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="metrics">
              <Accordion.Control>{t('adjust.sections.metrics')}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {plan.metrics.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('plan.metrics.empty')}
                    </Text>
                  )}
                  {plan.metrics.map((metric, index) => {
                    const edit = metrics[metric.id];
                    const set = (patch: Partial<MetricEdit>) =>
                      setMetrics((all) => ({ ...all, [metric.id]: { ...all[metric.id], ...patch } }));
                    return (
                      <Group key={metric.id} align="flex-end" wrap="wrap" gap="sm">
                        <NumberInput
                          label={`${metric.name} · ${plan.headings.target}${metric.unit ? ` (${metric.unit})` : ''}`}
                          value={edit.target}
                          disabled={edit.isRemoved}
                          onChange={(value) => set({ target: value })}
                          error={errors(`changes.metrics.update.${index}.target`)}
                          style={{ flex: '1 1 14rem' }}
                        />
                        <Checkbox
                          label={t('adjust.remove')}
                          checked={edit.isRemoved}
                          onChange={(event) => set({ isRemoved: event.currentTarget.checked })}
                          aria-label={`${t('adjust.remove')}: ${metric.name}`}
                          mb={8}
                        />
                      </Group>
                    );
                  })}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
            <Accordion.Item value="criteria">
              <Accordion.Control>{t('adjust.sections.criteria')}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  {plan.successCriteria.map((c, index) => {
                    const edit = criteria[c.id];
                    const set = (patch: Partial<CriterionEdit>) =>
                      setCriteria((all) => ({ ...all, [c.id]: { ...all[c.id], ...patch } }));
                    return (
                      <Group key={c.id} align="flex-end" wrap="wrap" gap="sm">
                        <TextInput
                          label={t('adjust.criterion', { number: index + 1 })}
                          value={edit.text}
                          disabled={edit.isRemoved}
                          onChange={(event) => set({ text: event.currentTarget.value })}
                          error={errors(`changes.successCriteria.update.${index}.text`)}
                          style={{ flex: '1 1 16rem' }}
                        />
                        <Checkbox
                          label={t('adjust.remove')}
                          checked={edit.isRemoved}
                          onChange={(event) => set({ isRemoved: event.currentTarget.checked })}
                          aria-label={`${t('adjust.remove')}: ${c.text}`}
                          mb={8}
                        />
                      </Group>
                    );
                  })}
                  <TextInput
                    label={t('adjust.newCriterion')}
                    value={newCriterion}
                    onChange={(event) => setNewCriterion(event.currentTarget.value)}
                    error={errors('changes.successCriteria.add.0.text')}
                  />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
          <div>
            <Text fw={700} size="sm" mb={4}>
              {t('adjust.preview')}
            </Text>
            {preview.length === 0 ? (
              <Text size="sm" c={touched ? 'red.9' : 'dimmed'} role={touched ? 'alert' : undefined}>
                {t('adjust.noChanges')}
              </Text>
            ) : (
              <ChangeList changes={preview} />
            )}
          </div>
          <Textarea
            label={t('adjust.reason')}
            description={t('adjust.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={(touched ? clientErrors.reason : undefined) ?? errors('reason')}
            autosize
            minRows={2}
            required
          />
          {(unmatched.length > 0 || (propose.error && !errors.hasAny)) && (
            <Text c="red.9" size="sm" role="alert">
              {unmatched.length > 0 ? unmatched.join('; ') : errorMessage(propose.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={propose.isPending}>
              {t('adjust.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
