/**
 * Webhooks: events the emulator signs the way Stripe does, received by the kit's webhook endpoint
 * behind a real `http` server and verified with the SDK's `constructEventAsync`; plus the
 * retrieve-then-check helper a site uses when the page says "done".
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type Stripe from 'stripe';
import {
  checkOnrampComplete,
  createOnrampSession,
  createOnrampWebhookHandler,
  isOnrampComplete,
  toNodeHandler,
  verifyOnrampWebhook,
  type CryptoOnrampSession,
  type OnrampSessionUpdatedEvent,
} from '../../src/server/index.js';
import { captureLogger, setSessionStatus, startTestEmulator, stripeAt, type TestEmulator } from './server-helpers.js';

const WEBHOOK_SECRET = 'whsec_serverKitTestSecret0123456789';

/** Deliveries the kit's endpoint accepted, and raw bodies + signatures as they arrived. */
const received: { session: CryptoOnrampSession; event: OnrampSessionUpdatedEvent }[] = [];
const raw: { body: string; signature: string }[] = [];
const waiters: { predicate: (session: CryptoOnrampSession) => boolean; resolve: () => void }[] = [];

function nextDelivery(predicate: (session: CryptoOnrampSession) => boolean): Promise<void> {
  if (received.some(({ session }) => predicate(session))) return Promise.resolve();
  return new Promise((resolve) => waiters.push({ predicate, resolve }));
}

let emulator: TestEmulator;
let receiver: Server;
let stripe: Stripe;

before(async () => {
  stripe = stripeAt(0); // webhooks need no API calls; re-aimed below once the emulator runs
  const handler = createOnrampWebhookHandler({
    stripe,
    secret: WEBHOOK_SECRET,
    logger: captureLogger().logger,
    onSessionUpdated: (session, event) => {
      received.push({ session, event });
      for (const waiter of waiters.filter((w) => w.predicate(session))) waiter.resolve();
    },
  });
  const node = toNodeHandler(handler);
  receiver = createServer((req, res) => {
    // Keep a copy of the raw delivery for the direct verifyOnrampWebhook tests, then serve it.
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      raw.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature']) });
      (req as typeof req & { body: Buffer; _body: boolean }).body = Buffer.concat(chunks);
      (req as typeof req & { _body: boolean })._body = true;
      void node(req, res);
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const port = (receiver.address() as AddressInfo).port;
  emulator = await startTestEmulator({ webhooks: [{ url: `http://127.0.0.1:${port}/webhooks`, secret: WEBHOOK_SECRET }] });
  stripe = stripeAt(emulator.port);
});

after(async () => {
  receiver.closeAllConnections();
  receiver.close();
  await emulator.close();
});

describe('webhooks from the emulator', () => {
  it('delivers a signed crypto.onramp_session_updated that the endpoint verifies and types', async () => {
    const session = await createOnrampSession(stripe, { destination_currency: 'eth', destination_network: 'ethereum' });
    const delivered = nextDelivery((s) => s.id === session.id && s.status === 'fulfillment_complete');
    await setSessionStatus(emulator, session.id, 'fulfillment_complete');
    await delivered;
    const { session: updated, event } = received.find((r) => r.session.id === session.id && r.session.status === 'fulfillment_complete')!;
    assert.equal(event.type, 'crypto.onramp_session_updated');
    assert.match(event.id, /^evt_/);
    assert.equal(updated.object, 'crypto.onramp_session');
    assert.equal(isOnrampComplete(updated), true);
  });

  it('verifyOnrampWebhook on the raw delivery: genuine, tampered, wrong secret, missing header', async () => {
    assert.ok(raw.length > 0);
    const { body, signature } = raw[raw.length - 1]!;
    const genuine = await verifyOnrampWebhook(stripe, body, signature, WEBHOOK_SECRET);
    assert.equal(genuine.kind, 'onramp_session_updated');
    if (genuine.kind === 'onramp_session_updated') assert.equal(genuine.session.status, 'fulfillment_complete');

    const tampered = await verifyOnrampWebhook(stripe, body.replace('fulfillment_complete', 'fulfillment_completf'), signature, WEBHOOK_SECRET);
    assert.deepEqual([tampered.kind, tampered.kind === 'invalid' && tampered.reason], ['invalid', 'signature']);
    const wrongSecret = await verifyOnrampWebhook(stripe, body, signature, 'whsec_someoneElse');
    assert.equal(wrongSecret.kind, 'invalid');
    const missing = await verifyOnrampWebhook(stripe, body, undefined, WEBHOOK_SECRET);
    assert.equal(missing.kind, 'invalid');
    await assert.rejects(verifyOnrampWebhook(stripe, body, signature, 'sk_test_notAWebhookSecret'), TypeError);
  });

  it('the endpoint refuses a forged delivery with 400', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const response = await fetch(`http://127.0.0.1:${port}/webhooks`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Stripe-Signature': 't=1,v1=deadbeef' },
      body: JSON.stringify({ id: 'evt_forged', type: 'crypto.onramp_session_updated', data: { object: {} } }),
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'webhook_signature_invalid');
  });
});

describe('verifyOnrampWebhook: event types (signed with the SDK’s own test signer)', () => {
  const sign = (payload: string) => stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  const sessionObject = { id: 'cos_test1', object: 'crypto.onramp_session', status: 'requires_payment' };

  it('accepts the dotted spelling crypto.onramp_session.updated', async () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'crypto.onramp_session.updated', data: { object: sessionObject } });
    const result = await verifyOnrampWebhook(stripe, payload, sign(payload), WEBHOOK_SECRET);
    assert.equal(result.kind, 'onramp_session_updated');
    if (result.kind === 'onramp_session_updated') {
      assert.equal(result.session.id, 'cos_test1');
      assert.equal(isOnrampComplete(result.session), false);
    }
  });

  it('answers ignored for other event types, without throwing', async () => {
    const payload = JSON.stringify({ id: 'evt_2', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });
    assert.deepEqual(await verifyOnrampWebhook(stripe, payload, sign(payload), WEBHOOK_SECRET), {
      kind: 'ignored',
      eventId: 'evt_2',
      eventType: 'payment_intent.succeeded',
    });
  });

  it('answers invalid payload for a signed event without a session', async () => {
    const payload = JSON.stringify({ id: 'evt_3', object: 'event', type: 'crypto.onramp_session_updated', data: { object: { id: 'pi_1' } } });
    const result = await verifyOnrampWebhook(stripe, payload, sign(payload), WEBHOOK_SECRET);
    assert.deepEqual([result.kind, result.kind === 'invalid' && result.reason], ['invalid', 'payload']);
  });
});

describe('confirming a purchase on the server', () => {
  it('checkOnrampComplete asks the API rather than the browser', async () => {
    const session = await createOnrampSession(stripe, { destination_currency: 'usdc', destination_network: 'solana' });
    assert.deepEqual((await checkOnrampComplete(stripe, session.id)).complete, false);
    await setSessionStatus(emulator, session.id, 'fulfillment_complete');
    const after = await checkOnrampComplete(stripe, session.id);
    assert.equal(after.complete, true);
    assert.equal(after.session.id, session.id);
  });
});
