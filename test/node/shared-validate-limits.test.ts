/**
 * The create rules hold under abuse: random bodies never make them throw, every refusal names a
 * parameter, a list's order and duplicates do not change the verdict, and a huge list is refused
 * after a bounded number of reads (counted, not timed: timings belong to `npm run bench`).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { validateCreateParams } from '../../src/shared/validate.js';
import { someCurrencyOnSomeNetwork } from '../../src/shared/currencies.js';
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS } from '../../src/shared/enums.js';
import { maxEnumListLength, OPEN_ENUM_LIST_HEADROOM } from '../../src/shared/param-readers.js';
import type { ParamEncoding } from '../../src/shared/param-error.js';

const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env['FC_RUNS'] ?? 500);
/** fast-check's options, with the seed and run count printed so a failure can be replayed (FC_SEED=…). */
function checkOptions(name: string): fc.Parameters<unknown> {
  console.log(`fast-check "${name}": seed=${SEED} numRuns=${RUNS} (replay with FC_SEED=${SEED})`);
  return { seed: SEED, numRuns: RUNS };
}

const currency = fc.constantFrom(...DESTINATION_CURRENCIES, 'doge', 'ETH', '', 'usdc ');
const network = fc.constantFrom(...DESTINATION_NETWORKS, 'base_network', 'world_chain', 'Ethereum', '');
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), currency, network);
const anyValue = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }));

