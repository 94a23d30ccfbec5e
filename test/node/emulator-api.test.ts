/**
 * The emulator's HTTP API through the official `stripe` SDK and through raw form bodies: the
 * session object exactly as the reference page shows it, Stripe's bracket syntax, auth, 404s,
 * idempotency, CORS and latency injection.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import { CLIENT_SECRET_PATTERN } from '../../src/shared/session.js';
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS } from '../../src/shared/enums.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { createSession, EVM_ADDRESS, raw, SECRET_KEY, sdkError, startTestEmulator, stripeFor } from './emulator-helpers.js';

/** The keys of the reference page's example object, in its order. */
const SESSION_KEYS = ['id', 'object', 'client_secret', 'created', 'kyc_details_provided', 'livemode', 'metadata', 'redirect_url', 'status', 'transaction_details'];
const DETAIL_KEYS = [
  'destination_amount', 'destination_currencies', 'destination_currency', 'destination_network', 'destination_networks', 'fees',
  'lock_wallet_address', 'source_amount', 'source_currency', 'transaction_id', 'wallet_address', 'wallet_addresses',
];

let emulator: RunningEmulator;
let stripe: Stripe;
before(async () => ({ emulator, stripe } = await startTestEmulator()));
after(() => emulator.close());

describe('create and retrieve through the official SDK', () => {
  test('a session with no parameters has every key of the reference object', async () => {
    const before = Math.floor(Date.now() / 1000);
    const session = await createSession(stripe);
    assert.deepEqual(Object.keys(session), SESSION_KEYS);
    assert.deepEqual(Object.keys(session.transaction_details), DETAIL_KEYS);
    assert.match(session.id, /^cos_[A-Za-z0-9]+$/);
    assert.match(session.client_secret, CLIENT_SECRET_PATTERN);
    assert.ok(session.client_secret.startsWith(`${session.id}_secret_`));
    assert.equal(session.object, 'crypto.onramp_session');
    assert.equal(session.livemode, false);
    assert.equal(session.kyc_details_provided, false);
    assert.deepEqual(session.metadata, {});
    assert.equal(session.status, 'initialized');
    assert.ok(Number.isInteger(session.created) && session.created >= before && session.created <= before + 5);
    assert.deepEqual(session.transaction_details, {
      destination_amount: null,
      destination_currencies: [...DESTINATION_CURRENCIES],
      destination_currency: null,
      destination_network: null,
      destination_networks: [...DESTINATION_NETWORKS],
      fees: null,
      lock_wallet_address: false,
      source_amount: null,
      source_currency: null,
      transaction_id: null,
      wallet_address: null,
      wallet_addresses: null,
    });
  });

  test('redirect_url is the hosted page, keyed by a hash that is not the secret', async () => {
    const session = await createSession(stripe);
    const url = new URL(session.redirect_url);
    assert.equal(`${url.origin}${url.pathname}`, `${emulator.url}/hosted`);
    const hash = url.searchParams.get('session_hash');
    assert.ok(hash && hash.length >= 24);
    assert.ok(!session.redirect_url.includes(session.client_secret));
    assert.ok(!session.client_secret.includes(hash!));
    const page = await fetch(session.redirect_url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  });

  test('parameters are reflected, the other amount and the fees computed', async () => {
    const session = await createSession(stripe, {
      destination_currency: 'eth',
      destination_network: 'ethereum',
      destination_networks: ['ethereum', 'base'],
      wallet_addresses: { ethereum: EVM_ADDRESS },
      lock_wallet_address: true,
      source_amount: '100.00',
      source_currency: 'usd',
      metadata: { order: '42' },
      kyc_details: { first_name: 'Ada' },
    });
    const d = session.transaction_details;
    assert.equal(session.kyc_details_provided, true);
    assert.deepEqual(session.metadata, { order: '42' });
    assert.equal(d.source_amount, '100.00');
    assert.equal(d.destination_amount, '0.03333333');
    assert.deepEqual(d.fees, { network_fee_amount: '1.20', transaction_fee_amount: '1.50' });
    assert.deepEqual(d.destination_networks, ['ethereum', 'base']);
    assert.deepEqual(d.destination_currencies, ['eth', 'usdc', 'usdt'], 'unset currencies default to those on the networks');
    assert.equal(d.lock_wallet_address, true);
    assert.equal(d.wallet_addresses.ethereum, EVM_ADDRESS);
    assert.equal(d.wallet_addresses.base_network, null);
    assert.deepEqual(d.wallet_addresses.destination_tags, { stellar: null });
    assert.equal(d.wallet_address, null, 'wallet_address is the one the customer confirms');
  });

  test('customer_information (the guide\'s name) pre-fills like kyc_details (the reference\'s); neither comes back', async () => {
    const customer = { first_name: 'Ada', email: 'ada@example.com', dob: { day: 10, month: 12, year: 1990 } };
    const byGuide = await createSession(stripe, { customer_information: customer });
    const byReference = await createSession(stripe, { kyc_details: customer });
    const neither = await createSession(stripe, {});
    assert.equal(byGuide.kyc_details_provided, true);
    assert.equal(byReference.kyc_details_provided, true);
    assert.equal(neither.kyc_details_provided, false);
    for (const session of [byGuide, byReference]) {
      assert.deepEqual(Object.keys(session), SESSION_KEYS, 'the object keeps the reference page\'s keys');
      assert.ok(!JSON.stringify(session).includes('ada@example.com'), 'the details are not echoed');
    }
  });

  test('settlement_speed appears only when given', async () => {
    const session = await createSession(stripe, { settlement_speed: 'standard' });
    assert.equal(session.transaction_details.settlement_speed, 'standard');
  });

  test('retrieve returns the same object', async () => {
    const created = await createSession(stripe, { metadata: { a: 'b' } });
    const retrieved = JSON.parse(JSON.stringify(await stripe.rawRequest('GET', `/v1/crypto/onramp_sessions/${created.id}`)));
    assert.deepEqual(retrieved, created);
  });

  test('the SDK maps errors to its classes', async () => {
    const error = await sdkError(stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', { destination_currency: 'eth' }));
    assert.equal(error.type, 'StripeInvalidRequestError');
    assert.equal(error.statusCode, 400);
  });
});

describe('raw form bodies (curl)', () => {
  test('a[0]=x and a[]=x are the same list', async () => {
    const indexed = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'destination_currencies[0]=usdc&destination_currencies[1]=eth&destination_networks[0]=base');
    const pushed = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'destination_currencies[]=usdc&destination_currencies[]=eth&destination_networks[]=base');
    assert.equal(indexed.status, 200);
    assert.equal(pushed.status, 200);
    assert.deepEqual(indexed.body.transaction_details.destination_currencies, ['usdc', 'eth']);
    assert.deepEqual(pushed.body.transaction_details.destination_currencies, ['usdc', 'eth']);
    assert.deepEqual(pushed.body.transaction_details.destination_networks, ['base']);
  });

  test('indexes are taken in numeric order', async () => {
    const response = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'destination_networks[10]=solana&destination_networks[2]=base&destination_networks[0]=ethereum');
    assert.deepEqual(response.body.transaction_details.destination_networks, ['ethereum', 'base', 'solana']);
  });

  test('percent-encoded brackets, booleans and nested hashes', async () => {
    const body = `destination_networks%5B%5D=ethereum&wallet_addresses%5Bethereum%5D=${EVM_ADDRESS}&lock_wallet_address=true&metadata[cart]=a+b`;
    const response = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', body);
    assert.equal(response.status, 200);
    assert.equal(response.body.transaction_details.lock_wallet_address, true);
    assert.equal(response.body.transaction_details.wallet_addresses.ethereum, EVM_ADDRESS);
    assert.deepEqual(response.body.metadata, { cart: 'a b' });
  });

  test('a JSON body is refused: the API is form-encoded', async () => {
    const response = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', '{"source_currency":"usd"}', { 'Content-Type': 'application/json' });
    assert.equal(response.status, 400);
    assert.match(response.body.error.message, /form-encoded/);
  });

  test('responses carry Request-Id and echo Stripe-Version', async () => {
    const response = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', '', { 'Stripe-Version': '2025-01-01' });
    assert.match(response.headers.get('request-id') ?? '', /^req_/);
    assert.equal(response.headers.get('stripe-version'), '2025-01-01');
  });
});

