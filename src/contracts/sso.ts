// Single sign-on over HTTP: the organisation's identity provider settings and what the sign-in page asks.
import { z } from 'zod';
import { shortText } from './common.ts';

const httpsUrl = z
  .url({ message: 'must be an absolute URL' })
  .max(2000)
  .refine((value) => /^https?:\/\//.test(value), { message: 'must be an http(s) URL' });

const options = {
  displayName: shortText(100)
    .optional()
    .describe('Shown on the sign-in page as "Sign in with …"; by default the identity provider\'s host'),
  createAccountsOnFirstSignIn: z
    .boolean()
    .default(false)
    .describe(
      'Create an employee account (and employee record) for a person the directory does not know yet',
    ),
  ssoOnly: z
    .boolean()
    .default(false)
    .describe('Passwords are refused, except for the break-glass HR administrator'),
  breakGlassUserId: z
    .uuid({ message: 'must be a valid id' })
    .optional()
    .describe('The HR administrator who keeps a password when ssoOnly; by default whoever saves'),
};

export const ssoOidcBody = z
  .object({
    protocol: z.literal('oidc'),
    issuer: httpsUrl.describe(
      "The identity provider's issuer; its /.well-known/openid-configuration is read",
    ),
    clientId: shortText(500),
    clientSecret: z.string().min(1, 'is required').max(2000).describe('Stored encrypted, never returned'),
    ...options,
  })
  .strict();

export const ssoSamlBody = z
  .object({
    protocol: z.literal('saml'),
    metadataXml: z.string().min(1, 'must not be empty').max(500_000).optional(),
    metadataUrl: httpsUrl.optional(),
    ...options,
  })
  .strict();

export const ssoSettingsBody = z.discriminatedUnion('protocol', [ssoOidcBody, ssoSamlBody]);

export const ssoSettingsSchema = z
  .object({
    protocol: z.enum(['oidc', 'saml']),
    displayName: z.string(),
    issuer: z.string().nullable().describe("OIDC issuer, or the SAML identity provider's entity id"),
    clientId: z.string().nullable(),
    hasClientSecret: z.boolean(),
    metadataUrl: z.string().nullable(),
    createAccountsOnFirstSignIn: z.boolean(),
    ssoOnly: z.boolean(),
    breakGlassUserId: z.string().nullable(),
    /** What to give the identity provider. */
    callbackUrl: z.string().describe('OIDC redirect URI'),
    acsUrl: z.string().describe('SAML assertion consumer service (HTTP-POST)'),
    entityId: z.string().describe('SAML service provider entity id'),
    metadataServiceUrl: z.string().describe('SAML service provider metadata'),
    updatedAt: z.string(),
  })
  .meta({ id: 'SsoSettings' });

export const orgQuery = z.object({
  org: z.string().trim().min(1, 'is required').max(100).describe("The organisation's short name (slug)"),
});

export const ssoDiscoverySchema = z.object({
  isEnabled: z.boolean(),
  protocol: z.enum(['oidc', 'saml']).nullable(),
  displayName: z.string().nullable(),
  startUrl: z.string().nullable(),
});
