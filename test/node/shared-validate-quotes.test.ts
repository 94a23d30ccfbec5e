/**
 * Properties of the shared quotes validator (fast-check): on any query it answers instead of
 * throwing, every refusal names a parameter, and the order or repetition of a list's values never
 * changes the answer. Seed and run count are printed; `FC_SEED=<n>` replays a run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeForm } from '../../src/shared/form-decoder.js';
import { QUOTES_PARAMS, validateQuotesParams } from '../../src/shared/validate.js';
import { maxEnumListLength } from '../../src/shared/param-readers.js';

/** Distinct networks a list may hold under open enums: the one cap of every enum list. */
const QUOTES_LIST_CAP = maxEnumListLength(DESTINATION_NETWORKS, true);
import { DESTINATION_CURRENCIES, DESTINATION_NETWORKS } from '../../src/shared/enums.js';
import type { ParamEncoding, Validation } from '../../src/shared/param-error.js';
import type { OnrampQuotesParams } from '../../src/shared/quotes.js';

const NUM_RUNS = 2000;
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

function check<T>(name: string, property: fc.IAsyncProperty<[T]> | fc.IProperty<[T]>): void {
  console.log(`fast-check ${name}: seed=${SEED} runs=${NUM_RUNS}`);
  fc.assert(property as fc.IProperty<[T]>, { seed: SEED, numRuns: NUM_RUNS });
}

/** A query as Stripe's clients write it: scalars and lists, lists as a[]=x or a[0]=x. */
interface Query {
  scalars: Array<[string, string]>;
  lists: Array<{ name: string; values: string[]; indexed: boolean }>;
}

const scalarValue = fc.oneof(
  fc.constantFrom('usd', 'eur', 'gbp', 'USD', '', '100', '100.00', '0', '0.5', '10.001', '1.0000001', '-1', 'abc', '1e3'),
  fc.string({ maxLength: 8 }),
);
const listValue = fc.constantFrom(...DESTINATION_CURRENCIES, ...DESTINATION_NETWORKS, 'doge', 'moon');
const queryArb: fc.Arbitrary<Query> = fc.record({
  scalars: fc.array(fc.tuple(fc.constantFrom('source_currency', 'source_amount', 'destination_amount', 'colour', 'limit'), scalarValue), { maxLength: 4 }),
  lists: fc.uniqueArray(
    fc.record({ name: fc.constantFrom('destination_currencies', 'destination_networks'), values: fc.array(listValue, { minLength: 1, maxLength: 6 }), indexed: fc.boolean() }),
    { selector: (list) => list.name, maxLength: 2 },
  ),
});

function encode(query: Query): string {
  const pairs = query.scalars.map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  for (const list of query.lists) {
    list.values.forEach((value, index) => pairs.push(`${list.name}[${list.indexed ? index : ''}]=${value}`));
  }
  return pairs.join('&');
}

/** What must not change: the parameters, or the error's code and parameter (list index aside). */
function outcome(validation: Validation<OnrampQuotesParams>): unknown {
  if (validation.ok) return { ok: validation.value };
  return { code: validation.error.code, param: validation.error.param.replace(/\[\d+\]$/, '') };
}

const root = (param: string): string => param.split('[', 1)[0] ?? '';

