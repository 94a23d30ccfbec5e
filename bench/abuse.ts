/**
 * The server kit and the emulator under abuse and at scale (issue 13):
 * - validation of hostile bodies of 8 kB, 64 kB and 1 MB (the body limit raised to let them in);
 * - the emulator's create latency with `--data` holding 1k and 20k sessions, against in memory;
 * - the rate limiter's cost per request with the memory store and with the Redis store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { Redis } from 'ioredis';
import Stripe from 'stripe';
import { createOnrampSessionHandler, createRedisRateLimitStore, MemoryRateLimitStore, type RateLimitStore } from '../src/server/index.js';
import { startEmulator } from '../src/emulator/index.js';
import { startRedisServer } from '../test/node/redis-helpers.js';
import { median, percentile, round2 } from './env.js';

export interface ValidationRow {
  /** The body's shape, e.g. "1 MB, 150,000 distinct currencies". */
  body: string;
  bytes: number;
  status: number;
  p50Ms: number;
  maxMs: number;
}

export interface PersistenceRow {
  sessions: number;
  memoryP50Ms: number;
  dataP50Ms: number;
  ratio: number;
}

export interface LimiterRow {
  store: string;
  p50Ms: number;
  p99Ms: number;
}

export interface AbuseResult {
  validation: ValidationRow[];
  persistence: PersistenceRow[];
  limiter: LimiterRow[];
  limiterError?: string;
  budget: { persistenceRatioLimit: number; persistenceOk: boolean; validationLimitMs: number; validationOk: boolean };
}

export interface AbuseOptions {
  sessionCounts: number[];
  creates: number;
  validationRepetitions: number;
  limiterHits: number;
  log: (line: string) => void;
}

/** Create p50 with `--data` within this factor of in memory (issue 13). */
export const PERSISTENCE_RATIO_BUDGET = 2;
/** Validation of a 1 MB hostile body, slowest repetition: 153 s before linear validation. */
export const VALIDATION_BUDGET_MS = 100;

const SECRET = 'sk_test_bench_abuse';

export async function runAbuse(options: AbuseOptions): Promise<AbuseResult> {
  const validation = await measureValidation(options);
  const persistence: PersistenceRow[] = [];
  for (const sessions of options.sessionCounts) persistence.push(await measurePersistence(sessions, options));
  let limiter: LimiterRow[] = [];
  let limiterError: string | undefined;
  try {
    limiter = await measureLimiter(options);
  } catch (error) {
    limiterError = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  const persistenceOk = persistence.every((row) => row.ratio <= PERSISTENCE_RATIO_BUDGET);
  const validationOk = validation.every((row) => row.maxMs <= VALIDATION_BUDGET_MS && row.status === 400);
  return {
    validation,
    persistence,
    limiter,
    ...(limiterError ? { limiterError } : {}),
    budget: { persistenceRatioLimit: PERSISTENCE_RATIO_BUDGET, persistenceOk, validationLimitMs: VALIDATION_BUDGET_MS, validationOk },
  };
}

/** Lists that fill `bytes` of JSON: distinct well-formed values (refused at the cap) or one value repeated. */
function hostileBody(bytes: number, kind: 'distinct' | 'repeated'): string {
  const currencies: string[] = [];
  const networks: string[] = [];
  let size = 60;
  for (let i = 0; size < bytes; i++) {
    const currency = kind === 'distinct' ? `c${i}` : 'btc';
    const network = kind === 'distinct' ? `n${i}` : 'ethereum';
    currencies.push(currency);
    networks.push(network);
    size += currency.length + network.length + 6;
  }
  return JSON.stringify({ destination_currencies: currencies, destination_networks: networks });
}

async function measureValidation(options: AbuseOptions): Promise<ValidationRow[]> {
  // No Stripe call is made: every body here is refused by the rules.
  const handler = createOnrampSessionHandler({ stripe: new Stripe(SECRET, { host: '127.0.0.1', port: 9, protocol: 'http' }), logger: false, maxBodyBytes: 2 * 1024 * 1024 });
  const rows: ValidationRow[] = [];
  for (const [label, bytes] of [['8 kB', 8 * 1024], ['64 kB', 64 * 1024], ['1 MB', 1024 * 1024]] as const) {
    for (const kind of ['distinct', 'repeated'] as const) {
      const body = hostileBody(bytes, kind);
      const items = (JSON.parse(body) as { destination_currencies: unknown[] }).destination_currencies.length;
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < options.validationRepetitions; i++) {
        const request = new Request('http://bench.invalid/mint', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        const started = performance.now();
        const response = await handler(request);
        times.push(performance.now() - started);
        status = response.status;
        await response.arrayBuffer();
      }
      const shape = kind === 'distinct' ? 'distinct values' : 'one value repeated (btc × ethereum)';
      rows.push({ body: `${label}: ${items.toLocaleString('en-US')} currencies and as many networks, ${shape}`, bytes: body.length, status, p50Ms: round2(median(times)), maxMs: round2(Math.max(...times)) });
      options.log(`validation ${label} ${kind}: ${rows.at(-1)!.p50Ms} ms p50, status ${status}`);
    }
  }
  return rows;
}

/** Fills an emulator with `count` sessions, then times `creates` more, one at a time, over HTTP. */
async function createLatency(count: number, creates: number, dataFile: string | undefined): Promise<number> {
  const emulator = await startEmulator({ port: 0, ...(dataFile ? { dataFile } : {}) });
  try {
    const headers = { Authorization: `Bearer ${SECRET}`, 'Content-Type': 'application/x-www-form-urlencoded' };
    const create = async (i: number) => {
      const response = await fetch(`${emulator.url}/v1/crypto/onramp_sessions`, { method: 'POST', headers, body: `metadata[i]=${i}&destination_currency=eth&destination_network=ethereum` });
      if (!response.ok) throw new Error(`create answered ${response.status}`);
      await response.arrayBuffer();
    };
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      while (next < count) await create(next++);
    }));
    const times: number[] = [];
    for (let i = 0; i < creates; i++) {
      const started = performance.now();
      await create(count + i);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await emulator.close();
  }
}

