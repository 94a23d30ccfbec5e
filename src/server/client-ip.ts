/**
 * The customer's IP address for `customer_ip_address`: the connection's peer address, or, when
 * the site says its proxy is trusted, the address that proxy recorded in a forwarding header.
 *
 * Written without `node:net` (the shared IP parser) so it runs in every Fetch runtime.
 */
import { isIpInRange, parseIpAddress, unmapIPv4 } from '../shared/ip-address.js';

/**
 * Which proxies to believe, modelled on Express's `trust proxy`:
 * - `false` (default): forwarding headers are ignored; the peer address is the client.
 * - `true`: trust every hop; the client is the left-most address in the header. Only safe when
 *   the app is reachable solely through a proxy that overwrites the header.
 * - a number `n`: trust the `n` proxies nearest the app; the client is the `n`-th address from
 *   the right of `[…header addresses, peer]`.
 * - addresses and CIDR ranges (`'10.0.0.0/8'`, `'::1'`), or the names `'loopback'`,
 *   `'linklocal'`, `'uniquelocal'`: walk from the peer leftwards while the hop is trusted; the
 *   first untrusted address is the client.
 * - a function `(address, hopIndex) => boolean`: the same walk with your own test (hop 0 is the
 *   peer).
 */
export type TrustProxy = boolean | number | string | readonly string[] | ((address: string, hop: number) => boolean);

/**
 * The one header consulted when `trustProxy` allows it. Only one, because a proxy maintains only
 * the header it knows: if the app also read another, a client could forge that one.
 */
export type ProxyHeader = 'x-forwarded-for' | 'forwarded' | 'x-real-ip';

export interface ClientIpOptions {
  trustProxy?: TrustProxy | undefined;
  proxyHeader?: ProxyHeader | undefined;
}

/** Resolves the customer's address from a request's headers and its peer address. */
export type ClientIpResolver = (headers: Headers, peerAddress: string | undefined) => string | undefined;

/**
 * Compiles the options once (a bad `trustProxy` entry throws here, at startup); the resolver
 * answers the customer's address, or `undefined` when none is known or it is not an IP address.
 */
export function createClientIpResolver(options: ClientIpOptions): ClientIpResolver {
  const trust = compileTrust(options.trustProxy ?? false);
  const proxyHeader = options.proxyHeader ?? 'x-forwarded-for';
  if (!['x-forwarded-for', 'forwarded', 'x-real-ip'].includes(proxyHeader)) {
    throw new TypeError(`proxyHeader must be 'x-forwarded-for', 'forwarded' or 'x-real-ip', got "${String(proxyHeader)}"`);
  }
  return (headers, peerAddress) => {
    const peer = peerAddress === undefined ? undefined : normalizeIp(peerAddress);
    if (trust === null) return peer;

    // Right to left: the peer first, then each address the proxies appended, nearest first.
    const hops: (string | undefined)[] = [peer, ...readForwardedChain(headers, proxyHeader).reverse()];
    for (let hop = 0; hop < hops.length; hop++) {
      const address = hops[hop];
      if (address === undefined) {
        // With no peer known (some Fetch runtimes), hop 0 can be skipped only when trusting it
        // does not depend on its address; an address list or a function needs the real peer.
        if (hop === 0 && trust.trustsUnknownPeer) continue;
        return undefined; // an unreadable hop: whatever lies beyond it cannot be trusted
      }
      if (hop === hops.length - 1 || !trust.trusts(address, hop)) return address;
    }
    return undefined;
  };
}

interface CompiledTrust {
  trusts(address: string, hop: number): boolean;
  /** Whether a missing peer address may be skipped as a trusted hop (`true` and hop counts). */
  trustsUnknownPeer: boolean;
}

function compileTrust(trustProxy: TrustProxy): CompiledTrust | null {
  if (trustProxy === false || trustProxy === 0) return null;
  if (trustProxy === true) return { trusts: () => true, trustsUnknownPeer: true };
  if (typeof trustProxy === 'number') {
    if (!Number.isInteger(trustProxy) || trustProxy < 0) {
      throw new TypeError(`trustProxy: a hop count must be a non-negative integer, got ${trustProxy}`);
    }
    // Hop counting never looks at the peer's address, so an unknown one is still hop 0.
    return { trusts: (_address, hop) => hop < trustProxy, trustsUnknownPeer: true };
  }
  if (typeof trustProxy === 'function') return { trusts: trustProxy, trustsUnknownPeer: false };
  const list = typeof trustProxy === 'string' ? trustProxy.split(',') : trustProxy;
  const ranges = list.map((entry) => entry.trim()).filter(Boolean).flatMap(parseTrustEntry);
  return {
    // The shared range test also matches an IPv4 range against IPv4-mapped IPv6 addresses.
    trusts: (address) => ranges.some((range) => isIpInRange(address, range)),
    trustsUnknownPeer: false,
  };
}

/** Reads the chosen header into a list of normalized addresses, left to right; junk stays as `undefined`. */
function readForwardedChain(headers: Headers, header: ProxyHeader): (string | undefined)[] {
  const value = headers.get(header);
  if (value === null || value.trim() === '') return [];
  if (header === 'x-real-ip') return [normalizeIp(value.trim())];
  if (header === 'x-forwarded-for') return value.split(',').map((entry) => normalizeIp(entry.trim()));
  // RFC 7239: `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::17]:4711"`.
  return value.split(',').map((element) => {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0) continue;
      if (pair.slice(0, eq).trim().toLowerCase() !== 'for') continue;
      return normalizeIp(pair.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    return undefined;
  });
}

/**
 * `1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`, `::ffff:1.2.3.4` → the bare address (IPv4-mapped IPv6
 * becomes IPv4, which is what Stripe's geolocation expects); anything else → `undefined`.
 */
export function normalizeIp(raw: string): string | undefined {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%[\w.-]+$/, ''); // IPv6 zone id (`fe80::1%eth0`) means nothing to Stripe.
  const bytes = parseIpAddress(text);
  if (bytes === null) return undefined;
  const unmapped = unmapIPv4(bytes);
  return unmapped.length === 4 ? unmapped.join('.') : text.toLowerCase();
}

const NAMED_RANGES: Record<string, readonly string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** An entry of a `trustProxy` list as CIDR ranges; throws on anything unreadable. */
function parseTrustEntry(entry: string): string[] {
  const named = NAMED_RANGES[entry.toLowerCase()];
  if (named) return [...named];
  const [address = '', prefixText] = entry.split('/');
  const bytes = parseIpAddress(address);
  const maxPrefix = bytes?.length === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (bytes === null || !/^\d*$/.test(prefixText ?? '') || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
    throw new TypeError(`trustProxy: "${entry}" is not an IP address, a CIDR range or a known name`);
  }
  return [`${address}/${prefix}`];
}
