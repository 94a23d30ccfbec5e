/**
 * The minting request's failure diagnosis (src/element/internal/session-failure.ts, the drop-in's
 * lazy chunk): `Retry-After` in both its forms, and any non-2xx answer, hostile bodies included,
 * as one error with no secret in it. Real `Response` objects; the error's sentence is put in by the
 * messages chunk, in English here; the browser tests cover the request itself, the automatic
 * retry, the event and the other languages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CryptoOnrampError, type CryptoOnrampErrorDetail } from '../../src/element/errors.js';
import type { Answer, SessionRequest } from '../../src/element/internal/mint-attempt.js';
import { retryAfterSeconds, sessionFailure } from '../../src/element/internal/session-failure.js';
import { elementError } from '../../src/element/internal/element-error.js';
import { sentence, type SentenceKey } from '../../src/element/internal/messages.js';

const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 500);
const params = { seed: SEED, numRuns: RUNS };
console.log(`fast-check: seed ${SEED}, ${RUNS} runs (replay with FC_SEED=${SEED} FC_RUNS=${RUNS})`);

// The messages chunk reads `navigator.webdriver` (a test-driven browser); Node 20 has no `navigator`.
globalThis.navigator ??= {} as Navigator;

const REQUEST: SessionRequest = { url: 'http://localhost/api', body: {}, idempotencyKey: 'k', timeoutMs: 1000, signal: new AbortController().signal };
const TRANSIENT = new Set([408, 429, 502, 503, 504]);
const SECRETS = ['sk_test_51Abc0DEF', 'rk_live_A1b2', 'cos_1Q2w3E_secret_R4t5Y6', 'whsec_a+b/c='];

/** The failure's error, a `CryptoOnrampError` naming its sentence, with the sentence put in (English). */
const failure = async (answer: Answer): Promise<CryptoOnrampErrorDetail> => {
  const error = sessionFailure(REQUEST, answer, elementError) as CryptoOnrampError & { sentence: SentenceKey; args: [] };
  assert.ok(error instanceof CryptoOnrampError);
  return { ...error.detail, message: await sentence(error.sentence, error.args) };
};

const answer = (status: number, text: string, headers: Record<string, string> = {}) => ({
  // The body was read already (`text`); the Response carries the status and headers.
  response: new Response(null, { status, headers }),
  text,
});

test('Retry-After: delay-seconds, padded or not, is that many seconds', () => {
  fc.assert(
    fc.property(fc.nat({ max: 10_000_000 }), fc.constantFrom('', ' ', '  '), (seconds, pad) => {
      assert.equal(retryAfterSeconds(`${pad}${seconds}${pad}`), seconds);
    }),
    params,
  );
});

test('Retry-After: an HTTP-date in the past is 0; absent or unreadable is undefined', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10 ** 9 }), (secondsAgo) => {
      assert.equal(retryAfterSeconds(new Date(Date.now() - secondsAgo * 1000).toUTCString()), 0);
    }),
    params,
  );
  for (const value of [null, '', 'soon', 'Fri, 99 Foo 2026']) assert.equal(retryAfterSeconds(value), undefined, String(value));
});

test('any non-2xx answer is one session_http_error with its status, retryable when transient, no secret in it', async () => {
  const body = fc.oneof(
    fc.string(),
    fc.record({ error: fc.record({ code: fc.string(), message: fc.string(), param: fc.string() }, { requiredKeys: [] }) }).map((b) => JSON.stringify(b)),
    fc.constantFrom(...SECRETS).map((secret) => JSON.stringify({ error: { message: `Bad ${secret} here`, code: 'x' } })),
  );
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 300, max: 599 }), body, async (status, text) => {
      const { code, message, httpStatus, retryable } = await failure(answer(status, text));
      assert.equal(code, 'session_http_error');
      assert.equal(httpStatus, status);
      assert.equal(retryable, status >= 500 || TRANSIENT.has(status));
      assert.ok(message.length > 0);
      for (const secret of SECRETS) assert.ok(!message.includes(secret), message);
    }),
    params,
  );
});

test("the error body's code, message and param, and Retry-After in the message", async () => {
  const text = JSON.stringify({ error: { code: 'busy', message: 'Not now', param: 'source_amount' } });
  assert.deepEqual(await failure(answer(429, text, { 'Retry-After': '7' })), {
    code: 'session_http_error',
    message: 'Not now Try again in 7 seconds.',
    httpStatus: 429,
    retryable: true,
    stripeCode: 'busy',
    param: 'source_amount',
    retryAfter: 7,
  });
  assert.deepEqual(await failure(answer(418, 'teapot')), { code: 'session_http_error', message: 'The session endpoint answered HTTP 418.', httpStatus: 418, retryable: false });
});

test('no answer, and a 2xx answer without a session', async () => {
  assert.deepEqual(await failure({ timedOut: true }), { code: 'session_request_failed', message: 'The session endpoint did not answer within 1,000 ms.', retryable: true });
  assert.equal((await failure({ timedOut: false })).code, 'session_request_failed');
  assert.deepEqual(await failure(answer(200, '<html>')), { code: 'invalid_session_response', message: 'The session endpoint did not answer a JSON object.', retryable: true });
  const { code, message, ...extra } = await failure(answer(200, JSON.stringify({ client_secret: 'cos_1_secret_has-dash' })));
  assert.equal(code, 'invalid_session_response');
  assert.deepEqual(extra, { retryable: true, param: 'client_secret' });
  assert.ok(!message.includes('has-dash'));
});
