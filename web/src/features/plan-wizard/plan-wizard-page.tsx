// The new-plan wizard: details, focus areas, metrics, goals (with SMART hints), development, support, review.
import { Group, Progress, Stepper, Text } from '@mantine/core';
import { useElementSize, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { hasRole, useCurrentUser } from '../../api/auth.ts';
import { usePlan } from '../../api/plans.ts';
import { isMentorView, type PlanView } from '../../api/types.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states.tsx';
import { DetailsStep } from './steps/details-step.tsx';
import { DevelopmentStep } from './steps/development-step.tsx';
import { FocusAreasStep } from './steps/focus-areas-step.tsx';
import { GoalsStep } from './steps/goals-step.tsx';
import { MetricsStep } from './steps/metrics-step.tsx';
import { ReviewStep } from './steps/review-step.tsx';
import { SupportStep } from './steps/support-step.tsx';

export const wizardSteps = [
  'details',
  'focus-areas',
  'metrics',
  'goals',
  'development',
  'support',
  'review',
] as const;
export type WizardStep = (typeof wizardSteps)[number];

export const stepPath = (planId: string, step: WizardStep) => `/plans/${planId}/wizard/${step}`;

export function PlanWizardPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const { planId, step = planId ? 'focus-areas' : 'details' } = useParams();
  const plan = usePlan(planId);
  if (!hasRole(user, 'hr_admin', 'hr', 'manager'))
    return (
      <>
        <PageHeader title={t('wizard.title')} />
        <EmptyState title={t('wizard.notAllowed')} description={t('wizard.notAllowedHint')} />
      </>
    );
  if (!(wizardSteps as readonly string[]).includes(step))
    return <Navigate to={planId ? stepPath(planId, 'focus-areas') : '/plans/new'} replace />;
  if (!planId) return <WizardFrame step="details" plan={null} />;
  if (plan.isPending) return <LoadingState />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  if (isMentorView(plan.data)) return <Navigate to={`/plans/${planId}`} replace />;
  // Submitted or agreed plans change through adjustments, from the plan page.
  if (plan.data.status !== 'draft' || !plan.data.permissions.canEdit)
    return <Navigate to={`/plans/${planId}`} replace />;
  return <WizardFrame step={step as WizardStep} plan={plan.data} />;
}

function WizardFrame({ step, plan }: { step: WizardStep; plan: PlanView | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Seven labelled steps need about 1,060 px on one line (at 1366 px the page has about 1,100); with less room
  // the bar says "step N of 7" rather than clipping or wrapping the steps.
  const { ref: frame, width } = useElementSize();
  const isWideScreen = useMediaQuery('(min-width: 75em)', true);
  const isWide = width > 0 ? width >= 1060 : isWideScreen;
  const index = wizardSteps.indexOf(step);
  const title = plan ? t('wizard.editTitle', { name: plan.header.employeeName }) : t('wizard.title');
  return (
    <>
      <PageHeader title={title} subtitle={t('wizard.subtitle')} />
      <div ref={frame} />
      {isWide ? (
        <Stepper
          active={index}
          onStepClick={(next) => plan && navigate(stepPath(plan.id, wizardSteps[next]))}
          allowNextStepsSelect={Boolean(plan)}
          size="sm"
          iconSize={28}
          mb="lg"
          aria-label={t('wizard.steps')}
          styles={{
            steps: { flexWrap: 'nowrap' },
            step: { flexShrink: 0 },
            stepLabel: { whiteSpace: 'nowrap', fontSize: 13 },
            separator: { marginInline: 6, minWidth: 6 },
          }}
        >
          {wizardSteps.map((name) => (
            <Stepper.Step key={name} label={t(`wizard.stepNames.${name}`)} />
          ))}
        </Stepper>
      ) : (
        <div style={{ marginBottom: 16 }}>
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={700}>
              {t(`wizard.stepNames.${step}`)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('wizard.stepOf', { step: index + 1, total: wizardSteps.length })}
            </Text>
          </Group>
          <Progress value={((index + 1) / wizardSteps.length) * 100} aria-label={t('wizard.steps')} />
        </div>
      )}
      <section aria-label={t(`wizard.stepNames.${step}`)}>
        {step === 'details' || !plan ? (
          <DetailsStep plan={plan} />
        ) : step === 'focus-areas' ? (
          <FocusAreasStep plan={plan} />
        ) : step === 'metrics' ? (
          <MetricsStep plan={plan} />
        ) : step === 'goals' ? (
          <GoalsStep plan={plan} />
        ) : step === 'development' ? (
          <DevelopmentStep plan={plan} />
        ) : step === 'support' ? (
          <SupportStep plan={plan} />
        ) : (
          <ReviewStep plan={plan} />
        )}
      </section>
    </>
  );
}
