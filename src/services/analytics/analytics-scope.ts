// Which plans an actor's analytics cover, as SQL conditions every analytics statement adds.
import { type SQL, sql } from 'drizzle-orm';
import { analyticsScopeOf } from '../../domain/access/policy.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ServiceContext } from '../context.ts';

export type AnalyticsScope = {
  kind: 'organization' | 'assigned';
  orgId: string;
  /** Condition on a plans row aliased `p`. */
  plans: SQL;
  /** Condition on a row of a plan's table (check-ins, activities…) aliased as given. */
  rowsOf: (alias: string) => SQL;
};

/** The actor's scope, or 403 for roles that read no analytics. */
export function analyticsScope({ actor }: ServiceContext): AnalyticsScope {
  const kind = analyticsScopeOf(actor);
  if (!kind) throw new DomainError('forbidden', 'HR analytics are for HR and auditors');
  const orgId = actor.orgId;
  if (kind === 'organization') {
    return {
      kind,
      orgId,
      plans: sql`p.org_id = ${orgId}`,
      rowsOf: (alias) => sql`${sql.raw(alias)}.org_id = ${orgId}`,
    };
  }
  const mine = sql`(p.hr_rep_user_id = ${actor.userId} or p.created_by_user_id = ${actor.userId})`;
  return {
    kind,
    orgId,
    plans: sql`p.org_id = ${orgId} and ${mine}`,
    rowsOf: (alias) =>
      sql`${sql.raw(alias)}.org_id = ${orgId} and ${sql.raw(alias)}.plan_id in (select p.id from plans p where p.org_id = ${orgId} and ${mine})`,
  };
}
