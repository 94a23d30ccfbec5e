/**
 * The one derivation of a custom element's framework typings, from its class, its event map and
 * its property-only keys: used for `<crypto-onramp>` (element-types.ts) and
 * `<crypto-onramp-quotes>` (quotes-element-types.ts), so the two tags' typings have one shape. Add
 * a property or an event to an element and every framework sees it; rename one and its uses stop
 * compiling.
 */
import type { LitElement } from 'lit';

type IfEquals<X, Y, A, B = never> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys a page may assign: drops getter-only members (`state`, `session`, `status`, `error`). */
export type WritableKeys<T> = { [K in keyof T]-?: IfEquals<{ [Q in K]: T[K] }, { -readonly [Q in K]: T[K] }, K> }[keyof T];
export type FunctionKeys<T> = { [K in keyof T]-?: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

/** The element's own public inputs: everything it adds to LitElement that a page can set. */
export type TagPropertyName<E extends LitElement> = Exclude<Extract<WritableKeys<E>, Exclude<keyof E, keyof LitElement>>, FunctionKeys<E>>;

/** Every settable property, with the element's own types (`theme: 'light' | 'dark' | 'auto'`, …). */
export type TagProperties<E extends LitElement> = { [K in TagPropertyName<E>]?: E[K] };

/** `destinationCurrency` → `destination-currency` (Lit's attribute names on these elements). */
export type KebabCase<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${KebabCase<Rest>}`
  : '';

/**
 * An attribute carries text: lists are space-separated. A boolean attribute is typed `true` only
 * (present): Vue, Svelte and Preact (for names like `lock-…`) write `false` as the text "false",
 * which HTML reads as present. To switch one off, bind the property (`lockWalletAddress={false}`).
 */
export type AttributeValue<V> = V extends boolean ? true : V extends readonly string[] ? string : V;

/** The HTML attributes, kebab-case, with the value each accepts: every property but the property-only ones. */
export type TagAttributes<E extends LitElement, PropertyOnly extends string> = {
  [K in Exclude<TagPropertyName<E>, PropertyOnly> & string as KebabCase<K>]?: AttributeValue<NonNullable<E[K]>>;
};

/** The events as DOM `on<event-type>` handler names, as React 19, Preact and Svelte 5 spell them. */
export type TagDomEventHandlers<Events, Target> = {
  [K in keyof Events & string as `on${K}`]?: (event: Events[K] & { currentTarget: Target }) => void;
};

/** What a tag takes in JSX or Svelte markup: properties, kebab-case attributes and `on<event-type>` handlers. */
export type TagProps<E extends LitElement, Events, PropertyOnly extends string> = TagProperties<E> &
  TagAttributes<E, PropertyOnly> &
  TagDomEventHandlers<Events, E>;

/** `Own` over a JSX runtime's props for an HTML element (`Html`), replacing them where the names meet. */
export type OverHtmlProps<Html, Own> = Omit<Html, keyof Own> & Own;

export type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;
