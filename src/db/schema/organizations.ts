// Organisations, user accounts, roles, sessions and API tokens.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ExtraPair, ExtraTerm } from '../../domain/plan/wording.ts';
import { bytea } from './columns.ts';
import { organisationKey, sameOrganisation } from './keys.ts';

export type OrganizationSettings = {
  timezone: string;
  retentionYears: number;
  defaultLocale: 'en' | 'es';
  /** Shortest plan, in days, the readiness check lets through (default 30). */
  minimumPlanDays?: number;
  /** Working days after the outcome in which the employee may appeal (default 10). */
  appealWorkingDays?: number;
  /** Terms the organisation adds to the wording check's lists. */
  wordingTerms?: ExtraTerm[];
  /** Pairs of contradictory demands the organisation adds to the wording check's lists. */
  wordingPairs?: ExtraPair[];
};

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Equal to id: every table carries org_id so the schema distributes by it. */
  orgId: uuid('org_id').notNull(),
  /** Bumped by the database on every update; the ETag clients send back in If-Match. */
  revision: integer('revision').notNull().default(1),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  settings: jsonb('settings').$type<OrganizationSettings>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    /** Bumped by the database on every update; the ETag clients send back in If-Match. */
    revision: integer('revision').notNull().default(1),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** Null for a person who has not set a password yet (invited) or signs in through the identity provider only. */
    passwordHash: text('password_hash'),
    locale: text('locale').$type<'en' | 'es'>().notNull().default('en'),
    isEmailOptOut: boolean('is_email_opt_out').notNull().default(false),
    calendarTokenHash: text('calendar_token_hash'),
    /** How each kind of event reaches this person (see domain/notifications/preferences.ts); absent kinds use the default. */
    notificationPreferences: jsonb('notification_preferences')
      .$type<Record<string, 'in_app' | 'email' | 'digest' | 'off'>>()
      .notNull()
      .default({}),
    digestFrequency: text('digest_frequency').$type<'daily' | 'weekly'>().notNull().default('daily'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /**
     * Kept by the database from role_memberships and employees (migration 0026), never written by the services:
     * the roles and directory record every request's sign-in reads with the account, without two more lookups.
     */
    roles: text('roles').array().$type<Role[]>().notNull().default(sql`'{}'::text[]`),
    employeeId: uuid('employee_id'),
  },
  (t) => [
    uniqueIndex('users_email_idx').on(sql`lower(${t.email})`),
    index('users_org_idx').on(t.orgId),
    organisationKey('users_pkey', t),
  ],
);

export const roles = ['hr_admin', 'hr', 'manager', 'employee', 'mentor', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleMemberships = pgTable(
  'role_memberships',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<Role>().notNull(),
  },
  (t) => [
    uniqueIndex('role_memberships_pk').on(t.orgId, t.userId, t.role),
    sameOrganisation('role_memberships_user_id_fkey', t, t.userId, users),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie value; the value itself is never stored. */
    id: text('id').notNull(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('sessions_user_idx').on(t.orgId, t.userId),
    organisationKey('sessions_pkey', t),
    // A session is found by its cookie's hash before its organisation is known.
    index('sessions_id_idx').on(t.id),
    sameOrganisation('sessions_user_id_fkey', t, t.userId, users),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('api_tokens_user_idx').on(t.orgId, t.userId),
    organisationKey('api_tokens_pkey', t),
    sameOrganisation('api_tokens_user_id_fkey', t, t.userId, users),
  ],
);

/** The organisation's logo, printed in the header of its documents. */
export const organizationLogos = pgTable('organization_logos', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id),
  contentType: text('content_type').$type<'image/png' | 'image/jpeg'>().notNull(),
  image: bytea('image').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * One-time links that let a person set their password: an invitation (seven days) or a reset (one hour). Only the
 * SHA-256 of the token is stored; a link is used once, and a newer one of the same purpose voids the older.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').$type<'invitation' | 'password_reset'>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Who sent it: HR for an invitation, null for a reset the person asked for. */
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
  },
  (t) => [
    index('one_time_tokens_user_idx').on(t.orgId, t.userId, t.purpose),
    organisationKey('one_time_tokens_pkey', t),
    sameOrganisation('one_time_tokens_user_id_fkey', t, t.userId, users),
  ],
);
