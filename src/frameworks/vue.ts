/**
 * Vue 3: `<crypto-onramp>` in `GlobalComponents`, so that vue-tsc (Volar) checks its props and
 * `@crypto-onramp-*` listeners in templates. The shape follows Vue's guide for custom elements not
 * built with Vue: an instance type whose `$props` and `$emit` describe the element.
 *
 * At run time Vue must be told the tag is a custom element, not a component to resolve:
 * `compilerOptions.isCustomElement: (tag) => tag === 'crypto-onramp'` (see demo/frameworks/README.md).
 * Vue sets a binding as a property when the element has that property (camelCase names), else as
 * an attribute; bind non-string values (`:lockWalletAddress`, `:destinationCurrencies`,
 * `:sessionParams`) with their camelCase names, since an attribute would receive `"false"` or
 * `"eth,usdc"`.
 *
 * Importing this module registers the element.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import '../element/define.js';
import type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
import type { CryptoOnrampEventMap, CryptoOnrampProperties } from './element-types.js';
import type { CryptoOnrampQuotesElement, CryptoOnrampQuotesEventMap, CryptoOnrampQuotesProperties } from './quotes-element-types.js';

export type * from './element-types.js';
export type * from './quotes-element-types.js';

/** The instance type vue-tsc reads: the element itself, plus template-only `$props` / `$emit`. */
export type CryptoOnrampVueElement = new () => CryptoOnrampElement & {
  /** @deprecated For template type checking only; not present on the element. */
  $props: Omit<HTMLAttributes, keyof CryptoOnrampProperties> & CryptoOnrampProperties & PublicProps;
  /** @deprecated For template type checking only; not present on the element. */
  $emit: EmitFn<{ [K in keyof CryptoOnrampEventMap]: (event: CryptoOnrampEventMap[K]) => void }>;
};

/**
 * `<crypto-onramp-quotes>` for vue-tsc (typed here, registered by `import 'crypto-onramp-element/quotes'`;
 * add the tag to `isCustomElement` too).
 */
export type CryptoOnrampQuotesVueElement = new () => CryptoOnrampQuotesElement & {
  /** @deprecated For template type checking only; not present on the element. */
  $props: Omit<HTMLAttributes, keyof CryptoOnrampQuotesProperties> & CryptoOnrampQuotesProperties & PublicProps;
  /** @deprecated For template type checking only; not present on the element. */
  $emit: EmitFn<{ [K in keyof CryptoOnrampQuotesEventMap]: (event: CryptoOnrampQuotesEventMap[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'crypto-onramp': CryptoOnrampVueElement;
    'crypto-onramp-quotes': CryptoOnrampQuotesVueElement;
  }
}
