/**
 * For a test file or suite that talks to Redis: a real `redis-server` and one client of each
 * package a site may have (node-redis and ioredis), started before its tests and closed after.
 */
import { after, before } from 'node:test';
import { createClient } from 'redis';
import { Redis } from 'ioredis';
import { startRedisServer, type TestRedis } from './redis-helpers.js';

const connectNodeRedis = (url: string) => createClient({ url }).connect();
export type NodeRedisClient = Awaited<ReturnType<typeof connectNodeRedis>>;

export interface RedisClients {
  server: TestRedis;
  nodeRedis: NodeRedisClient;
  ioredis: Redis;
}

/** Call at the top of a file or inside a `describe`; the getter works once `before` has run. */
export function useRedisClients(): () => RedisClients {
  let clients: RedisClients | undefined;
  before(async () => {
    const server = await startRedisServer();
    clients = { server, nodeRedis: await connectNodeRedis(server.url), ioredis: new Redis(server.url) };
  });
  after(async () => {
    await clients?.nodeRedis.quit();
    await clients?.ioredis.quit();
    await clients?.server.stop();
  });
  return () => {
    if (!clients) throw new Error('the Redis clients start in before()');
    return clients;
  };
}
