/**
 * CORS is applied once, by the endpoint kit, to every answer: this drives each early return of
 * both browser-facing handlers (minting and quotes) with an allowed origin and checks that every
 * answer carries the CORS headers for it. A path that lost them would reach the page as an opaque
 * CORS failure instead of its JSON error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  createOnrampQuotesHandler,
  createOnrampSessionHandler,
  type OnrampHandlerContext,
  type OnrampQuotesHandlerOptions,
  type OnrampSessionHandlerOptions,
  type RateLimitStore,
} from '../../src/server/index.js';
import { captureLogger, closedPort, errorOf, mintRequest, readJson, stripeAt, useTestEmulator, VALID_BODY } from './server-helpers.js';

const ORIGIN = 'https://shop.example';
const QUOTES_ENDPOINT = 'http://shop.example/api/onramp-quotes';
const testEmulator = useTestEmulator();

/** A store that fails: the rate limit's own 503 (`failure: 'closed'`). */
const failingStore: RateLimitStore = {
  increment: () => Promise.reject(new Error('the store is down')),
};
/** A key function that throws, so the request throws inside the handler and only the kit's wrapper answers. */
const throwingKey = (): string => {
  throw new Error('key bug');
};

type Handler = (request: Request, context?: OnrampHandlerContext) => Promise<Response>;

/** What both handlers are built with here: the emulator, a quiet logger, CORS for `ORIGIN` with credentials. */
const baseOptions = () => ({
  stripe: stripeAt(testEmulator().port),
  logger: captureLogger().logger,
  allowedOrigins: [ORIGIN],
  allowCredentials: true,
});

interface ResponsePath {
  name: string;
  status: number;
  code?: string;
  answer(): Promise<Response>;
}

function assertCors(response: Response, path: ResponsePath): void {
  assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN, `${path.name}: Access-Control-Allow-Origin`);
  assert.equal(response.headers.get('access-control-expose-headers'), 'Retry-After', `${path.name}: Access-Control-Expose-Headers`);
  assert.equal(response.headers.get('access-control-allow-credentials'), 'true', `${path.name}: Access-Control-Allow-Credentials`);
  assert.equal(response.headers.get('vary'), 'Origin', `${path.name}: Vary`);
}

async function checkEveryPath(paths: ResponsePath[]): Promise<void> {
  for (const path of paths) {
    const response = await path.answer();
    assert.equal(response.status, path.status, `${path.name}: status`);
    if (path.code !== undefined) assert.equal(errorOf(await readJson(response)).code, path.code, `${path.name}: code`);
    assertCors(response, path);
  }
}

