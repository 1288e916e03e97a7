// The emails that go with a plan's lifecycle notifications, written in the same transaction as the event.
import type { Tx } from '../../db/client.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';
import type { EmailKind } from './templates.ts';
import { writeEmail } from './write-email.ts';

/** Which email each recipient of a lifecycle notification gets; kinds not listed send none. */
function emailKindFor(kind: string, plan: PlanRow, userId: string): EmailKind | null {
  switch (kind) {
    case 'plan.sent_for_acknowledgment':
      return userId === plan.employeeUserId ? 'plan.sent_for_acknowledgment' : 'signature.needed';
    case 'adjustment.proposed':
    case 'adjustment.decided':
    case 'plan.closed':
    case 'plan.cancelled':
    case 'plan.manager_changed':
      return kind;
    default:
      return null;
  }
}

export async function emailPlanEvent(
  tx: Tx,
  plan: PlanRow,
  kind: string,
  at: Date,
  payload: Record<string, unknown>,
  recipients: string[],
): Promise<void> {
  const discriminator = typeof payload.adjustmentId === 'string' ? payload.adjustmentId : `v${plan.version}`;
  for (const userId of recipients) {
    const emailKind = emailKindFor(kind, plan, userId);
    if (!emailKind) continue;
    await writeEmail(tx, {
      orgId: plan.orgId,
      toUserId: userId,
      dedupeKey: `${kind}:${plan.id}:${discriminator}:${at.getTime()}:${userId}`,
      kind: emailKind,
      at,
      params: {
        planId: plan.id,
        employeeName: plan.header.employeeName,
        by: typeof payload.by === 'string' ? payload.by : undefined,
        managerName: typeof payload.managerName === 'string' ? payload.managerName : undefined,
        decision:
          payload.decision === 'approved' || payload.decision === 'rejected' ? payload.decision : undefined,
      },
    });
  }
}