/** Bodies near the real ones: mostly known keys with plausible values, sometimes anything. */
const body = fc.record(
  {
    destination_currencies: fc.oneof(fc.array(currency, { maxLength: 30 }), anyValue),
    destination_networks: fc.oneof(fc.array(network, { maxLength: 30 }), anyValue),
    destination_currency: fc.oneof(currency, anyValue),
    destination_network: fc.oneof(network, anyValue),
    source_amount: fc.oneof(fc.constantFrom('10.00', '0', '-1', '1.234', 'x'), anyValue),
    source_currency: fc.oneof(fc.constantFrom('usd', 'eur', 'jpy'), anyValue),
    destination_amount: fc.oneof(fc.constantFrom('0.1', '1e3'), anyValue),
    lock_wallet_address: fc.oneof(fc.boolean(), anyValue),
    wallet_addresses: fc.oneof(fc.dictionary(network, fc.constantFrom('0x71C7656EC7ab88b098defB751B7401B5f6d8976F', 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', 'nope'), { maxKeys: 3 }), anyValue),
    metadata: anyValue,
  },
  { requiredKeys: [] },
);
const options = fc.record({ encoding: fc.constantFrom<ParamEncoding>('json', 'form'), openEnums: fc.boolean() });

/**
 * What a verdict is: accepted (with its lists as sets), or refused on a parameter. Not the code:
 * with two bad items in one list, which one is reported first follows the list's order, as Stripe's does.
 */
function verdict(result: ReturnType<typeof validateCreateParams>): string {
  if (!result.ok) return `refused ${result.error.param.split('[', 1)[0]}`;
  const asSet = (list: readonly string[] | undefined) => (list ? [...list].sort().join(',') : '-');
  return `ok ${asSet(result.value.destination_currencies)} ${asSet(result.value.destination_networks)}`;
}

/** The same body with each list shuffled (by `order`) and some of its items repeated. */
function reshuffled(input: Record<string, unknown>, order: number[], repeats: number[]): Record<string, unknown> {
  const out = { ...input };
  for (const key of ['destination_currencies', 'destination_networks']) {
    const list = out[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    const shuffled = [...list].sort((a, b) => (order[list.indexOf(a) % order.length] ?? 0) - (order[list.indexOf(b) % order.length] ?? 0));
    out[key] = [...shuffled, ...repeats.map((i) => shuffled[i % shuffled.length])];
  }
  return out;
}

describe('create rules: properties over random bodies', () => {
  test('never throw, and a refusal always names a parameter', () => {
    fc.assert(
      fc.property(body, options, (input, { encoding, openEnums }) => {
        const result = validateCreateParams(input, encoding, { openEnums });
        if (!result.ok) {
          assert.equal(typeof result.error.param, 'string');
          assert.ok(result.error.param.length > 0, `refused without a param: ${result.error.code}`);
          assert.ok(result.error.code.length > 0);
        }
      }),
      checkOptions('no throw, param named'),
    );
  });

  test('the verdict does not depend on list order or duplicates', () => {
    fc.assert(
      fc.property(
        body,
        options,
        fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (input, { encoding, openEnums }, order, repeats) => {
          const base = validateCreateParams(input, encoding, { openEnums });
          const other = validateCreateParams(reshuffled(input, order, repeats), encoding, { openEnums });
          assert.equal(verdict(other), verdict(base));
        },
      ),
      checkOptions('order and duplicates'),
    );
  });

  test('accepted lists come back deduplicated, first occurrence first', () => {
    const result = validateCreateParams({ destination_currencies: ['usdc', 'eth', 'usdc', 'eth', 'usdc'], destination_networks: ['base', 'base'] }, 'json');
    assert.ok(result.ok);
    assert.deepEqual(result.value.destination_currencies, ['usdc', 'eth']);
    assert.deepEqual(result.value.destination_networks, ['base']);
  });
});

/** An array that counts how many of its items are read. */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

describe('create rules: bounded work on huge lists', () => {
  test('a list of 200,000 different values is refused after reading at most the cap + 1 of them', () => {
    // Open enums (the server kit's mode) accept any well-formed value, so only the cap stops this list.
    const { list, reads } = counted(Array.from({ length: 200_000 }, (_, i) => `c${i}`));
    const result = validateCreateParams({ destination_currencies: list, destination_networks: ['ethereum'] }, 'json', { openEnums: true });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.error.param, 'destination_currencies');
    assert.ok(reads() <= maxEnumListLength(DESTINATION_CURRENCIES, true) + 1, `read ${reads()} items of 200,000`);
  });

  test('open enums: more distinct values than Stripe offers is a 400 on the list itself', () => {
    const tooMany = Array.from({ length: maxEnumListLength(DESTINATION_NETWORKS, true) + 1 }, (_, i) => `net${i}`);
    const result = validateCreateParams({ destination_networks: tooMany }, 'json', { openEnums: true });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.error.param, 'destination_networks');
  });

  test('200,000 duplicates are read once each and pass as one value', () => {
    const { list, reads } = counted(Array.from({ length: 200_000 }, () => 'btc'));
    const networks = counted(Array.from({ length: 200_000 }, () => 'ethereum'));
    const result = validateCreateParams({ destination_currencies: list, destination_networks: networks.list }, 'json');
    assert.equal(result.ok, false, 'btc is not on ethereum');
    assert.equal(result.ok ? '' : result.error.code, 'crypto_onramp_invalid_destination_currencies_and_networks');
    assert.ok(reads() <= 200_000 && networks.reads() <= 200_000, `reads: ${reads()} + ${networks.reads()}`);
  });

  test('availability of currencies × networks costs O(currencies + networks), not their product', () => {
    const currencies = counted(Array.from({ length: 5_000 }, () => 'btc'));
    const networks = counted(Array.from({ length: 5_000 }, () => 'ethereum'));
    assert.equal(someCurrencyOnSomeNetwork(currencies.list, networks.list), false);
    assert.ok(currencies.reads() + networks.reads() <= 2 * 10_000, `reads: ${currencies.reads()} + ${networks.reads()}`);
    assert.equal(someCurrencyOnSomeNetwork(['btc', 'usdc'], ['ethereum']), true);
    assert.equal(someCurrencyOnSomeNetwork(['doge'], ['ethereum']), true, 'an unknown currency is Stripe\'s to judge');
    assert.equal(someCurrencyOnSomeNetwork(['btc'], ['newchain']), true, 'an unknown network is Stripe\'s to judge');
  });

  test('open enums: wallet_addresses names at most the headroom of networks the rules do not know, refused past it', () => {
    // Each unknown key used to be looked up in a list of all the others: 1 MB of keys took 9 s.
    const keys: Record<string, string> = {};
    for (let i = 0; i < 20_000; i++) keys[`net${i}x`] = `0x${'a'.repeat(40)}`;
    const result = validateCreateParams({ destination_networks: ['ethereum'], wallet_addresses: keys }, 'json', { openEnums: true });
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.error.code, 'parameter_unknown');
    assert.equal(result.ok ? '' : result.error.param, `wallet_addresses[net${OPEN_ENUM_LIST_HEADROOM}x]`);
    assert.match(result.ok ? '' : result.error.message, /at most 8 networks/);
    const within = Object.fromEntries(Object.entries(keys).slice(0, OPEN_ENUM_LIST_HEADROOM));
    const few = validateCreateParams({ destination_networks: Object.keys(within), wallet_addresses: within }, 'json', { openEnums: true });
    assert.equal(few.ok, true, 'networks Stripe may add still pass, up to the headroom');
  });
});