async function measurePersistence(sessions: number, options: AbuseOptions): Promise<PersistenceRow> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-data-'));
  try {
    // Alternated, so a busy moment of the machine falls on both.
    const memory: number[] = [];
    const data: number[] = [];
    for (let round = 0; round < 2; round++) {
      memory.push(await createLatency(sessions, options.creates, undefined));
      data.push(await createLatency(sessions, options.creates, join(dir, `sessions-${round}.json`)));
    }
    const memoryP50Ms = round2(median(memory));
    const dataP50Ms = round2(median(data));
    options.log(`create with ${sessions} sessions: ${memoryP50Ms} ms in memory, ${dataP50Ms} ms with --data`);
    return { sessions, memoryP50Ms, dataP50Ms, ratio: round2(dataP50Ms / memoryP50Ms) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function limiterLatency(store: RateLimitStore, hits: number): Promise<{ p50Ms: number; p99Ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < hits; i++) {
    const started = performance.now();
    await store.increment(`bench:${i % 500}`, 60_000);
    times.push(performance.now() - started);
  }
  const round3 = (n: number) => Math.round(n * 1000) / 1000;
  return { p50Ms: round3(percentile(times, 50)), p99Ms: round3(percentile(times, 99)) };
}

async function measureLimiter(options: AbuseOptions): Promise<LimiterRow[]> {
  const rows: LimiterRow[] = [{ store: 'memory (one process)', ...(await limiterLatency(new MemoryRateLimitStore(), options.limiterHits)) }];
  const redis = await startRedisServer();
  const nodeRedis = await createClient({ url: redis.url }).connect();
  const ioredis = new Redis(redis.url);
  try {
    rows.push({ store: 'Redis, node-redis client (loopback)', ...(await limiterLatency(createRedisRateLimitStore(nodeRedis, { prefix: 'a:' }), options.limiterHits)) });
    rows.push({ store: 'Redis, ioredis client (loopback)', ...(await limiterLatency(createRedisRateLimitStore(ioredis, { prefix: 'b:' }), options.limiterHits)) });
  } finally {
    await nodeRedis.quit();
    await ioredis.quit();
    await redis.stop();
  }
  for (const row of rows) options.log(`limiter ${row.store}: p50 ${row.p50Ms} ms`);
  return rows;
}
