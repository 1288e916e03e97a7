// Claims a row for a write: locks it and bumps its revision, returning the revision the client could have seen.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  activities,
  checkIns,
  contacts,
  employees,
  focusAreas,
  metrics,
  organizations,
  plans,
  planTemplates,
  successCriteria,
  users,
} from '../schema/index.ts';

/** The tables whose rows carry a revision (the migration gives each the bump trigger). */
export const revisioned = {
  plan: plans,
  focusArea: focusAreas,
  metric: metrics,
  activity: activities,
  successCriterion: successCriteria,
  contact: contacts,
  checkIn: checkIns,
  employee: employees,
  user: users,
  organization: organizations,
  template: planTemplates,
} as const;

export type RevisionedKind = keyof typeof revisioned;

/**
 * Locks the row and bumps its revision in one statement, so a write that changes only related rows
 * (a user's roles) still moves the ETag. Returns the revision before the bump, or null when no row
 * matches (also when the row belongs to another plan than `planId`).
 */
export async function claimRevision(
  db: Executor,
  kind: RevisionedKind,
  orgId: string,
  id: string,
  planId?: string,
): Promise<number | null> {
  const table = revisioned[kind];
  const byPlan = planId && 'planId' in table ? eq(table.planId, planId) : undefined;
  const [row] = await db
    .update(table)
    .set({ revision: sql`${table.revision}` })
    .where(and(eq(table.orgId, orgId), eq(table.id, id), byPlan))
    .returning({ revision: table.revision });
  return row ? row.revision - 1 : null;
}
