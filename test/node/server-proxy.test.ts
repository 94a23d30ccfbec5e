/**
 * `customer_ip_address` end to end: what reaches the emulator through the SDK, from the peer
 * address or, only when `trustProxy` says so, from the forwarding header.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOnrampSessionHandler, type OnrampSessionHandlerOptions } from '../../src/server/index.js';
import {
  captureLogger,
  errorOf,
  mintRequest,
  readJson,
  recordStripeRequests,
  useTestEmulator,
  stripeAt,
} from './server-helpers.js';

const testEmulator = useTestEmulator();

/** Mints once and answers the customer_ip_address that reached Stripe (or undefined). */
async function ipSent(
  options: Partial<OnrampSessionHandlerOptions>,
  headers: Record<string, string>,
  peerAddress: string | undefined,
): Promise<unknown> {
  const stripe = stripeAt(testEmulator().port);
  const sent = recordStripeRequests(stripe);
  const handler = createOnrampSessionHandler({ logger: captureLogger().logger, ...options, stripe });
  const response = await handler(mintRequest({}, { headers }), peerAddress === undefined ? undefined : { peerAddress });
  assert.equal(response.status, 200, JSON.stringify(await response.clone().json()));
  assert.equal(sent.length, 1);
  return sent[0]!.body!['customer_ip_address'];
}

const forged = { 'X-Forwarded-For': '100.100.100.100, 100.64.5.5', Forwarded: 'for=100.99.99.99', 'X-Real-IP': '100.98.98.98' };

describe('proxy handling: customer_ip_address', () => {
  it('without trustProxy: the peer address, forwarding headers ignored', async () => {
    assert.equal(await ipSent({}, forged, '10.1.2.3'), '10.1.2.3');
    assert.equal(await ipSent({}, forged, '::ffff:10.1.2.3'), '10.1.2.3');
  });

  it('no peer address and no trusted proxy: no customer_ip_address at all', async () => {
    assert.equal(await ipSent({}, forged, undefined), undefined);
  });

  it('trustProxy: 1 takes the address the one proxy appended', async () => {
    assert.equal(await ipSent({ trustProxy: 1 }, forged, '10.0.0.1'), '100.64.5.5');
  });

  it('trustProxy: true takes the left-most address', async () => {
    assert.equal(await ipSent({ trustProxy: true }, forged, '10.0.0.1'), '100.100.100.100');
  });

  it('trustProxy as a list: a peer outside it is the client, whatever the header says', async () => {
    assert.equal(await ipSent({ trustProxy: ['10.0.0.0/8'] }, forged, '10.0.0.1'), '100.64.5.5');
    assert.equal(await ipSent({ trustProxy: ['10.0.0.0/8'] }, forged, '100.70.0.1'), '100.70.0.1');
  });

  it('reads only the configured header', async () => {
    assert.equal(await ipSent({ trustProxy: 1, proxyHeader: 'forwarded' }, forged, '10.0.0.1'), '100.99.99.99');
    assert.equal(await ipSent({ trustProxy: 1, proxyHeader: 'x-real-ip' }, forged, '10.0.0.1'), '100.98.98.98');
  });

  it('the peerAddress option serves runtimes that expose the peer differently', async () => {
    assert.equal(
      await ipSent({ peerAddress: (request) => request.headers.get('cf-connecting-ip') }, { 'CF-Connecting-IP': '100.80.0.8' }, undefined),
      '100.80.0.8',
    );
  });

  it('the resolved address decides what Stripe answers (the emulator’s unsupported-region trigger)', async () => {
    const handler = createOnrampSessionHandler({ stripe: stripeAt(testEmulator().port), trustProxy: 1, logger: false });
    const response = await handler(mintRequest({}, { headers: { 'X-Forwarded-For': '203.0.113.9' } }), { peerAddress: '10.0.0.1' });
    assert.equal(response.status, 400);
    assert.equal(errorOf(await readJson(response)).code, 'crypto_onramp_unsupported_country');
    // Without trust, the same header changes nothing.
    const untrusting = createOnrampSessionHandler({ stripe: stripeAt(testEmulator().port), logger: false });
    const ok = await untrusting(mintRequest({}, { headers: { 'X-Forwarded-For': '203.0.113.9' } }), { peerAddress: '10.0.0.1' });
    assert.equal(ok.status, 200);
  });
});
