/**
 * The quotes endpoint (`createOnrampQuotesHandler`) against a real emulator over loopback, through
 * the official `stripe` SDK. A counting proxy sits between the SDK and the emulator, so "this
 * request did not reach Stripe" is a count at the emulator, never a timing.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createOnrampQuotesHandler, DEFAULT_QUOTES_CACHE, toNodeHandler, type OnrampQuotesHandlerOptions } from '../../src/server/index.js';
import type { OnrampQuotes } from '../../src/shared/quotes.js';
import {
  captureLogger,
  closedPort,
  errorOf,
  readJson,
  startCountingProxy,
  startTestEmulator,
  stripeAt,
  type CountingProxy,
  type TestEmulator,
} from './server-helpers.js';

let emulator: TestEmulator;
let proxy: CountingProxy;
before(async () => {
  emulator = await startTestEmulator();
  proxy = await startCountingProxy(emulator);
});
after(async () => {
  await proxy.close();
  await emulator.close();
});

const QUOTES_ENDPOINT = 'http://shop.example/api/onramp-quotes';

/** A handler whose SDK goes through the counting proxy; `reached()` counts quotes requests that got to the emulator since. */
function setup(options: Partial<OnrampQuotesHandlerOptions> = {}) {
  const { logger, lines } = captureLogger();
  const handler = createOnrampQuotesHandler({ stripe: stripeAt(proxy.port), logger, ...options });
  const start = proxy.seen.length;
  const reached = (): string[] => proxy.seen.slice(start).filter((line) => line.startsWith('GET /v1/crypto/onramp/quotes'));
  return { handler, lines, reached };
}

const ask = (query = '', init: RequestInit = {}): Request => new Request(`${QUOTES_ENDPOINT}${query === '' ? '' : `?${query}`}`, init);

