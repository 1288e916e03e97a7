// The organisation's settings for fair procedure, with their defaults filled in.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { organizations } from '../../db/schema/index.ts';
import type { OrganizationSettings } from '../../db/schema/organizations.ts';
import { defaultAppealWorkingDays } from '../../domain/plan/appeals.ts';
import { defaultMinimumPlanDays } from '../../domain/plan/readiness.ts';

export type FullSettings = Required<OrganizationSettings>;

export const withDefaults = (settings: OrganizationSettings): FullSettings => ({
  ...settings,
  minimumPlanDays: settings.minimumPlanDays ?? defaultMinimumPlanDays,
  appealWorkingDays: settings.appealWorkingDays ?? defaultAppealWorkingDays,
  wordingTerms: settings.wordingTerms ?? [],
  wordingPairs: settings.wordingPairs ?? [],
});

export async function organizationSettings(db: Executor, orgId: string): Promise<FullSettings> {
  const [org] = await db
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  if (!org) throw new Error(`organisation ${orgId} is missing`);
  return withDefaults(org.settings);
}
