/**
 * What moves a session: the test controls, the purchase flow's browser endpoints (and their test
 * triggers), the Server-Sent Events that tell pages about it, and signed webhooks verified with the
 * official SDK's `stripe.webhooks.constructEvent`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { RunningEmulator, StripeEvent, WebhookDelivery } from '../../src/emulator/index.js';
import { signWebhookPayload, TEST_TRIGGERS } from '../../src/emulator/index.js';
import type { BrowserSessionView } from '../../src/emulator/stand-in/protocol.js';
import { createSession, EVM_ADDRESS, raw, startTestEmulator } from './emulator-helpers.js';

const WEBHOOK_SECRET = 'whsec_emulator_test_secret';

interface Received {
  body: string;
  signature: string;
}

/** A webhook endpoint that records what it receives; `failFirst` answers 500 to the first N. */
async function startReceiver(failFirst = 0): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  let calls = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      calls += 1;
      if (calls <= failFirst) {
        res.writeHead(500).end();
        return;
      }
      received.push({ body, signature: String(req.headers['stripe-signature']) });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function browserPost(emulator: RunningEmulator, path: string, body: Record<string, unknown>): Promise<{ status: number; json: { view?: BrowserSessionView; error?: { message: string; field?: string } } }> {
  const response = await fetch(emulator.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() as never };
}

/** Reads `event: view` messages from the SSE stream of a session. */
async function openEvents(emulator: RunningEmulator, sessionHash: string): Promise<{ next(): Promise<BrowserSessionView>; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`${emulator.url}/browser/events?session_hash=${sessionHash}`, { signal: controller.signal });
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const match = /event: view\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return JSON.parse(match[1]!) as BrowserSessionView;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += value;
      }
    },
    close: () => controller.abort(),
  };
}

