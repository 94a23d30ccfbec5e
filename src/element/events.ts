/**
 * The element's events, typed in `GlobalEventHandlersEventMap` so that
 * `el.addEventListener('crypto-onramp-status-change', e => e.detail.status)` type-checks.
 */
import type { OnrampSessionStatus } from '../shared/enums.js';
import type { BrowserOnrampSession } from '../shared/session.js';
import type { CryptoOnrampErrorDetail } from './errors.js';

/** Stripe's browser-side session as delivered by the SDK, without `client_secret`. */
export type OnrampSessionSnapshot = Omit<BrowserOnrampSession, 'client_secret'>;

/** `crypto-onramp-ready`: Stripe's UI has loaded (once per mount). */
export interface CryptoOnrampReadyDetail {
  session: OnrampSessionSnapshot;
}
/** `crypto-onramp-session-updated`: Stripe delivered a session update. */
export interface CryptoOnrampSessionUpdatedDetail {
  session: OnrampSessionSnapshot;
}
/** `crypto-onramp-status-change`: the session's status differs from the last one reported. */
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

/** Every event `<crypto-onramp>` dispatches (all bubble and are composed), by name. */
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
