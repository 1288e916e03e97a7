// Which addresses Mejora may send webhooks and Teams messages to: https to public addresses; private,
// loopback and link-local ones (SSRF) only where the configuration allows them.
import { BlockList, isIP } from 'node:net';

const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 0) return true;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  return privateRanges.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

const isLoopbackName = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]';

/** A problem with the URL itself (before any address is looked up), or null. */
export function outboundUrlProblem(raw: string, options: { isPrivateAllowed: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password';
  if (url.protocol === 'http:') {
    if (!(options.isPrivateAllowed && isLoopbackName(url.hostname)))
      return 'must use https (http is accepted for a loopback address in development and tests only)';
  } else if (url.protocol !== 'https:') {
    return 'must use https';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.isPrivateAllowed && (isLoopbackName(url.hostname) || (isIP(host) && isPrivateAddress(host))))
    return 'names a private or loopback address, which is refused in production (set WEBHOOK_ALLOW_PRIVATE=true to allow it)';
  return null;
}
