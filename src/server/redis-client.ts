/**
 * Talking to the Redis client a site already has, without importing any Redis package: the kit
 * takes the client object and sends raw commands through whichever interface it has. `redis`
 * (node-redis v4 and later) has `sendCommand(string[])`; `ioredis` has `call(command, ...args)`.
 * Raw commands behave the same in every version of both, unlike their typed helpers (`evalSha`,
 * `evalsha`, option objects) which changed between majors.
 */
import { StoreUnavailableError } from './store-call.js';

/** node-redis (`createClient()` from `redis` 4, 5, 6…): only the method the kit uses. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** ioredis (`new Redis()`): only the method the kit uses. */
export interface IoRedisLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** Either client, connected. The kit never connects, disconnects or configures it. */
export type RedisClientLike = NodeRedisLike | IoRedisLike;

export type RedisCommand = (args: readonly string[]) => Promise<unknown>;

/**
 * Commands the kit may have waiting on one client at once. While Redis is down, node-redis and
 * ioredis queue commands until they reconnect (ioredis gives up after about a minute); the kit's
 * own timeout answers the request, but the command stays in the client's queue. Past this many,
 * the kit stops adding to the queue and fails at once, so an outage under load costs bounded memory.
 */
export const DEFAULT_MAX_PENDING_COMMANDS = 1000;

export function redisCommand(client: RedisClientLike, what: string, maxPending = DEFAULT_MAX_PENDING_COMMANDS): RedisCommand {
  const send = rawSender(client, what);
  let pending = 0;
  return (args) => {
    if (pending >= maxPending) {
      return Promise.reject(new StoreUnavailableError(`Redis (${what})`, `${pending} commands already wait on the Redis client (is Redis reachable?)`));
    }
    pending += 1;
    let reply: Promise<unknown>;
    try {
      reply = Promise.resolve(send(args));
    } catch (error) {
      reply = Promise.reject(error);
    }
    const done = (): void => {
      pending -= 1;
    };
    reply.then(done, done);
    return reply;
  };
}

function rawSender(client: RedisClientLike, what: string): RedisCommand {
  const candidate = client as Partial<NodeRedisLike & IoRedisLike> | null | undefined;
  // ioredis also has a `sendCommand`, taking its own Command objects: test for `call` first.
  if (typeof candidate?.call === 'function') {
    const call = candidate.call.bind(client);
    return ([command = '', ...args]) => call(command, ...args);
  }
  if (typeof candidate?.sendCommand === 'function') {
    const send = candidate.sendCommand.bind(client);
    return (args) => send([...args]);
  }
  throw new TypeError(`${what}: pass a connected client of the \`redis\` (node-redis) or \`ioredis\` package`);
}

/**
 * A Lua script run atomically by Redis: `EVALSHA` (the script is sent once per Redis server), and
 * `EVAL` when the server answers `NOSCRIPT` (first use, a restart, `SCRIPT FLUSH`).
 */
export function redisScript(command: RedisCommand, source: string): (keys: readonly string[], args: readonly string[]) => Promise<unknown> {
  let sha: Promise<string> | undefined;
  return async (keys, args) => {
    sha ??= sha1Hex(source);
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await command(['EVALSHA', await sha, ...tail]);
    } catch (error) {
      if (!/NOSCRIPT/.test(error instanceof Error ? error.message : String(error))) throw error;
      return command(['EVAL', source, ...tail]);
    }
  };
}

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A Redis integer reply as a number (clients answer numbers, some versions strings). */
export function toNumber(reply: unknown): number {
  const value = typeof reply === 'number' ? reply : typeof reply === 'string' ? Number(reply) : typeof reply === 'bigint' ? Number(reply) : NaN;
  if (!Number.isFinite(value)) throw new Error(`Redis answered an unexpected reply: ${typeof reply}`);
  return value;
}
