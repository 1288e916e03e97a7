// The bearer tokens an organisation's identity provider uses to keep the directory in step over SCIM 2.0.
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisationKey, sameOrganisation } from './keys.ts';
import { organizations, users } from './organizations.ts';

export const scimTokens = pgTable(
  'scim_tokens',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    /** What HR calls it, e.g. "Entra ID production". */
    name: text('name').notNull(),
    /** SHA-256 of the token; the token itself is shown once, when made. */
    tokenHash: text('token_hash').notNull().unique(),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('scim_tokens_org_idx').on(t.orgId),
    organisationKey('scim_tokens_pkey', t),
    sameOrganisation('scim_tokens_created_by_user_id_fkey', t, t.createdByUserId, users),
  ],
);