describe('authentication', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['no Authorization header', { Authorization: '' }, /did not provide an API key/],
    ['a publishable key', { Authorization: 'Bearer pk_test_123' }, /publishable API key/],
    ['a live secret key', { Authorization: 'Bearer sk_live_123' }, /only test mode keys/],
    ['a key of another kind', { Authorization: 'Bearer hello' }, /Invalid API Key/],
  ];
  for (const [name, headers, message] of cases) {
    test(`401 with ${name}`, async () => {
      for (const [method, path] of [['POST', '/v1/crypto/onramp_sessions'], ['GET', '/v1/crypto/onramp_sessions'], ['GET', '/v1/crypto/onramp_sessions/cos_x']] as const) {
        const response = await raw(emulator, method, path, method === 'POST' ? '' : undefined, headers);
        assert.equal(response.status, 401, `${method} ${path}`);
        assert.equal(response.body.error.type, 'invalid_request_error');
        assert.match(response.body.error.message, message);
      }
    });
  }

  test('the SDK reports a 401 as an authentication error', async () => {
    const error = await sdkError(stripeFor(emulator, 'sk_live_nope').rawRequest('GET', '/v1/crypto/onramp_sessions'));
    assert.equal(error.type, 'StripeAuthenticationError');
    assert.equal(error.statusCode, 401);
  });

  test('any sk_test_ key, a restricted rk_test_ key and Basic auth are accepted', async () => {
    assert.equal((await raw(emulator, 'GET', '/v1/crypto/onramp_sessions', undefined, { Authorization: 'Bearer sk_test_anything' })).status, 200);
    assert.equal((await raw(emulator, 'GET', '/v1/crypto/onramp_sessions', undefined, { Authorization: 'Bearer rk_test_abc' })).status, 200);
    const basic = `Basic ${Buffer.from('sk_test_curl:').toString('base64')}`;
    assert.equal((await raw(emulator, 'GET', '/v1/crypto/onramp_sessions', undefined, { Authorization: basic })).status, 200);
  });
});

