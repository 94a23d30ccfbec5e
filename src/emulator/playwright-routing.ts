/**
 * For Playwright tests of pages that use the onramp: answers Stripe's two script URLs with this
 * emulator's stand-in (so the page's real `@stripe/crypto` loader runs), and fails other requests
 * to outside hosts at once, so a test fails fast instead of hanging on a closed network.
 *
 * Two ways, one behaviour. In Chromium, DevTools Fetch patterns (`routing-devtools.ts`): the
 * page's own requests are never paused, so CORS behaves as in a real browser. Where DevTools is
 * not offered (Playwright's Firefox and WebKit), Playwright's `route()` (`routing-route.ts`).
 *
 * Playwright is not a dependency: pages and contexts are typed structurally.
 */
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { routeViaDevTools, type CdpSessionLike } from './routing-devtools.js';
import { routeViaPlaywright, type RoutableLike } from './routing-route.js';
import type { RoutingMethod, StripeRoutingOptions } from './routing-scripts.js';

export type { CdpSessionLike, RequestPausedEvent } from './routing-devtools.js';
export type { RoutableLike, RouteLike, RouteRequestLike } from './routing-route.js';
export type { HungScript, RoutingMethod, StripeRoutingOptions } from './routing-scripts.js';
export type { ScriptMode } from './stripe-proxy.js';

export const STRIPE_SCRIPT_URLS = { stripeJs: STRIPE_JS_URL, onrampOuterJs: ONRAMP_JS_URL } as const;

/** What opens a DevTools session on a page: a Playwright `BrowserContext` (Firefox's and WebKit's refuse). */
export interface CdpSessionSource<P> {
  newCDPSession?(page: P): Promise<CdpSessionLike>;
}

/** A Playwright `Page`. */
export interface PageLike<P> extends RoutableLike {
  context(): CdpSessionSource<P>;
}

/** A Playwright `BrowserContext`: every page it has and will have is routed. */
export interface BrowserContextLike<P> extends CdpSessionSource<P>, RoutableLike {
  pages(): P[];
  on(event: 'page', listener: (page: P) => void): unknown;
  /** Names the engine (`'chromium'`, `'firefox'`, `'webkit'`) before any page exists. */
  browser?(): { browserType(): { name(): string } } | null;
}

/**
 * Routes a page, or a context's pages present and future, and resolves with the way it took. A
 * context routed through `route()` covers its pages from their first request; one routed through
 * DevTools routes each page as it opens (open pages after this resolves).
 */
export async function routeStripeToEmulator<P>(context: BrowserContextLike<P>, emulatorUrl: string, options?: StripeRoutingOptions): Promise<RoutingMethod>;
export async function routeStripeToEmulator<P extends PageLike<P>>(page: P, emulatorUrl: string, options?: StripeRoutingOptions): Promise<RoutingMethod>;
export async function routeStripeToEmulator<P extends PageLike<P>>(
  target: P | BrowserContextLike<P>,
  emulatorUrl: string,
  options: StripeRoutingOptions = {},
): Promise<RoutingMethod> {
  if ('pages' in target && typeof target.pages === 'function') return routeContext(target, emulatorUrl, options);
  const page = target as P;
  const cdp = await openDevTools(page.context(), page, options);
  if (cdp) {
    await routeViaDevTools(cdp, emulatorUrl, options);
    return 'devtools';
  }
  await routeViaPlaywright(page, emulatorUrl, options);
  return 'route';
}

async function routeContext<P extends PageLike<P>>(context: BrowserContextLike<P>, emulatorUrl: string, options: StripeRoutingOptions): Promise<RoutingMethod> {
  if (contextMethod(context, options) === 'route') {
    await routeViaPlaywright(context, emulatorUrl, options);
    return 'route';
  }
  // A page whose DevTools session fails after all is routed through `route()` by itself.
  const routePage = (page: P) => routeStripeToEmulator(page, emulatorUrl, options);
  context.on('page', (page) => void routePage(page).catch(() => undefined));
  await Promise.all(context.pages().map(routePage));
  return 'devtools';
}

/** The way for a whole context, decided before its pages exist: DevTools only where it is offered, and only in Chromium. */
function contextMethod<P>(context: BrowserContextLike<P>, options: StripeRoutingOptions): RoutingMethod {
  if (options.via) return options.via;
  if (typeof context.newCDPSession !== 'function') return 'route';
  const engine = context.browser?.()?.browserType().name();
  return engine === undefined || engine === 'chromium' ? 'devtools' : 'route';
}

/** A DevTools session on the page, or `null` where the engine has none and `route()` is to be used. */
async function openDevTools<P>(source: CdpSessionSource<P>, page: P, options: StripeRoutingOptions): Promise<CdpSessionLike | null> {
  if (options.via === 'route') return null;
  if (typeof source.newCDPSession !== 'function') {
    if (options.via === 'devtools') throw new Error('routeStripeToEmulator: via: \'devtools\' needs a context with newCDPSession (Chromium).');
    return null;
  }
  try {
    return await source.newCDPSession(page);
  } catch (error) {
    // Playwright's Firefox and WebKit contexts have the method and refuse ("only available in Chromium").
    if (options.via === 'devtools') throw error;
    return null;
  }
}