describe('test controls', () => {
  let emulator: RunningEmulator;
  let stripe: Stripe;
  before(async () => ({ emulator, stripe } = await startTestEmulator()));
  after(() => emulator.close());

  const setStatus = (id: string, status: string, auth = true) =>
    raw(emulator, 'POST', `/v1/test_helpers/crypto/onramp_sessions/${id}/status`, `status=${status}`, auth ? {} : { Authorization: '' });

  for (const status of ['requires_payment', 'fulfillment_processing', 'fulfillment_complete', 'rejected', 'initialized']) {
    test(`drive a session to ${status}`, async () => {
      const session = await createSession(stripe, { destination_networks: ['base'] });
      const response = await setStatus(session.id, status);
      assert.equal(response.status, 200);
      assert.equal(response.body.status, status);
      const retrieved = await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}`);
      assert.equal(retrieved.body.status, status);
    });
  }

  test('a completed session looks like a purchase: amounts, wallet, transaction id', async () => {
    const session = await createSession(stripe, { destination_networks: ['base'], destination_currencies: ['usdc'] });
    const done = (await setStatus(session.id, 'fulfillment_complete')).body;
    const d = done.transaction_details;
    assert.equal(d.destination_currency, 'usdc');
    assert.equal(d.destination_network, 'base');
    assert.equal(d.source_amount, '100.00');
    assert.equal(d.destination_amount, '100');
    assert.match(d.wallet_address, /^0x[0-9a-fA-F]{40}$/);
    assert.match(d.transaction_id, /^0x[0-9a-f]{64}$/);
  });

  test('status=error is browser-only: the API keeps its status, the page sees error', async () => {
    const session = await createSession(stripe);
    await setStatus(session.id, 'requires_payment');
    const response = await setStatus(session.id, 'error');
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'requires_payment');
    const page = await browserPost(emulator, '/browser/session', { client_secret: session.client_secret });
    assert.equal(page.json.view?.session.status, 'error');
    // The next API status clears it.
    await setStatus(session.id, 'rejected');
    assert.equal((await browserPost(emulator, '/browser/session', { client_secret: session.client_secret })).json.view?.session.status, 'rejected');
  });

  test('needs a secret key, a known status and a known session', async () => {
    const session = await createSession(stripe);
    assert.equal((await setStatus(session.id, 'rejected', false)).status, 401);
    const bad = await setStatus(session.id, 'teleported');
    assert.equal(bad.status, 400);
    assert.deepEqual([bad.body.error.code, bad.body.error.param], ['parameter_invalid_string', 'status']);
    const missing = await raw(emulator, 'POST', `/v1/test_helpers/crypto/onramp_sessions/${session.id}/status`, '');
    assert.equal(missing.body.error.code, 'parameter_missing');
    assert.equal((await setStatus('cos_nope', 'rejected')).status, 404);
  });

  test('the in-process control does the same', async () => {
    const session = await createSession(stripe);
    const updated = await emulator.setStatus(session.id, 'fulfillment_processing');
    assert.equal(updated.status, 'fulfillment_processing');
    await assert.rejects(emulator.setStatus('cos_nope', 'rejected'), /No such crypto.onramp_session/);
  });
});

describe('the purchase flow behind the stand-in', () => {
  let emulator: RunningEmulator;
  let stripe: Stripe;
  before(async () => ({ emulator, stripe } = await startTestEmulator({ fulfillmentDelayMs: 0 })));
  after(() => emulator.close());

  test('quote → wallet → pay → processing → complete, seen by the API and the event stream', async () => {
    const session = await createSession(stripe, { destination_currencies: ['eth', 'usdc'], destination_networks: ['ethereum', 'base'] });
    const auth = { client_secret: session.client_secret };
    const first = await browserPost(emulator, '/browser/session', auth);
    assert.equal(first.status, 200);
    const view = first.json.view!;
    assert.equal(view.session.status, 'initialized');
    assert.equal(view.session.id, session.id);
    assert.equal('client_secret' in view.session, false, 'the server never echoes the secret');
    assert.deepEqual(view.options.network_currencies, { ethereum: ['eth', 'usdc'], base: ['eth', 'usdc'] });

    const events = await openEvents(emulator, view.session_hash);
    assert.equal((await events.next()).session.status, 'initialized', 'the stream starts with the current view');

    const preview = await browserPost(emulator, '/browser/session/quote', { ...auth, source_amount: '50', source_currency: 'usd', destination_currency: 'usdc', destination_network: 'base' });
    assert.deepEqual(preview.json, { quote: { destination_amount: '50', network_fee: '0.01', transaction_fee: '0.75', total_amount: '50.76' } });

    const quote = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'select_quote', source_amount: '50', source_currency: 'usd', destination_currency: 'usdc', destination_network: 'base' });
    assert.equal(quote.status, 200);
    assert.equal(quote.json.view?.session.quote?.total_amount, '50.76');
    assert.equal((await events.next()).details.destination_currency, 'usdc');

    const wallet = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'confirm_wallet', wallet_address: EVM_ADDRESS });
    assert.equal(wallet.json.view?.session.status, 'requires_payment');
    assert.equal((await events.next()).session.status, 'requires_payment');

    const pay = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'pay', card_number: '4242 4242 4242 4242' });
    assert.equal(pay.json.view?.session.status, 'fulfillment_processing');
    assert.equal((await events.next()).session.status, 'fulfillment_processing');
    const complete = await events.next();
    assert.equal(complete.session.status, 'fulfillment_complete');
    assert.ok(complete.session.quote?.blockchain_tx_id);
    events.close();

    const api = (await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}`)).body;
    assert.equal(api.status, 'fulfillment_complete');
    assert.equal(api.transaction_details.wallet_address, EVM_ADDRESS);
    assert.equal(api.transaction_details.source_amount, '50');
    assert.equal(api.transaction_details.transaction_id, complete.session.quote?.blockchain_tx_id);
  });

  test('the rejected-wallet trigger rejects the session', async () => {
    const session = await createSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum', source_amount: '20.00', source_currency: 'usd' });
    const result = await browserPost(emulator, '/browser/session/actions', { client_secret: session.client_secret, action: 'confirm_wallet', wallet_address: TEST_TRIGGERS.rejectedWalletAddress });
    assert.equal(result.json.view?.session.status, 'rejected');
    assert.equal((await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}`)).body.status, 'rejected');
  });

  test('the declined card leaves the session waiting for payment', async () => {
    const session = await createSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum', source_amount: '20.00', source_currency: 'usd' });
    const auth = { client_secret: session.client_secret };
    await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'confirm_wallet', wallet_address: EVM_ADDRESS });
    const declined = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'pay', card_number: TEST_TRIGGERS.declinedCardNumber });
    assert.equal(declined.status, 400);
    assert.match(declined.json.error!.message, /declined/);
    assert.equal((await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}`)).body.status, 'requires_payment');
    const invalid = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'pay', card_number: '4242 4242 4242 4241' });
    assert.match(invalid.json.error!.message, /invalid/);
  });

  test('a locked wallet cannot be replaced; an implausible one is refused', async () => {
    const session = await createSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum', source_amount: '20.00', source_currency: 'usd', wallet_addresses: { ethereum: EVM_ADDRESS }, lock_wallet_address: true });
    const auth = { client_secret: session.client_secret };
    const result = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'confirm_wallet', wallet_address: TEST_TRIGGERS.rejectedWalletAddress });
    assert.equal(result.json.view?.session.wallet_address, EVM_ADDRESS);
    assert.equal(result.json.view?.session.status, 'requires_payment');

    const open = await createSession(stripe, { destination_currency: 'btc', destination_network: 'bitcoin', source_amount: '20.00', source_currency: 'usd' });
    const wrong = await browserPost(emulator, '/browser/session/actions', { client_secret: open.client_secret, action: 'confirm_wallet', wallet_address: EVM_ADDRESS });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error?.field, 'wallet_address');
  });

  test('steps out of order and bad input are refused without changing the session', async () => {
    const session = await createSession(stripe);
    const auth = { client_secret: session.client_secret };
    assert.equal((await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'pay', card_number: '4242424242424242' })).status, 400);
    assert.equal((await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'confirm_wallet', wallet_address: EVM_ADDRESS })).status, 400, 'no quote chosen yet');
    const tooMuch = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'select_quote', source_amount: '1000000', source_currency: 'usd', destination_currency: 'eth', destination_network: 'ethereum' });
    assert.equal(tooMuch.json.error?.field, 'source_amount');
    const wrongPair = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'select_quote', source_amount: '10', source_currency: 'usd', destination_currency: 'btc', destination_network: 'ethereum' });
    assert.equal(wrongPair.status, 400);
    assert.equal((await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}`)).body.transaction_details.destination_currency, null);
  });

  test('unknown secrets and hashes are 404; the hash works for the hosted page', async () => {
    assert.equal((await browserPost(emulator, '/browser/session', { client_secret: 'cos_x_secret_y' })).status, 404);
    assert.equal((await browserPost(emulator, '/browser/session', {})).status, 404);
    assert.equal((await fetch(`${emulator.url}/browser/events?session_hash=nope`)).status, 404);
    const session = await createSession(stripe);
    const hash = new URL(session.redirect_url).searchParams.get('session_hash');
    const viaHash = await browserPost(emulator, '/browser/session', { session_hash: hash });
    assert.equal(viaHash.json.view?.session.id, session.id);
  });

  test('test-control changes reach open pages through the event stream', async () => {
    const session = await createSession(stripe);
    const hash = new URL(session.redirect_url).searchParams.get('session_hash')!;
    const events = await openEvents(emulator, hash);
    await events.next();
    await emulator.setStatus(session.id, 'error');
    assert.equal((await events.next()).session.status, 'error');
    await emulator.setStatus(session.id, 'rejected');
    assert.equal((await events.next()).session.status, 'rejected');
    events.close();
  });
});

describe('webhooks', () => {
  test('one signed crypto.onramp_session_updated per status change, none on creation', async () => {
    const receiver = await startReceiver();
    const delivered: WebhookDelivery[] = [];
    const { emulator, stripe } = await startTestEmulator({
      webhooks: [{ url: receiver.url, secret: WEBHOOK_SECRET }],
      onWebhookDelivered: (delivery) => delivered.push(delivery),
    });
    try {
      const session = await createSession(stripe, { metadata: { order: '7' } });
      await emulator.webhooks.idle();
      assert.equal(receiver.received.length, 0, 'no event on creation');

      await emulator.setStatus(session.id, 'requires_payment');
      await emulator.setStatus(session.id, 'error'); // browser-only: no webhook
      await raw(emulator, 'POST', `/v1/test_helpers/crypto/onramp_sessions/${session.id}/status`, 'status=fulfillment_complete', { 'Stripe-Version': '2025-01-01' });
      await emulator.webhooks.idle();

      assert.equal(receiver.received.length, 2);
      assert.equal(delivered.length, 2);
      assert.ok(delivered.every((d) => d.ok && d.status === 200 && d.attempts === 1));
      const events = receiver.received.map(({ body, signature }) => stripe.webhooks.constructEvent(body, signature, WEBHOOK_SECRET) as unknown as StripeEvent);
      assert.deepEqual(events.map((e) => [e.data.previous_attributes.status, e.data.object.status]), [
        ['initialized', 'requires_payment'],
        ['requires_payment', 'fulfillment_complete'],
      ]);
      for (const event of events) {
        assert.match(event.id, /^evt_/);
        assert.equal(event.object, 'event');
        assert.equal(event.type, 'crypto.onramp_session_updated');
        assert.equal(event.livemode, false);
        assert.ok(Number.isInteger(event.created));
        assert.equal(typeof event.api_version, 'string');
        assert.equal(event.data.object.id, session.id);
        assert.deepEqual(event.data.object.metadata, { order: '7' });
      }
      assert.match(events[1]!.request.id ?? '', /^req_/);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });

  test('a wrong secret or a tampered body fails verification', async () => {
    const receiver = await startReceiver();
    const { emulator, stripe } = await startTestEmulator({ webhooks: [{ url: receiver.url, secret: WEBHOOK_SECRET }] });
    try {
      const session = await createSession(stripe);
      await emulator.setStatus(session.id, 'rejected');
      const delivery = await emulator.webhooks.next((d) => d.event.data.object.id === session.id);
      assert.equal(delivery.event.data.object.status, 'rejected');
      const { body, signature } = receiver.received[0]!;
      assert.throws(() => stripe.webhooks.constructEvent(body, signature, 'whsec_wrong'), /signature/i);
      assert.throws(() => stripe.webhooks.constructEvent(body.replace('rejected', 'fulfillment_complete'), signature, WEBHOOK_SECRET), /signature/i);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });

  test('the signature is Stripe\'s: t=…,v1=HMAC-SHA256(secret, "t.body")', () => {
    const header = signWebhookPayload('{"a":1}', WEBHOOK_SECRET, 1700000000);
    const stripe = new Stripe('sk_test_x');
    const parsed = stripe.webhooks.generateTestHeaderString({ payload: '{"a":1}', secret: WEBHOOK_SECRET, timestamp: 1700000000 });
    assert.equal(header, parsed);
  });

  test('failed deliveries are retried; the hook reports attempts', async () => {
    const receiver = await startReceiver(1);
    const { emulator, stripe } = await startTestEmulator({ webhooks: [{ url: receiver.url, secret: WEBHOOK_SECRET }] });
    try {
      const session = await createSession(stripe);
      await emulator.setStatus(session.id, 'rejected');
      await emulator.webhooks.idle();
      assert.equal(emulator.webhooks.deliveries.length, 1);
      assert.equal(emulator.webhooks.deliveries[0]!.attempts, 2);
      assert.equal(emulator.webhooks.deliveries[0]!.ok, true);
      assert.equal(receiver.received.length, 1);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });

  test('an unreachable endpoint is reported, not thrown', async () => {
    const receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    const { emulator, stripe } = await startTestEmulator({ webhooks: [{ url, secret: WEBHOOK_SECRET }] });
    try {
      const session = await createSession(stripe);
      await emulator.setStatus(session.id, 'rejected');
      const delivery = await emulator.webhooks.next();
      assert.equal(delivery.ok, false);
      assert.equal(delivery.status, null);
      assert.equal(delivery.attempts, 3);
    } finally {
      await emulator.close();
    }
  });

  test('endpoints need a whsec_ secret and an http(s) URL', async () => {
    await assert.rejects(startTestEmulator({ webhooks: [{ url: 'http://127.0.0.1:1/x', secret: 'nope' }] }), /whsec_/);
    await assert.rejects(startTestEmulator({ webhooks: [{ url: 'ftp://x', secret: WEBHOOK_SECRET }] }), /http/);
  });
});
