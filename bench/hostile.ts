/**
 * What abuse.ts measures beyond the emulator: 16 shapes of hostile create bodies (each built to
 * hit one rule's worst case, at a given size), 1 MB texts through the redaction rule, and what a
 * Redis outage costs each request.
 */
import { createClient } from 'redis';
import { Redis } from 'ioredis';
import Stripe from 'stripe';
import { createOnrampSessionHandler, createRedisRateLimitStore, DEFAULT_STORE_TIMEOUT_MS, type RedisClientLike } from '../src/server/index.js';
import { redactSecrets } from '../src/shared/redact-secrets.js';
import { validateCreateParams } from '../src/shared/validate.js';
import { startRedisServer } from '../test/node/redis-helpers.js';
import { median, percentile, round2 } from './env.js';

export interface HostileShape {
  name: string;
  /**
   * `handler`: POSTed to the minting handler (what a browser can send), JSON parsing included;
   * `rules`: the shared validator on the object (parameters only the server sets, which reach the
   * rules as the site's own objects from its hooks, never as JSON).
   */
  through: 'handler' | 'rules';
  build(bytes: number): unknown;
}

/** `count` items of `item(i)` such that their JSON fills about `bytes`. */
function fill<T>(bytes: number, item: (i: number) => T): T[] {
  const out: T[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const value = item(i);
    out.push(value);
    size += JSON.stringify(value).length + 1;
  }
  return out;
}

const EVM = `0x${'a'.repeat(40)}`;
const keyed = (bytes: number, key: (i: number) => string, value: (i: number) => unknown): Record<string, unknown> =>
  Object.fromEntries(fill(bytes, (i) => [key(i), value(i)] as const));
/** A nesting `depth` deep of arrays: `[[[…]]]`. */
const nested = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  { name: 'destination lists, distinct values', through: 'handler', build: (b) => ({ destination_currencies: fill(b / 2, (i) => `c${i}`), destination_networks: fill(b / 2, (i) => `n${i}`) }) },
  { name: 'destination lists, one value repeated (btc × ethereum)', through: 'handler', build: (b) => ({ destination_currencies: fill(b / 2, () => 'btc'), destination_networks: fill(b / 2, () => 'ethereum') }) },
  { name: 'wallet_addresses, distinct future-network keys', through: 'handler', build: (b) => ({ destination_networks: ['ethereum'], wallet_addresses: keyed(b, (i) => `net${i}x`, () => EVM) }) },
  { name: 'wallet_addresses, one address as long as the body', through: 'handler', build: (b) => ({ destination_network: 'ethereum', destination_currency: 'eth', wallet_addresses: { ethereum: `0x${'a'.repeat(b)}` } }) },
  { name: 'wallet_addresses, unknown keys of letters', through: 'handler', build: (b) => ({ destination_networks: ['ethereum'], wallet_addresses: keyed(b, (i) => `Z${i}`, () => EVM) }) },
  { name: 'destination_currencies, one value as long as the body', through: 'handler', build: (b) => ({ destination_currencies: ['e'.repeat(b)] }) },
  { name: 'source_amount, digits as long as the body', through: 'handler', build: (b) => ({ source_amount: '1'.repeat(b) }) },
  { name: 'source_amount, 1. then zeros then 1', through: 'handler', build: (b) => ({ source_amount: `1.${'0'.repeat(b)}1` }) },
  { name: 'destination_amount, decimals as long as the body', through: 'handler', build: (b) => ({ destination_currency: 'eth', destination_network: 'ethereum', destination_amount: `0.${'0'.repeat(b)}1` }) },
  { name: 'unknown top-level parameters', through: 'handler', build: (b) => keyed(b, (i) => `p${i}`, () => 1) },
  { name: 'arrays nested deep in a list', through: 'handler', build: (b) => ({ destination_networks: [nested(Math.min(b / 2, 4000))], destination_currencies: fill(b / 2, () => 'eth') }) },
  { name: 'lists of multi-byte strings', through: 'handler', build: (b) => ({ destination_currencies: fill(b / 2, (i) => `é${i}€`), destination_networks: fill(b / 2, () => '网络') }) },
  { name: 'metadata, distinct keys', through: 'rules', build: (b) => ({ metadata: keyed(b, (i) => `k${i}`, () => 'v') }) },
  { name: 'metadata, one value as long as the body', through: 'rules', build: (b) => ({ metadata: { note: 'x'.repeat(b) } }) },
  { name: 'kyc_details email, a run of dots', through: 'rules', build: (b) => ({ kyc_details: { email: `a@b${'.'.repeat(b)}` } }) },
  { name: 'customer_ip_address, colons and hex as long as the body', through: 'rules', build: (b) => ({ customer_ip_address: '1:'.repeat(b / 2) }) },
];

