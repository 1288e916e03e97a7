// Keys that carry the organisation (decision 0009): the distribution column first in every tenant table's primary
// key, and in every foreign key between tenant tables, so that a row can only point into its own organisation.
import { foreignKey, type PgColumn, primaryKey } from 'drizzle-orm/pg-core';

/** A tenant table's primary key: `(org_id, id)`. */
export const organisationKey = (name: string, t: { orgId: PgColumn; id: PgColumn }) =>
  primaryKey({ name, columns: [t.orgId, t.id] });

/** `(org_id, column)` → `(org_id, id)` of `target`: a reference to a row of the same organisation. */
export const sameOrganisation = (
  name: string,
  t: { orgId: PgColumn },
  column: PgColumn,
  target: { orgId: PgColumn; id: PgColumn },
) => foreignKey({ name, columns: [t.orgId, column], foreignColumns: [target.orgId, target.id] });
