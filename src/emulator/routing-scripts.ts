/**
 * What both ways of routing Stripe's scripts in a Playwright page share (`routeStripeToEmulator`):
 * which request is which script, where its stand-in is, and which hosts count as the page's own.
 */
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { LEGACY_SDK_QUERY, SCRIPT_PATHS } from './browser-routes.js';
import type { ScriptMode } from './stripe-proxy.js';

/** A script request left pending by `'hang'`; the test ends it (as a stalled connection eventually ends). */
export interface HungScript {
  url: string;
  abort(): Promise<void>;
}

export interface StripeRoutingOptions {
  /** Asked for every script request: serve the stand-in (default; `serve-legacy` for the older SDK), fail the request, answer 502, or leave it pending. */
  scriptMode?: () => ScriptMode;
  /** Receives each script request left pending by `'hang'`, so the test can end it later. */
  onHang?: (script: HungScript) => void;
  /**
   * Fail `https:` requests to hosts other than loopback at once (default `true`), as a closed
   * network would after a long wait. Loopback and `http:` requests are never failed.
   */
  blockExternal?: boolean;
  /**
   * How requests are caught: `'devtools'` (Chromium's DevTools Fetch domain), `'route'`
   * (Playwright's `route()`, any engine), or unset: DevTools where the context opens a DevTools
   * session, `route()` where it cannot (Firefox, WebKit).
   */
  via?: RoutingMethod;
}

export type RoutingMethod = 'devtools' | 'route';

export const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The stand-in's path for a request to one of Stripe's two scripts (any query), else `undefined`. */
export function scriptPathFor(url: string): string | undefined {
  if (url.startsWith(STRIPE_JS_URL)) return SCRIPT_PATHS.stripeJs;
  if (url.startsWith(ONRAMP_JS_URL)) return SCRIPT_PATHS.onrampOuterJs;
  return undefined;
}

/** Where the emulator serves the stand-in for `path` in `mode` (`serve-legacy` changes the onramp script only). */
export function standInUrl(emulatorUrl: string, path: string, mode: ScriptMode): string {
  const legacy = mode === 'serve-legacy' && path === SCRIPT_PATHS.onrampOuterJs;
  return emulatorUrl.replace(/\/$/, '') + path + (legacy ? LEGACY_SDK_QUERY : '');
}
