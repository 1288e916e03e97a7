// Check-ins: the schedule from the plan's cadence; each held (notes, ratings, actions, measurements),
// missed, cancelled or moved; the employee's comments on what was held. The parts live in check-ins/.
import { useCurrentUser } from '../../../api/auth.ts';
import type { PlanView } from '../../../api/types.ts';
import { CheckInsPanel } from './check-ins/check-ins-panel.tsx';

// The mentor's page shows the same panel without the plan page around it.
export { CheckInsPanel };

export function CheckInsTab({ plan }: { plan: PlanView }) {
  const { user } = useCurrentUser();
  return (
    <CheckInsPanel
      planId={plan.id}
      focusAreas={plan.focusAreas}
      metrics={plan.metrics}
      canRecord={plan.permissions.canRecordProgress}
      isEmployee={user.employeeId === plan.header.employeeId}
    />
  );
}
