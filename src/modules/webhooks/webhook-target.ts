import { BlockList, isIP } from 'node:net';

// Server-side request forgery: a webhook URL is a request we make from inside the network, so in
// production it must not reach our own machine, the private network, link-local addresses (the
// cloud metadata service at 169.254.169.254 / fd00:ec2::254) or unique-local IPv6. These rules are
// pure; the DNS step (resolve-webhook-target.ts) applies `isForbiddenAddress` to every address a
// host name resolves to, at subscription time and again at every delivery (DNS can change).

export type TargetRules = {
  /** Allow loopback/private/link-local targets (development and tests; false in production). */
  allowPrivateTargets: boolean;
  /** Only https:// (production). */
  httpsOnly: boolean;
};

const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 (embeds an IPv4 address we would not check)
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (ULA), includes fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');
}

/** An IPv4-mapped IPv6 address (::ffff:7f00:1, ::ffff:127.0.0.1) as its IPv4 address. */
function unmapped(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1] as string;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = Number.parseInt(hex[1] as string, 16);
    const lo = Number.parseInt(hex[2] as string, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}

/** True for an address a production webhook must not reach; also for anything not an IP. */
export function isForbiddenAddress(address: string): boolean {
  const plain = unmapped(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  const family = isIP(plain);
  if (family === 0) return true;
  return FORBIDDEN.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}

export type TargetProblem = { code: string; message: string };

/**
 * The checks that need no DNS: a well-formed http(s) URL without credentials; https only and no
 * internal host names or forbidden IP literals under production rules. A host name that passes
 * must still resolve to allowed addresses.
 */
export function checkWebhookUrl(raw: string, rules: TargetRules): TargetProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { code: 'invalid_url', message: 'Not an absolute URL.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'scheme_not_allowed', message: 'Only https:// (and http:// outside production) URLs.' };
  }
  if (rules.httpsOnly && url.protocol !== 'https:') {
    return { code: 'https_required', message: 'Webhook URLs must use https:// in production.' };
  }
  if (url.username || url.password) {
    return {
      code: 'credentials_in_url',
      message: 'Put no credentials in the URL; verify our signature instead.',
    };
  }
  if (rules.allowPrivateTargets) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(unmapped(host)) !== 0) {
    return isForbiddenAddress(host) ? privateTarget(host) : null;
  }
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.internal') ||
    host.endsWith('.local') ||
    !host.includes('.')
  ) {
    return privateTarget(host);
  }
  return null;
}

export function privateTarget(what: string): TargetProblem {
  return {
    code: 'private_target',
    message: `${what} is a loopback, private, link-local or internal address; webhooks may not target it.`,
  };
}
