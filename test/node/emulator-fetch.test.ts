/**
 * The emulator is a Fetch handler (`Request → Response`): called here directly, with no socket at
 * all, and through the package's one Node adapter (`toNodeHandler`, which the kit's handlers use too),
 * with the official SDK on the other side of a loopback connection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { openEmulator, type OpenEmulator } from '../../src/emulator/open.js';
import { toNodeHandler } from '../../src/http/node-adapter.js';
import { EVM_ADDRESS, SECRET_KEY } from './emulator-helpers.js';

const BASE = 'http://emulator.test';
const AUTH = { Authorization: `Bearer ${SECRET_KEY}` };
const FORM = { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' };
const CREATE_BODY = `destination_currency=eth&destination_network=ethereum&wallet_addresses[ethereum]=${EVM_ADDRESS}`;

async function withEmulator(run: (emulator: OpenEmulator) => Promise<void>): Promise<void> {
  const emulator = await openEmulator({ fulfillmentDelayMs: 0 });
  emulator.start(BASE);
  try {
    await run(emulator);
  } finally {
    await emulator.close();
  }
}

/** The first `event: view` of a Server-Sent Events body, parsed. */
async function firstView(body: ReadableStream<Uint8Array>): Promise<{ reader: ReadableStreamDefaultReader<Uint8Array>; view: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    assert.equal(done, false, 'the stream ended before its first view');
    text += decoder.decode(value, { stream: true });
    const match = /event: view\ndata: (.*)\n\n/.exec(text);
    if (match) return { reader, view: JSON.parse(match[1]!) };
  }
}

test('called directly with Request objects, no socket: create, replay, retrieve, CORS, the event stream', { timeout: 30_000 }, async () => {
  await withEmulator(async (emulator) => {
    const create = () =>
      emulator.handler(new Request(`${BASE}/v1/crypto/onramp_sessions`, { method: 'POST', headers: { ...FORM, 'Idempotency-Key': 'direct-1' }, body: CREATE_BODY }));
    const created = await create();
    assert.equal(created.status, 200);
    assert.equal(created.headers.get('access-control-allow-origin'), '*', 'the API answers any origin');
    const session = (await created.json()) as { id: string; client_secret: string; status: string };
    assert.equal(session.status, 'initialized');

    const replayed = await create();
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(((await replayed.json()) as { id: string }).id, session.id);

    const retrieved = await emulator.handler(new Request(`${BASE}/v1/crypto/onramp_sessions/${session.id}`, { headers: AUTH }));
    assert.equal(((await retrieved.json()) as { id: string }).id, session.id);

    const refused = await emulator.handler(new Request(`${BASE}/v1/crypto/onramp_sessions`, { method: 'POST', body: CREATE_BODY }));
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), '*', 'an error carries CORS too');

    const preflight = await emulator.handler(new Request(`${BASE}/v1/crypto/onramp_sessions`, { method: 'OPTIONS', headers: { Origin: 'http://page.test' } }));
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);

    const script = await emulator.handler(new Request(`${BASE}/js/crypto-onramp-outer.js`));
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('access-control-allow-origin'), '*');
    assert.match(await script.text(), /emulator\.test/, 'the stand-in knows the URL the emulator was started at');

    const page = await emulator.handler(new Request(`${BASE}/embedded`));
    assert.equal(page.headers.get('access-control-allow-origin'), null, "the emulator's own pages are same-origin");

    // The purchase page's event stream is a streamed body: the first view, then every change.
    const record = emulator.store.get(session.id)!;
    const events = await emulator.handler(new Request(`${BASE}/browser/events?session_hash=${record.sessionHash}`));
    assert.equal(events.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const { reader, view } = await firstView(events.body!);
    assert.equal(view.session.status, 'initialized');
    assert.equal(emulator.ctx.events.hasListeners(record), true);
    await reader.cancel();
    assert.equal(emulator.ctx.events.hasListeners(record), false, 'a cancelled stream is forgotten');
  });
});

test('through the shared Node adapter: the official SDK over loopback, and a stream the client leaves', { timeout: 30_000 }, async () => {
  await withEmulator(async (emulator) => {
    const opened: ServerResponse[] = [];
    const serve = toNodeHandler(emulator.handler);
    const server = createServer((req, res) => {
      opened.push(res);
      void serve(req, res);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const stripe = new Stripe(SECRET_KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
      const session = (await stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', {
        destination_currency: 'eth',
        destination_network: 'ethereum',
        wallet_addresses: { ethereum: EVM_ADDRESS },
      })) as unknown as { id: string; status: string };
      assert.equal(session.status, 'initialized');

      const listed = await fetch(`http://127.0.0.1:${port}/v1/crypto/onramp_sessions?limit=1`, { headers: AUTH });
      assert.equal(listed.headers.get('content-length'), String((await listed.clone().arrayBuffer()).byteLength), 'a buffered answer goes out with its length');
      assert.equal(((await listed.json()) as { data: Array<{ id: string }> }).data[0]?.id, session.id);

      const record = emulator.store.get(session.id)!;
      const leaving = new AbortController();
      const events = await fetch(`http://127.0.0.1:${port}/browser/events?session_hash=${record.sessionHash}`, { signal: leaving.signal });
      assert.equal(events.headers.get('content-length'), null, 'a stream is written as it comes');
      const { view } = await firstView(events.body!);
      assert.equal(view.session.status, 'initialized');

      const closed = once(opened.at(-1)!, 'close');
      leaving.abort();
      await closed;
      // The adapter cancels the body on the same 'close' event, registered after this test's listener.
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(emulator.ctx.events.hasListeners(record), false, 'the stream of a client that left is cancelled');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
