// The plan statuses in lifecycle order, checked against the contract so the two cannot drift.
import type { PlanStatus } from './types.ts';

export const planStatuses = [
  'draft',
  'in_review',
  'awaiting_acknowledgment',
  'active',
  'paused',
  'closed',
  'cancelled',
] as const satisfies readonly PlanStatus[];

// Fails to compile when the contract gains a status this list lacks.
type Missing = Exclude<PlanStatus, (typeof planStatuses)[number]>;
const isComplete: Missing extends never ? true : false = true;
void isComplete;
