// In-app notifications of procedure events (responses, appeals): no email, no personal text in the payload.
import type { Executor } from '../../db/client.ts';
import { notifications } from '../../db/schema/index.ts';
import type { PlanRow } from '../../domain/plan/aggregate.ts';

export async function notifyInApp(
  tx: Executor,
  plan: PlanRow,
  recipients: (string | null)[],
  kind: string,
  at: Date,
  payload: Record<string, unknown> = {},
): Promise<void> {
  const ids = [...new Set(recipients.filter((id): id is string => Boolean(id)))];
  if (ids.length === 0) return;
  await tx.insert(notifications).values(
    ids.map((userId) => ({
      orgId: plan.orgId,
      userId,
      planId: plan.id,
      kind,
      payload: { employeeName: plan.header.employeeName, status: plan.status, ...payload },
      createdAt: at.toISOString(),
    })),
  );
}
