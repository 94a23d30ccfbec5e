/**
 * The minting endpoint (`createOnrampSessionHandler`) against a real emulator over loopback,
 * through the official `stripe` SDK: every status it answers, each class of parameter error,
 * idempotency, rate limiting, CORS, and what happens when Stripe is unreachable or refuses the key.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLIENT_SECRET_PATTERN } from '../../src/shared/session.js';
import {
  createOnrampSessionHandler,
  MemoryRateLimitStore,
  type RateLimitHit,
  type RateLimitStore,
} from '../../src/server/index.js';
import {
  closedPort,
  ENDPOINT,
  errorOf,
  mintRequest,
  readJson,
  useHandlerSetup,
  stripeAt,
  TEST_PUBLISHABLE_KEY,
  VALID_BODY,
} from './server-helpers.js';

const { testEmulator, setup } = useHandlerSetup();

describe('minting: success', () => {
  it('answers { client_secret, publishable_key } and nothing else, never cached', async () => {
    const { handler, sent } = setup({ publishableKey: TEST_PUBLISHABLE_KEY });
    const response = await handler(mintRequest(VALID_BODY), { peerAddress: '100.64.0.10' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = await readJson(response);
    assert.deepEqual(Object.keys(body).sort(), ['client_secret', 'publishable_key']);
    assert.match(String(body['client_secret']), CLIENT_SECRET_PATTERN);
    assert.equal(body['publishable_key'], TEST_PUBLISHABLE_KEY);
    // Exactly one request reached the API, carrying the page's presets and the customer's IP.
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.method, 'POST');
    assert.equal(sent[0]!.path, '/v1/crypto/onramp_sessions');
    assert.deepEqual(sent[0]!.body, { ...VALID_BODY, customer_ip_address: '100.64.0.10' });
  });

  it('answers only client_secret without a publishable key, and accepts an empty body object', async () => {
    const { handler } = setup();
    const response = await handler(mintRequest({}));
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(await readJson(response)), ['client_secret']);
  });

  it('answers redirect_url only when the policy enables the hosted fallback', async () => {
    const withFallback = setup({ policy: { hostedFallback: true } });
    const body = await readJson(await withFallback.handler(mintRequest(VALID_BODY)));
    assert.match(String(body['redirect_url']), /^https?:\/\//);
    const without = setup();
    assert.equal((await readJson(await without.handler(mintRequest(VALID_BODY))))['redirect_url'], undefined);
  });

  it('refuses a secret key as publishableKey at start-up, without echoing it', () => {
    const stripe = stripeAt(testEmulator().port);
    assert.throws(
      () => createOnrampSessionHandler({ stripe, publishableKey: 'sk_test_DoNotLeakThis123' }),
      (error: Error) => error instanceof TypeError && !error.message.includes('DoNotLeakThis'),
    );
  });
});

describe('minting: protocol errors', () => {
  it('405 with Allow for anything but POST', async () => {
    const { handler, sent } = setup();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const response = await handler(mintRequest(VALID_BODY, { method }));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
      if (method !== 'HEAD') assert.equal(errorOf(await readJson(response)).code, 'method_not_allowed');
    }
    assert.equal(sent.length, 0);
  });

  it('415 for anything but a JSON body', async () => {
    const { handler, sent } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '']) {
      const request = new Request(ENDPOINT, { method: 'POST', headers: type ? { 'Content-Type': type } : {}, body: JSON.stringify(VALID_BODY) });
      if (!type) request.headers.delete('content-type');
      const response = await handler(request);
      assert.equal(response.status, 415, type);
      assert.equal(errorOf(await readJson(response)).code, 'unsupported_media_type');
    }
    const ok = await handler(mintRequest(VALID_BODY, { headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' } }));
    assert.equal(ok.status, 200);
    assert.equal(sent.length, 1);
  });

  it('415 naming the charset when JSON is declared in a charset other than UTF-8', async () => {
    const { handler, sent } = setup();
    for (const charset of ['iso-8859-1', '"windows-1252"', 'UTF-16']) {
      const response = await handler(mintRequest(VALID_BODY, { headers: { 'Content-Type': `application/json; charset=${charset}` } }));
      assert.equal(response.status, 415);
      const error = errorOf(await readJson(response));
      assert.equal(error.code, 'unsupported_media_type');
      assert.ok(error.message!.includes(charset.replaceAll('"', '').toLowerCase()), error.message);
      assert.match(error.message!, /UTF-8/);
    }
    assert.equal(sent.length, 0);
  });

  it('413 on a declared length over maxBodyBytes, without reading the body', async () => {
    const { handler, sent } = setup({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ source_amount: '1'.repeat(2000) });
    const response = await handler(mintRequest(undefined, { rawBody: big, headers: { 'Content-Length': String(big.length) } }));
    assert.equal(response.status, 413);
    assert.equal(errorOf(await readJson(response)).code, 'body_too_large');
    assert.equal(sent.length, 0);
  });

  it('413 on a long streamed body with no declared length: stops reading once over the limit', async () => {
    const { handler } = setup({ maxBodyBytes: 4096 });
    // 2 MB offered in 1 kB chunks; a handler that read to the end would pull all 2000 of them.
    let chunksPulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunksPulled++;
        if (chunksPulled > 2000) return controller.close();
        controller.enqueue(new TextEncoder().encode(chunksPulled === 1 ? '{"source_amount":"' : '1'.repeat(1000)));
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const response = await handler(request);
    assert.equal(response.status, 413);
    assert.ok(cancelled, 'the body stream was cancelled');
    assert.ok(chunksPulled <= 8, `read ${chunksPulled} of 2000 chunks`);
  });

  it('400 invalid_json for broken JSON and broken UTF-8; invalid_body for a non-object', async () => {
    const { handler, sent } = setup();
    for (const raw of ['{', '{"destination_currency":}', "{'a':1}", 'nul', '']) {
      const response = await handler(mintRequest(undefined, { rawBody: raw }));
      assert.equal(response.status, 400, raw);
      assert.equal(errorOf(await readJson(response)).code, 'invalid_json', raw);
    }
    const badUtf8 = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    assert.equal(errorOf(await readJson(await handler(badUtf8))).code, 'invalid_json');
    for (const raw of ['[]', 'null', '"eth"', '42', 'true']) {
      const response = await handler(mintRequest(undefined, { rawBody: raw }));
      assert.equal(response.status, 400, raw);
      assert.equal(errorOf(await readJson(response)).code, 'invalid_body', raw);
    }
    assert.equal(sent.length, 0);
  });

  it('400 on a malformed Idempotency-Key', async () => {
    const { handler, sent } = setup();
    for (const key of ['x'.repeat(256), 'has space', 'tab\there', 'ünïcode']) {
      const response = await handler(mintRequest(VALID_BODY, { headers: { 'Idempotency-Key': key } })).catch(() => null);
      if (response === null) continue; // `Headers` itself refuses some values: nothing to send
      assert.equal(response.status, 400, key);
      assert.equal(errorOf(await readJson(response)).code, 'idempotency_key_invalid');
    }
    assert.equal(sent.length, 0);
    const okay = await handler(mintRequest(VALID_BODY, { headers: { 'Idempotency-Key': 'k'.repeat(255) } }));
    assert.equal(okay.status, 200);
  });
});

describe('minting: parameters (the shared rules, before anything reaches Stripe)', () => {
  /** [what, body, expected code, expected param]: one per rule class. */
  const cases: [string, unknown, string, string][] = [
    ['server-only customer_ip_address', { customer_ip_address: '1.2.3.4' }, 'parameter_unknown', 'customer_ip_address'],
    ['server-only metadata', { metadata: { order: '1' } }, 'parameter_unknown', 'metadata'],
    ['server-only kyc_details', { kyc_details: { email: 'a@b.co' } }, 'parameter_unknown', 'kyc_details'],
    ['a parameter the API has but the page may not set', { settlement_speed: 'instant' }, 'parameter_unknown', 'settlement_speed'],
    ['a typo', { destination_curency: 'eth' }, 'parameter_unknown', 'destination_curency'],
    ['wrong type: number for a string', { destination_currency: 5, destination_network: 'ethereum' }, 'parameter_invalid_string', 'destination_currency'],
    ['wrong type: string for a list', { destination_currencies: 'eth' }, 'parameter_invalid_array', 'destination_currencies'],
    ['wrong type: string for a boolean', { lock_wallet_address: 'yes' }, 'parameter_invalid_boolean', 'lock_wallet_address'],
    ['wrong type: list for an object', { destination_network: 'ethereum', wallet_addresses: ['0x'] }, 'parameter_invalid_object', 'wallet_addresses'],
    ['malformed enum value', { destination_currency: 'DOGE!', destination_network: 'ethereum' }, 'parameter_invalid_string', 'destination_currency'],
    ['empty list', { destination_networks: [] }, 'parameter_invalid_empty', 'destination_networks'],
    ['malformed value in a list', { destination_networks: ['ethereum', 'Mars Net'] }, 'parameter_invalid_string', 'destination_networks[1]'],
    ['both amounts', { source_amount: '10', source_currency: 'usd', destination_amount: '1', destination_currency: 'eth', destination_network: 'ethereum' }, 'crypto_onramp_invalid_source_destination_pair', 'destination_amount'],
    ['source_amount without source_currency', { source_amount: '10' }, 'crypto_onramp_missing_source_currency', 'source_currency'],
    ['fractional cents', { source_amount: '10.001', source_currency: 'usd' }, 'crypto_onramp_invalid_source_amount', 'source_amount'],
    ['non-positive amount', { source_amount: '0', source_currency: 'usd' }, 'crypto_onramp_invalid_source_amount', 'source_amount'],
    ['too many crypto decimals', { destination_amount: '1.1234567', destination_currency: 'usdc', destination_network: 'ethereum' }, 'crypto_onramp_invalid_destination_amount', 'destination_amount'],
    ['destination_amount without currency', { destination_amount: '1', destination_network: 'ethereum' }, 'crypto_onramp_missing_destination_currency', 'destination_currency'],
    ['half a destination pair', { destination_currency: 'eth' }, 'crypto_onramp_incomplete_destination_currency_and_network_pair', 'destination_network'],
    ['currency not on network', { destination_currency: 'btc', destination_network: 'ethereum' }, 'crypto_onramp_invalid_destination_currency_and_network_pair', 'destination_currency'],
    ['currency outside its own list', { destination_currency: 'eth', destination_network: 'ethereum', destination_currencies: ['usdc'] }, 'crypto_onramp_conflicting_destination_currency', 'destination_currency'],
    ['network outside its own list', { destination_currency: 'usdc', destination_network: 'ethereum', destination_networks: ['solana'] }, 'crypto_onramp_conflicting_destination_network', 'destination_network'],
    ['lists with no combination', { destination_currencies: ['btc'], destination_networks: ['solana'] }, 'crypto_onramp_invalid_destination_currencies_and_networks', 'destination_currencies'],
    ['wallet without a network', { wallet_addresses: { ethereum: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' } }, 'parameter_missing', 'destination_networks'],
    ['wallet for another network', { destination_networks: ['solana'], wallet_addresses: { ethereum: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' } }, 'crypto_onramp_wallet_addresses_not_all_networks_supported', 'wallet_addresses[ethereum]'],
    ['implausible wallet address', { destination_network: 'ethereum', destination_currency: 'eth', wallet_addresses: { ethereum: '0x1234' } }, 'parameter_invalid_string', 'wallet_addresses[ethereum]'],
    ['unknown wallet key', { destination_network: 'base', destination_currency: 'eth', wallet_addresses: { base: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' } }, 'parameter_unknown', 'wallet_addresses[base]'],
    ['lock with nothing to lock', { lock_wallet_address: true }, 'crypto_onramp_no_wallet_address_to_lock', 'lock_wallet_address'],
  ];

  for (const [what, body, code, param] of cases) {
    it(`400 ${code} on ${param}: ${what}`, async () => {
      const { handler, sent } = setup();
      const response = await handler(mintRequest(body));
      const error = errorOf(await readJson(response));
      assert.equal(response.status, 400);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.deepEqual({ type: error.type, code: error.code, param: error.param }, { type: 'invalid_request_error', code, param });
      assert.ok(error.message && error.message.length > 0);
      assert.equal(sent.length, 0, 'nothing reached Stripe');
    });
  }

  it('leaves a well-formed currency and network it does not know to Stripe (open enums)', async () => {
    const { handler, sent } = setup();
    const body = { destination_currency: 'newcoin', destination_network: 'newchain', destination_amount: '1.1234567890123456789012' };
    const response = await handler(mintRequest(body));
    // The kit's rules have no opinion on values they do not know: the request reaches Stripe, and
    // the emulator (which, like Stripe, knows its list) answers; its error passes through.
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.body!['destination_currency'], 'newcoin');
    assert.equal(response.status, 400);
    const error = errorOf(await readJson(response));
    assert.deepEqual({ code: error.code, param: error.param }, { code: 'parameter_invalid_string', param: 'destination_currency' });
  });

  it('400 parameter_unknown for a __proto__ key, and the prototype is untouched', async () => {
    const { handler, sent } = setup();
    const response = await handler(mintRequest(undefined, { rawBody: '{"__proto__":{"polluted":true}}' }));
    assert.equal(response.status, 400);
    assert.deepEqual(errorOf(await readJson(response)).param, '__proto__');
    const nested = await handler(
      mintRequest(undefined, { rawBody: '{"destination_network":"ethereum","destination_currency":"eth","wallet_addresses":{"__proto__":{"x":1}}}' }),
    );
    assert.equal(nested.status, 400);
    assert.equal(errorOf(await readJson(nested)).code, 'parameter_unknown');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(sent.length, 0);
  });
});

describe('minting: idempotency', () => {
  it('the same Idempotency-Key returns the same session; another key a new one', async () => {
    const { handler, sent } = setup();
    const headers = { 'Idempotency-Key': `crypto-onramp-${crypto.randomUUID()}` };
    const first = await readJson(await handler(mintRequest(VALID_BODY, { headers }), { peerAddress: '100.64.0.20' }));
    const second = await readJson(await handler(mintRequest(VALID_BODY, { headers }), { peerAddress: '100.64.0.20' }));
    assert.match(String(first['client_secret']), CLIENT_SECRET_PATTERN);
    assert.equal(second['client_secret'], first['client_secret']);
    const third = await readJson(
      await handler(mintRequest(VALID_BODY, { headers: { 'Idempotency-Key': `crypto-onramp-${crypto.randomUUID()}` } }), { peerAddress: '100.64.0.20' }),
    );
    assert.notEqual(third['client_secret'], first['client_secret']);
    // The key reaches Stripe namespaced, so a page cannot collide with the site's own keys.
    assert.equal(sent[0]!.idempotency_key, `crypto-onramp-mint:${headers['Idempotency-Key']}`);
  });

  it('a key reused with other parameters is the kit’s idempotency_key_reused, without the internal key', async () => {
    const { handler } = setup();
    const key = `reuse-${crypto.randomUUID()}`;
    const headers = { 'Idempotency-Key': key };
    assert.equal((await handler(mintRequest(VALID_BODY, { headers }))).status, 200);
    const response = await handler(mintRequest({ ...VALID_BODY, source_amount: '250.00' }, { headers }));
    const text = await response.text();
    const error = errorOf(JSON.parse(text) as Record<string, unknown>);
    assert.equal(response.status, 400);
    assert.equal(error.type, 'idempotency_error');
    assert.equal(error.code, 'idempotency_key_reused');
    assert.ok(error.message);
    assert.doesNotMatch(text, /crypto-onramp-mint|reuse-/, 'neither the namespaced key nor the key itself');
  });

  it('a key too long for Stripe once prefixed is hashed, deterministically', async () => {
    const { handler, sent } = setup();
    const headers = { 'Idempotency-Key': 'k'.repeat(250) };
    const first = await readJson(await handler(mintRequest(VALID_BODY, { headers })));
    const second = await readJson(await handler(mintRequest(VALID_BODY, { headers })));
    assert.equal(second['client_secret'], first['client_secret']);
    assert.ok(sent[0]!.idempotency_key!.length <= 255);
    assert.equal(sent[0]!.idempotency_key, sent[1]!.idempotency_key);
  });
});

describe('minting: rate limit', () => {
  it('429 with Retry-After once a client used up its window; other clients unaffected', async () => {
    const { handler, sent } = setup({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const from = (peerAddress: string) => handler(mintRequest(VALID_BODY), { peerAddress });
    assert.equal((await from('100.64.1.1')).status, 200);
    assert.equal((await from('100.64.1.1')).status, 200);
    const limited = await from('100.64.1.1');
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const error = errorOf(await readJson(limited));
    assert.equal(error.type, 'rate_limit_error');
    assert.equal(error.code, 'rate_limited');
    assert.equal((await from('100.64.1.2')).status, 200);
    assert.equal(sent.length, 3);
  });

  it('uses a custom store and key', async () => {
    const hits: string[] = [];
    // A store with its own counting, as a Redis-backed one would be.
    class CountingStore implements RateLimitStore {
      readonly inner = new MemoryRateLimitStore();
      increment(key: string, windowMs: number): RateLimitHit {
        hits.push(key);
        return this.inner.increment(key, windowMs);
      }
    }
    const { handler } = setup({
      rateLimit: { limit: 1, windowMs: 1000, store: new CountingStore(), key: (request) => request.headers.get('x-user') ?? 'anon' },
    });
    const as = (user: string) => handler(mintRequest(VALID_BODY, { headers: { 'X-User': user } }));
    assert.equal((await as('alice')).status, 200);
    assert.equal((await as('alice')).status, 429);
    assert.equal((await as('bob')).status, 200);
    assert.deepEqual(hits, ['alice', 'alice', 'bob']);
  });

  it('the memory store opens a new window once the old one ends', () => {
    let now = 1_000_000;
    const store = new MemoryRateLimitStore(() => now);
    assert.equal(store.increment('a', 1000).count, 1);
    assert.equal(store.increment('a', 1000).count, 2);
    now += 1000;
    assert.deepEqual(store.increment('a', 1000), { count: 1, resetAt: now + 1000 });
  });
});

describe('minting: Stripe failures', () => {
  it('passes Stripe’s own errors through with status, type, code, param and message', async () => {
    const { handler, sent } = setup();
    // The emulator's documented triggers: TEST-NET-3 is an unsupported region, TEST-NET-1 an incident.
    const unsupported = await handler(mintRequest(VALID_BODY), { peerAddress: '203.0.113.5' });
    assert.equal(unsupported.status, 400);
    const error = errorOf(await readJson(unsupported));
    assert.deepEqual(
      { type: error.type, code: error.code, param: error.param },
      { type: 'invalid_request_error', code: 'crypto_onramp_unsupported_country', param: 'customer_ip_address' },
    );
    assert.ok(error.message);
    const disabled = await handler(mintRequest(VALID_BODY), { peerAddress: '192.0.2.5' });
    assert.equal(disabled.status, 400);
    const disabledError = errorOf(await readJson(disabled));
    assert.deepEqual({ type: disabledError.type, code: disabledError.code }, { type: 'api_error', code: 'crypto_onramp_disabled' });
    assert.equal(sent.length, 2, 'these did reach Stripe');
  });

  it('502 when Stripe cannot be reached', async () => {
    const { handler, lines } = setup({ stripe: stripeAt(await closedPort()) });
    const response = await handler(mintRequest(VALID_BODY));
    assert.equal(response.status, 502);
    const error = errorOf(await readJson(response));
    assert.equal(error.type, 'api_error');
    assert.equal(error.code, 'stripe_unreachable');
    assert.equal(lines.length, 1);
  });

  it('500 with a generic message when Stripe rejects the key; one log line; the key nowhere', async () => {
    const rejectedKey = 'sk_live_RejectedKey0123456789abcdef';
    const { handler, lines } = setup({ stripe: stripeAt(testEmulator().port, rejectedKey) });
    const response = await handler(mintRequest(VALID_BODY));
    const text = await response.text();
    assert.equal(response.status, 500);
    const error = errorOf(JSON.parse(text) as Record<string, unknown>);
    assert.equal(error.code, 'server_misconfigured');
    assert.ok(!text.includes(rejectedKey) && !text.includes('sk_'), 'no key in the answer');
    assert.equal(lines.length, 1, 'exactly one log line');
    assert.match(lines[0]!, /secret key/);
    assert.ok(!lines[0]!.includes('RejectedKey') && !lines[0]!.includes('sk_live'), 'no key in the log');
  });
});

describe('minting: CORS', () => {
  const allowed = 'https://shop.example';

  it('answers an allowed preflight with the origin (never *) and the methods and headers', async () => {
    const { handler } = setup({ allowedOrigins: [allowed], allowCredentials: true, allowedHeaders: ['X-CSRF-Token'] });
    const response = await handler(
      new Request(ENDPOINT, {
        method: 'OPTIONS',
        headers: { Origin: allowed, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
      }),
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
    assert.equal(response.headers.get('access-control-allow-credentials'), 'true');
    assert.equal(response.headers.get('access-control-allow-methods'), 'POST');
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    assert.match(response.headers.get('access-control-allow-headers') ?? '', /X-CSRF-Token/);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  it('refuses a preflight from another origin, or with no allowedOrigins at all', async () => {
    for (const options of [{ allowedOrigins: [allowed] }, {}]) {
      const { handler } = setup(options);
      const response = await handler(
        new Request(ENDPOINT, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }),
      );
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
      assert.equal(errorOf(await readJson(response)).code, 'origin_not_allowed');
    }
  });

  it('labels answers for allowed origins only, errors included', async () => {
    const { handler } = setup({ allowedOrigins: [allowed] });
    const ok = await handler(mintRequest(VALID_BODY, { headers: { Origin: allowed } }));
    assert.equal(ok.headers.get('access-control-allow-origin'), allowed);
    assert.equal(ok.headers.get('access-control-allow-credentials'), null);
    const bad = await handler(mintRequest({ nope: 1 }, { headers: { Origin: allowed } }));
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('access-control-allow-origin'), allowed);
    const foreign = await handler(mintRequest(VALID_BODY, { headers: { Origin: 'https://evil.example' } }));
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  it('refuses a wildcard with credentials at start-up', () => {
    const stripe = stripeAt(testEmulator().port);
    assert.throws(() => createOnrampSessionHandler({ stripe, allowedOrigins: ['*'], allowCredentials: true }), /allowCredentials/);
    assert.throws(() => createOnrampSessionHandler({ stripe, allowedOrigins: ['not an origin'] }), /allowedOrigins/);
  });
});