describe('quotes handler: answers', () => {
  it('answers Stripe\'s quotes object for the query', async () => {
    const { handler, reached } = setup();
    const response = await handler(ask('source_amount=50.00&destination_currencies[]=eth&destination_networks[]=base&destination_networks[]=ethereum'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const quotes = (await response.json()) as OnrampQuotes;
    assert.equal(quotes.object, 'crypto.onramp.quotes');
    assert.equal(quotes.source_amount, '50.00');
    assert.deepEqual(Object.keys(quotes.destination_network_quotes).sort(), ['base_network', 'ethereum']);
    assert.equal(reached().length, 1);
    // The request the kit sent: defaults written out, lists in the SDK's a[0]=x form.
    assert.equal(
      decodeURIComponent(reached()[0]!),
      'GET /v1/crypto/onramp/quotes?source_currency=usd&source_amount=50.00&destination_currencies[0]=eth&destination_networks[0]=base&destination_networks[1]=ethereum',
    );
  });

  it('serves from Node\'s http through toNodeHandler', async () => {
    const { handler, reached } = setup();
    const server = createServer(toNodeHandler(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await fetch(`${base}/api/onramp-quotes?destination_networks[]=solana`);
      assert.equal(ok.status, 200);
      assert.deepEqual(Object.keys(((await ok.json()) as OnrampQuotes).destination_network_quotes), ['solana']);
      const post = await fetch(`${base}/api/onramp-quotes`, { method: 'POST', body: 'x' });
      assert.equal(post.status, 405);
      await post.arrayBuffer();
      assert.equal(reached().length, 1);
    } finally {
      await closeServer(server);
    }
  });
});

describe('quotes handler: the cache', () => {
  it('a second identical request does not reach Stripe; another query does', async () => {
    const { handler, reached } = setup();
    const first = await handler(ask('destination_networks[]=base'));
    const second = await handler(ask('destination_networks[]=base'));
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), await first.json(), 'the same answer, ids included');
    assert.equal(reached().length, 1);
    assert.equal((await handler(ask('destination_networks[]=solana'))).status, 200);
    assert.equal(reached().length, 2);
  });

  it('keys on the normalised query: list order, repeats, a[]/a[0] and written-out defaults share one entry', async () => {
    const { handler, reached } = setup();
    for (const query of [
      'destination_currencies[]=usdc&destination_currencies[]=eth',
      'destination_currencies[0]=eth&destination_currencies[1]=usdc',
      'destination_currencies[]=eth&destination_currencies[]=usdc&destination_currencies[]=eth',
      'source_currency=usd&source_amount=100.00&destination_currencies[]=usdc&destination_currencies[]=eth',
    ]) {
      assert.equal((await handler(ask(query))).status, 200, query);
    }
    assert.equal(reached().length, 1);
  });

  it('concurrent identical requests make one Stripe request', async () => {
    const { handler, reached } = setup();
    const answers = await Promise.all(Array.from({ length: 5 }, () => handler(ask('destination_networks[]=polygon'))));
    for (const answer of answers) assert.equal(answer.status, 200);
    assert.equal(reached().length, 1);
  });

  it('an entry lives cacheTtlMs on the handler\'s clock; 0 turns caching off', async () => {
    let now = 1_000_000;
    const { handler, reached } = setup({ cacheTtlMs: 10_000, now: () => now });
    await handler(ask('destination_networks[]=celo'));
    now += 9_999;
    await handler(ask('destination_networks[]=celo'));
    assert.equal(reached().length, 1, 'still fresh');
    now += 1;
    await handler(ask('destination_networks[]=celo'));
    assert.equal(reached().length, 2, 'expired');

    const off = setup({ cacheTtlMs: 0 });
    await off.handler(ask('destination_networks[]=celo'));
    await off.handler(ask('destination_networks[]=celo'));
    assert.equal(off.reached().length, 2);
    assert.equal(DEFAULT_QUOTES_CACHE.ttlMs, 10_000);
  });

  it('is bounded: past cacheMaxEntries the oldest query goes first', async () => {
    const { handler, reached } = setup({ cacheMaxEntries: 2 });
    for (const network of ['base', 'solana', 'polygon', 'base']) await handler(ask(`destination_networks[]=${network}`));
    assert.equal(reached().length, 4, 'base was evicted by polygon');
    await handler(ask('destination_networks[]=polygon'));
    assert.equal(reached().length, 4, 'polygon is still cached');
  });

  it('errors are not cached', async () => {
    // gbp passes the kit (open enums: Stripe may add currencies) and the emulator refuses it.
    const { handler, reached } = setup();
    for (let i = 0; i < 2; i += 1) assert.equal((await handler(ask('source_currency=gbp'))).status, 400);
    assert.equal(reached().length, 2);
  });
});

describe('quotes handler: refusals', () => {
  it('400 naming the parameter, with the shared rules, before anything reaches Stripe', async () => {
    const { handler, reached } = setup();
    const cases: Array<[string, string, string]> = [
      ['colour=red', 'parameter_unknown', 'colour'],
      ['destination_amount=1&destination_currencies[]=eth', 'parameter_missing', 'destination_networks'],
      ['source_amount=1&destination_amount=1', 'crypto_onramp_invalid_source_destination_pair', 'destination_amount'],
      ['source_amount=10.001', 'crypto_onramp_invalid_source_amount', 'source_amount'],
      ['destination_currencies[]=btc&destination_networks[]=base', 'crypto_onramp_invalid_destination_currencies_and_networks', 'destination_currencies'],
      ['destination_networks[]=Not-A-Network', 'parameter_invalid_string', 'destination_networks[0]'],
      ['destination_networks[]=base&destination_networks[0]=solana', 'parameter_invalid_string', 'destination_networks'],
    ];
    for (const [query, code, param] of cases) {
      const response = await handler(ask(query));
      assert.equal(response.status, 400, query);
      const error = errorOf(await readJson(response));
      assert.deepEqual({ type: error.type, code: error.code, param: error.param }, { type: 'invalid_request_error', code, param }, query);
    }
    assert.equal(reached().length, 0);
  });

  it('passes Stripe\'s own errors through with their code and parameter', async () => {
    const { handler } = setup();
    const response = await handler(ask('source_currency=gbp'));
    assert.equal(response.status, 400);
    const error = errorOf(await readJson(response));
    assert.deepEqual({ code: error.code, param: error.param }, { code: 'parameter_invalid_string', param: 'source_currency' });
  });

  it('405 with Allow for anything but GET', async () => {
    const { handler, reached } = setup();
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const response = await handler(ask('', { method, ...(method === 'HEAD' ? {} : { body: '{}' }) }));
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'GET, OPTIONS');
      if (method !== 'HEAD') assert.equal(errorOf(await readJson(response)).code, 'method_not_allowed');
    }
    assert.equal(reached().length, 0);
  });

  it('429 with Retry-After past the limit (cached answers count); other clients unaffected', async () => {
    const { handler, reached } = setup({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const from = (peerAddress: string) => handler(ask('destination_networks[]=stellar'), { peerAddress });
    assert.equal((await from('100.64.2.1')).status, 200);
    assert.equal((await from('100.64.2.1')).status, 200);
    const limited = await from('100.64.2.1');
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    assert.deepEqual(
      (({ type, code }) => ({ type, code }))(errorOf(await readJson(limited))),
      { type: 'rate_limit_error', code: 'rate_limited' },
    );
    assert.equal((await from('100.64.2.2')).status, 200);
    assert.equal(reached().length, 1, 'one Stripe request: the rest came from the cache');
  });

  it('502 when Stripe cannot be reached, logged without the key', async () => {
    const { logger, lines } = captureLogger();
    const handler = createOnrampQuotesHandler({ stripe: stripeAt(await closedPort()), logger });
    const response = await handler(ask());
    assert.equal(response.status, 502);
    assert.equal(errorOf(await readJson(response)).code, 'stripe_unreachable');
    assert.ok(lines.length > 0 && lines.every((line) => !/sk_test_/.test(line)));
  });

  it('502 when something that is not Stripe answers', async () => {
    const impostor = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"object":"list","data":[]}');
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
    try {
      const { logger } = captureLogger();
      const handler = createOnrampQuotesHandler({ stripe: stripeAt((impostor.address() as AddressInfo).port), logger });
      const response = await handler(ask());
      assert.equal(response.status, 502);
      assert.equal(errorOf(await readJson(response)).code, 'invalid_stripe_response');
    } finally {
      await closeServer(impostor);
    }
  });

  it('refuses a stripe that is not the SDK at start-up', () => {
    assert.throws(() => createOnrampQuotesHandler({ stripe: {} as never }), /stripe/);
  });
});

