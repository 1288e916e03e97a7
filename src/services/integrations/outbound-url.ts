// Checks an outbound URL (webhook, Teams workflow) before it is stored and again before each request: the
// name is resolved, and a private address is refused unless the configuration allows it (SSRF).
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Config } from '../../config.ts';
import { invalidField } from '../../domain/errors.ts';
import { isPrivateAddress, outboundUrlProblem } from '../../domain/integrations/outbound-url.ts';

/** Null when the URL may be called, else why not. */
export async function outboundUrlRefusal(
  config: Pick<Config, 'isPrivateWebhookAllowed'>,
  raw: string,
): Promise<string | null> {
  const problem = outboundUrlProblem(raw, { isPrivateAllowed: config.isPrivateWebhookAllowed });
  if (problem || config.isPrivateWebhookAllowed) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null;
  try {
    const addresses = await lookup(host, { all: true });
    if (addresses.some((a) => isPrivateAddress(a.address)))
      return 'resolves to a private address, which is refused in production (set WEBHOOK_ALLOW_PRIVATE=true to allow it)';
    return null;
  } catch {
    return 'names a host that does not resolve';
  }
}

export async function requireOutboundUrl(
  config: Pick<Config, 'isPrivateWebhookAllowed'>,
  raw: string,
  path: string,
): Promise<void> {
  const refusal = await outboundUrlRefusal(config, raw);
  if (refusal) throw invalidField(path, refusal);
}
