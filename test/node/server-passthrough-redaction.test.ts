/**
 * Every text of an upstream error the kit passes to the browser is redacted: `message`, `code`
 * and `param`, from the minting and the quotes endpoints. The official SDK talks over loopback to
 * an upstream that echoes secrets in each field (which the emulator, like Stripe, never does: no
 * other way to reach the case).
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createOnrampQuotesHandler, createOnrampSessionHandler } from '../../src/server/index.js';
import { captureLogger, mintRequest, stripeAt, VALID_BODY } from './server-helpers.js';

const LEAKS = ['sk_test_leakedKey123', 'rk_live_leakedKey456', 'cos_1Leak_secret_leaked789'];

let upstream: Server;
before(async () => {
  upstream = createServer((req, res) => {
    req.resume();
    res.writeHead(400, { 'Content-Type': 'application/json', 'Request-Id': 'req_leak' });
    res.end(JSON.stringify({ error: { type: 'invalid_request_error', code: `bad_${LEAKS[0]}`, param: `wallet_addresses[${LEAKS[2]}]`, message: `Refused ${LEAKS[1]}.` } }));
  }).listen(0, '127.0.0.1');
  await once(upstream, 'listening');
});
after(() => upstream.close());

describe('passed-through upstream errors', () => {
  for (const [name, call] of [
    ['minting', () => createOnrampSessionHandler({ stripe: stripeAt((upstream.address() as AddressInfo).port), logger: captureLogger().logger })(mintRequest(VALID_BODY))],
    ['quotes', () => createOnrampQuotesHandler({ stripe: stripeAt((upstream.address() as AddressInfo).port), logger: captureLogger().logger })(new Request('http://shop.example/api/onramp-quotes?source_amount=100'))],
  ] as const) {
    it(`${name}: code, param and message reach the browser with no secret in them`, async () => {
      const response = await call();
      assert.equal(response.status, 400);
      const text = await response.text();
      for (const leak of LEAKS) assert.ok(!text.includes(leak), `${leak} in ${text}`);
      const error = (JSON.parse(text) as { error: Record<string, string> }).error;
      assert.equal(error['code'], 'bad_[redacted]');
      assert.equal(error['param'], 'wallet_addresses[[redacted]');
      assert.equal(error['message'], 'Refused [redacted].');
    });
  }
});
