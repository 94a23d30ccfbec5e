/**
 * The emulator's quotes endpoint, `GET /v1/crypto/onramp/quotes` and `/v1/crypto/onramp_quotes`:
 * read through the official `stripe` SDK and over raw HTTP, in Stripe's shape, priced from the
 * emulator's quote table, with Stripe's auth and error body. Every rule of the shared quotes
 * validator runs three ways: the validator on the decoded query, the emulator over HTTP at both
 * paths, and the SDK.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { decodeForm } from '../../src/shared/form-decoder.js';
import { validateQuotesParams } from '../../src/shared/validate.js';
import { QUOTES_PATHS, type OnrampQuotes } from '../../src/shared/quotes.js';
import { NETWORK_CURRENCIES, walletAddressKeyFor } from '../../src/shared/currencies.js';
import { computeQuote } from '../../src/emulator/quote.js';
import { getOnrampQuotes } from '../../src/server/index.js';
import { raw, sdkError, startTestEmulator } from './emulator-helpers.js';

const FIXED_NOW = 1_790_000_000_123;
let emulator: RunningEmulator;
let stripe: Stripe;
before(async () => ({ emulator, stripe } = await startTestEmulator({ now: () => FIXED_NOW })));
after(() => emulator.close());

const read = async (path: string): Promise<OnrampQuotes> => JSON.parse(JSON.stringify(await stripe.rawRequest('GET', path))) as OnrampQuotes;

/** The answer without what differs per request (ids), to compare two answers. */
function priced(quotes: OnrampQuotes): unknown {
  const { id: _id, ...rest } = quotes;
  const byNetwork = Object.fromEntries(
    Object.entries(quotes.destination_network_quotes).map(([key, list]) => [key, (list ?? []).map(({ id: _quoteId, ...quote }) => quote)]),
  );
  return { ...rest, destination_network_quotes: byNetwork };
}