describe('quotes validator: properties', () => {
  for (const openEnums of [false, true]) {
    test(`never throws and every refusal names a parameter of the query or a required one (openEnums ${openEnums})`, () => {
      check('names a parameter', fc.property(queryArb, (query) => {
        const text = encode(query);
        const validation = validateQuotesParams(decodeForm(text), 'form', { openEnums });
        if (validation.ok) return;
        const { param, code, type, message } = validation.error;
        assert.equal(type, 'invalid_request_error');
        assert.ok(code.length > 0 && message.length > 0);
        const given = new Set([...query.scalars.map(([key]) => key), ...query.lists.map((list) => list.name)]);
        const required = code === 'parameter_missing' && (QUOTES_PARAMS as readonly string[]).includes(param);
        assert.ok(given.has(root(param)) || required, `${text} → ${code} on "${param}"`);
      }));
    });

    test(`order and repetition of list values do not change the answer (openEnums ${openEnums})`, () => {
      const withShuffle = queryArb.chain((query) =>
        fc.tuple(
          fc.constant(query),
          fc.tuple(...query.lists.map((list) => fc.tuple(fc.shuffledSubarray(list.values, { minLength: list.values.length }), fc.subarray(list.values)))),
        ),
      );
      check('order and repetition', fc.property(withShuffle, ([query, variants]) => {
        const reordered: Query = {
          scalars: query.scalars,
          // Shuffled, then some values repeated.
          lists: query.lists.map((list, i) => ({ ...list, values: [...variants[i]![0], ...variants[i]![1]] })),
        };
        const a = validateQuotesParams(decodeForm(encode(query)), 'form', { openEnums });
        const b = validateQuotesParams(decodeForm(encode(reordered)), 'form', { openEnums });
        assert.deepEqual(outcome(b), outcome(a), `${encode(query)} vs ${encode(reordered)}`);
      }));
    });
  }

  test('arbitrary JSON objects: never throws, refusals name a parameter', () => {
    const encodings: ParamEncoding[] = ['json', 'form'];
    check('arbitrary objects', fc.property(
      fc.tuple(fc.dictionary(fc.oneof(fc.constantFrom(...QUOTES_PARAMS), fc.string({ minLength: 1, maxLength: 6 })), fc.jsonValue({ maxDepth: 3 })), fc.constantFrom(...encodings)),
      ([input, encoding]) => {
        const validation = validateQuotesParams(input, encoding, { openEnums: true });
        if (!validation.ok) assert.ok(validation.error.param.length > 0, JSON.stringify(validation.error));
      },
    ));
  });
});

describe('quotes validator: open enums and the list cap', () => {
  test('open enums let a well-formed unknown currency or network through; a malformed one is still refused', () => {
    const open = validateQuotesParams(decodeForm('source_currency=gbp&destination_currencies[]=pyusd&destination_networks[]=ink'), 'form', { openEnums: true });
    assert.ok(open.ok);
    assert.deepEqual(open.value, { source_currency: 'gbp', destination_currencies: ['pyusd'], destination_networks: ['ink'] });
    const bad = validateQuotesParams(decodeForm('destination_networks[]=Ink!'), 'form', { openEnums: true });
    assert.ok(!bad.ok);
    assert.equal(bad.error.param, 'destination_networks[0]');
  });

  test(`a list holds at most ${QUOTES_LIST_CAP} different values (repeats do not count)`, () => {
    const names = (count: number): string => Array.from({ length: count }, (_, i) => `destination_networks[]=net${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}`).join('&');
    assert.ok(validateQuotesParams(decodeForm(`${names(QUOTES_LIST_CAP)}&${names(QUOTES_LIST_CAP)}`), 'form', { openEnums: true }).ok);
    const over = validateQuotesParams(decodeForm(names(QUOTES_LIST_CAP + 1)), 'form', { openEnums: true });
    assert.ok(!over.ok);
    assert.deepEqual({ code: over.error.code, param: over.error.param }, { code: 'parameter_invalid_array', param: 'destination_networks' });
  });

  test('lists come out deduplicated and sorted; JSON and form give the same parameters', () => {
    const form = validateQuotesParams(decodeForm('destination_currencies[1]=eth&destination_currencies[0]=usdc&destination_currencies[2]=eth&source_amount=25'), 'form');
    const json = validateQuotesParams({ destination_currencies: ['usdc', 'eth', 'eth'], source_amount: '25' }, 'json');
    assert.ok(form.ok && json.ok);
    assert.deepEqual(form.value, { source_amount: '25', destination_currencies: ['eth', 'usdc'] });
    assert.deepEqual(json.value, form.value);
  });
});
