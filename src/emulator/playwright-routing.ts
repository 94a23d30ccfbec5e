/**
 * For Playwright tests of pages that use the onramp: answers Stripe's two script URLs with this
 * emulator's stand-in (so the page's real `@stripe/crypto` loader runs), and fails other requests
 * to outside hosts at once, so a test fails fast instead of hanging on a closed network.
 *
 * It works through the DevTools protocol's Fetch domain, given URL patterns: only requests for
 * Stripe's scripts (and, with `blockExternal`, other `https:` requests) pause; the page's own
 * requests to its loopback servers go straight through, untouched. Playwright's `route()` would
 * pause every request and answer CORS preflights itself, so a test through it could not see a
 * CORS failure a real browser would have; it also added 10–25 ms to every loopback request here.
 *
 * Chromium only (the DevTools protocol). Playwright is not a dependency: pages are typed structurally.
 */

import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { LEGACY_SDK_QUERY, SCRIPT_PATHS } from './browser-routes.js';
import type { ScriptMode } from './stripe-proxy.js';

export const STRIPE_SCRIPT_URLS = { stripeJs: STRIPE_JS_URL, onrampOuterJs: ONRAMP_JS_URL } as const;

/** What this module needs of Playwright's `CDPSession`. */
export interface CdpSessionLike {
  on(event: 'Fetch.requestPaused', listener: (event: RequestPausedEvent) => void): unknown;
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
}

/** What opens a DevTools session on a page: a Playwright `BrowserContext`. */
export interface CdpSessionSource<P> {
  newCDPSession(page: P): Promise<CdpSessionLike>;
}

/** A Playwright `Page` (Chromium). */
export interface PageLike<P> {
  context(): CdpSessionSource<P>;
}

/** A Playwright `BrowserContext` (Chromium): every page it has and will have is routed. */
export interface BrowserContextLike<P> extends CdpSessionSource<P> {
  pages(): P[];
  on(event: 'page', listener: (page: P) => void): unknown;
}

export interface RequestPausedEvent {
  requestId: string;
  request: { url: string };
}

export type { ScriptMode };

/** A script request left pending by `'hang'`; the test ends it (as a stalled connection eventually ends). */
export interface HungScript {
  url: string;
  abort(): Promise<void>;
}

export interface StripeRoutingOptions {
  /** Asked for every script request: serve the stand-in (default; `serve-legacy` for the older SDK), fail the request, or leave it pending. */
  scriptMode?: () => ScriptMode;
  /** Receives each script request left pending by `'hang'`, so the test can end it later. */
  onHang?: (script: HungScript) => void;
  /**
   * Fail `https:` requests to hosts other than loopback at once (default `true`), as a closed
   * network would after a long wait. Loopback and `http:` requests are never paused.
   */
  blockExternal?: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export async function routeStripeToEmulator<P>(context: BrowserContextLike<P>, emulatorUrl: string, options?: StripeRoutingOptions): Promise<void>;
export async function routeStripeToEmulator<P extends PageLike<P>>(page: P, emulatorUrl: string, options?: StripeRoutingOptions): Promise<void>;
export async function routeStripeToEmulator<P extends PageLike<P>>(
  target: P | BrowserContextLike<P>,
  emulatorUrl: string,
  options: StripeRoutingOptions = {},
): Promise<void> {
  if ('pages' in target && typeof target.pages === 'function') {
    const context = target;
    context.on('page', (page) => {
      void routePage(page, context, emulatorUrl, options).catch(() => undefined);
    });
    await Promise.all(context.pages().map((page) => routePage(page, context, emulatorUrl, options)));
    return;
  }
  const page = target as P;
  await routePage(page, page.context(), emulatorUrl, options);
}

async function routePage<P>(page: P, source: CdpSessionSource<P>, emulatorUrl: string, options: StripeRoutingOptions): Promise<void> {
  const cdp = await source.newCDPSession(page);
  const fail = (requestId: string, errorReason: string) => cdp.send('Fetch.failRequest', { requestId, errorReason }).catch(() => undefined);
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const path = request.url.startsWith(STRIPE_JS_URL)
      ? SCRIPT_PATHS.stripeJs
      : request.url.startsWith(ONRAMP_JS_URL)
        ? SCRIPT_PATHS.onrampOuterJs
        : undefined;
    if (path === undefined) {
      // Only `https://*` brings other requests here: loopback goes on, the rest is refused.
      const { hostname } = new URL(request.url);
      if (LOOPBACK_HOSTS.has(hostname)) void cdp.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
      else void fail(requestId, 'BlockedByClient');
      return;
    }
    const mode = options.scriptMode?.() ?? 'serve';
    if (mode === 'fail') return void fail(requestId, 'ConnectionRefused');
    if (mode === 'http-error') return void cdp.send('Fetch.fulfillRequest', { requestId, responseCode: 502, body: '' }).catch(() => undefined);
    const url = path === SCRIPT_PATHS.onrampOuterJs && mode === 'serve-legacy' ? emulatorUrl + path + LEGACY_SDK_QUERY : emulatorUrl + path;
    if (mode === 'hang') return options.onHang?.({ url: request.url, abort: async () => void (await fail(requestId, 'TimedOut')) });
    // Fetched from the emulator each time, so its script latency (`latencyMs.scripts`) applies.
    const serve = async () => {
      const response = await fetch(url);
      await cdp.send('Fetch.fulfillRequest', {
        requestId,
        responseCode: response.status,
        responseHeaders: [{ name: 'Content-Type', value: 'text/javascript; charset=utf-8' }],
        body: Buffer.from(await response.text()).toString('base64'),
      });
    };
    serve().catch(() => fail(requestId, 'ConnectionRefused'));
  });
  // `*` is the protocol's wildcard; each script pattern covers its URL with any query.
  const patterns = [{ urlPattern: `${STRIPE_JS_URL}*` }, { urlPattern: `${ONRAMP_JS_URL}*` }];
  if (options.blockExternal !== false) patterns.push({ urlPattern: 'https://*' });
  await cdp.send('Fetch.enable', { patterns });
}