describe('quotes: Stripe shape through the official SDK', () => {
  test('the SDK reads quotes at both paths; every known pair, Base keyed base_network, priced from the quote table', async () => {
    const [documented, alias] = await Promise.all(QUOTES_PATHS.map((path) => read(path)));
    assert.deepEqual(priced(alias!), priced(documented!), 'both paths answer the same');
    const quotes = documented!;
    assert.match(quotes.id, /^[0-9a-f]{64}$/);
    assert.equal(quotes.object, 'crypto.onramp.quotes');
    assert.equal(quotes.livemode, false);
    assert.equal(quotes.rate_fetched_at, FIXED_NOW / 1000, 'float seconds');
    assert.ok(!Number.isInteger(quotes.rate_fetched_at));
    assert.equal(quotes.source_currency, 'usd');
    assert.equal(quotes.source_amount, '100.00');
    const expectedKeys = Object.keys(NETWORK_CURRENCIES).map((network) => walletAddressKeyFor(network)).sort();
    assert.deepEqual(Object.keys(quotes.destination_network_quotes).sort(), expectedKeys);
    assert.ok(!('base' in quotes.destination_network_quotes));
    for (const [network, currencies] of Object.entries(NETWORK_CURRENCIES)) {
      const list = quotes.destination_network_quotes[walletAddressKeyFor(network)!] ?? [];
      assert.deepEqual(list.map((quote) => quote.destination_currency).sort(), [...currencies].sort(), network);
      for (const quote of list) {
        const expected = computeQuote({ sourceCurrency: 'usd', destinationCurrency: quote.destination_currency, destinationNetwork: network, sourceAmount: '100.00' })!;
        assert.deepEqual(Object.keys(quote).sort(), ['destination_amount', 'destination_currency', 'destination_network', 'fees', 'id', 'source_total_amount']);
        assert.match(quote.id, /^[0-9a-f]{64}$/);
        assert.equal(quote.destination_network, network, 'the network itself inside a quote (base, not base_network)');
        assert.equal(quote.destination_amount, expected.destinationAmount);
        assert.deepEqual(quote.fees, { network_fee_monetary: expected.networkFee, transaction_fee_monetary: expected.transactionFee });
        assert.equal(quote.source_total_amount, expected.totalAmount);
      }
    }
  });

  test('the kit\'s getOnrampQuotes reads them through the SDK (lists as a[0]=x)', async () => {
    const quotes = await getOnrampQuotes(stripe, { source_currency: 'eur', source_amount: '50.00', destination_currencies: ['usdc', 'eth'], destination_networks: ['base'] });
    assert.equal(quotes.source_currency, 'eur');
    assert.equal(quotes.source_amount, '50.00');
    assert.deepEqual(Object.keys(quotes.destination_network_quotes), ['base_network']);
    const base = quotes.destination_network_quotes.base_network ?? [];
    assert.deepEqual(base.map((quote) => quote.destination_currency), ['eth', 'usdc']);
    const eth = computeQuote({ sourceCurrency: 'eur', destinationCurrency: 'eth', destinationNetwork: 'base', sourceAmount: '50.00' })!;
    assert.equal(base[0]!.destination_amount, eth.destinationAmount);
    assert.equal(base[0]!.source_total_amount, eth.totalAmount);
  });

  test('a fixed destination_amount prices its one pair; source_amount is what it costs before fees', async () => {
    const quotes = await read('/v1/crypto/onramp/quotes?destination_amount=0.5&destination_currencies[]=eth&destination_networks[]=base');
    const expected = computeQuote({ sourceCurrency: 'usd', destinationCurrency: 'eth', destinationNetwork: 'base', destinationAmount: '0.5' })!;
    assert.equal(quotes.source_amount, expected.sourceAmount);
    assert.deepEqual(Object.keys(quotes.destination_network_quotes), ['base_network']);
    const [only, ...rest] = quotes.destination_network_quotes.base_network ?? [];
    assert.equal(rest.length, 0);
    assert.equal(only!.destination_amount, '0.5');
    assert.equal(only!.source_total_amount, expected.totalAmount);
  });

  test('a[]=x and a[0]=x are the same list; order and repetition change nothing', async () => {
    const answers = await Promise.all([
      'destination_currencies[]=usdc&destination_currencies[]=eth&destination_networks[]=polygon&destination_networks[]=base',
      'destination_currencies[0]=eth&destination_currencies[1]=usdc&destination_networks[0]=base&destination_networks[1]=polygon',
      'destination_currencies[]=eth&destination_currencies[]=usdc&destination_currencies[]=eth&destination_networks[]=base&destination_networks[]=polygon&destination_networks[]=base',
    ].map((query) => read(`/v1/crypto/onramp/quotes?${query}`)));
    for (const answer of answers) assert.deepEqual(priced(answer), priced(answers[0]!));
    assert.deepEqual(Object.keys(answers[0]!.destination_network_quotes), ['base_network', 'polygon']);
  });
});

describe('quotes: Stripe\'s auth and error shape', () => {
  test('401 without a secret key, in Stripe\'s error body', async () => {
    for (const headers of [{ Authorization: '' }, { Authorization: 'Bearer pk_test_abc' }, { Authorization: 'Bearer sk_live_abc' }]) {
      const answer = await raw(emulator, 'GET', QUOTES_PATHS[0], undefined, headers);
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.type, 'invalid_request_error');
      assert.equal(typeof answer.body.error.message, 'string');
    }
  });

  test('POST is not a quotes route; the 404 message lists the quotes endpoint', async () => {
    const answer = await raw(emulator, 'POST', QUOTES_PATHS[0], '');
    assert.equal(answer.status, 404);
    assert.match(answer.body.error.message, /GET \/v1\/crypto\/onramp\/quotes/);
  });

  test('mixing a[] and a[0] in one list is a parameter error', async () => {
    const answer = await raw(emulator, 'GET', `${QUOTES_PATHS[0]}?destination_currencies[]=eth&destination_currencies[0]=usdc`);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.param, 'destination_currencies');
  });
});

