/**
 * Svelte 5: `<crypto-onramp>` in `svelte/elements`, so that svelte-check checks its attributes,
 * properties and `oncrypto-onramp-*` handlers. Svelte compiles element attributes to object
 * literals, so unlike JSX a misspelled hyphenated name is an error here too.
 *
 * Svelte 5 sets a value as a property when the (registered) element has a setter of that name,
 * else as an attribute; `on<event-type>={…}` calls `addEventListener(event-type)`.
 *
 * Importing this module registers the element.
 */
import type { HTMLAttributes } from 'svelte/elements';
import '../element/define.js';
import type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
import type { CryptoOnrampTagProps, OverHtmlProps } from './element-types.js';
import type { CryptoOnrampQuotesElement, CryptoOnrampQuotesTagProps } from './quotes-element-types.js';

export type * from './element-types.js';
export type * from './quotes-element-types.js';

/** `<crypto-onramp>` in Svelte markup: properties (camelCase), attributes (kebab-case), `on<event-type>` handlers. */
export type CryptoOnrampSvelteAttributes = OverHtmlProps<HTMLAttributes<CryptoOnrampElement>, CryptoOnrampTagProps>;

/** `<crypto-onramp-quotes>` in Svelte markup (typed here, registered by `import 'crypto-onramp-element/quotes'`). */
export type CryptoOnrampQuotesSvelteAttributes = OverHtmlProps<HTMLAttributes<CryptoOnrampQuotesElement>, CryptoOnrampQuotesTagProps>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'crypto-onramp': CryptoOnrampSvelteAttributes;
    'crypto-onramp-quotes': CryptoOnrampQuotesSvelteAttributes;
  }
}
