/**
 * Framework-neutral types for `<crypto-onramp>`, derived from the element class and its event map
 * by the one derivation both tags use (tag-types.ts), so that the JSX, Vue and Svelte typings
 * cannot drift from the element.
 */
import type { CryptoOnramp } from '../element/crypto-onramp.js';
import type { CryptoOnrampEventMap } from '../element/events.js';
import type {
  AttributeValue,
  FunctionKeys,
  KebabCase,
  OverHtmlProps,
  PascalCase,
  TagAttributes,
  TagDomEventHandlers,
  TagProperties,
  TagPropertyName,
  TagProps,
  WritableKeys,
} from './tag-types.js';

export type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
export type { CryptoOnrampEventMap } from '../element/events.js';
export type { AttributeValue, FunctionKeys, KebabCase, OverHtmlProps, PascalCase, WritableKeys };

/** The element's own public inputs: everything it adds to LitElement that a page can set. */
export type CryptoOnrampPropertyName = TagPropertyName<CryptoOnramp>;

/** Every settable property, with the element's own types (`theme: 'light' | 'dark' | 'auto'`, …). */
export type CryptoOnrampProperties = TagProperties<CryptoOnramp>;

/**
 * The properties declared `attribute: false` on the element (objects, secrets, numbers that only
 * make sense from script). Kept as a value so a node test can compare it with the element's
 * `elementProperties` at run time: the one hand-written fact here, and it is checked.
 */
export const PROPERTY_ONLY = [
  'clientSecret', 'sessionParams', 'fetchOptions', 'requestTimeout', 'scriptTimeout', 'readyTimeout', 'messages',
] as const satisfies readonly CryptoOnrampPropertyName[]; // a name that is not a property fails to compile

/** The HTML attributes, kebab-case, with the value each accepts (`theme="dark"`, `destination-currencies="eth usdc"`). */
export type CryptoOnrampAttributes = TagAttributes<CryptoOnramp, (typeof PROPERTY_ONLY)[number]>;

export type CryptoOnrampEventName = keyof CryptoOnrampEventMap;

/** The events as DOM `on<event-type>` handler names, as React 19, Preact and Svelte 5 spell them. */
export type CryptoOnrampDomEventHandlers<Target = CryptoOnramp> = TagDomEventHandlers<CryptoOnrampEventMap, Target>;

/** `crypto-onramp-status-change` → `onStatusChange`: the wrapper components' event props. */
export type EventPropName<K extends CryptoOnrampEventName> = K extends `crypto-onramp-${infer Rest}` ? `on${PascalCase<Rest>}` : never;

export type CryptoOnrampEventProps = {
  [K in CryptoOnrampEventName as EventPropName<K>]?: (event: CryptoOnrampEventMap[K]) => void;
};

/** What `<crypto-onramp>` takes in JSX or Svelte markup: properties, kebab-case attributes and `on<event-type>` handlers. */
export type CryptoOnrampTagProps = TagProps<CryptoOnramp, CryptoOnrampEventMap, (typeof PROPERTY_ONLY)[number]>;

/** What the wrapper components take of their own: the element's properties and `onReady`-style event props. */
export type CryptoOnrampComponentOwnProps = CryptoOnrampProperties & CryptoOnrampEventProps;

/**
 * Event prop → DOM event type, for the wrapper components. `satisfies` keeps it complete: an event
 * added to `CryptoOnrampEventMap` and missing here (or a typo here) fails to compile.
 */
export const EVENT_PROPS = {
  onReady: 'crypto-onramp-ready',
  onSessionUpdated: 'crypto-onramp-session-updated',
  onStatusChange: 'crypto-onramp-status-change',
  onError: 'crypto-onramp-error',
  onRedirect: 'crypto-onramp-redirect',
} as const satisfies { [K in CryptoOnrampEventName as EventPropName<K>]-?: K };
