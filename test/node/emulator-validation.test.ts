/**
 * Every rule of the API and every error code, table-driven. Each case runs four ways: the shared
 * validator with JSON input, the shared validator with form input, the emulator over raw HTTP
 * (form body), and the emulator through the official SDK, so the rules are proven once and shown
 * to be the ones the emulator enforces.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type Stripe from 'stripe';
import {
  checkDecimalAmount,
  currenciesOnNetwork,
  DESTINATION_CURRENCY_DECIMALS,
  isCurrencyOnNetwork,
  isIpAddress,
  isIpInRange,
  isPlausibleWalletAddress,
  networkForWalletAddressKey,
  validateCreateParams,
  validateListParams,
  walletAddressKeyFor,
  type ParamEncoding,
} from '../../src/shared/validate.js';
import { decodeForm } from '../../src/emulator/form-decoder.js';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { createSession, EVM_ADDRESS, raw, sdkError, startTestEmulator } from './emulator-helpers.js';

/** stripe-node's encoding: `a[0]=x`, `m[k]=v`, null as an empty value. */
function toForm(params: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(`${key}[${i}]`, item));
    else if (value !== null && typeof value === 'object') for (const k of Object.keys(value)) walk(`${key}[${k}]`, (value as Record<string, unknown>)[k]);
    else pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : String(value))}`);
  };
  for (const key of Object.keys(params)) walk(key, params[key]);
  return pairs.join('&');
}

interface Case {
  name: string;
  params: Record<string, unknown>;
  code: string;
  param: string;
  only?: ParamEncoding;
  /** stripe-node copies params with Object.assign, which turns an own `__proto__` into a prototype: it never sends one. */
  viaSdk?: false;
}

const pair = { destination_currency: 'eth', destination_network: 'ethereum' };
const manyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));

const CREATE_CASES: Case[] = [
  // Unknown parameters, nested ones and prototype keys included.
  { name: 'unknown top-level parameter', params: { colour: 'red' }, code: 'parameter_unknown', param: 'colour' },
  { name: 'unknown wallet network (base, not base_network)', params: { destination_networks: ['base'], wallet_addresses: { base: EVM_ADDRESS } }, code: 'parameter_unknown', param: 'wallet_addresses[base]' },
  { name: 'unknown kyc field', params: { kyc_details: { ssn: '000000000' } }, code: 'parameter_unknown', param: 'kyc_details[ssn]' },
  { name: 'unknown kyc address field', params: { kyc_details: { address: { planet: 'Mars' } } }, code: 'parameter_unknown', param: 'kyc_details[address][planet]' },
  { name: 'unknown destination tag network', params: { destination_networks: ['stellar'], wallet_addresses: { destination_tags: { ethereum: '1' } } }, code: 'parameter_unknown', param: 'wallet_addresses[destination_tags][ethereum]' },
  { name: '__proto__ at the top', params: JSON.parse('{"__proto__": {"polluted": "yes"}}') as Record<string, unknown>, code: 'parameter_unknown', param: '__proto__', viaSdk: false },
  { name: 'constructor at the top', params: { constructor: { prototype: 'x' } }, code: 'parameter_unknown', param: 'constructor' },
  { name: '__proto__ inside wallet_addresses', params: { destination_networks: ['ethereum'], wallet_addresses: JSON.parse('{"__proto__": "x"}') as Record<string, unknown> }, code: 'parameter_unknown', param: 'wallet_addresses[__proto__]' },
  { name: '__proto__ as a metadata key', params: { metadata: JSON.parse('{"__proto__": "x"}') as Record<string, unknown> }, code: 'parameter_invalid_string', param: 'metadata[__proto__]' },
  { name: 'constructor as a metadata key', params: { metadata: { constructor: 'x' } }, code: 'parameter_invalid_string', param: 'metadata[constructor]' },
  // The customer's details under either name: same shape, and a date of birth needs all three parts.
  { name: 'unknown customer_information field', params: { customer_information: { ssn: '000000000' } }, code: 'parameter_unknown', param: 'customer_information[ssn]' },
  { name: 'customer_information dob without day', params: { customer_information: { dob: { month: 12, year: 1990 } } }, code: 'parameter_missing', param: 'customer_information[dob][day]' },
  { name: 'customer_information dob without month', params: { customer_information: { dob: { day: 10, year: 1990 } } }, code: 'parameter_missing', param: 'customer_information[dob][month]' },
  { name: 'customer_information dob without year', params: { customer_information: { dob: { day: 10, month: 12 } } }, code: 'parameter_missing', param: 'customer_information[dob][year]' },
  { name: 'kyc_details dob without year', params: { kyc_details: { dob: { day: 10, month: 12 } } }, code: 'parameter_missing', param: 'kyc_details[dob][year]' },
  { name: 'customer_information address country not ISO', params: { customer_information: { address: { country: 'usa' } } }, code: 'parameter_invalid_string', param: 'customer_information[address][country]' },
  { name: 'customer_information and kyc_details together', params: { kyc_details: { email: 'ada@example.com' }, customer_information: { email: 'ada@example.com' } }, code: 'parameters_exclusive', param: 'customer_information' },
  { name: 'customer_information empty', params: { customer_information: '' }, code: 'parameter_invalid_empty', param: 'customer_information' },
  // Types and enums.
  { name: 'empty destination_currency', params: { destination_currency: '' }, code: 'parameter_invalid_empty', param: 'destination_currency' },
  { name: 'null source_currency', params: { source_currency: null }, code: 'parameter_invalid_empty', param: 'source_currency' },
  { name: 'empty destination_currencies list', params: { destination_currencies: [] }, code: 'parameter_invalid_empty', param: 'destination_currencies', only: 'json' },
  { name: 'destination_currencies given empty', params: { destination_currencies: '' }, code: 'parameter_invalid_empty', param: 'destination_currencies' },
  { name: 'destination_currencies not a list', params: { destination_currencies: 'eth' }, code: 'parameter_invalid_array', param: 'destination_currencies' },
  { name: 'unknown currency in destination_currencies', params: { destination_currencies: ['eth', 'doge'] }, code: 'parameter_invalid_string', param: 'destination_currencies[1]' },
  { name: 'unknown network in destination_networks', params: { destination_networks: ['moon'] }, code: 'parameter_invalid_string', param: 'destination_networks[0]' },
  { name: 'unknown destination_currency', params: { destination_currency: 'doge', destination_network: 'ethereum' }, code: 'parameter_invalid_string', param: 'destination_currency' },
  { name: 'unknown destination_network', params: { destination_currency: 'eth', destination_network: 'moon' }, code: 'parameter_invalid_string', param: 'destination_network' },
  { name: 'unknown source_currency', params: { source_currency: 'jpy' }, code: 'parameter_invalid_string', param: 'source_currency' },
  { name: 'unknown settlement_speed', params: { settlement_speed: 'slow' }, code: 'parameter_invalid_string', param: 'settlement_speed' },
  { name: 'lock_wallet_address not a boolean', params: { lock_wallet_address: 'yes' }, code: 'parameter_invalid_boolean', param: 'lock_wallet_address' },
  { name: 'lock_wallet_address as a string in JSON', params: { lock_wallet_address: 'true' }, code: 'parameter_invalid_boolean', param: 'lock_wallet_address', only: 'json' },
  { name: 'source_amount as a JSON number', params: { source_amount: 100, source_currency: 'usd' }, code: 'parameter_invalid_string', param: 'source_amount', only: 'json' },
  { name: 'metadata not an object', params: { metadata: 'order 42' }, code: 'parameter_invalid_object', param: 'metadata' },
  { name: 'metadata with 51 keys', params: { metadata: manyKeys }, code: 'parameter_invalid_object', param: 'metadata' },
  { name: 'metadata key over 40 characters', params: { metadata: { ['k'.repeat(41)]: 'v' } }, code: 'parameter_invalid_string', param: `metadata[${'k'.repeat(41)}]` },
  { name: 'metadata value over 500 characters', params: { metadata: { note: 'x'.repeat(501) } }, code: 'parameter_invalid_string', param: 'metadata[note]' },
  { name: 'metadata value not a string', params: { metadata: { count: 3 } }, code: 'parameter_invalid_string', param: 'metadata[count]', only: 'json' },
  { name: 'wallet_addresses given empty', params: { destination_networks: ['ethereum'], wallet_addresses: '' }, code: 'parameter_invalid_empty', param: 'wallet_addresses' },
  { name: 'malformed customer_ip_address', params: { customer_ip_address: '300.1.2.3' }, code: 'parameter_invalid_string', param: 'customer_ip_address' },
  { name: 'kyc dob month out of range', params: { kyc_details: { dob: { day: 1, month: 13, year: 1990 } } }, code: 'parameter_invalid_integer', param: 'kyc_details[dob][month]' },
  { name: 'kyc dob day not an integer', params: { kyc_details: { dob: { day: 'first' } } }, code: 'parameter_invalid_integer', param: 'kyc_details[dob][day]' },
  { name: 'kyc email not an email', params: { kyc_details: { email: 'nobody' } }, code: 'parameter_invalid_string', param: 'kyc_details[email]' },
  { name: 'kyc country not ISO', params: { kyc_details: { address: { country: 'United States' } } }, code: 'parameter_invalid_string', param: 'kyc_details[address][country]' },
  { name: 'expand on a session', params: { expand: ['transaction_details'] }, code: 'parameter_invalid_string', param: 'expand[0]' },
  // Amounts.
  { name: 'both amounts', params: { ...pair, source_amount: '10.00', source_currency: 'usd', destination_amount: '0.1' }, code: 'crypto_onramp_invalid_source_destination_pair', param: 'destination_amount' },
  { name: 'source_amount without source_currency', params: { source_amount: '10.00' }, code: 'crypto_onramp_missing_source_currency', param: 'source_currency' },
  { name: 'source_amount not a number', params: { source_amount: 'ten', source_currency: 'usd' }, code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'source_amount negative', params: { source_amount: '-5', source_currency: 'usd' }, code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'source_amount zero', params: { source_amount: '0.00', source_currency: 'usd' }, code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'source_amount in exponent notation', params: { source_amount: '1e2', source_currency: 'usd' }, code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'source_amount with fractional cents', params: { source_amount: '10.001', source_currency: 'usd' }, code: 'crypto_onramp_invalid_source_amount', param: 'source_amount' },
  { name: 'destination_amount without destination_currency', params: { destination_amount: '0.1' }, code: 'crypto_onramp_missing_destination_currency', param: 'destination_currency' },
  { name: 'destination_amount without destination_network', params: { destination_amount: '0.1', destination_currency: 'eth' }, code: 'crypto_onramp_incomplete_destination_currency_and_network_pair', param: 'destination_network' },
  { name: 'destination_amount beyond usdc precision', params: { destination_amount: '1.0000001', destination_currency: 'usdc', destination_network: 'base' }, code: 'crypto_onramp_invalid_destination_amount', param: 'destination_amount' },
  { name: 'destination_amount beyond btc precision', params: { destination_amount: '0.000000001', destination_currency: 'btc', destination_network: 'bitcoin' }, code: 'crypto_onramp_invalid_destination_amount', param: 'destination_amount' },
  { name: 'destination_amount zero', params: { ...pair, destination_amount: '0' }, code: 'crypto_onramp_invalid_destination_amount', param: 'destination_amount' },
  // Currency and network choices.
  { name: 'destination_currency alone', params: { destination_currency: 'eth' }, code: 'crypto_onramp_incomplete_destination_currency_and_network_pair', param: 'destination_network' },
  { name: 'destination_network alone', params: { destination_network: 'ethereum' }, code: 'crypto_onramp_incomplete_destination_currency_and_network_pair', param: 'destination_currency' },
  { name: 'btc on ethereum', params: { destination_currency: 'btc', destination_network: 'ethereum' }, code: 'crypto_onramp_invalid_destination_currency_and_network_pair', param: 'destination_currency' },
  { name: 'currency outside destination_currencies', params: { ...pair, destination_currencies: ['usdc'] }, code: 'crypto_onramp_conflicting_destination_currency', param: 'destination_currency' },
  { name: 'network outside destination_networks', params: { ...pair, destination_networks: ['base'] }, code: 'crypto_onramp_conflicting_destination_network', param: 'destination_network' },
  { name: 'lists with no combination', params: { destination_currencies: ['btc'], destination_networks: ['ethereum', 'solana'] }, code: 'crypto_onramp_invalid_destination_currencies_and_networks', param: 'destination_currencies' },
  // Wallets.
  { name: 'wallet_addresses without any network', params: { wallet_addresses: { ethereum: EVM_ADDRESS } }, code: 'parameter_missing', param: 'destination_networks' },
  { name: 'wallet for a network outside destination_networks', params: { destination_networks: ['ethereum'], wallet_addresses: { solana: '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T' } }, code: 'crypto_onramp_wallet_addresses_not_all_networks_supported', param: 'wallet_addresses[solana]' },
  { name: 'wallet for a network other than destination_network', params: { ...pair, wallet_addresses: { base_network: EVM_ADDRESS } }, code: 'crypto_onramp_wallet_addresses_not_all_networks_supported', param: 'wallet_addresses[base_network]' },
  { name: 'destination tag without stellar', params: { destination_networks: ['ethereum'], wallet_addresses: { destination_tags: { stellar: '12345' } } }, code: 'crypto_onramp_wallet_addresses_not_all_networks_supported', param: 'wallet_addresses[destination_tags][stellar]' },
  { name: 'implausible ethereum address', params: { destination_networks: ['ethereum'], wallet_addresses: { ethereum: '0x1234' } }, code: 'parameter_invalid_string', param: 'wallet_addresses[ethereum]' },
  { name: 'bitcoin address on solana', params: { destination_networks: ['solana'], wallet_addresses: { solana: 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4' } }, code: 'parameter_invalid_string', param: 'wallet_addresses[solana]' },
  { name: 'lock_wallet_address with no address', params: { ...pair, lock_wallet_address: true }, code: 'crypto_onramp_no_wallet_address_to_lock', param: 'lock_wallet_address' },
];

const VALID_CREATES: Array<{ name: string; params: Record<string, unknown> }> = [
  { name: 'no parameters', params: {} },
  { name: 'a full session', params: { ...pair, destination_currencies: ['eth', 'usdc'], destination_networks: ['ethereum', 'base'], wallet_addresses: { ethereum: EVM_ADDRESS, base_network: EVM_ADDRESS }, lock_wallet_address: true, source_amount: '100.00', source_currency: 'usd', customer_ip_address: '2a00:1450:4001:81b::200e', metadata: { order: '42' }, settlement_speed: 'standard' } },
  { name: 'a destination amount at full eth precision', params: { ...pair, destination_amount: '0.123456789012345678' } },
  { name: 'trailing zeros beyond minor units', params: { source_amount: '100.000', source_currency: 'eur' } },
  { name: 'empty metadata values unset keys', params: { metadata: { keep: 'yes', drop: '' } } },
  { name: 'stellar with a destination tag', params: { destination_networks: ['stellar'], wallet_addresses: { stellar: 'GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7', destination_tags: { stellar: '12345' } } } },
  { name: 'customer information', params: { customer_information: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', dob: { day: 10, month: 12, year: 1990 }, address: { country: 'GB', line1: '12 St James Sq', line2: 'Flat 2', city: 'London', state: 'LND', postal_code: 'SW1Y 4JH' } } } },
  { name: 'kyc details', params: { kyc_details: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', dob: { day: 10, month: 12, year: 1990 }, address: { country: 'US', line1: 'address_full_match', city: 'SF', postal_code: '94107', state: 'CA' } } } },
];

const LIST_CASES: Array<{ name: string; query: string; code: string; param: string }> = [
  { name: 'unknown parameter', query: 'colour=red', code: 'parameter_unknown', param: 'colour' },
  { name: 'limit 0', query: 'limit=0', code: 'parameter_invalid_integer', param: 'limit' },
  { name: 'limit 101', query: 'limit=101', code: 'parameter_invalid_integer', param: 'limit' },
  { name: 'limit not a number', query: 'limit=ten', code: 'parameter_invalid_integer', param: 'limit' },
  { name: 'limit empty', query: 'limit=', code: 'parameter_invalid_empty', param: 'limit' },
  { name: 'created not a number', query: 'created=yesterday', code: 'parameter_invalid_integer', param: 'created' },
  { name: 'created range bound not a number', query: 'created[gte]=soon', code: 'parameter_invalid_integer', param: 'created[gte]' },
  { name: 'unknown created range key', query: 'created[after]=1', code: 'parameter_unknown', param: 'created[after]' },
  { name: 'status error (browser only)', query: 'status=error', code: 'parameter_invalid_string', param: 'status' },
  { name: 'unknown destination_currency', query: 'destination_currency=doge', code: 'parameter_invalid_string', param: 'destination_currency' },
  { name: 'unknown destination_network', query: 'destination_network=moon', code: 'parameter_invalid_string', param: 'destination_network' },
  { name: 'both cursors', query: 'starting_after=cos_a&ending_before=cos_b', code: 'parameters_exclusive', param: 'ending_before' },
  { name: 'expand', query: 'expand[]=data.transaction_details', code: 'parameter_invalid_string', param: 'expand[0]' },
];

let emulator: RunningEmulator;
let stripe: Stripe;
before(async () => ({ emulator, stripe } = await startTestEmulator()));
after(() => emulator.close());

describe('create rules', () => {
  for (const c of CREATE_CASES) {
    test(`${c.name} → ${c.code} on ${c.param}`, async () => {
      const expected = { code: c.code, param: c.param };
      if (c.only !== 'form') {
        const json = validateCreateParams(JSON.parse(JSON.stringify(c.params)), 'json');
        assert.equal(json.ok, false, 'json validation should fail');
        if (!json.ok) {
          assert.deepEqual({ code: json.error.code, param: json.error.param }, expected);
          assert.equal(json.error.type, 'invalid_request_error');
          assert.match(json.error.message, /\w+ \w+/);
        }
      }
      if (c.only === 'json') return;
      const form = validateCreateParams(decodeForm(toForm(c.params)), 'form');
      assert.equal(form.ok, false, 'form validation should fail');
      if (!form.ok) assert.deepEqual({ code: form.error.code, param: form.error.param }, expected);

      const http = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', toForm(c.params));
      assert.equal(http.status, 400);
      assert.deepEqual({ code: http.body.error.code, param: http.body.error.param }, expected);
      assert.equal(http.body.error.type, 'invalid_request_error');
      assert.ok(http.body.error.message.includes(c.param.split('[')[0]!) || c.code.startsWith('crypto_onramp'), `message names the parameter: ${http.body.error.message}`);

      if (c.viaSdk === false) return;
      const error = await sdkError(stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', c.params));
      assert.equal(error.type, 'StripeInvalidRequestError');
      assert.deepEqual({ code: error.code, param: error.param }, expected);
    });
  }

  for (const c of VALID_CREATES) {
    test(`accepts ${c.name}`, async () => {
      const json = validateCreateParams(JSON.parse(JSON.stringify(c.params)), 'json');
      assert.ok(json.ok, json.ok ? '' : JSON.stringify(json.error));
      const form = validateCreateParams(decodeForm(toForm(c.params)), 'form');
      assert.ok(form.ok, form.ok ? '' : JSON.stringify(form.error));
      assert.deepEqual(form.value, json.value, 'both encodings give the same parameters');
      const session = await createSession(stripe, c.params);
      assert.match(session.id, /^cos_/);
    });
  }

  test('prototype keys never reach Object.prototype', () => {
    decodeForm('__proto__[polluted]=yes&constructor[prototype][polluted]=yes&metadata[__proto__][polluted]=yes');
    validateCreateParams(JSON.parse('{"metadata": {"__proto__": {"polluted": "yes"}}}'), 'json');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('empty metadata values are dropped and an empty metadata is {}', () => {
    const some = validateCreateParams({ metadata: { keep: 'yes', drop: '' } }, 'json');
    assert.ok(some.ok);
    assert.deepEqual(some.value.metadata, { keep: 'yes' });
    const none = validateCreateParams(decodeForm('metadata='), 'form');
    assert.ok(none.ok);
    assert.deepEqual(none.value.metadata, {});
  });

  test('validated parameters carry real types in both encodings', () => {
    const form = validateCreateParams(decodeForm('lock_wallet_address=false&destination_networks[]=base&destination_networks[]=ethereum'), 'form');
    assert.ok(form.ok);
    assert.equal(form.value.lock_wallet_address, false);
    assert.deepEqual(form.value.destination_networks, ['base', 'ethereum']);
    const json = validateCreateParams({ lock_wallet_address: false }, 'json');
    assert.ok(json.ok);
    assert.equal(json.value.lock_wallet_address, false);
  });
});

describe('the create triggers of the emulator', () => {
  const TRIGGERS = [
    { ip: '203.0.113.9', code: 'crypto_onramp_unsupported_country', type: 'invalid_request_error', param: 'customer_ip_address' },
    { ip: '2001:db8::42', code: 'crypto_onramp_unsupported_country', type: 'invalid_request_error', param: 'customer_ip_address' },
    { ip: '198.51.100.20', code: 'crypto_onramp_unsupportable_customer', type: 'invalid_request_error', param: 'customer_ip_address' },
    { ip: '192.0.2.1', code: 'crypto_onramp_disabled', type: 'api_error', param: undefined },
    { ip: '3fff::1', code: 'crypto_onramp_merchant_not_properly_setup', type: 'invalid_request_error', param: undefined },
  ];
  for (const t of TRIGGERS) {
    test(`customer_ip_address ${t.ip} → ${t.code}`, async () => {
      const http = await raw(emulator, 'POST', '/v1/crypto/onramp_sessions', `customer_ip_address=${encodeURIComponent(t.ip)}`);
      assert.equal(http.status, 400);
      assert.equal(http.body.error.code, t.code);
      assert.equal(http.body.error.type, t.type);
      assert.equal(http.body.error.param, t.param);
      assert.ok(validateCreateParams({ customer_ip_address: t.ip }, 'json').ok, 'the shared rules accept it: only the emulator refuses');
    });
  }
  test('a routable customer IP is accepted', async () => {
    const session = await createSession(stripe, { customer_ip_address: '8.8.8.8' });
    assert.equal(session.status, 'initialized');
  });
});

describe('list rules', () => {
  for (const c of LIST_CASES) {
    test(`${c.name} → ${c.code} on ${c.param}`, async () => {
      const form = validateListParams(decodeForm(c.query), 'form');
      assert.equal(form.ok, false);
      if (!form.ok) assert.deepEqual({ code: form.error.code, param: form.error.param }, { code: c.code, param: c.param });
      const http = await raw(emulator, 'GET', `/v1/crypto/onramp_sessions?${c.query}`);
      assert.equal(http.status, 400);
      assert.deepEqual({ code: http.body.error.code, param: http.body.error.param }, { code: c.code, param: c.param });
      const error = await sdkError(stripe.rawRequest('GET', `/v1/crypto/onramp_sessions?${c.query}`));
      assert.deepEqual({ code: error.code, param: error.param }, { code: c.code, param: c.param });
    });
  }

  test('json list parameters use real numbers', () => {
    const ok = validateListParams({ limit: 5, created: { gte: 1, lt: 2 } }, 'json');
    assert.deepEqual(ok, { ok: true, value: { limit: 5, created: { gte: 1, lt: 2 } } });
    const bad = validateListParams({ limit: '5' }, 'json');
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.error.code, 'parameter_invalid_integer');
  });

  test('an unknown cursor is resource_missing', async () => {
    const http = await raw(emulator, 'GET', '/v1/crypto/onramp_sessions?starting_after=cos_nothing');
    assert.equal(http.status, 400);
    assert.deepEqual(
      { code: http.body.error.code, param: http.body.error.param },
      { code: 'resource_missing', param: 'starting_after' },
    );
  });
});

describe('currency, network and wallet data', () => {
  test('decimals per currency', () => {
    assert.equal(DESTINATION_CURRENCY_DECIMALS.eth, 18);
    assert.equal(DESTINATION_CURRENCY_DECIMALS.btc, 8);
    assert.equal(DESTINATION_CURRENCY_DECIMALS.usdc, 6);
    assert.equal(DESTINATION_CURRENCY_DECIMALS.sol, 9);
  });

  test('which currency is on which network', () => {
    assert.ok(isCurrencyOnNetwork('usdc', 'base'));
    assert.ok(isCurrencyOnNetwork('btc', 'bitcoin'));
    assert.ok(!isCurrencyOnNetwork('btc', 'ethereum'));
    assert.deepEqual([...currenciesOnNetwork('bitcoin')], ['btc']);
    assert.deepEqual([...currenciesOnNetwork('unknown')], []);
  });

  test('wallet_addresses keys: base is base_network', () => {
    assert.equal(walletAddressKeyFor('base'), 'base_network');
    assert.equal(walletAddressKeyFor('ethereum'), 'ethereum');
    assert.equal(networkForWalletAddressKey('base_network'), 'base');
    assert.equal(walletAddressKeyFor('moon'), undefined);
  });

  const ADDRESSES: Array<[string, string, boolean]> = [
    ['ethereum', EVM_ADDRESS, true],
    ['ethereum', EVM_ADDRESS.toLowerCase(), true],
    ['ethereum', EVM_ADDRESS.slice(0, -1), false],
    ['ethereum', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', false],
    ['base', EVM_ADDRESS, true],
    ['polygon', EVM_ADDRESS, true],
    ['bitcoin', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', true],
    ['bitcoin', 'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', true],
    ['bitcoin', 'bc1QW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', false],
    ['bitcoin', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', true],
    ['bitcoin', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', true],
    ['bitcoin', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', true],
    ['bitcoin', EVM_ADDRESS, false],
    ['solana', '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T', true],
    ['solana', '4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB40', false],
    ['stellar', 'GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN7', true],
    ['stellar', 'GAAZI4TCR3TY5OJHCTJC2A4QSY6CJWJH5IAJTGKIN2ER7LBNVKOCCWN', false],
    ['sui', `0x${'ab'.repeat(32)}`, true],
    ['sui', EVM_ADDRESS, false],
    ['moon', EVM_ADDRESS, false],
  ];
  for (const [network, address, plausible] of ADDRESSES) {
    test(`${network} ${address.slice(0, 12)}… is ${plausible ? '' : 'not '}plausible`, () => {
      assert.equal(isPlausibleWalletAddress(network, address), plausible);
    });
  }

  test('decimal amounts', () => {
    assert.deepEqual(checkDecimalAmount('100.00', 2), { ok: true });
    assert.deepEqual(checkDecimalAmount('100.001', 2), { ok: false, problem: 'too_many_decimals' });
    assert.deepEqual(checkDecimalAmount('100.0010', 3), { ok: true });
    assert.deepEqual(checkDecimalAmount('0', 2), { ok: false, problem: 'not_positive' });
    assert.deepEqual(checkDecimalAmount('.5', 2), { ok: false, problem: 'not_a_decimal' });
    assert.deepEqual(checkDecimalAmount('01', 2), { ok: false, problem: 'not_a_decimal' });
    assert.deepEqual(checkDecimalAmount('1'.repeat(21), 2), { ok: false, problem: 'too_large' });
  });

  test('IP addresses', () => {
    for (const ip of ['8.8.8.8', '::1', '::', '2001:db8::1', '::ffff:203.0.113.1', 'fe80::1:2:3:4', '1:2:3:4:5:6:7:8']) assert.ok(isIpAddress(ip), ip);
    for (const ip of ['256.1.1.1', '1.2.3', '01.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', 'example.com', '']) assert.ok(!isIpAddress(ip), ip);
    assert.ok(isIpInRange('::ffff:203.0.113.1', '203.0.113.0/24'));
    assert.ok(!isIpInRange('203.0.114.1', '203.0.113.0/24'));
  });
});

describe('the form decoder', () => {
  test('a[0], a[] and nested keys', () => {
    const tree = decodeForm('a[0]=x&a[1]=y&b[]=1&b[]=2&m[k]=v&n[a][b]=c&plain=%5Bbrackets%5D&plus=a+b');
    assert.deepEqual(JSON.parse(JSON.stringify(tree)), {
      a: { 0: 'x', 1: 'y' }, b: ['1', '2'], m: { k: 'v' }, n: { a: { b: 'c' } }, plain: '[brackets]', plus: 'a b',
    });
    assert.deepEqual(JSON.parse(JSON.stringify(decodeForm('a%5B0%5D=x'))), { a: { 0: 'x' } }, 'percent-encoded brackets');
  });
  test('records have no prototype', () => {
    assert.equal(Object.getPrototypeOf(decodeForm('a[b]=c').a), null);
  });
  test('a value and an object under one name is an error', () => {
    assert.throws(() => decodeForm('a=1&a[b]=2'), /both as a value/);
    assert.throws(() => decodeForm('a[]=1&a[b]=2'), /mixes/);
  });
});