describe('quotes handler: CORS, as the session handler does it', () => {
  const allowed = 'https://shop.example';

  it('labels answers for allowed origins only', async () => {
    const { handler } = setup({ allowedOrigins: [allowed] });
    const ok = await handler(ask('destination_networks[]=sui', { headers: { Origin: allowed } }));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('access-control-allow-origin'), allowed);
    assert.match(ok.headers.get('vary') ?? '', /Origin/);
    const bad = await handler(ask('colour=red', { headers: { Origin: allowed } }));
    assert.equal(bad.headers.get('access-control-allow-origin'), allowed, 'errors too, so the page can read them');
    const foreign = await handler(ask('destination_networks[]=sui', { headers: { Origin: 'https://evil.example' } }));
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  });

  it('a preflight for GET from an allowed origin passes; POST, other origins and no allowedOrigins are refused', async () => {
    const preflight = (origin: string, method: string) =>
      new Request(QUOTES_ENDPOINT, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': method } });
    const { handler } = setup({ allowedOrigins: [allowed] });
    const ok = await handler(preflight(allowed, 'GET'));
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), allowed);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'GET');
    for (const [options, origin, method] of [
      [{ allowedOrigins: [allowed] }, allowed, 'POST'],
      [{ allowedOrigins: [allowed] }, 'https://evil.example', 'GET'],
      [{}, allowed, 'GET'],
    ] as const) {
      const refused = await setup(options).handler(preflight(origin, method));
      assert.equal(refused.status, 403, `${origin} ${method}`);
      assert.equal(errorOf(await readJson(refused)).code, 'origin_not_allowed');
    }
    const plain = await handler(new Request(QUOTES_ENDPOINT, { method: 'OPTIONS' }));
    assert.equal(plain.headers.get('allow'), 'GET, OPTIONS');
  });
});

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