export interface ValidationRow {
  body: string;
  bytes: number;
  status: number;
  p50Ms: number;
  maxMs: number;
}

/** Each shape at each size, `repetitions` times; the slowest run is what the budget reads. */
export async function measureHostileShapes(repetitions: number, sizes: readonly [string, number][], log: (line: string) => void): Promise<ValidationRow[]> {
  // No Stripe call is made: every body here is refused by the rules.
  const handler = createOnrampSessionHandler({ stripe: new Stripe('sk_test_bench_hostile', { host: '127.0.0.1', port: 9, protocol: 'http' }), logger: false, maxBodyBytes: 2 * 1024 * 1024 });
  const rows: ValidationRow[] = [];
  for (const shape of HOSTILE_SHAPES) {
    for (const [label, bytes] of sizes) {
      const body = JSON.stringify(shape.build(bytes));
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < repetitions; i++) {
        if (shape.through === 'handler') {
          const request = new Request('http://bench.invalid/mint', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
          const started = performance.now();
          const response = await handler(request);
          await response.arrayBuffer();
          times.push(performance.now() - started);
          status = response.status;
        } else {
          const params: unknown = JSON.parse(body); // a fresh object each time, as a hook returns one
          const started = performance.now();
          status = validateCreateParams(params, 'json', { openEnums: true }).ok ? 200 : 400;
          times.push(performance.now() - started);
        }
      }
      rows.push({ body: `${label}: ${shape.name}${shape.through === 'rules' ? ' (the shared rules)' : ''}`, bytes: body.length, status, p50Ms: round2(median(times)), maxMs: round2(Math.max(...times)) });
      log(`validation ${label} ${shape.name}: ${rows.at(-1)!.maxMs} ms slowest, status ${status}`);
    }
  }
  return rows;
}

export interface RedactionRow {
  text: string;
  p50Ms: number;
  maxMs: number;
}

/** 1 MB texts built to make a backtracking pattern work hard; the old one took 25 s on 160k letters. */
export function measureRedaction(repetitions: number, log: (line: string) => void): RedactionRow[] {
  const mb = 1024 * 1024;
  const repeat = (unit: string) => unit.repeat(Math.ceil(mb / unit.length)).slice(0, mb);
  const texts: [string, string][] = [
    ['letters only', repeat('a')],
    ['letters and underscores (a_)', repeat('a_')],
    ['a prefix, then letters (ab_xxx…)', repeat(`ab_${'x'.repeat(61)}`)],
    ['near-secrets (a_b_secre)', repeat('a_b_secre')],
    ['key prefixes (sk_test_)', repeat('sk_test_')],
    ['one client secret as long as the text', `cos_1_secret_${'x'.repeat(mb - 13)}`],
  ];
  return texts.map(([name, text]) => {
    const times: number[] = [];
    for (let i = 0; i < repetitions; i++) {
      const started = performance.now();
      redactSecrets(text);
      times.push(performance.now() - started);
    }
    log(`redaction 1 MB ${name}: ${round2(Math.max(...times))} ms slowest`);
    return { text: `1 MB: ${name}`, p50Ms: round2(median(times)), maxMs: round2(Math.max(...times)) };
  });
}

