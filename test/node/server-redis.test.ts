/**
 * `createRedisRateLimitStore`: instances of the site share one limit through a real `redis-server`,
 * with either client package a site may have (`redis`, `ioredis`), in one process or in two.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createRedisRateLimitStore, type RateLimitStore } from '../../src/server/index.js';
import { useRedisClients } from './redis-clients.js';
import { handlerSetup, mintRequest, useTestEmulator, VALID_BODY } from './server-helpers.js';

const emulator = useTestEmulator();
const clients = useRedisClients();
let keyCounter = 0;
const freshPrefix = () => `test:${process.pid}:${++keyCounter}:`;

describe('Redis rate-limit store', () => {
  it('a node-redis instance and an ioredis instance share one limit', async () => {
    const prefix = freshPrefix();
    const a = handlerSetup(emulator(), { rateLimit: { limit: 3, windowMs: 60_000, store: createRedisRateLimitStore(clients().nodeRedis, { prefix }) } });
    const b = handlerSetup(emulator(), { rateLimit: { limit: 3, windowMs: 60_000, store: createRedisRateLimitStore(clients().ioredis, { prefix }) } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { handler } = i % 2 === 0 ? a : b;
      const response = await handler(mintRequest(VALID_BODY), { peerAddress: '100.64.20.1' });
      statuses.push(response.status);
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429]);
    assert.equal(a.sent.length + b.sent.length, 3, 'only admitted requests reach Stripe');
  });

  it('counts atomically: 200 concurrent hits from both clients give the counts 1…200 once each', async () => {
    const prefix = freshPrefix();
    const stores: RateLimitStore[] = [createRedisRateLimitStore(clients().nodeRedis, { prefix }), createRedisRateLimitStore(clients().ioredis, { prefix })];
    const hits = await Promise.all(Array.from({ length: 200 }, (_, i) => stores[i % 2]!.increment('k', 60_000)));
    assert.deepEqual(hits.map((hit) => hit.count).sort((x, y) => x - y), Array.from({ length: 200 }, (_, i) => i + 1));
    const ttl = Number(await clients().ioredis.pttl(`${prefix}k`));
    assert.ok(ttl > 0 && ttl <= 60_000, `the window expires: PTTL ${ttl}`);
  });

  it('survives a flushed script cache (EVALSHA answered NOSCRIPT falls back to EVAL)', async () => {
    const prefix = freshPrefix();
    for (const client of [clients().nodeRedis, clients().ioredis]) {
      const store = createRedisRateLimitStore(client, { prefix });
      await store.increment('k', 60_000);
      await clients().ioredis.script('FLUSH');
      const hit = await store.increment('k', 60_000);
      assert.ok(hit.count >= 2);
    }
  });

  it('refuses anything that is not a Redis client, naming what it wants', () => {
    assert.throws(() => createRedisRateLimitStore({} as never), /`redis` \(node-redis\) or `ioredis`/);
  });

  it('no Redis package is imported by the kit (the client is the site’s own)', async () => {
    const dir = fileURLToPath(new URL('../../src/server/', import.meta.url));
    for (const file of await readdir(dir)) {
      const text = await readFile(join(dir, file), 'utf8');
      assert.doesNotMatch(text, /from ['"](?:redis|ioredis|@redis\/[^'"]+)['"]|import\(['"](?:redis|ioredis)['"]\)/, file);
    }
  });
});

/** One site instance in its own process; resolves once it prints its URL. */
async function startKitProcess(client: 'redis' | 'ioredis', limit: number): Promise<{ url: string; child: ChildProcess }> {
  const fixture = fileURLToPath(new URL('./fixtures/rate-limited-kit.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, EMULATOR_PORT: String(emulator().port), REDIS_URL: clients().server.url, LIMIT: String(limit), CLIENT: client },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`kit process exited (${code}) before listening: ${output}`)));
  });
  return { url, child };
}

describe('two kit instances in two processes', () => {
  it('admit the limit once between them', async () => {
    await clients().nodeRedis.flushAll();
    const kits = await Promise.all([startKitProcess('redis', 4), startKitProcess('ioredis', 4)]);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        const response = await fetch(kits[i % 2]!.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(VALID_BODY),
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      assert.equal(statuses.filter((s) => s === 200).length, 4, `statuses ${statuses.join(',')}`);
      assert.equal(statuses.filter((s) => s === 429).length, 6);
    } finally {
      await Promise.all(
        kits.map(async ({ child }) => {
          if (child.exitCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        }),
      );
    }
  });
});