describe('not found', () => {
  test('an unknown session is 404 resource_missing', async () => {
    const response = await raw(emulator, 'GET', '/v1/crypto/onramp_sessions/cos_doesnotexist');
    assert.equal(response.status, 404);
    assert.deepEqual(response.body.error, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: "No such crypto.onramp_session: 'cos_doesnotexist'",
      param: 'id',
    });
    const error = await sdkError(stripe.rawRequest('GET', '/v1/crypto/onramp_sessions/cos_doesnotexist'));
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, 'resource_missing');
  });

  test('an unknown route is 404 in Stripe\'s shape', async () => {
    const response = await raw(emulator, 'GET', '/v1/customers');
    assert.equal(response.status, 404);
    assert.match(response.body.error.message, /Unrecognized request URL \(GET: \/v1\/customers\)/);
    const wrongMethod = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions/cos_x', '');
    assert.equal(wrongMethod.status, 404);
  });

  test('retrieve refuses unknown query parameters', async () => {
    const session = await createSession(stripe);
    const response = await raw(emulator, 'GET', `/v1/crypto/onramp_sessions/${session.id}?colour=red`);
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'parameter_unknown');
  });
});

describe('idempotency', () => {
  test('the same key and body replay the first response', async () => {
    const key = `key-${Date.now()}`;
    const body = 'destination_currency=usdc&destination_network=base&metadata[a]=1';
    const first = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', body, { 'Idempotency-Key': key });
    // Same parameters in another order are the same request.
    const second = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'metadata[a]=1&destination_network=base&destination_currency=usdc', { 'Idempotency-Key': key });
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.headers.get('original-request'), first.headers.get('request-id'));
    assert.deepEqual(second.body, first.body);
  });

  test('the same key with other parameters is an idempotency_error', async () => {
    const key = `key-${Date.now()}-b`;
    await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'metadata[a]=1', { 'Idempotency-Key': key });
    const reused = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'metadata[a]=2', { 'Idempotency-Key': key });
    assert.equal(reused.status, 400);
    assert.equal(reused.body.error.type, 'idempotency_error');
    assert.match(reused.body.error.message, /same parameters/);
    const error = await sdkError(stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', { metadata: { a: '3' } }, { idempotencyKey: key }));
    assert.equal(error.type, 'StripeIdempotencyError');
  });

  test('through the SDK: same idempotencyKey, same session', async () => {
    const key = `sdk-${Date.now()}`;
    const a = await stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', { source_amount: '10.00', source_currency: 'usd' }, { idempotencyKey: key });
    const b = await stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', { source_amount: '10.00', source_currency: 'usd' }, { idempotencyKey: key });
    assert.equal((b as unknown as { id: string }).id, (a as unknown as { id: string }).id);
    assert.equal(emulator.listSessions().filter((s) => s.id === (a as unknown as { id: string }).id).length, 1);
  });

  test('keys are scoped to the API key', async () => {
    const key = `scoped-${Date.now()}`;
    const a = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', '', { 'Idempotency-Key': key });
    const b = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', '', { 'Idempotency-Key': key, Authorization: 'Bearer sk_test_other_account' });
    assert.notEqual(a.body.id, b.body.id);
  });

  test('a validation error is not remembered; a trigger error is', async () => {
    const key = `validation-${Date.now()}`;
    const invalid = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'destination_currency=eth', { 'Idempotency-Key': key });
    assert.equal(invalid.status, 400);
    const fixed = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'destination_currency=eth', { 'Idempotency-Key': key });
    assert.equal(fixed.headers.get('idempotent-replayed'), null);

    const triggerKey = `trigger-${Date.now()}`;
    const refused = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'customer_ip_address=203.0.113.1', { 'Idempotency-Key': triggerKey });
    const replay = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', 'customer_ip_address=203.0.113.1', { 'Idempotency-Key': triggerKey });
    assert.equal(refused.status, 400);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.body.error.code, 'crypto_onramp_unsupported_country');
  });

  test('a key used on another endpoint is an idempotency_error', async () => {
    const key = `endpoint-${Date.now()}`;
    const session = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', '', { 'Idempotency-Key': key });
    const other = await raw(emulator, 'POST', `/v1/test_helpers/crypto/onramp_sessions/${session.body.id}/status`, 'status=rejected', { 'Idempotency-Key': key });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.type, 'idempotency_error');
  });
});

