/**
 * What the React and Preact `CryptoOnramp` components give their JSX runtime, so that the element
 * works the same whether the component renders in the browser or on a server and then hydrates.
 *
 * A server renders a custom element's props as attributes named as written, and drops objects,
 * arrays and functions; and React 19 neither sets a custom element's properties nor adds its
 * `on<event>` listeners when it hydrates (it does both on a client render). Meanwhile the element
 * upgrades as soon as its module runs, usually before hydration, and starts from what its
 * attributes say. So:
 *
 * - every property that has an attribute is rendered as that attribute, in kebab case, with its
 *   attribute text (`destination-currencies="eth usdc"`, `lock-wallet-address=""` when true, nothing
 *   when false): the server's HTML carries every preset, and the element mints from it at once;
 * - properties with no attribute (`sessionParams`, `fetchOptions`, `clientSecret`, the timeouts) and
 *   the event props are applied on the client, by a ref callback, which runs on a client render and
 *   when hydration commits alike. When one of the session's own (`clientSecret`, `sessionParams`,
 *   `fetchOptions`) is given, `sessionUrl` is applied with them instead of rendered: the element then
 *   has no endpoint before hydration and waits for it (it waits until the page has loaded), so the
 *   one mint carries the objects too.
 */
import { CryptoOnramp } from '../element/crypto-onramp.js';
import { MOUNT_NODE_ATTRIBUTE } from '../element/internal/mount-node.js';
import { EVENT_PROPS } from './element-types.js';

/** A ref as React 19 and Preact take it: a callback (which may return its cleanup) or an object. */
type AnyRef = ((element: CryptoOnramp | null) => unknown) | { current: CryptoOnramp | null } | null | undefined;

/** The property-only inputs that change the session: with one of them, `sessionUrl` waits for them. */
const SESSION_OBJECTS = ['clientSecret', 'sessionParams', 'fetchOptions'] as const;

let attributes: ReadonlyMap<string, string | false> | undefined;
/**
 * Each of the element's properties → its attribute's name, or `false` for none: read from the
 * element's own declarations, so a property added there is rendered right here.
 */
export function attributeNames(): ReadonlyMap<string, string | false> {
  void CryptoOnramp.observedAttributes; // finalizes the class: `elementProperties` is complete after it
  attributes ??= new Map(
    [...CryptoOnramp.elementProperties].map(([name, { attribute }]) => [
      String(name),
      attribute === false ? false : typeof attribute === 'string' ? attribute : String(name).toLowerCase(),
    ]),
  );
  return attributes;
}

/** A property's value as its attribute's text, or `undefined` for no attribute (unset, false, empty list). */
export function attributeText(value: unknown): string | undefined {
  if (value === true) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length > 0 ? value.join(' ') : undefined;
  return undefined; // null, undefined, false; an object has no attribute form
}

/**
 * Splits the component's props into what the JSX runtime renders (attributes and the page's own
 * HTML props) and a ref callback that applies the rest on the client.
 */
export function toHydratableProps(props: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const rendered: Record<string, unknown> = {};
  const applied: Record<string, unknown> = {};
  const listeners: Array<[type: string, listener: EventListener]> = [];
  const deferUrl = SESSION_OBJECTS.some((name) => props[name] != null);
  const names = attributeNames();
  for (const [key, value] of Object.entries(props)) {
    const attribute = names.get(key);
    if (key === 'ref') continue;
    if (Object.hasOwn(EVENT_PROPS, key)) {
      if (typeof value === 'function') listeners.push([EVENT_PROPS[key as keyof typeof EVENT_PROPS], value as EventListener]);
    } else if (attribute === false || (key === 'sessionUrl' && deferUrl)) {
      applied[key] = value;
    } else if (attribute) {
      rendered[attribute] = attributeText(value);
    } else {
      rendered[key] = value;
    }
  }
  const userRef = props.ref as AnyRef;
  /** Undoes this callback's attach: its listeners, and the page's own ref. */
  let detach: (() => void) | undefined;
  rendered.ref = (element: CryptoOnramp | null) => {
    detach?.(); // a runtime that calls `ref(null)` rather than the cleanup (Preact)
    detach = undefined;
    if (!element) return undefined;
    // Equal values are no change to the element (it compares by value), so re-applying the same
    // props on every commit mints nothing; one dropped since the last commit is unset.
    for (const key of appliedKeys.get(element) ?? []) if (!(key in applied) && !(key in props)) applied[key] = undefined;
    appliedKeys.set(element, Object.keys(applied).filter((key) => applied[key] !== undefined));
    Object.assign(element, applied);
    for (const [type, listener] of listeners) element.addEventListener(type, listener);
    const userCleanup = setRef(userRef, element);
    const undo = (detach = () => {
      for (const [type, listener] of listeners) element.removeEventListener(type, listener);
      if (typeof userCleanup === 'function') userCleanup();
      else setRef(userRef, null);
    });
    return () => {
      if (detach === undo) detach();
      detach = undefined;
    };
  };
  return rendered;
}

/** A JSX runtime's element factory (React's `createElement`, Preact's `h`), as the components call it. */
export type CreateElement<Node> = (type: string, props: Record<string, unknown>, ...children: Node[]) => Node;

/**
 * The one body of the React and Preact `CryptoOnramp` components (each file adapts its runtime's
 * types): `<crypto-onramp>` through the runtime's own `createElement`, with the props a server
 * render keeps (`toHydratableProps`) and `own`, props for the runtime itself.
 *
 * Its first child is the node Stripe's frame goes into (internal/mount-node.ts), rendered here so
 * that hydration finds the child it expects even when the element mounted Stripe's frame first:
 * its HTML is the runtime's to set (empty), so neither runtime looks inside it or ever changes it.
 */
export function renderCryptoOnramp<Node>(
  createElement: CreateElement<Node>,
  props: Readonly<Record<string, unknown>>,
  own?: Record<string, unknown>,
): Node {
  const { children, ...hydratable } = toHydratableProps(props);
  const mountNode = createElement('div', { ...own, slot: 'mount', [MOUNT_NODE_ATTRIBUTE]: '', dangerouslySetInnerHTML: { __html: '' } });
  // The page's children are the runtime's own children type, which `Node` stands for here.
  return createElement('crypto-onramp', { ...own, ...hydratable }, mountNode, children as Node);
}

/** The property-only keys a component applied to each element at its last commit. */
const appliedKeys = new WeakMap<CryptoOnramp, string[]>();

function setRef(ref: AnyRef, element: CryptoOnramp | null): unknown {
  if (typeof ref === 'function') return ref(element);
  if (ref) ref.current = element;
  return undefined;
}
