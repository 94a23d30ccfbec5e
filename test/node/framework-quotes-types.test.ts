// The framework typings of <crypto-onramp-quotes> (src/frameworks/quotes-element-types.ts) hold
// against the element they are derived from. Compile time: `npm run typecheck` compiles this file,
// so the type assertions and the @ts-expect-error lines below fail the typecheck when the typings
// loosen or break. Run time: the derived attribute names are the element's declared @property ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { JSX as PreactJSX } from 'preact';
import type { JSX as ReactJSX } from 'react';
import type { GlobalComponents } from 'vue';
import type { SvelteHTMLElements } from 'svelte/elements';
import { CryptoOnrampQuotes } from '../../src/element/quotes/crypto-onramp-quotes.js';
import {
  QUOTES_PROPERTY_ONLY,
  type CryptoOnrampQuotesAttributes,
  type CryptoOnrampQuotesEventName,
  type CryptoOnrampQuotesPropertyName,
} from '../../src/frameworks/quotes-element-types.js';
import '../../src/frameworks/react.js';
import '../../src/frameworks/preact.js';
import '../../src/frameworks/vue.js';
import '../../src/frameworks/svelte.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(): T | undefined => undefined;

/** Every settable property, by hand, once: the derived union must be exactly this. */
const PROPERTIES = {
  quotesUrl: 'quotes-url',
  for: 'for',
  sourceAmount: 'source-amount',
  sourceCurrency: 'source-currency',
  destinationCurrencies: 'destination-currencies',
  destinationNetworks: 'destination-networks',
  fetchOptions: false,
  requestTimeout: false,
  messages: false,
} as const satisfies Record<CryptoOnrampQuotesPropertyName, string | false>;
type AttributeNames = Exclude<(typeof PROPERTIES)[keyof typeof PROPERTIES], false>;

assertType<Equal<CryptoOnrampQuotesPropertyName, keyof typeof PROPERTIES>>();
assertType<Equal<keyof CryptoOnrampQuotesAttributes, AttributeNames>>();
assertType<Equal<CryptoOnrampQuotesAttributes['destination-currencies'], string | undefined>>();
assertType<Equal<CryptoOnrampQuotesEventName, 'crypto-onramp-quotes-load' | 'crypto-onramp-quote-select' | 'crypto-onramp-quotes-error'>>();

type ReactQuotes = ReactJSX.IntrinsicElements['crypto-onramp-quotes'];
type PreactQuotes = PreactJSX.IntrinsicElements['crypto-onramp-quotes'];
type SvelteQuotes = SvelteHTMLElements['crypto-onramp-quotes'];
type VueQuotesProps = InstanceType<GlobalComponents['crypto-onramp-quotes']>['$props'];
export const typed: [ReactQuotes, PreactQuotes, SvelteQuotes, VueQuotesProps] = [
  { 'quotes-url': '/q', for: 'onramp', destinationCurrencies: ['eth'], 'oncrypto-onramp-quote-select': (e) => e.detail.quote.destination_amount },
  { 'destination-networks': 'base solana', 'oncrypto-onramp-quotes-error': (e) => e.detail.code },
  { quotesUrl: '/q', 'oncrypto-onramp-quotes-load': (e) => e.detail.quotes.source_amount },
  { sourceAmount: '50.00', for: 'onramp' },
];
// @ts-expect-error misspelled attribute
export const badReactAttribute: ReactQuotes = { 'quote-url': '/q' };
// @ts-expect-error misspelled event
export const badPreactEvent: PreactQuotes = { 'oncrypto-onramp-quotes-select': () => {} };
// @ts-expect-error misspelled attribute
export const badSvelteAttribute: SvelteQuotes = { 'source-amout': '50' };
// @ts-expect-error not a property of the element
export const badVueProp: VueQuotesProps = { destinationCurrency: 'eth' };

test("the derived quotes attribute names are the element's own", () => {
  const observed = new Set(CryptoOnrampQuotes.observedAttributes);
  for (const [name, options] of CryptoOnrampQuotes.elementProperties) {
    const attribute = options.attribute === undefined || options.attribute === true ? String(name).toLowerCase() : options.attribute;
    assert.equal(attribute, PROPERTIES[name as CryptoOnrampQuotesPropertyName], `attribute of ${String(name)}`);
    assert.equal(QUOTES_PROPERTY_ONLY.includes(name as (typeof QUOTES_PROPERTY_ONLY)[number]), attribute === false, `${String(name)} is property-only`);
    if (attribute !== false) assert.ok(observed.has(attribute), `${attribute} is observed`);
  }
  assert.deepEqual([...CryptoOnrampQuotes.elementProperties.keys()].sort(), Object.keys(PROPERTIES).sort());
});
