/**
 * React 19: typings for `<crypto-onramp>` in JSX, and a `CryptoOnramp` component with camelCase
 * event props.
 *
 * React 19 supports custom elements natively on a client render: a prop the element has as a
 * property is set as a property (objects and arrays included), any other becomes an attribute, and
 * `on<event-type>` calls `addEventListener(event-type)`. Under server rendering it does neither when
 * it hydrates, which the component makes up for (server-props.ts). It also exists for type safety: TypeScript never reports an unknown JSX attribute whose name
 * contains a hyphen, so a misspelled `oncrypto-onramp-redy` on the plain tag compiles, while a
 * misspelled `onRedy` on the component does not.
 *
 * Importing this module registers the element.
 */
import { createElement, type DetailedHTMLProps, type HTMLAttributes, type ReactElement, type Ref } from 'react';
import '../element/define.js';
import type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
import { type CryptoOnrampComponentOwnProps, type CryptoOnrampTagProps, type OverHtmlProps } from './element-types.js';
import { renderCryptoOnramp } from './server-props.js';
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
 * state or effects. It renders the presets as kebab-case attributes, which a server render keeps,
 * and applies objects and event props with a ref callback, which also runs when hydration commits
 * (React sets neither on a hydrated custom element; see server-props.ts). StrictMode's double render
 * and ref replay re-apply equal values, which the element ignores.
 */
export function CryptoOnramp(props: CryptoOnrampProps): ReactElement {
  // The element reflects `state`, `theme` and `loading` as soon as it upgrades, before hydration:
  // attributes React's server did not write, which React (in development) would report as a mismatch.
  return renderCryptoOnramp(createElement, props, { suppressHydrationWarning: true });
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
