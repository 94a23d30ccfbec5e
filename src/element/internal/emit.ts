/**
 * Dispatches both elements' events (typed by their events.ts), and strips the secret from the
 * sessions `<crypto-onramp>` passes on.
 */
import type { BrowserOnrampSession } from '../../shared/session.js';
import type { CryptoOnrampEventMap, OnrampSessionSnapshot } from '../events.js';
import type { CryptoOnrampQuotesEventMap } from '../quotes/events.js';

/** Every event either element dispatches, by name. */
type ElementEventMap = CryptoOnrampEventMap & CryptoOnrampQuotesEventMap;
type DetailOf<K extends keyof ElementEventMap> = ElementEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches one of the elements' events: bubbling and composed, so a listener on `document` or
 * on a host component outside the shadow root hears it. Returns `false` when a listener called
 * `preventDefault()` on a cancelable event.
 */
export function emit<K extends keyof ElementEventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

/** Drops `client_secret` (and nothing else) from a session the SDK delivered. */
export function toSnapshot(session: BrowserOnrampSession): OnrampSessionSnapshot {
  const { client_secret: _secret, ...rest } = session;
  return rest;
}
