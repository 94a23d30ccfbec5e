/**
 * The server kit and the emulator under abuse and at scale:
 * - validation of 16 shapes of hostile bodies at 64 kB and 1 MB (the body limit raised to let them in);
 * - redaction of 1 MB texts;
 * - the emulator's create latency with `--data` holding 1k and 20k sessions, against in memory;
 * - the rate limiter's cost per request with the memory store and with the Redis store;
 * - what a Redis outage (paused, stopped) costs each request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { Redis } from 'ioredis';
import { createRedisRateLimitStore, MemoryRateLimitStore, type RateLimitStore } from '../src/server/index.js';
import { startEmulator } from '../src/emulator/index.js';
import { startRedisServer } from '../test/node/redis-helpers.js';
import { median, percentile, round2 } from './env.js';
import { measureHostileShapes, measureOutage, measureRedaction, OUTAGE_BUDGET_MS, REDACTION_BUDGET_MS, type OutageRow, type RedactionRow, type ValidationRow } from './hostile.js';

export type { ValidationRow } from './hostile.js';

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
  redaction: RedactionRow[];
  outage: OutageRow[];
  outageError?: string;
  persistence: PersistenceRow[];
  limiter: LimiterRow[];
  limiterError?: string;
  budget: {
    persistenceRatioLimit: number;
    persistenceOk: boolean;
    validationLimitMs: number;
    validationOk: boolean;
    redactionLimitMs: number;
    redactionOk: boolean;
    outageLimitMs: number;
    outageOk: boolean;
  };
}

export interface AbuseOptions {
  sessionCounts: number[];
  creates: number;
  validationRepetitions: number;
  limiterHits: number;
  outageRequests: number;
  log: (line: string) => void;
}

/** Create p50 with `--data` within this factor of in memory. */
export const PERSISTENCE_RATIO_BUDGET = 2;
/** Validation of a 1 MB hostile body, slowest repetition: 153 s before linear validation, 9 s for wallet keys before they took a Set. */
export const VALIDATION_BUDGET_MS = 100;

const SECRET = 'sk_test_bench_abuse';

export async function runAbuse(options: AbuseOptions): Promise<AbuseResult> {
  const validation = await measureHostileShapes(options.validationRepetitions, [['64 kB', 64 * 1024], ['1 MB', 1024 * 1024]], options.log);
  const redaction = measureRedaction(options.validationRepetitions, options.log);
  let outage: OutageRow[] = [];
  let outageError: string | undefined;
  try {
    outage = await measureOutage(options.outageRequests, options.log);
  } catch (error) {
    outageError = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
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
  const redactionOk = redaction.every((row) => row.maxMs <= REDACTION_BUDGET_MS);
  const outageOk = outage.length > 0 && outage.every((row) => row.maxMs <= OUTAGE_BUDGET_MS && row.status === '503');
  return {
    validation,
    redaction,
    outage,
    ...(outageError ? { outageError } : {}),
    persistence,
    limiter,
    ...(limiterError ? { limiterError } : {}),
    budget: {
      persistenceRatioLimit: PERSISTENCE_RATIO_BUDGET,
      persistenceOk,
      validationLimitMs: VALIDATION_BUDGET_MS,
      validationOk,
      redactionLimitMs: REDACTION_BUDGET_MS,
      redactionOk,
      outageLimitMs: OUTAGE_BUDGET_MS,
      outageOk,
    },
  };
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
