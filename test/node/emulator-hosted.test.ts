/**
 * The hosted onramp, as `mode="redirect"` and `mode="standalone"` open it: the page behind a
 * session's `redirect_url` plays the whole purchase through its session hash, and the status
 * reaches retrieve, list and signed webhooks as in the embedded flow; a standalone URL (the
 * stand-in's `StripeOnramp.Standalone(options).getUrl()`) starts a session with its options.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import type { RunningEmulator, StripeEvent } from '../../src/emulator/index.js';
import type { BrowserSessionView } from '../../src/emulator/stand-in/protocol.js';
import { createSession, EVM_ADDRESS, raw, startTestEmulator } from './emulator-helpers.js';

const WEBHOOK_SECRET = 'whsec_hosted_test_secret';

async function browserPost(emulator: RunningEmulator, path: string, body: Record<string, unknown>): Promise<{ status: number; view?: BrowserSessionView }> {
  const response = await fetch(emulator.url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as { view?: BrowserSessionView };
  return { status: response.status, ...json };
}

/** Plays the purchase on the hosted page's endpoints, authenticated by the session hash only. */
async function purchase(emulator: RunningEmulator, hash: string, choice: Record<string, string>): Promise<BrowserSessionView> {
  const auth = { session_hash: hash };
  assert.equal((await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'select_quote', ...choice })).status, 200);
  assert.equal((await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'confirm_wallet', wallet_address: EVM_ADDRESS })).view?.session.status, 'requires_payment');
  const paid = await browserPost(emulator, '/browser/session/actions', { ...auth, action: 'pay', card_number: '4242424242424242' });
  assert.equal(paid.status, 200);
  return paid.view!;
}

describe('the hosted page behind redirect_url', () => {
  let emulator: RunningEmulator;
  let stripe: Stripe;
  const received: StripeEvent[] = [];
  let onEvent = (): void => {};
  const receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      // Verified with the official SDK, as a site's webhook endpoint would.
      received.push(stripe.webhooks.constructEvent(body, String(req.headers['stripe-signature']), WEBHOOK_SECRET) as unknown as StripeEvent);
      res.writeHead(200).end('{}');
      onEvent();
    });
  });
  /** Resolves once a webhook says session `id` reached `status` (fulfillment runs on the emulator's timer). */
  const webhookFor = (id: string, status: string) =>
    new Promise<void>((resolve) => {
      const check = () => received.some((e) => e.data.object.id === id && e.data.object.status === status) && resolve();
      onEvent = check;
      check();
    });
  before(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
    ({ emulator, stripe } = await startTestEmulator({ webhooks: [{ url, secret: WEBHOOK_SECRET }] }));
  });
  after(async () => {
    await emulator.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('redirect_url carries a session hash, never the secret, and its page plays the whole purchase', async () => {
    const session = await createSession(stripe, { destination_networks: ['ethereum'], destination_currencies: ['eth'] });
    const url = new URL(session.redirect_url);
    assert.equal(url.pathname, '/hosted');
    assert.deepEqual([...url.searchParams.keys()], ['session_hash']);
    assert.doesNotMatch(session.redirect_url, /secret|cos_/);
    const page = await fetch(session.redirect_url);
    assert.equal(page.status, 200);
    assert.doesNotMatch(await page.text(), /_secret_/);

    const delivered = webhookFor(session.id, 'fulfillment_complete');
    const paid = await purchase(emulator, url.searchParams.get('session_hash')!, {
      source_amount: '100', source_currency: 'usd', destination_currency: 'eth', destination_network: 'ethereum',
    });
    assert.equal(paid.session.status, 'fulfillment_processing');
    await delivered;
    const final = JSON.parse(JSON.stringify(await stripe.rawRequest('GET', `/v1/crypto/onramp_sessions/${session.id}`, {})));
    assert.equal(final.status, 'fulfillment_complete');
    assert.equal(final.transaction_details.destination_currency, 'eth');
    assert.equal(final.transaction_details.wallet_address, EVM_ADDRESS);
    assert.match(final.transaction_details.transaction_id, /\S/);
    const listed = (await raw(emulator, 'GET', '/v1/crypto/onramp_sessions?limit=100')).body.data.find((s: { id: string }) => s.id === session.id);
    assert.equal(listed.status, 'fulfillment_complete');

    const events = received.filter((event) => event.data.object.id === session.id);
    assert.deepEqual(events.map((e) => e.data.object.status), ['requires_payment', 'fulfillment_processing', 'fulfillment_complete']);
  });
});

describe('the standalone onramp URL', () => {
  let emulator: RunningEmulator;
  before(async () => ({ emulator } = await startTestEmulator()));
  after(() => emulator.close());

  const open = (query: string) => fetch(`${emulator.url}/hosted?${query}`, { redirect: 'manual' });

  test('starts a session with the options and sends the page to it', async () => {
    const response = await open('destination_currency=usdc&destination_network=base&supported_destination_networks[]=base&supported_destination_networks[]=ethereum&source_amount=40&standalone=1');
    assert.equal(response.status, 303);
    const hash = new URL(response.headers.get('location')!).searchParams.get('session_hash')!;
    const view = (await browserPost(emulator, '/browser/session', { session_hash: hash })).view!;
    assert.equal(view.details.destination_currency, 'usdc');
    assert.equal(view.details.destination_network, 'base');
    assert.equal(view.details.source_amount, '40');
    assert.equal(view.details.source_currency, 'usd');
    assert.deepEqual(Object.keys(view.options.network_currencies).sort(), ['base', 'ethereum'], 'only the supported networks are offered');
    const retrieved = (await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${view.session.id}`)).body;
    assert.equal(retrieved.transaction_details.destination_network, 'base');
  });

  test('a total amount becomes the source amount whose quote totals it', async () => {
    const response = await open('destination_currency=usdc&destination_network=base&source_total_amount=50.76&standalone=1');
    const hash = new URL(response.headers.get('location')!).searchParams.get('session_hash')!;
    const view = (await browserPost(emulator, '/browser/session', { session_hash: hash })).view!;
    assert.equal(view.details.source_amount, '50.00');
    assert.equal(view.session.quote?.total_amount, '50.76');
  });

  test('options the API would refuse show on the page instead of a purchase', async () => {
    const response = await open('destination_currency=btc&destination_network=base&standalone=1');
    assert.equal(response.status, 400);
    assert.match(await response.text(), /not available on the base network/);
  });
});
