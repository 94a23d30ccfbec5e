/**
 * Stripe's scripts answered through Playwright's `route()`, which every engine Playwright drives
 * has (Firefox and WebKit have no DevTools protocol). Patterns are a glob and RegExps, never
 * functions: Playwright matches those in the browser's process and hands only matching requests to
 * Node. The engine still pauses every request once a route exists, and Playwright answers CORS
 * preflights itself, so a CORS failure of the page's own server does not show through this path
 * (the DevTools path leaves those requests alone).
 */
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { scriptPathFor, standInUrl, type StripeRoutingOptions } from './routing-scripts.js';

/** What this module needs of Playwright's `Route`. */
export interface RouteLike {
  fulfill(response: { status?: number; contentType?: string; headers?: Record<string, string>; body?: string }): Promise<void>;
  abort(errorCode?: string): Promise<void>;
}

/** What this module needs of Playwright's `Request`. */
export interface RouteRequestLike {
  url(): string;
}

/** A Playwright `Page` or `BrowserContext`: both take routes. */
export interface RoutableLike {
  route(url: string | RegExp, handler: (route: RouteLike, request: RouteRequestLike) => unknown): Promise<unknown>;
}

/** Escapes a URL for a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Stripe's two script URLs, each with any query: the only requests answered with the stand-in. */
const SCRIPT_PATTERN = new RegExp(`^(?:${literal(STRIPE_JS_URL)}|${literal(ONRAMP_JS_URL)})(?:[?#].*)?$`);

/** Any `https:` URL whose host is not loopback (nor one of Stripe's script URLs, matched first). */
const EXTERNAL_PATTERN = /^https:\/\/(?!(?:localhost|127\.0\.0\.1|\[::1\])(?:[:/?#]|$))/;

/** Routes every request of `target` (a page, or a context's pages, present and future). */
export async function routeViaPlaywright(target: RoutableLike, emulatorUrl: string, options: StripeRoutingOptions): Promise<void> {
  // Playwright tries the most recently added route first: the external one goes in before the scripts'.
  if (options.blockExternal !== false) {
    await target.route(EXTERNAL_PATTERN, (route) => route.abort('blockedbyclient').catch(() => undefined));
  }
  await target.route(SCRIPT_PATTERN, async (route, request) => {
    const url = request.url();
    const path = scriptPathFor(url);
    if (path === undefined) return route.abort('blockedbyclient').catch(() => undefined);
    const mode = options.scriptMode?.() ?? 'serve';
    if (mode === 'fail') return route.abort('connectionrefused').catch(() => undefined);
    if (mode === 'http-error') return route.fulfill({ status: 502, contentType: 'text/plain', body: '' }).catch(() => undefined);
    if (mode === 'hang') return options.onHang?.({ url, abort: () => route.abort('timedout').catch(() => undefined) });
    try {
      // Fetched from the emulator each time, so its script latency (`latencyMs.scripts`) applies.
      const response = await fetch(standInUrl(emulatorUrl, path, mode));
      await route.fulfill({ status: response.status, contentType: 'text/javascript; charset=utf-8', body: await response.text() });
    } catch {
      await route.abort('connectionrefused').catch(() => undefined);
    }
  });
}
