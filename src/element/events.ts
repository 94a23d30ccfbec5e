/**
 * The element's events, typed in `GlobalEventHandlersEventMap` so that
 * `el.addEventListener('crypto-onramp-status-change', e => e.detail.status)` type-checks.
 */
import type { OnrampSessionStatus } from '../shared/enums.js';
import type { BrowserOnrampSession } from '../shared/session.js';
import type { CryptoOnrampErrorDetail } from './errors.js';

/** Stripe's browser-side session as delivered by the SDK, without `client_secret`. */
export type OnrampSessionSnapshot = Omit<BrowserOnrampSession, 'client_secret'>;

export interface CryptoOnrampReadyDetail {
  session: OnrampSessionSnapshot;
}
export interface CryptoOnrampSessionUpdatedDetail {
  session: OnrampSessionSnapshot;
}
export interface CryptoOnrampStatusChangeDetail {
  status: OnrampSessionStatus;
  previousStatus: OnrampSessionStatus | null;
  session: OnrampSessionSnapshot;
}
/** `mode="redirect"`: the hosted onramp is about to open. Cancelable: `preventDefault()` keeps the page (and closes the blank tab). */
export interface CryptoOnrampRedirectDetail {
  /** The minted session's id (`cos_…`), never its secret. */
  sessionId: string;
  /** The session's `redirect_url`: Stripe's hosted onramp, identified by a session hash. */
  url: string;
  target: '_blank' | '_self';
}
export type { CryptoOnrampErrorDetail };

export interface CryptoOnrampEventMap {
  'crypto-onramp-ready': CustomEvent<CryptoOnrampReadyDetail>;
  'crypto-onramp-session-updated': CustomEvent<CryptoOnrampSessionUpdatedDetail>;
  'crypto-onramp-status-change': CustomEvent<CryptoOnrampStatusChangeDetail>;
  'crypto-onramp-error': CustomEvent<CryptoOnrampErrorDetail>;
  'crypto-onramp-redirect': CustomEvent<CryptoOnrampRedirectDetail>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalEventHandlersEventMap extends CryptoOnrampEventMap {}
}

type DetailOf<K extends keyof CryptoOnrampEventMap> =
  CryptoOnrampEventMap[K] extends CustomEvent<infer D> ? D : never;

/**
 * Dispatches one of the element's events: bubbling and composed, so a listener on `document` or
 * on a host component outside the shadow root hears it. Returns `false` when a listener called
 * `preventDefault()` on a cancelable event.
 */
export function emit<K extends keyof CryptoOnrampEventMap>(
  target: EventTarget,
  type: K,
  detail: DetailOf<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}

/** Drops `client_secret` (and nothing else) from a session the SDK delivered. */
export function toSnapshot(session: BrowserOnrampSession): OnrampSessionSnapshot {
  const { client_secret: _secret, ...rest } = session;
  return rest;
}
