// Single sign-on: an organisation's identity provider, the people linked to it, sign-ins under way and the SAML
// assertions already used.
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisationKey, sameOrganisation } from './keys.ts';
import { organizations, users } from './organizations.ts';

/** One identity provider per organisation, OpenID Connect or SAML 2.0. */
export const organizationSso = pgTable(
  'organization_sso',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => organizations.id),
    protocol: text('protocol').$type<'oidc' | 'saml'>().notNull(),
    /** Shown on the sign-in page: "Sign in with …". */
    displayName: text('display_name').notNull(),
    oidcIssuer: text('oidc_issuer'),
    oidcClientId: text('oidc_client_id'),
    /** AES-256-GCM under a key derived from MEJORA_SECRET; never returned by the API nor logged. */
    oidcClientSecretEncrypted: text('oidc_client_secret_encrypted'),
    samlMetadataXml: text('saml_metadata_xml'),
    samlMetadataUrl: text('saml_metadata_url'),
    isAutoCreate: boolean('is_auto_create').notNull().default(false),
    isSsoOnly: boolean('is_sso_only').notNull().default(false),
    /** The HR administrator who may still sign in with a password when the organisation is SSO only. */
    breakGlassUserId: uuid('break_glass_user_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [sameOrganisation('organization_sso_break_glass_user_id_fkey', t, t.breakGlassUserId, users)],
);

/** A person's account linked to the identity provider's subject (OIDC `sub`, SAML NameID) once they signed in. */
export const ssoIdentities = pgTable(
  'sso_identities',
  {
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id').notNull(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sso_identities_subject_idx').on(t.orgId, t.issuer, t.subject),
    index('sso_identities_user_idx').on(t.orgId, t.userId),
    sameOrganisation('sso_identities_user_id_fkey', t, t.userId, users),
  ],
);

/**
 * A sign-in under way, for at most ten minutes and used once: keyed by the SHA-256 of the state sent to the identity
 * provider (the value itself lives only in the browser's cookie and the redirect), with the OIDC nonce and PKCE
 * verifier or the SAML request id.
 */
export const ssoSignIns = pgTable(
  'sso_sign_ins',
  {
    id: text('id').notNull(),
    orgId: uuid('org_id').notNull(),
    protocol: text('protocol').$type<'oidc' | 'saml'>().notNull(),
    nonce: text('nonce'),
    codeVerifier: text('code_verifier'),
    samlRequestId: text('saml_request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sso_sign_ins_expiry_idx').on(t.expiresAt),
    uniqueIndex('sso_sign_ins_saml_request_idx').on(t.orgId, t.samlRequestId),
    organisationKey('sso_sign_ins_pkey', t),
    // A sign-in is found by its state's hash when the identity provider sends the person back.
    index('sso_sign_ins_id_idx').on(t.id),
  ],
);

/** SAML assertion ids already accepted, kept until the assertion expires, so none is accepted twice. */
export const samlAssertionsUsed = pgTable(
  'saml_assertions_used',
  {
    orgId: uuid('org_id').notNull(),
    assertionId: text('assertion_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.assertionId] })],
);
