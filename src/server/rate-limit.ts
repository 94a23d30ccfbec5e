import { checkPrefixLength, DEFAULT_NETWORK_PREFIXES, ipNetworkKey } from '../shared/ip-address.js';

/**
 * A fixed-window rate limit per client network. The store is pluggable so several server instances can
 * share counts (Redis, a KV namespace); the default keeps them in this process's memory.
 */

export interface RateLimitHit {
  /** Requests counted in the current window, this one included. */
  count: number;
  /** When the current window ends, in milliseconds since the epoch. */
  resetAt: number;
}

/**
 * Counts hits per key. `increment` must be atomic per key: with Redis, `INCR` then `PEXPIRE … NX`
 * (or a small Lua script) does it.
 */
export interface RateLimitStore {
  increment(key: string, windowMs: number): Promise<RateLimitHit> | RateLimitHit;
}

export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
  /** Where counts live. Default: an in-memory store (one process only). */
  store?: RateLimitStore | undefined;
  /**
   * The client's key. Default: the customer's network as resolved with `trustProxy`: the IPv4
   * address, or the IPv6 /64 (one home or phone controls a whole /64, so keying on the full IPv6
   * address would give it 2^64 buckets). Every spelling of an address is one key. Requests with no
   * known address share one bucket. Return your user id to limit per account instead.
   */
  key?: ((request: Request, context: { clientIp: string | undefined }) => string | Promise<string>) | undefined;
  /** Bits of an IPv4 address that make one client for the default key. Default 32 (the address). */
  ipv4Prefix?: number | undefined;
  /** Bits of an IPv6 address that make one client for the default key. Default 64. */
  ipv6Prefix?: number | undefined;
}

export const DEFAULT_RATE_LIMIT = { limit: 10, windowMs: 60_000 } as const;

/** A handler's `rateLimit` option: off when unset or `false`, the handler's default for `true`. */
export function rateLimiterFromOption(
  option: RateLimitOptions | boolean | undefined,
  defaults: RateLimitOptions = DEFAULT_RATE_LIMIT,
): RateLimiter | null {
  if (option === undefined || option === false) return null;
  return createRateLimiter(option === true ? defaults : option);
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  check(request: Request, clientIp: string | undefined): Promise<RateLimitDecision>;
}

export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now): RateLimiter {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`rateLimit.limit must be a positive integer, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new TypeError(`rateLimit.windowMs must be positive, got ${windowMs}`);
  const store = options.store ?? new MemoryRateLimitStore(now);
  const prefixes = {
    ipv4: checkPrefixLength(options.ipv4Prefix ?? DEFAULT_NETWORK_PREFIXES.ipv4, 4, 'rateLimit.ipv4Prefix'),
    ipv6: checkPrefixLength(options.ipv6Prefix ?? DEFAULT_NETWORK_PREFIXES.ipv6, 6, 'rateLimit.ipv6Prefix'),
  };
  const networkOf = (clientIp: string | undefined): string =>
    `ip:${(clientIp === undefined ? undefined : ipNetworkKey(clientIp, prefixes)) ?? 'unknown'}`;
  return {
    async check(request, clientIp) {
      const key = options.key ? await options.key(request, { clientIp }) : networkOf(clientIp);
      const hit = await store.increment(key, windowMs);
      if (hit.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((hit.resetAt - now()) / 1000)) };
    },
  };
}

/**
 * Fixed windows in a Map. Expired entries are swept while counting (no timer, so it never keeps a
 * process or a Worker isolate alive), and the map has a ceiling so a flood of distinct keys cannot
 * exhaust memory: past it the oldest windows are dropped first.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, RateLimitHit>();
  readonly #now: () => number;
  readonly #maxKeys: number;
  #nextSweep = 0;

  constructor(now: () => number = Date.now, maxKeys = 100_000) {
    this.#now = now;
    this.#maxKeys = maxKeys;
  }

  increment(key: string, windowMs: number): RateLimitHit {
    const now = this.#now();
    if (now >= this.#nextSweep) this.#sweep(now, windowMs);
    const current = this.#windows.get(key);
    if (current && current.resetAt > now) {
      current.count += 1;
      return { ...current };
    }
    // Re-inserting moves the key to the end, so Map order stays oldest-window-first.
    this.#windows.delete(key);
    if (this.#windows.size >= this.#maxKeys) {
      const oldest = this.#windows.keys().next();
      if (!oldest.done) this.#windows.delete(oldest.value);
    }
    const fresh = { count: 1, resetAt: now + windowMs };
    this.#windows.set(key, fresh);
    return { ...fresh };
  }

  #sweep(now: number, windowMs: number): void {
    for (const [key, hit] of this.#windows) {
      if (hit.resetAt > now) break; // insertion order = window order: the rest are newer
      this.#windows.delete(key);
    }
    this.#nextSweep = now + windowMs;
  }
}