const ONE_PAIR = 'destination_currencies[]=eth&destination_networks[]=base';
const QUOTE_CASES: Array<{ name: string; query: string; code: string; param: string }> = [
  { name: 'unknown parameter', query: 'colour=red', code: 'parameter_unknown', param: 'colour' },
  { name: 'a session parameter', query: 'destination_currency=eth', code: 'parameter_unknown', param: 'destination_currency' },
  { name: 'source_currency not priced by quotes', query: 'source_currency=gbp', code: 'parameter_invalid_string', param: 'source_currency' },
  { name: 'source_currency empty', query: 'source_currency=', code: 'parameter_invalid_empty', param: 'source_currency' },
  { name: 'source_amount not a number', query: 'source_amount=ten', code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'source_amount zero', query: 'source_amount=0', code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'source_amount fractional cents', query: 'source_amount=10.001', code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'both amounts', query: `source_amount=10&destination_amount=1&${ONE_PAIR}`, code: 'crypto_onramp_invalid_source_destination_pair', param: 'destination_amount' },
  { name: 'destination_amount not a number', query: `destination_amount=-1&${ONE_PAIR}`, code: 'crypto_onramp_invalid_destination_amount', param: 'destination_amount' },
  { name: 'destination_amount without currencies', query: 'destination_amount=1&destination_networks[]=base', code: 'parameter_missing', param: 'destination_currencies' },
  { name: 'destination_amount without networks', query: 'destination_amount=1&destination_currencies[]=eth', code: 'parameter_missing', param: 'destination_networks' },
  { name: 'destination_amount with two currencies', query: 'destination_amount=1&destination_currencies[]=eth&destination_currencies[]=usdc&destination_networks[]=base', code: 'parameter_invalid_array', param: 'destination_currencies' },
  { name: 'destination_amount with two networks', query: 'destination_amount=1&destination_currencies[]=eth&destination_networks[]=base&destination_networks[]=ethereum', code: 'parameter_invalid_array', param: 'destination_networks' },
  { name: 'destination_amount finer than the currency', query: 'destination_amount=1.0000001&destination_currencies[]=usdc&destination_networks[]=base', code: 'crypto_onramp_invalid_destination_amount', param: 'destination_amount' },
  { name: 'destination_amount pair not on the network', query: 'destination_amount=1&destination_currencies[]=btc&destination_networks[]=base', code: 'crypto_onramp_invalid_destination_currency_and_network_pair', param: 'destination_currencies' },
  { name: 'unknown currency in the list', query: 'destination_currencies[]=eth&destination_currencies[]=doge', code: 'parameter_invalid_string', param: 'destination_currencies[1]' },
  { name: 'unknown network, a[0] form', query: 'destination_networks[0]=moon', code: 'parameter_invalid_string', param: 'destination_networks[0]' },
  { name: 'list given empty', query: 'destination_currencies=', code: 'parameter_invalid_empty', param: 'destination_currencies' },
  { name: 'list given as a scalar', query: 'destination_networks=base', code: 'parameter_invalid_array', param: 'destination_networks' },
  { name: 'no currency on any network', query: 'destination_currencies[]=btc&destination_networks[]=base&destination_networks[]=solana', code: 'crypto_onramp_invalid_destination_currencies_and_networks', param: 'destination_currencies' },
];

describe('quotes: every rule, shared validator = emulator (both paths) = SDK', () => {
  for (const c of QUOTE_CASES) {
    test(`${c.name} → ${c.code} on ${c.param}`, async () => {
      const expected = { code: c.code, param: c.param };
      const shared = validateQuotesParams(decodeForm(c.query), 'form');
      assert.equal(shared.ok, false);
      if (!shared.ok) assert.deepEqual({ code: shared.error.code, param: shared.error.param }, expected);
      for (const path of QUOTES_PATHS) {
        const answer = await raw(emulator, 'GET', `${path}?${c.query}`);
        assert.equal(answer.status, 400, path);
        assert.deepEqual({ code: answer.body.error.code, param: answer.body.error.param }, expected);
        assert.equal(answer.body.error.type, 'invalid_request_error');
        assert.match(answer.body.error.message, /\w+ \w+/);
      }
      const error = await sdkError(stripe.rawRequest('GET', `${QUOTES_PATHS[0]}?${c.query}`));
      assert.equal(error.type, 'StripeInvalidRequestError');
      assert.deepEqual({ code: error.code, param: error.param }, expected);
    });
  }
});
