/**
 * Framework-neutral types for `<crypto-onramp-quotes>`, derived from its class and event map by
 * the same derivation as `<crypto-onramp>`'s (tag-types.ts): a property or event added to the
 * element reaches every framework's typings; a renamed one stops their uses compiling.
 *
 * The framework modules declare the tag but do not register it: the quotes element is its own
 * module (`import 'crypto-onramp-element/quotes'`), so a page without quotes does not load it.
 */
import type { CryptoOnrampQuotes } from '../element/quotes/crypto-onramp-quotes.js';
import type { CryptoOnrampQuotesEventMap } from '../element/quotes/events.js';
import type { TagAttributes, TagDomEventHandlers, TagProperties, TagPropertyName, TagProps } from './tag-types.js';

export type { CryptoOnrampQuotes as CryptoOnrampQuotesElement } from '../element/quotes/crypto-onramp-quotes.js';
export type { CryptoOnrampQuotesEventMap } from '../element/quotes/events.js';

/** The element's own public inputs: everything it adds to LitElement that a page can set. */
export type CryptoOnrampQuotesPropertyName = TagPropertyName<CryptoOnrampQuotes>;

/** Every settable property, with the element's own types. */
export type CryptoOnrampQuotesProperties = TagProperties<CryptoOnrampQuotes>;

/** The properties declared `attribute: false` (checked against the element at run time by a node test). */
export const QUOTES_PROPERTY_ONLY = ['fetchOptions', 'requestTimeout', 'messages'] as const satisfies readonly CryptoOnrampQuotesPropertyName[];

/** The HTML attributes, kebab-case (`quotes-url`, `for`, `destination-currencies="eth usdc"`). */
export type CryptoOnrampQuotesAttributes = TagAttributes<CryptoOnrampQuotes, (typeof QUOTES_PROPERTY_ONLY)[number]>;

export type CryptoOnrampQuotesEventName = keyof CryptoOnrampQuotesEventMap;

/** The events as DOM `on<event-type>` handler names, as React 19, Preact and Svelte 5 spell them. */
export type CryptoOnrampQuotesDomEventHandlers<Target = CryptoOnrampQuotes> = TagDomEventHandlers<CryptoOnrampQuotesEventMap, Target>;

/** What `<crypto-onramp-quotes>` takes in JSX or Svelte markup: properties, kebab-case attributes and `on<event-type>` handlers. */
export type CryptoOnrampQuotesTagProps = TagProps<CryptoOnrampQuotes, CryptoOnrampQuotesEventMap, (typeof QUOTES_PROPERTY_ONLY)[number]>;
