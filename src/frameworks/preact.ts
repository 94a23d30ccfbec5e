/**
 * Preact: typings for `<crypto-onramp>` in JSX, and a `CryptoOnramp` component with camelCase
 * event props.
 *
 * Preact sets a prop as a property when the element has it (else as an attribute) and turns
 * `on<event-type>` into `addEventListener(event-type)`, so the plain tag works as is. As with
 * React, TypeScript does not report unknown hyphenated JSX attributes, so only the component's
 * `onReady`-style props turn a misspelled event into a compile error.
 *
 * Importing this module registers the element.
 */
import { h, type ComponentChildren, type HTMLAttributes, type Ref, type VNode } from 'preact';
import '../element/define.js';
import type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
import { type CryptoOnrampComponentOwnProps, type CryptoOnrampTagProps, type OverHtmlProps } from './element-types.js';
import { renderCryptoOnramp } from './server-props.js';
import type { CryptoOnrampQuotesElement, CryptoOnrampQuotesTagProps } from './quotes-element-types.js';

export type * from './element-types.js';
export type * from './quotes-element-types.js';

/** `<crypto-onramp>` in Preact JSX: properties (camelCase), attributes (kebab-case) and `on<event-type>` handlers. */
export type CryptoOnrampIntrinsicProps = OverHtmlProps<HTMLAttributes<CryptoOnrampElement>, CryptoOnrampTagProps>;

export type CryptoOnrampProps = OverHtmlProps<
  HTMLAttributes<CryptoOnrampElement>,
  CryptoOnrampComponentOwnProps & { ref?: Ref<CryptoOnrampElement>; children?: ComponentChildren }
>;

/** `<CryptoOnramp destinationCurrency="eth" onStatusChange={…} />`; stateless, like the React one. */
export function CryptoOnramp(props: CryptoOnrampProps): VNode {
  return renderCryptoOnramp(h, props);
}

/** `<crypto-onramp-quotes>` in Preact JSX (typed here, registered by `import 'crypto-onramp-element/quotes'`). */
export type CryptoOnrampQuotesIntrinsicProps = OverHtmlProps<HTMLAttributes<CryptoOnrampQuotesElement>, CryptoOnrampQuotesTagProps>;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'crypto-onramp': CryptoOnrampIntrinsicProps;
      'crypto-onramp-quotes': CryptoOnrampQuotesIntrinsicProps;
    }
  }
}
