/**
 * The webhook endpoint runs the site's callback once per event and loses none: a delivery repeated
 * after success is acknowledged without running it again (in memory, or shared through a real
 * `redis-server`), one repeated while the first still runs is told to come back (409, never 200),
 * a failed run is released so Stripe's redelivery runs it, and a signature dated further ahead
 * than a small clock skew is refused.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import Stripe from 'stripe';
import { createOnrampWebhookHandler, createRedisWebhookEventStore, type WebhookEventStore } from '../../src/server/index.js';
import { useRedisClients } from './redis-clients.js';
import { captureLogger, readJson } from './server-helpers.js';

const SECRET = 'whsec_replayTestSecret0123456789';
// Only the SDK's signing helpers are used: no request leaves the process.
const stripe = new Stripe('sk_test_replay', { telemetry: false });
let eventCounter = 0;

/** A signed `crypto.onramp_session_updated` delivery, as Stripe sends it. */
function delivery(options: { eventId?: string; timestamp?: number } = {}): () => Request {
  const payload = JSON.stringify({
    id: options.eventId ?? `evt_replay_${process.pid}_${++eventCounter}`,
    object: 'event',
    type: 'crypto.onramp_session_updated',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: 'cos_replay', object: 'crypto.onramp_session', status: 'fulfillment_complete' } },
  });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: options.timestamp ?? Math.floor(Date.now() / 1000) });
  return () => new Request('http://shop.example/webhooks', { method: 'POST', headers: { 'Stripe-Signature': signature, 'Content-Type': 'application/json' }, body: payload });
}

function endpoint(options: { eventStore?: WebhookEventStore; fail?: () => boolean; gate?: () => Promise<void> } = {}) {
  const handled: string[] = [];
  const handler = createOnrampWebhookHandler({
    stripe,
    secret: SECRET,
    logger: captureLogger().logger,
    ...(options.eventStore ? { eventStore: options.eventStore } : {}),
    onSessionUpdated: async (_session, event) => {
      await options.gate?.();
      if (options.fail?.()) throw new Error('the database is down');
      handled.push(event.id);
    },
  });
  return { handler, handled };
}

/** A callback held open until the test lets it go: `entered` resolves when it starts. */
function gate(): { wait: () => Promise<void>; entered: Promise<void>; open: () => void } {
  let open!: () => void;
  let enter!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const entered = new Promise<void>((resolve) => (enter = resolve));
  return { wait: () => (enter(), opened), entered, open };
}

describe('webhooks: each event handled once', () => {
  it('a repeated delivery is acknowledged without running the callback again', async () => {
    const { handler, handled } = endpoint();
    const send = delivery();
    const first = await handler(send());
    assert.equal(first.status, 200);
    const second = await handler(send());
    assert.equal(second.status, 200, 'a duplicate is still a success, or Stripe would retry it');
    assert.deepEqual(await readJson(second), { received: true, duplicate: true });
    assert.equal(handled.length, 1);
  });

  it('a delivery whose callback failed runs again when redelivered', async () => {
    let failures = 1;
    const { handler, handled } = endpoint({ fail: () => failures-- > 0 });
    const send = delivery();
    assert.equal((await handler(send())).status, 500);
    assert.equal((await handler(send())).status, 200);
    assert.equal(handled.length, 1);
  });

  it('a redelivery while the first delivery runs gets 409 with Retry-After, never 200; the first failing leaves it to the next', async () => {
    let failures = 1;
    const held = gate();
    let first = true;
    const { handler, handled } = endpoint({ fail: () => failures-- > 0, gate: () => (first ? ((first = false), held.wait()) : Promise.resolve()) });
    const send = delivery();
    const running = handler(send());
    await held.entered;
    const during = await handler(send());
    assert.equal(during.status, 409, 'the event is not handled yet: a 200 here would end Stripe\'s retries');
    assert.ok(Number(during.headers.get('retry-after')) >= 1, 'Retry-After');
    assert.equal(((await readJson(during))['error'] as { code: string }).code, 'webhook_event_in_progress');
    held.open();
    assert.equal((await running).status, 500, 'the first run fails');
    assert.deepEqual(handled, []);
    const redelivery = await handler(send());
    assert.equal(redelivery.status, 200);
    assert.deepEqual(await readJson(redelivery), { received: true });
    assert.equal(handled.length, 1, 'the redelivery ran it: nothing lost');
    assert.deepEqual(await readJson(await handler(send())), { received: true, duplicate: true });
    assert.equal(handled.length, 1);
  });

  it('a signature dated a year ahead is refused; one a few seconds ahead (clock skew) is accepted', async () => {
    const { handler, handled } = endpoint();
    const now = Math.floor(Date.now() / 1000);
    const future = await handler(delivery({ timestamp: now + 365 * 24 * 3600 })());
    assert.equal(future.status, 400);
    const body = (await readJson(future))['error'] as { code: string; message: string };
    assert.equal(body.code, 'webhook_signature_invalid');
    assert.match(body.message, /future/);
    assert.equal((await handler(delivery({ timestamp: now + 90 })())).status, 400, 'past the default skew of 60 s');
    assert.equal((await handler(delivery({ timestamp: now + 20 })())).status, 200);
    assert.equal(handled.length, 1);
  });
});