export interface OutageRow {
  scenario: string;
  requests: number;
  status: string;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Requests in bursts of `concurrency`, each timed on its own; returns the times and statuses. */
async function traffic(handler: ReturnType<typeof createOnrampSessionHandler>, requests: number, concurrency: number): Promise<{ times: number[]; statuses: Set<number> }> {
  const times: number[] = [];
  const statuses = new Set<number>();
  for (let sent = 0; sent < requests; sent += concurrency) {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, requests - sent) }, async (_, i) => {
        const started = performance.now();
        const response = await handler(new Request('http://bench.invalid/mint', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }), { peerAddress: `100.64.50.${i}` });
        await response.arrayBuffer();
        times.push(performance.now() - started);
        statuses.add(response.status);
      }),
    );
  }
  return { times, statuses };
}

/**
 * A Redis outage as the kit sees it, with `rateLimit.failure: 'closed'` and the default store
 * timeout: the server paused (`DEBUG SLEEP` queued on the kit's own connection) and stopped, under
 * both client packages with their default options. Every request is refused with 503 before any
 * Stripe call, so none is made.
 */
export async function measureOutage(requests: number, log: (line: string) => void): Promise<OutageRow[]> {
  const redis = await startRedisServer();
  const nodeRedis = await createClient({ url: redis.url }).on('error', () => undefined).connect();
  const ioredis = new Redis(redis.url).on('error', () => undefined);
  const clients: [string, RedisClientLike, (args: string[]) => Promise<unknown>][] = [
    ['node-redis', nodeRedis, (args) => nodeRedis.sendCommand(args)],
    ['ioredis', ioredis, ([name = '', ...args]) => ioredis.call(name, ...args)],
  ];
  const kit = (client: RedisClientLike) =>
    createOnrampSessionHandler({
      stripe: new Stripe('sk_test_bench_outage', { host: '127.0.0.1', port: 9, protocol: 'http' }),
      logger: false,
      rateLimit: { limit: 1_000_000, windowMs: 60_000, store: createRedisRateLimitStore(client, { prefix: `bench-outage:${Math.random()}:` }) },
    });
  const rows: OutageRow[] = [];
  const row = (scenario: string, result: { times: number[]; statuses: Set<number> }) => {
    rows.push({
      scenario,
      requests: result.times.length,
      status: [...result.statuses].sort().join(', '),
      p50Ms: round2(median(result.times)),
      p99Ms: round2(percentile(result.times, 99)),
      maxMs: round2(Math.max(...result.times)),
    });
    log(`outage ${scenario}: ${rows.at(-1)!.maxMs} ms slowest of ${result.times.length}`);
  };
  try {
    const handlers = clients.map(([, client]) => kit(client));
    // Warm: a running server has long compiled its paths before an outage.
    for (const handler of handlers) await traffic(handler, 200, 20);
    for (const [index, [name, , send]] of clients.entries()) {
      const asleep = send(['DEBUG', 'SLEEP', '2']);
      row(`paused (DEBUG SLEEP 2), ${name}, 50 concurrent`, await traffic(handlers[index]!, 50, 50));
      await asleep;
    }
    await redis.stop();
    for (const [index, [name]] of clients.entries()) {
      row(`stopped, ${name}, ${requests} requests 50 at a time`, await traffic(handlers[index]!, requests, 50));
    }
  } finally {
    nodeRedis.destroy();
    ioredis.disconnect();
    await redis.stop();
  }
  return rows;
}

/** The contract: no request waits longer than the store timeout + 50 ms. */
export const OUTAGE_BUDGET_MS = DEFAULT_STORE_TIMEOUT_MS + 50;
export const REDACTION_BUDGET_MS = 50;
