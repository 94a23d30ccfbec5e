/**
 * React 19: typings for `<crypto-onramp>` in JSX, and a `CryptoOnramp` component with camelCase
 * event props.
 *
 * React 19 supports custom elements natively: a prop the element has as a property is set as a
 * property (objects and arrays included), any other becomes an attribute, and `on<event-type>`
 * calls `addEventListener(event-type)`. So the plain tag needs no wrapper at run time. The
 * component exists for type safety: TypeScript never reports an unknown JSX attribute whose name
 * contains a hyphen, so a misspelled `oncrypto-onramp-redy` on the plain tag compiles, while a
 * misspelled `onRedy` on the component does not.
 *
 * Importing this module registers the element.
 */
import { createElement, type DetailedHTMLProps, type HTMLAttributes, type ReactElement, type Ref } from 'react';
import '../element/define.js';
import type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
import { toElementProps, type CryptoOnrampComponentOwnProps, type CryptoOnrampTagProps, type OverHtmlProps } from './element-types.js';
import type { CryptoOnrampQuotesElement, CryptoOnrampQuotesTagProps } from './quotes-element-types.js';

export type * from './element-types.js';
export type * from './quotes-element-types.js';

/** React's own props for an HTML element. */
type HtmlProps<Element extends HTMLElement> = DetailedHTMLProps<HTMLAttributes<Element>, Element>;

/**
 * Light-DOM content: elements for the `loading` / `error` slots (`<p slot="loading">…</p>`). Not
 * text: the element has no default slot, and when a text child changes React sets `textContent`,
 * which would also remove the node Stripe's iframe is mounted in.
 */
export type CryptoOnrampChildren = ReactElement | boolean | null | undefined | readonly CryptoOnrampChildren[];

/** `<crypto-onramp>` in React JSX: properties (camelCase), attributes (kebab-case) and `on<event-type>` handlers. */
export type CryptoOnrampIntrinsicProps = OverHtmlProps<HtmlProps<CryptoOnrampElement>, CryptoOnrampTagProps & { children?: CryptoOnrampChildren }>;

/** The component's props: the element's properties, `onReady`-style events, and React's HTML props. */
export type CryptoOnrampProps = OverHtmlProps<
  HtmlProps<CryptoOnrampElement>,
  CryptoOnrampComponentOwnProps & { ref?: Ref<CryptoOnrampElement>; children?: CryptoOnrampChildren }
>;

/**
 * `<CryptoOnramp destinationCurrency="eth" onStatusChange={…} />`. A function component with no
 * state or effects: React owns the element and its listeners, so StrictMode's double render and
 * effect replay touch nothing of the element's lifecycle.
 */
export function CryptoOnramp(props: CryptoOnrampProps): ReactElement {
  return createElement('crypto-onramp', toElementProps(props));
}

/**
 * `<crypto-onramp-quotes>` in React JSX (typed here, registered by `import 'crypto-onramp-element/quotes'`):
 * properties (camelCase), attributes (kebab-case) and `on<event-type>` handlers.
 */
export type CryptoOnrampQuotesIntrinsicProps = OverHtmlProps<HtmlProps<CryptoOnrampQuotesElement>, CryptoOnrampQuotesTagProps>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'crypto-onramp': CryptoOnrampIntrinsicProps;
      'crypto-onramp-quotes': CryptoOnrampQuotesIntrinsicProps;
    }
  }
}
