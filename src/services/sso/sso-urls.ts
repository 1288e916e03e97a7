// The addresses Mejora gives an identity provider: OIDC redirect URI, SAML ACS, entity id and metadata.
import type { Config } from '../../config.ts';

const base = (config: Config) => `${config.publicUrl}/api/v1/auth/sso`;

export const ssoUrls = (config: Config, slug: string) => ({
  callbackUrl: `${base(config)}/callback`,
  acsUrl: `${base(config)}/saml/acs`,
  entityId: `${base(config)}/metadata?org=${encodeURIComponent(slug)}`,
  metadataServiceUrl: `${base(config)}/metadata?org=${encodeURIComponent(slug)}`,
  startUrl: `${base(config)}/start?org=${encodeURIComponent(slug)}`,
});