describe('webhooks: event ids shared through Redis', () => {
  const clients = useRedisClients();

  it('two instances (node-redis and ioredis) run one callback for 20 concurrent copies of a delivery; the others are told to retry', async () => {
    const a = endpoint({ eventStore: createRedisWebhookEventStore(clients().nodeRedis) });
    const b = endpoint({ eventStore: createRedisWebhookEventStore(clients().ioredis) });
    const send = delivery();
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).handler(send()).then((r) => r.status)));
    assert.equal(statuses.filter((status) => status === 200).length >= 1, true);
    assert.ok(statuses.every((status) => status === 200 || status === 409), `statuses ${statuses.join(',')}`);
    assert.equal(a.handled.length + b.handled.length, 1);
    assert.equal((await a.handler(send())).status, 200, 'done: a later copy is a duplicate');
    const ttl = Number(await clients().ioredis.pttl(`crypto-onramp:webhook-event:evt_replay_${process.pid}_${eventCounter}`));
    assert.ok(ttl > 0 && ttl <= 360_000, `kept for tolerance + skew: PTTL ${ttl}`);
  });

  it('a failed callback releases the id in Redis too', async () => {
    let failures = 1;
    const a = endpoint({ eventStore: createRedisWebhookEventStore(clients().nodeRedis), fail: () => failures-- > 0 });
    const b = endpoint({ eventStore: createRedisWebhookEventStore(clients().ioredis) });
    const send = delivery();
    assert.equal((await a.handler(send())).status, 500);
    assert.equal((await b.handler(send())).status, 200);
    assert.equal(b.handled.length, 1);
  });

  it('an instance killed mid-callback holds the event only for its lease: the other instance then runs it, once', async () => {
    const leaseMs = 1500;
    const send = delivery();
    const eventId = JSON.parse(await send().text()).id as string;
    const key = `crypto-onramp:webhook-event:${eventId}`;
    const fixture = fileURLToPath(new URL('./fixtures/webhook-kit.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
      env: { ...process.env, REDIS_URL: clients().server.url, SECRET, LEASE_MS: String(leaseMs) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    let output = '';
    const seen = (pattern: RegExp): Promise<RegExpExecArray> =>
      new Promise((resolve, reject) => {
        const look = (): boolean => {
          const match = pattern.exec(output);
          if (match) resolve(match);
          return match !== null;
        };
        if (look()) return;
        child.stdout!.on('data', look);
        void exited.then(() => reject(new Error(`the kit process exited: ${output}`)));
      });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // Expiry is awaited as Redis announces it, not guessed with a sleep.
    await clients().ioredis.config('SET', 'notify-keyspace-events', 'Ex');
    const subscriber = createClient({ url: clients().server.url });
    await subscriber.connect();
    const expired = new Promise<void>((resolve) => {
      void subscriber.subscribe('__keyevent@0__:expired', (expiredKey) => {
        if (expiredKey === key) resolve();
      });
    });
    try {
      const url = (await seen(/listening (http:\/\/\S+)/))[1]!;
      const dying = send();
      void fetch(url, { method: 'POST', headers: Object.fromEntries(dying.headers), body: await dying.text() }).catch(() => undefined);
      await seen(/callback started (\S+)/);
      child.kill('SIGKILL');
      await exited;

      const survivor = endpoint({ eventStore: createRedisWebhookEventStore(clients().nodeRedis), fail: () => false });
      const during = await survivor.handler(send());
      assert.equal(during.status, 409, 'the dead instance\'s lease still holds: retry later, not "duplicate"');
      assert.ok(Number(during.headers.get('retry-after')) >= 1);
      const ttl = Number(await clients().ioredis.pttl(key));
      assert.ok(ttl > 0 && ttl <= leaseMs, `held for the lease only (${leaseMs} ms), not the replay window: PTTL ${ttl}`);
      await expired;
      const after = await survivor.handler(send());
      assert.equal(after.status, 200);
      assert.deepEqual(survivor.handled, [eventId], 'run once, by the survivor');
      assert.deepEqual(await readJson(await survivor.handler(send())), { received: true, duplicate: true });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await subscriber.quit();
    }
  });
});
