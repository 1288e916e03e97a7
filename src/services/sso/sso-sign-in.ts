// A sign-in through the organisation's identity provider: the redirect to it (OIDC authorization code flow with
// PKCE, state and nonce; SAML 2.0 AuthnRequest over HTTP-Redirect) and the answer it sends back.

import { generateServiceProviderMetadata, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { and, eq, gt, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import type { Config } from '../../config.ts';
import { organizationSso, organizations, samlAssertionsUsed, ssoSignIns } from '../../db/schema/index.ts';
import type { SignedIn } from '../auth/sessions.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import type { Deps, RequestMeta } from '../context.ts';
import { discoverOidc } from './oidc-client.ts';
import { type IdpMetadata, readIdpMetadata } from './saml-metadata.ts';
import { openSecret } from './secret-box.ts';
import { signInPerson } from './sign-in-person.ts';
import { SsoRefusal } from './sso-refusal.ts';
import { ssoUrls } from './sso-urls.ts';

/** How long a sign-in may stay at the identity provider. */
const signInTtlMs = 10 * 60_000;
/** The clock difference tolerated between Mejora and a SAML identity provider. */
const samlClockSkewMs = 30_000;
const emailFormat = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

type Settings = typeof organizationSso.$inferSelect;
type Org = { id: string; slug: string; sso: Settings };

async function orgBySlug(deps: Deps, slug: string): Promise<Org> {
  const [row] = await deps.database.db
    .select({ id: organizations.id, slug: organizations.slug, sso: organizationSso })
    .from(organizations)
    .innerJoin(organizationSso, eq(organizationSso.orgId, organizations.id))
    .where(eq(organizations.slug, slug));
  if (!row)
    throw new SsoRefusal(
      'not_configured',
      'No organisation with this name signs in through an identity provider',
    );
  return row;
}

async function orgById(deps: Deps, id: string): Promise<Org> {
  const [row] = await deps.database.db
    .select({ id: organizations.id, slug: organizations.slug, sso: organizationSso })
    .from(organizations)
    .innerJoin(organizationSso, eq(organizationSso.orgId, organizations.id))
    .where(eq(organizations.id, id));
  if (!row)
    throw new SsoRefusal(
      'not_configured',
      'The organisation no longer signs in through an identity provider',
    );
  return row;
}

const oidcConfiguration = (deps: Deps, sso: Settings) =>
  discoverOidc(deps.config, {
    issuer: sso.oidcIssuer as string,
    clientId: sso.oidcClientId as string,
    clientSecret: openSecret(deps.config.secret, sso.oidcClientSecretEncrypted as string),
  }).catch(() => {
    throw new SsoRefusal('provider_error', "The identity provider's discovery document could not be read");
  });

function idpMetadataOf(sso: Settings): IdpMetadata {
  const metadata = readIdpMetadata(sso.samlMetadataXml ?? '');
  if (typeof metadata === 'string')
    throw new SsoRefusal('not_configured', `The identity provider's metadata ${metadata}`);
  return metadata;
}

function samlFor(config: Config, org: Org, metadata: IdpMetadata, requestId: string) {
  const urls = ssoUrls(config, org.slug);
  return new SAML({
    callbackUrl: urls.acsUrl,
    entryPoint: metadata.ssoUrl,
    issuer: urls.entityId,
    audience: urls.entityId,
    idpIssuer: metadata.entityId,
    idpCert: metadata.certificates,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: samlClockSkewMs,
    identifierFormat: emailFormat,
    // The identity provider decides how people authenticate (MFA included).
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    generateUniqueId: () => requestId,
    // The answer must reply to the request this browser started (kept in sso_sign_ins, not in memory).
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: signInTtlMs,
    cacheProvider: {
      saveAsync: async (_key, value) => ({ value, createdAt: Date.now() }),
      getAsync: async (key) => (key === requestId ? new Date().toISOString() : null),
      removeAsync: async (key) => key,
    },
  });
}

export type SsoStart = { redirectUrl: string; state: string; protocol: 'oidc' | 'saml' };

export async function startSsoSignIn(deps: Deps, slug: string): Promise<SsoStart> {
  const org = await orgBySlug(deps, slug);
  const db = deps.database.db;
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + signInTtlMs);
  await db.delete(ssoSignIns).where(lt(ssoSignIns.expiresAt, now));
  const state = newSecret();
  if (org.sso.protocol === 'oidc') {
    const configuration = await oidcConfiguration(deps, org.sso);
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await db.insert(ssoSignIns).values({
      id: hashSecret(state),
      orgId: org.id,
      protocol: 'oidc',
      nonce,
      codeVerifier,
      createdAt: now,
      expiresAt,
    });
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: ssoUrls(deps.config, org.slug).callbackUrl,
      scope: 'openid email profile',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { redirectUrl: url.href, state, protocol: 'oidc' };
  }
  const metadata = idpMetadataOf(org.sso);
  // An XML id must not start with a digit.
  const requestId = `_${newSecret().replace(/[^A-Za-z0-9]/g, '')}`;
  await db.insert(ssoSignIns).values({
    id: hashSecret(state),
    orgId: org.id,
    protocol: 'saml',
    samlRequestId: requestId,
    createdAt: now,
    expiresAt,
  });
  const redirectUrl = await samlFor(deps.config, org, metadata, requestId).getAuthorizeUrlAsync(
    state,
    undefined,
    {},
  );
  return { redirectUrl, state, protocol: 'saml' };
}

/** Takes the sign-in under way for this state, once: a second use, or one past ten minutes, finds nothing. */
async function takeSignIn(deps: Deps, state: string, protocol: 'oidc' | 'saml') {
  const [row] = await deps.database.db
    .delete(ssoSignIns)
    .where(
      and(
        eq(ssoSignIns.id, hashSecret(state)),
        eq(ssoSignIns.protocol, protocol),
        gt(ssoSignIns.expiresAt, deps.now()),
      ),
    )
    .returning();
  if (!row) throw new SsoRefusal('expired', 'The sign-in is unknown, already used or older than ten minutes');
  return row;
}

export async function finishOidcSignIn(
  deps: Deps,
  meta: RequestMeta,
  input: { query: URLSearchParams; browserState: string | undefined },
): Promise<SignedIn> {
  const state = input.query.get('state');
  // The state must come back to the browser that started the sign-in (its httpOnly cookie), not another one.
  if (!state || !input.browserState || state !== input.browserState)
    throw new SsoRefusal('expired', 'The sign-in was not started in this browser');
  const started = await takeSignIn(deps, state, 'oidc');
  const org = await orgById(deps, started.orgId);
  if (org.sso.protocol !== 'oidc')
    throw new SsoRefusal('expired', 'The identity provider was changed meanwhile');
  if (input.query.get('error'))
    throw new SsoRefusal('provider_error', `The identity provider refused: ${input.query.get('error')}`);
  const configuration = await oidcConfiguration(deps, org.sso);
  const currentUrl = new URL(ssoUrls(deps.config, org.slug).callbackUrl);
  currentUrl.search = input.query.toString();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: started.codeVerifier as string,
      expectedState: state,
      expectedNonce: started.nonce as string,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new SsoRefusal(
      'invalid_response',
      `The identity provider's answer was refused (${(error as Error).message})`,
    );
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoRefusal('invalid_response', 'The identity provider sent no ID token');
  let profile: Record<string, unknown> = claims;
  if (claims.email === undefined) {
    profile = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub).catch(() => claims);
  }
  // Entra ID sends no email_verified; its optional claim xms_edov says the email's domain is verified by the tenant.
  const isVerified = profile.email_verified === true || profile.xms_edov === true;
  const email = typeof profile.email === 'string' && isVerified ? profile.email : null;
  return signInPerson(
    deps,
    meta,
    { id: org.id, isAutoCreate: org.sso.isAutoCreate },
    {
      issuer: claims.iss,
      subject: claims.sub,
      verifiedEmail: email,
      name: typeof profile.name === 'string' ? profile.name : null,
    },
    'oidc',
  );
}

