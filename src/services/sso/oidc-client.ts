// The OpenID Connect relying party (openid-client): discovery of the organisation's issuer, kept for ten minutes.
import * as client from 'openid-client';
import type { Config } from '../../config.ts';

export type OidcClientSettings = { issuer: string; clientId: string; clientSecret: string };

const cacheMs = 10 * 60_000;
const cache = new Map<string, { at: number; configuration: Promise<client.Configuration> }>();

/** Plain http is accepted for an issuer on this machine only (a development or test identity provider). */
const isLoopback = (url: URL) =>
  url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export function discoverOidc(_config: Config, settings: OidcClientSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  if (issuer.protocol !== 'https:' && !isLoopback(issuer))
    return Promise.reject(new Error('The issuer must use https'));
  const key = `${settings.issuer}\n${settings.clientId}\n${settings.clientSecret}`;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < cacheMs) return cached.configuration;
  const configuration = client.discovery(
    issuer,
    settings.clientId,
    undefined,
    client.ClientSecretBasic(settings.clientSecret),
    { execute: isLoopback(issuer) ? [client.allowInsecureRequests] : [], timeout: 10 },
  );
  cache.set(key, { at: Date.now(), configuration });
  configuration.catch(() => cache.delete(key));
  return configuration;
}
