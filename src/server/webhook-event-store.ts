/**
 * Which webhook events were already handled, so a delivery Stripe (or anyone replaying a captured
 * request) sends twice within the signature's tolerance runs the site's callback once. Pluggable
 * like the rate-limit store: memory by default (one process), Redis to share between instances.
 */
import { redisCommand, type RedisClientLike } from './redis-client.js';

export interface WebhookEventStore {
  /**
   * Records `eventId` for `ttlMs`; `true` if it was not recorded yet (this delivery handles it),
   * `false` for a duplicate. Must be atomic: of two concurrent claims, one wins.
   */
  claim(eventId: string, ttlMs: number): Promise<boolean> | boolean;
  /** Forgets `eventId` (its handling failed, so Stripe's redelivery must run it again). */
  release(eventId: string): Promise<void> | void;
}

/**
 * Event ids with their expiry, in a Map kept in claim order, swept while claiming (no timer), with
 * a ceiling so a flood of distinct ids cannot exhaust memory (the oldest go first).
 */
export class MemoryWebhookEventStore implements WebhookEventStore {
  readonly #expiries = new Map<string, number>();
  readonly #now: () => number;
  readonly #maxEvents: number;

  constructor(now: () => number = Date.now, maxEvents = 100_000) {
    this.#now = now;
    this.#maxEvents = maxEvents;
  }

  claim(eventId: string, ttlMs: number): boolean {
    const now = this.#now();
    for (const [id, expiresAt] of this.#expiries) {
      if (expiresAt > now) break;
      this.#expiries.delete(id);
    }
    const expiresAt = this.#expiries.get(eventId);
    if (expiresAt !== undefined && expiresAt > now) return false;
    if (this.#expiries.size >= this.#maxEvents) {
      const oldest = this.#expiries.keys().next();
      if (!oldest.done) this.#expiries.delete(oldest.value);
    }
    this.#expiries.set(eventId, now + ttlMs);
    return true;
  }

  release(eventId: string): void {
    this.#expiries.delete(eventId);
  }
}

export interface RedisWebhookEventStoreOptions {
  /** Prepended to every key. Default `'crypto-onramp:webhook-event:'`. */
  prefix?: string;
}

/**
 * Event ids in Redis, shared by every instance, for the webhook handler's `eventStore`: one
 * `SET … NX PX` per claim (atomic by itself), so a delivery runs once however many instances get it.
 *
 * @example
 * ```ts
 * import { createOnrampWebhookHandler, createRedisWebhookEventStore } from 'crypto-onramp-element/server';
 *
 * // node-redis: createClient from the `redis` package; ioredis: new Redis(url) works the same
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const webhooks = createOnrampWebhookHandler({
 *   stripe,
 *   secret: process.env.STRIPE_WEBHOOK_SECRET!,
 *   onSessionUpdated,
 *   eventStore: createRedisWebhookEventStore(redis),
 * });
 * ```
 */
export function createRedisWebhookEventStore(client: RedisClientLike, options: RedisWebhookEventStoreOptions = {}): WebhookEventStore {
  const command = redisCommand(client, 'createRedisWebhookEventStore');
  const prefix = options.prefix ?? 'crypto-onramp:webhook-event:';
  return {
    async claim(eventId, ttlMs) {
      const reply = await command(['SET', prefix + eventId, '1', 'NX', 'PX', String(Math.max(1, Math.ceil(ttlMs)))]);
      return reply === 'OK';
    },
    async release(eventId) {
      await command(['DEL', prefix + eventId]);
    },
  };
}
