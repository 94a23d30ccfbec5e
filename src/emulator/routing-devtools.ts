/**
 * Stripe's scripts answered through Chromium's DevTools Fetch domain, given URL patterns: only
 * requests for Stripe's scripts (and, with `blockExternal`, other `https:` requests) pause; the
 * page's own requests to its loopback servers go straight through, untouched. Playwright's
 * `route()` pauses every request in the browser and answers CORS preflights itself, so a test
 * through it could not see a CORS failure a real browser would have; it also added 10–25 ms to
 * every loopback request here. Chromium only.
 */
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../shared/stripe-script-urls.js';
import { LOOPBACK_HOSTS, scriptPathFor, standInUrl, type StripeRoutingOptions } from './routing-scripts.js';

/** What this module needs of Playwright's `CDPSession`. */
export interface CdpSessionLike {
  on(event: 'Fetch.requestPaused', listener: (event: RequestPausedEvent) => void): unknown;
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
}

export interface RequestPausedEvent {
  requestId: string;
  request: { url: string };
}

/** Routes one page through a DevTools session already opened on it. */
export async function routeViaDevTools(cdp: CdpSessionLike, emulatorUrl: string, options: StripeRoutingOptions): Promise<void> {
  const fail = (requestId: string, errorReason: string) => cdp.send('Fetch.failRequest', { requestId, errorReason }).catch(() => undefined);
  cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
    const path = scriptPathFor(request.url);
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
    if (mode === 'hang') return options.onHang?.({ url: request.url, abort: async () => void (await fail(requestId, 'TimedOut')) });
    // Fetched from the emulator each time, so its script latency (`latencyMs.scripts`) applies.
    const serve = async () => {
      const response = await fetch(standInUrl(emulatorUrl, path, mode));
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
