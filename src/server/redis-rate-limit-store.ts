/**
 * `createRedisRateLimitStore(client)`: rate-limit counts shared by every instance of the site
 * through Redis, so two processes (or two hundred) admit the limit once, not once each.
 */
import type { RateLimitHit, RateLimitStore } from './rate-limit.js';
import { redisCommand, redisScript, toNumber, type RedisClientLike } from './redis-client.js';

export interface RedisRateLimitStoreOptions {
  /** Prepended to every key, so the counts sit apart from the site's own keys. Default `'crypto-onramp:rate:'`. */
  prefix?: string;
}

/**
 * One fixed window per key, in one atomic script: count the hit; on the window's first hit, set
 * its expiry; answer the count and the time left. A key that somehow lost its expiry gets one
 * again, so no client is locked out forever.
 */
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

/**
 * A `RateLimitStore` in Redis, for `rateLimit.store`: one atomic script per hit, keys prefixed
 * `crypto-onramp:rate:`. Takes a connected node-redis (4+) or ioredis client; imports neither.
 *
 * @example
 * ```ts
 * import { createOnrampSessionHandler, createRedisRateLimitStore } from 'crypto-onramp-element/server';
 *
 * // node-redis: createClient from the `redis` package; ioredis: new Redis(url) works the same
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const handler = createOnrampSessionHandler({
 *   stripe,
 *   trustProxy: 1,
 *   rateLimit: { limit: 10, windowMs: 60_000, store: createRedisRateLimitStore(redis) },
 * });
 * ```
 */
export function createRedisRateLimitStore(client: RedisClientLike, options: RedisRateLimitStoreOptions = {}): RateLimitStore {
  const increment = redisScript(redisCommand(client, 'createRedisRateLimitStore'), INCREMENT_SCRIPT);
  const prefix = options.prefix ?? 'crypto-onramp:rate:';
  return {
    name: 'Redis (createRedisRateLimitStore)',
    async increment(key: string, windowMs: number): Promise<RateLimitHit> {
      const reply = await increment([prefix + key], [String(Math.max(1, Math.ceil(windowMs)))]);
      if (!Array.isArray(reply) || reply.length !== 2) throw new Error('Redis answered the rate-limit script unexpectedly');
      return { count: toNumber(reply[0]), resetAt: Date.now() + toNumber(reply[1]) };
    },
  };
}
