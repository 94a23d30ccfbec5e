/**
 * IPv4 and IPv6 parsing without `node:net`, so the rules also run where the server kit runs
 * (Cloudflare Workers, Deno, Bun, the browser).
 */

function parseIPv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // Decimal only, no leading zeros: "010" is octal in some parsers, ambiguous, so refused.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const value = Number(part);
    if (value > 255) return null;
    bytes.push(value);
  }
  return bytes;
}

function parseIPv6Bytes(text: string): number[] | null {
  if (text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): string[] | null => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!head || !tail) return null;

  // An embedded IPv4 address may end the address (::ffff:192.0.2.1).
  const words: number[] = [];
  const all = [...head, ...tail];
  const last = all[all.length - 1];
  let embedded: number[] | null = null;
  if (last !== undefined && last.includes('.')) {
    embedded = parseIPv4Bytes(last);
    if (!embedded) return null;
    if (tail.length > 0) tail.pop();
    else head.pop();
  }
  const toWord = (group: string): number | null => (/^[0-9a-fA-F]{1,4}$/.test(group) ? parseInt(group, 16) : null);
  const headWords = head.map(toWord);
  const tailWords = tail.map(toWord);
  if (headWords.includes(null) || tailWords.includes(null)) return null;

  const wordCount = 8 - (embedded ? 2 : 0);
  const given = headWords.length + tailWords.length;
  if (halves.length === 2) {
    if (given >= wordCount) return null; // "::" must stand for at least one group
    words.push(...(headWords as number[]), ...new Array<number>(wordCount - given).fill(0), ...(tailWords as number[]));
  } else {
    if (given !== wordCount) return null;
    words.push(...(headWords as number[]));
  }
  const bytes = words.flatMap((word) => [word >> 8, word & 0xff]);
  if (embedded) bytes.push(...embedded);
  return bytes;
}

/** The address as 4 (IPv4) or 16 (IPv6) bytes, or `null` when `text` is not an IP address. */
export function parseIpAddress(text: string): Uint8Array | null {
  const bytes = text.includes(':') ? parseIPv6Bytes(text) : parseIPv4Bytes(text);
  return bytes ? Uint8Array.from(bytes) : null;
}

export function isIpAddress(text: string): boolean {
  return parseIpAddress(text) !== null;
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 bytes; others unchanged. */
export function unmapIPv4(bytes: Uint8Array): Uint8Array {
  const mapped = bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

/** Whether `address` lies inside `cidr` ("203.0.113.0/24", "2001:db8::/32"). */
export function isIpInRange(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const target = parseIpAddress(address);
  const prefix = base === undefined ? null : parseIpAddress(base);
  if (!target || !prefix) return false;
  const a = unmapIPv4(target);
  const p = unmapIPv4(prefix);
  if (a.length !== p.length) return false;
  const bits = bitsText === undefined ? p.length * 8 : Number(bitsText);
  for (let i = 0; i < bits; i++) {
    const mask = 0x80 >> i % 8;
    if (((a[i >> 3] ?? 0) & mask) !== ((p[i >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

/** How much of an address identifies one client: its network prefix, per family. */
export interface NetworkPrefixes {
  /** Bits of an IPv4 address kept (32: the address itself). */
  ipv4: number;
  /** Bits of an IPv6 address kept (64: the /64 a single home or phone is given). */
  ipv6: number;
}

export const DEFAULT_NETWORK_PREFIXES: Readonly<NetworkPrefixes> = { ipv4: 32, ipv6: 64 };

/**
 * One string per client network, whatever the spelling of the address: `1.2.3.4`,
 * `::ffff:1.2.3.4` and `::FFFF:102:304` are one IPv4 client; `2001:db8::1`, `2001:DB8:0:0::7` and
 * `2001:0db8:0000:0000:ffff::1` share the /64 `2001:db8:0:0::/64`. `undefined` for text that is not
 * an address. A zone id (`fe80::1%eth0`) or brackets are the caller's to strip.
 */
export function ipNetworkKey(address: string, prefixes: NetworkPrefixes = DEFAULT_NETWORK_PREFIXES): string | undefined {
  const parsed = parseIpAddress(address);
  if (parsed === null) return undefined;
  const bytes = unmapIPv4(parsed);
  const bits = bytes.length === 4 ? prefixes.ipv4 : prefixes.ipv6;
  const masked = bytes.map((byte, i) => {
    const keep = Math.min(8, Math.max(0, bits - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  if (masked.length === 4) return `${masked.join('.')}/${bits}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((masked[i] ?? 0) << 8) | (masked[i + 1] ?? 0)).toString(16));
  return `${groups.join(':')}/${bits}`;
}

/** Checks a prefix length for a family; throws a `TypeError` naming `what` otherwise. */
export function checkPrefixLength(bits: number, family: 4 | 6, what: string): number {
  const max = family === 4 ? 32 : 128;
  if (!Number.isInteger(bits) || bits < 1 || bits > max) {
    throw new TypeError(`${what} must be an integer from 1 to ${max}, got ${bits}`);
  }
  return bits;
}