describe('CORS on every answer: the minting endpoint', () => {
  const handlerWith = (options: Partial<OnrampSessionHandlerOptions> = {}): Handler => createOnrampSessionHandler({ ...baseOptions(), ...options });
  const mint = (body: unknown, init: Parameters<typeof mintRequest>[1] = {}): Request =>
    mintRequest(body, { ...init, headers: { Origin: ORIGIN, ...init.headers } });

  it('carries the CORS headers on each early return, the Stripe errors and the success', async () => {
    await checkEveryPath([
      { name: '405', status: 405, code: 'method_not_allowed', answer: () => handlerWith()(mint(undefined, { method: 'GET' })) },
      {
        name: '415',
        status: 415,
        code: 'unsupported_media_type',
        answer: () => handlerWith()(mint(undefined, { rawBody: 'x', headers: { 'Content-Type': 'text/plain' } })),
      },
      { name: '413', status: 413, code: 'body_too_large', answer: () => handlerWith({ maxBodyBytes: 16 })(mint(VALID_BODY)) },
      { name: '400 invalid JSON', status: 400, code: 'invalid_json', answer: () => handlerWith()(mint(undefined, { rawBody: '{' })) },
      {
        name: '400 Idempotency-Key',
        status: 400,
        code: 'idempotency_key_invalid',
        answer: () => handlerWith()(mint(VALID_BODY, { headers: { 'Idempotency-Key': ' ' } })),
      },
      { name: '400 parameter', status: 400, code: 'parameter_unknown', answer: () => handlerWith()(mint({ nonsense: 1 })) },
      {
        name: '400 policy',
        status: 400,
        code: 'policy_destination_currency_not_allowed',
        answer: () => handlerWith({ policy: { destinationCurrencies: ['usdc'] } })(mint(VALID_BODY)),
      },
      {
        name: '429',
        status: 429,
        code: 'rate_limited',
        answer: async () => {
          const handler = handlerWith({ rateLimit: { limit: 1, windowMs: 60_000 } });
          await (await handler(mint(VALID_BODY), { peerAddress: '100.64.0.1' })).body?.cancel();
          return handler(mint(VALID_BODY), { peerAddress: '100.64.0.1' });
        },
      },
      { name: '502', status: 502, code: 'stripe_unreachable', answer: async () => handlerWith({ stripe: stripeAt(await closedPort()) })(mint(VALID_BODY)) },
      {
        name: 'Stripe error (key refused)',
        status: 500,
        code: 'server_misconfigured',
        answer: () => handlerWith({ stripe: stripeAt(testEmulator().port, 'sk_live_RejectedKey0123456789abcdef') })(mint(VALID_BODY)),
      },
      {
        name: '500 (a hook threw)',
        status: 500,
        code: 'internal_error',
        answer: () => handlerWith({ prefill: () => { throw new Error('hook bug'); } })(mint(VALID_BODY)),
      },
      {
        name: '503 (the rate-limit store is down)',
        status: 503,
        code: 'rate_limit_unavailable',
        answer: () => handlerWith({ rateLimit: { limit: 1, windowMs: 60_000, store: failingStore } })(mint(VALID_BODY)),
      },
      {
        name: '500 (the handler threw)',
        status: 500,
        code: 'internal_error',
        answer: () => handlerWith({ rateLimit: { limit: 1, windowMs: 60_000, key: throwingKey } })(mint(VALID_BODY)),
      },
      { name: '200', status: 200, answer: () => handlerWith()(mint(VALID_BODY)) },
    ]);
  });
});

describe('CORS on every answer: the quotes endpoint', () => {
  const handlerWith = (options: Partial<OnrampQuotesHandlerOptions> = {}): Handler => createOnrampQuotesHandler({ ...baseOptions(), ...options });
  const ask = (query = '', method = 'GET'): Request =>
    new Request(`${QUOTES_ENDPOINT}${query === '' ? '' : `?${query}`}`, { method, headers: { Origin: ORIGIN } });

  it('carries the CORS headers on each early return, the Stripe errors and the success', async () => {
    await checkEveryPath([
      { name: '405', status: 405, code: 'method_not_allowed', answer: () => handlerWith()(ask('', 'POST')) },
      { name: '400 parameter', status: 400, answer: () => handlerWith()(ask('source_amount=lots')) },
      {
        name: '429',
        status: 429,
        code: 'rate_limited',
        answer: async () => {
          const handler = handlerWith({ rateLimit: { limit: 1, windowMs: 60_000 } });
          await (await handler(ask(), { peerAddress: '100.64.0.1' })).body?.cancel();
          return handler(ask(), { peerAddress: '100.64.0.1' });
        },
      },
      { name: '502', status: 502, code: 'stripe_unreachable', answer: async () => handlerWith({ stripe: stripeAt(await closedPort()) })(ask()) },
      {
        name: 'Stripe error (key refused)',
        status: 500,
        code: 'server_misconfigured',
        answer: () => handlerWith({ stripe: stripeAt(testEmulator().port, 'sk_live_RejectedKey0123456789abcdef') })(ask()),
      },
      {
        name: '503 (the rate-limit store is down)',
        status: 503,
        code: 'rate_limit_unavailable',
        answer: () => handlerWith({ rateLimit: { limit: 1, windowMs: 60_000, store: failingStore } })(ask()),
      },
      {
        name: '500 (the handler threw)',
        status: 500,
        code: 'internal_error',
        answer: () => handlerWith({ rateLimit: { limit: 1, windowMs: 60_000, key: throwingKey } })(ask()),
      },
      { name: '200', status: 200, answer: () => handlerWith()(ask('source_amount=50.00')) },
    ]);
  });
});
