import { checkPrefixLength, DEFAULT_NETWORK_PREFIXES, ipNetworkKey } from '../shared/ip-address.js';
import { describeError, type OnrampLogger } from './logger.js';
import { checkStoreTimeout, createStoreCaller, createThrottledLog, DEFAULT_STORE_TIMEOUT_MS, storeName, type StoreFailureMode } from './store-call.js';

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
  /** For log lines when the store fails (e.g. `Redis (createRedisRateLimitStore)`). */
  readonly name?: string;
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
   * known address share one bucket, and the handler warns once at startup of the first such
   * request. Return your user id to limit per account instead (or use `keyBy`).
   */
  key?: ((request: Request, context: { clientIp: string | undefined }) => string | Promise<string>) | undefined;
  /**
   * What the default key is when the client's address is unknown (no peer address reached the
   * handler: a runtime that does not pass one and no `peerAddress` option). `'network'` (default):
   * those requests share one bucket, which the handler warns about once. Or a function of the
   * request giving a key for them (a session cookie, an API token); `key` overrides both.
   */
  keyBy?: 'network' | ((request: Request) => string | Promise<string>) | undefined;
  /**
   * Longest wait for the store, in ms, before the request is decided by `failure`. Default 250.
   */
  timeoutMs?: number | undefined;
  /**
   * What a request gets when the store cannot answer (down, slow, refusing). `'closed'` (default):
   * 503 `rate_limit_unavailable` with `Retry-After`, because a limit that admits everyone while its
   * store is down can be bypassed by whoever can slow the store. `'open'`: admitted, with one
   * warning a minute in the log. Either way the log names the store and the cause.
   */
  failure?: StoreFailureMode | undefined;
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
  logger?: OnrampLogger,
): RateLimiter | null {
  if (option === undefined || option === false) return null;
  return createRateLimiter(option === true ? defaults : option, Date.now, logger);
}

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number }
  /** The store could not answer and `failure` is `'closed'`. */
  | { allowed: false; unavailable: true; retryAfterSeconds: number };

export interface RateLimiter {
  check(request: Request, clientIp: string | undefined): Promise<RateLimitDecision>;
}

/** What a refused request is asked to wait while the store is down: long enough not to hammer it. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function createRateLimiter(options: RateLimitOptions, now: () => number = Date.now, logger?: OnrampLogger): RateLimiter {
  const { limit, windowMs } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`rateLimit.limit must be a positive integer, got ${limit}`);
  if (!Number.isFinite(windowMs) || windowMs <= 0) throw new TypeError(`rateLimit.windowMs must be positive, got ${windowMs}`);
  const failure = options.failure ?? 'closed';
  if (failure !== 'closed' && failure !== 'open') throw new TypeError(`rateLimit.failure must be 'closed' or 'open', got ${String(failure)}`);
  const keyBy = options.keyBy ?? 'network';
  if (keyBy !== 'network' && typeof keyBy !== 'function') throw new TypeError("rateLimit.keyBy must be 'network' or a function");
  const timeoutMs = checkStoreTimeout(options.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS, 'rateLimit.timeoutMs');
  const store = options.store ?? new MemoryRateLimitStore(now);
  const callRateStore = createStoreCaller(storeName(store, 'the rate-limit store'), timeoutMs);
  const prefixes = {
    ipv4: checkPrefixLength(options.ipv4Prefix ?? DEFAULT_NETWORK_PREFIXES.ipv4, 4, 'rateLimit.ipv4Prefix'),
    ipv6: checkPrefixLength(options.ipv6Prefix ?? DEFAULT_NETWORK_PREFIXES.ipv6, 6, 'rateLimit.ipv6Prefix'),
  };
  const outageLog = createThrottledLog((message) => (failure === 'open' ? logger?.warn(message) : logger?.error(message)), now);
  let warnedUnknown = false;
  const keyOf = async (request: Request, clientIp: string | undefined): Promise<string> => {
    if (options.key) return options.key(request, { clientIp });
    const network = clientIp === undefined ? undefined : ipNetworkKey(clientIp, prefixes);
    if (network !== undefined) return `ip:${network}`;
    if (typeof keyBy === 'function') return `by:${await keyBy(request)}`;
    if (!warnedUnknown) {
      warnedUnknown = true;
      logger?.warn(
        'A rate-limited request arrived with no known client address, so every such request shares one bucket. ' +
          'Pass the peer address (toNodeHandler does; elsewhere the `peerAddress` option), or set rateLimit.keyBy.',
      );
    }
    return 'ip:unknown';
  };
  return {
    async check(request, clientIp) {
      const key = await keyOf(request, clientIp);
      let hit: RateLimitHit;
      try {
        hit = await callRateStore(() => store.increment(key, windowMs));
      } catch (error) {
        const admitted = failure === 'open';
        outageLog(
          `Rate limit not applied: ${describeError(error)}. Requests are ${admitted ? "admitted (rateLimit.failure: 'open')" : "refused with 503 (rateLimit.failure: 'closed')"} until it answers.`,
        );
        return admitted ? { allowed: true } : { allowed: false, unavailable: true, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS };
      }
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
