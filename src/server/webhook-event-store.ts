/**
 * Which webhook events are being handled or were handled, so each delivery Stripe sends (or
 * anyone replays within the signature's tolerance) takes effect once, and none is lost.
 *
 * An event id moves through: free → leased (one delivery runs the callback; the lease is short and
 * renewed while the callback runs, so only a dead instance's lease lapses) → done (kept as long as
 * a replay could still pass verification). A failed callback releases the lease, so Stripe's
 * redelivery runs it again; a redelivery that finds the lease held is told to come back later,
 * never that the event is handled. Pluggable like the rate-limit store: memory by default (one
 * process), Redis to share between instances.
 */
import { redisCommand, redisScript, type RedisClientLike } from './redis-client.js';

/** What `begin` found: this delivery holds the lease, another does, or the event is done. */
export type WebhookEventBegin = { state: 'leased'; token: string } | { state: 'in_progress' } | { state: 'done' };

export interface WebhookEventStore {
  /** For log lines when the store fails (e.g. `Redis (createRedisWebhookEventStore)`). */
  readonly name?: string;
  /**
   * Leases `eventId` for `leaseMs` unless it is leased or done. Must be atomic: of two concurrent
   * calls, one gets the lease. The token identifies this lease to `renew` and `release`.
   */
  begin(eventId: string, leaseMs: number): Promise<WebhookEventBegin> | WebhookEventBegin;
  /** Extends this lease by `leaseMs`; `false` if it is no longer held (it lapsed and was taken). */
  renew(eventId: string, token: string, leaseMs: number): Promise<boolean> | boolean;
  /** Marks `eventId` done for `doneMs`: the callback succeeded, redeliveries are duplicates. */
  complete(eventId: string, token: string, doneMs: number): Promise<void> | void;
  /** Frees `eventId` if this lease still holds it: the callback failed, a redelivery must run it. */
  release(eventId: string, token: string): Promise<void> | void;
}

type Entry = { state: 'leased'; token: string; expiresAt: number } | { state: 'done'; expiresAt: number };

function newToken(): string {
  return crypto.randomUUID();
}

/**
 * Entries in a Map with their expiry, swept while beginning (no timer), with a ceiling so a flood
 * of distinct ids cannot exhaust memory (the oldest go first; a lapsed or forgotten entry only
 * means a replay is checked again, never that an event is lost).
 */
export class MemoryWebhookEventStore implements WebhookEventStore {
  readonly name = 'memory webhook event store';
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #maxEvents: number;

  constructor(now: () => number = Date.now, maxEvents = 100_000) {
    this.#now = now;
    this.#maxEvents = maxEvents;
  }

  begin(eventId: string, leaseMs: number): WebhookEventBegin {
    const now = this.#now();
    const current = this.#live(eventId, now);
    if (current?.state === 'done') return { state: 'done' };
    if (current?.state === 'leased') return { state: 'in_progress' };
    const token = newToken();
    this.#set(eventId, { state: 'leased', token, expiresAt: now + leaseMs }, now);
    return { state: 'leased', token };
  }

  renew(eventId: string, token: string, leaseMs: number): boolean {
    const now = this.#now();
    const current = this.#live(eventId, now);
    if (current?.state !== 'leased' || current.token !== token) return false;
    current.expiresAt = now + leaseMs;
    return true;
  }

  complete(eventId: string, _token: string, doneMs: number): void {
    // Done whoever holds the lease now: the effect has happened.
    const now = this.#now();
    this.#set(eventId, { state: 'done', expiresAt: now + doneMs }, now);
  }

  release(eventId: string, token: string): void {
    const current = this.#entries.get(eventId);
    if (current?.state === 'leased' && current.token === token) this.#entries.delete(eventId);
  }

  #live(eventId: string, now: number): Entry | undefined {
    const entry = this.#entries.get(eventId);
    if (entry === undefined || entry.expiresAt > now) return entry;
    this.#entries.delete(eventId);
    return undefined;
  }

  #set(eventId: string, entry: Entry, now: number): void {
    // Re-inserted at the end, so the sweep below meets the oldest first.
    this.#entries.delete(eventId);
    for (const [id, old] of this.#entries) {
      if (this.#entries.size < this.#maxEvents && old.expiresAt > now) break;
      this.#entries.delete(id);
    }
    this.#entries.set(eventId, entry);
  }
}

export interface RedisWebhookEventStoreOptions {
  /** Prepended to every key. Default `'crypto-onramp:webhook-event:'`. */
  prefix?: string;
}

/** A key's value is `done`, or `lease:<token>`; it expires with the lease or the replay window. */
const BEGIN_SCRIPT = `
local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('SET', KEYS[1], 'lease:' .. ARGV[1], 'PX', ARGV[2])
  return 'leased'
end
if value == 'done' then return 'done' end
return 'in_progress'
`;
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) == 'lease:' .. ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == 'lease:' .. ARGV[1] then
  redis.call('DEL', KEYS[1])
end
return 1
`;

const ms = (value: number): string => String(Math.max(1, Math.ceil(value)));

/**
 * Event leases in Redis, shared by every instance, for the webhook handler's `eventStore`: each
 * step one atomic script, so a delivery runs once however many instances get it, and an instance
 * that dies mid-callback holds the event only until its short lease lapses.
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
  const begin = redisScript(command, BEGIN_SCRIPT);
  const renew = redisScript(command, RENEW_SCRIPT);
  const release = redisScript(command, RELEASE_SCRIPT);
  const prefix = options.prefix ?? 'crypto-onramp:webhook-event:';
  return {
    name: 'Redis (createRedisWebhookEventStore)',
    async begin(eventId, leaseMs) {
      const token = newToken();
      const reply = String(await begin([prefix + eventId], [token, ms(leaseMs)]));
      if (reply === 'leased') return { state: 'leased', token };
      if (reply === 'done' || reply === 'in_progress') return { state: reply };
      throw new Error(`Redis answered the webhook lease script unexpectedly: ${reply.slice(0, 40)}`);
    },
    async renew(eventId, token, leaseMs) {
      return String(await renew([prefix + eventId], [token, ms(leaseMs)])) === '1';
    },
    async complete(eventId, _token, doneMs) {
      await command(['SET', prefix + eventId, 'done', 'PX', ms(doneMs)]);
    },
    async release(eventId, token) {
      await release([prefix + eventId], [token]);
    },
  };
}