describe('CORS and latency', () => {
  test('the API answers browsers from any origin', async () => {
    const preflight = await fetch(`${emulator.url}/v1/crypto/onramp_sessions`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const response = await raw(emulator, 'GET', '/v1/crypto/onramp_sessions', undefined, { Origin: 'http://localhost:8000' });
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  test('latency is injected for the API and the scripts separately', async () => {
    const time = async (run: () => Promise<unknown>): Promise<number> => {
      const start = performance.now();
      await run();
      return performance.now() - start;
    };
    const getList = () => raw(emulator, 'GET', '/v1/crypto/onramp_sessions?limit=1');
    const getScript = () => fetch(emulator.scriptUrls.onrampOuterJs).then((r) => r.text());
    try {
      emulator.setLatency({ api: 150, scripts: 0 });
      assert.ok((await time(getList)) >= 145, 'API delayed');
      assert.ok((await time(getScript)) < 140, 'scripts not delayed by API latency');
      emulator.setLatency({ api: 0, scripts: 150 });
      assert.ok((await time(getScript)) >= 145, 'scripts delayed');
      assert.ok((await time(getList)) < 140, 'API not delayed by script latency');
    } finally {
      emulator.setLatency({ api: 0, scripts: 0 });
    }
  });
});

test('SECRET_KEY is a test key (sanity of the fixture)', () => assert.match(SECRET_KEY, /^sk_test_/));

test('malformed percent-encoding in a session path is a 400 naming the id, not a 500', async () => {
  for (const [method, path] of [
    ['GET', '/v1/crypto/onramp_sessions/%E0%A4%A'],
    ['POST', '/v1/test_helpers/crypto/onramp_sessions/%E0%A4%A/status'],
  ] as const) {
    const response = await raw(emulator, method, path, method === 'POST' ? 'status=rejected' : undefined);
    assert.equal(response.status, 400, `${method} ${path}`);
    assert.equal(response.body.error.type, 'invalid_request_error');
    assert.equal(response.body.error.param, 'id');
    assert.match(response.body.error.message, /percent-encoding/);
  }
});
