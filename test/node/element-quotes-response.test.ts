/**
 * `<crypto-onramp-quotes>`'s reading of the endpoint's answer (src/element/quotes/internal/
 * quotes-request.ts), with real `fetch` against a loopback endpoint that answers what a
 * misbehaving one could: a list capped at MAX_QUOTES (the cheapest, in the answer's order),
 * impossible amounts refused as `invalid_quotes_response`, and the endpoint's own error texts
 * redacted. The browser tests cover rendering.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_QUOTES, parseQuotes, requestQuotes } from '../../src/element/quotes/internal/quotes-request.js';
import { QuotesError } from '../../src/element/quotes/internal/quotes-error.js';

const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 200);

const quote = (i: number, total: string, overrides: Record<string, unknown> = {}) => ({
  id: `cq_${i}`,
  destination_currency: 'usdc',
  destination_amount: '99.12',
  destination_network: `net${i}`,
  fees: { network_fee_monetary: '0.01', transaction_fee_monetary: '1.50' },
  source_total_amount: total,
  ...overrides,
});
const answer = (quotes: unknown[], sourceAmount = '100.00') => ({
  id: 'cqs_test',
  object: 'crypto.onramp.quotes',
  livemode: false,
  rate_fetched_at: 1,
  source_currency: 'usd',
  source_amount: sourceAmount,
  destination_network_quotes: { ethereum: quotes },
});
const listed = (quotes: ReturnType<typeof parseQuotes>) => Object.values(quotes.destination_network_quotes).flatMap((list) => list ?? []);

let endpoint: Server;
let reply: { status: number; body: string } = { status: 200, body: '{}' };
before(async () => {
  endpoint = createServer((req, res) => {
    req.resume();
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(reply.body);
  }).listen(0, '127.0.0.1');
  await once(endpoint, 'listening');
});
after(() => endpoint.close());
const ask = (status: number, body: unknown) => {
  reply = { status, body: JSON.stringify(body) };
  return requestQuotes({ url: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/quotes`, timeoutMs: 5000, signal: new AbortController().signal });
};

describe('quotes answers', () => {
  it(`20,000 quotes: the ${MAX_QUOTES} cheapest are kept, in the answer's order`, async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => quote(i, `${100 + ((i * 7919) % 20_000) / 100}`));
    const kept = listed(await ask(200, answer(many)));
    assert.equal(kept.length, MAX_QUOTES);
    const totals = many.map((q) => Number(q.source_total_amount)).sort((a, b) => a - b);
    assert.ok(kept.every((q) => Number(q.source_total_amount) <= totals[MAX_QUOTES - 1]!), 'the cheapest');
    const order = kept.map((q) => Number(q.id.slice(3)));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), "the answer's order");
  });

  it(`property: any list keeps min(n, ${MAX_QUOTES}) quotes, none dearer than one dropped (seed ${SEED})`, () => {
    console.log(`fast-check: seed ${SEED}, ${RUNS} runs (replay with FC_SEED=${SEED} FC_RUNS=${RUNS})`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 150 }), (totals) => {
        const quotes = totals.map((t, i) => quote(i, `${t}.00`));
        const kept = listed(parseQuotes(answer(quotes)));
        assert.equal(kept.length, Math.min(totals.length, MAX_QUOTES));
        const keptIds = new Set(kept.map((q) => q.id));
        const dropped = quotes.filter((q) => !keptIds.has(q.id));
        const dearestKept = Math.max(...kept.map((q) => Number(q.source_total_amount)));
        assert.ok(dropped.every((q) => Number(q.source_total_amount) >= dearestKept));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  for (const [what, body] of [
    ['a NaN source_amount', answer([quote(1, '101.51')], 'NaN')],
    ['a negative total', answer([quote(1, '-5.00')])],
    ['a NaN destination amount', answer([quote(1, '101.51', { destination_amount: 'NaN' })])],
    ['a negative fee', answer([quote(1, '101.51', { fees: { network_fee_monetary: '-1.00', transaction_fee_monetary: '1.50' } })])],
    ['an exponent', answer([quote(1, '1e3')])],
  ] as const) {
    it(`${what} is invalid_quotes_response`, async () => {
      await assert.rejects(ask(200, body), (error: unknown) => error instanceof QuotesError && error.detail.code === 'invalid_quotes_response');
    });
  }

  it("the endpoint's message, code and param are redacted", async () => {
    const error = await ask(400, { error: { message: 'bad key sk_test_leak123', code: 'x_rk_live_leak456', param: 'cos_1A_secret_leak789' } }).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e as QuotesError,
    );
    const text = JSON.stringify(error.detail);
    for (const leak of ['sk_test_leak123', 'rk_live_leak456', 'cos_1A_secret_leak789']) assert.ok(!text.includes(leak), text);
    assert.equal(error.detail.message, 'bad key [redacted]');
  });
});
