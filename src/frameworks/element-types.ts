/**
 * Framework-neutral types for `<crypto-onramp>`, derived from the element class and its event map
 * so that the JSX, Vue and Svelte typings cannot drift from the element: add a `@property` or an
 * event to the element and every framework sees it; rename one and their uses stop compiling.
 */
import type { LitElement } from 'lit';
import type { CryptoOnramp } from '../element/crypto-onramp.js';
import type { CryptoOnrampEventMap } from '../element/events.js';

export type { CryptoOnramp as CryptoOnrampElement } from '../element/crypto-onramp.js';
export type { CryptoOnrampEventMap } from '../element/events.js';

type IfEquals<X, Y, A, B = never> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys a page may assign: drops getter-only members (`state`, `session`, `status`, `error`). */
type WritableKeys<T> = { [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K> }[keyof T];
type FunctionKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

/** The element's own public inputs: everything it adds to LitElement that a page can set. */
export type CryptoOnrampPropertyName = Exclude<
  Extract<WritableKeys<CryptoOnramp>, Exclude<keyof CryptoOnramp, keyof LitElement>>,
  FunctionKeys<CryptoOnramp>
>;

/** Every settable property, with the element's own types (`theme: 'light' | 'dark' | 'auto'`, …). */
export type CryptoOnrampProperties = { [K in CryptoOnrampPropertyName]?: CryptoOnramp[K] };

/**
 * The properties declared `attribute: false` on the element (objects, secrets, numbers that only
 * make sense from script). Kept as a value so a node test can compare it with the element's
 * `elementProperties` at run time: the one hand-written fact here, and it is checked.
 */
export const PROPERTY_ONLY = [
  'clientSecret', 'sessionParams', 'fetchOptions', 'requestTimeout', 'scriptTimeout', 'readyTimeout', 'messages',
] as const satisfies readonly CryptoOnrampPropertyName[]; // a name that is not a property fails to compile

/** `destinationCurrency` → `destination-currency` (Lit's attribute names on this element). */
export type KebabCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${KebabCase<Rest>}`
  : '';

type AttributeProperty = Exclude<CryptoOnrampPropertyName, (typeof PROPERTY_ONLY)[number]>;
/**
 * An attribute carries text: lists are space-separated. A boolean attribute is typed `true` only
 * (present): Vue, Svelte and Preact (for names like `lock-…`) write `false` as the text "false",
 * which HTML reads as present. To switch one off, bind the property (`lockWalletAddress={false}`).
 */
type AttributeValue<V> = V extends boolean ? true : V extends readonly string[] ? string : V;

/** The HTML attributes, kebab-case, with the value each accepts (`theme="dark"`, `destination-currencies="eth usdc"`). */
export type CryptoOnrampAttributes = {
  [K in AttributeProperty as KebabCase<K>]?: AttributeValue<NonNullable<CryptoOnramp[K]>>;
};

export type CryptoOnrampEventName = keyof CryptoOnrampEventMap;

/** The events as DOM `on<event-type>` handler names, as React 19, Preact and Svelte 5 spell them. */
export type CryptoOnrampDomEventHandlers<Target = CryptoOnramp> = {
  [K in CryptoOnrampEventName as `on${K}`]?: (event: CryptoOnrampEventMap[K] & { currentTarget: Target }) => void;
};

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;
/** `crypto-onramp-status-change` → `onStatusChange`: the wrapper components' event props. */
export type EventPropName<K extends CryptoOnrampEventName> = K extends `crypto-onramp-${infer Rest}` ? `on${PascalCase<Rest>}` : never;

export type CryptoOnrampEventProps = {
  [K in CryptoOnrampEventName as EventPropName<K>]?: (event: CryptoOnrampEventMap[K]) => void;
};

/** What `<crypto-onramp>` takes in JSX or Svelte markup: properties, kebab-case attributes and `on<event-type>` handlers. */
export type CryptoOnrampTagProps = CryptoOnrampProperties & CryptoOnrampAttributes & CryptoOnrampDomEventHandlers;

/** What the wrapper components take of their own: the element's properties and `onReady`-style event props. */
export type CryptoOnrampComponentOwnProps = CryptoOnrampProperties & CryptoOnrampEventProps;

/** `Own` over a JSX runtime's props for an HTML element (`Html`), replacing them where the names meet. */
export type OverHtmlProps<Html, Own> = Omit<Html, keyof Own> & Own;

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

// The derivation's building blocks, for the companion element's typings (quotes-element-types.ts).
export type { AttributeValue, FunctionKeys, PascalCase, WritableKeys };