const saml2 = 'urn:oasis:names:tc:SAML:2.0:assertion';

export async function finishSamlSignIn(
  deps: Deps,
  meta: RequestMeta,
  input: { samlResponse: string; relayState: string },
): Promise<SignedIn> {
  const started = await takeSignIn(deps, input.relayState, 'saml');
  const org = await orgById(deps, started.orgId);
  if (org.sso.protocol !== 'saml')
    throw new SsoRefusal('expired', 'The identity provider was changed meanwhile');
  const metadata = idpMetadataOf(org.sso);
  const urls = ssoUrls(deps.config, org.slug);
  const saml = samlFor(deps.config, org, metadata, started.samlRequestId as string);
  let profile: Awaited<ReturnType<SAML['validatePostResponseAsync']>>['profile'];
  try {
    ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: input.samlResponse }));
  } catch (error) {
    throw new SsoRefusal('invalid_response', `The SAML response was refused (${(error as Error).message})`);
  }
  if (!profile) throw new SsoRefusal('invalid_response', 'The SAML response carries no assertion');
  // node-saml checked signature, audience, time and InResponseTo; the issuer, recipient and replay are checked here,
  // on the signed assertion only.
  if (profile.issuer !== metadata.entityId)
    throw new SsoRefusal('invalid_response', 'The assertion comes from another identity provider');
  const assertion = new DOMParser().parseFromString(
    profile.getAssertionXml?.() ?? '',
    'text/xml',
  ).documentElement;
  const assertionId = assertion?.getAttribute('ID');
  const confirmations = assertion
    ? Array.from(assertion.getElementsByTagNameNS(saml2, 'SubjectConfirmationData'))
    : [];
  if (!assertionId || !confirmations.some((c) => c.getAttribute('Recipient') === urls.acsUrl))
    throw new SsoRefusal('invalid_response', 'The assertion is not addressed to this service (Recipient)');
  const conditions = assertion?.getElementsByTagNameNS(saml2, 'Conditions')[0];
  const notOnOrAfter =
    conditions?.getAttribute('NotOnOrAfter') ?? confirmations[0]?.getAttribute('NotOnOrAfter');
  const now = deps.now();
  const keepUntil =
    notOnOrAfter && !Number.isNaN(Date.parse(notOnOrAfter))
      ? new Date(Date.parse(notOnOrAfter) + samlClockSkewMs)
      : new Date(now.getTime() + 24 * 3600_000);
  const db = deps.database.db;
  await db
    .delete(samlAssertionsUsed)
    .where(and(eq(samlAssertionsUsed.orgId, org.id), lt(samlAssertionsUsed.expiresAt, now)));
  const fresh = await db
    .insert(samlAssertionsUsed)
    .values({
      orgId: org.id,
      assertionId,
      expiresAt: keepUntil > now ? keepUntil : new Date(now.getTime() + 24 * 3600_000),
    })
    .onConflictDoNothing()
    .returning({ id: samlAssertionsUsed.assertionId });
  if (fresh.length === 0) throw new SsoRefusal('replayed', 'This assertion was already used');
  const nameId = profile.nameID;
  const isEmail =
    (profile.nameIDFormat === emailFormat || !profile.nameIDFormat?.endsWith(':persistent')) &&
    /^[^@\s]+@[^@\s]+$/.test(nameId);
  const attributes = profile as Record<string, unknown>;
  const displayName =
    attributes.displayName ?? attributes['http://schemas.microsoft.com/identity/claims/displayname'];
  return signInPerson(
    deps,
    meta,
    { id: org.id, isAutoCreate: org.sso.isAutoCreate },
    {
      issuer: metadata.entityId,
      subject: nameId,
      verifiedEmail: isEmail ? nameId : null,
      name: typeof displayName === 'string' ? displayName : null,
    },
    'saml',
  );
}

/** Mejora's service provider metadata for the organisation (whatever its identity provider today). */
export async function serviceProviderMetadata(deps: Deps, slug: string): Promise<string | null> {
  const [org] = await deps.database.db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!org) return null;
  const urls = ssoUrls(deps.config, org.slug);
  return generateServiceProviderMetadata({
    issuer: urls.entityId,
    callbackUrl: urls.acsUrl,
    identifierFormat: emailFormat,
    wantAssertionsSigned: true,
  });
}

/** What the sign-in page shows for an organisation: a "Sign in with …" button, or nothing. */
export async function ssoDiscovery(deps: Deps, slug: string) {
  const [row] = await deps.database.db
    .select({
      slug: organizations.slug,
      protocol: organizationSso.protocol,
      displayName: organizationSso.displayName,
    })
    .from(organizations)
    .innerJoin(organizationSso, eq(organizationSso.orgId, organizations.id))
    .where(eq(organizations.slug, slug));
  if (!row) return { isEnabled: false, protocol: null, displayName: null, startUrl: null };
  return {
    isEnabled: true,
    protocol: row.protocol,
    displayName: row.displayName,
    startUrl: `/api/v1/auth/sso/start?org=${encodeURIComponent(row.slug)}`,
  };
}
