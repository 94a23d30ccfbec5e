/**
 * Headless Chromium for the browser benchmarks: Debian's Chromium through Playwright (nothing is
 * downloaded), with Stripe's two script URLs answered by the emulator's stand-in, fetched from the
 * emulator on every request so that its script latency applies.
 *
 * The benchmarks do not use Playwright's `route()` (which the tests and `routeStripeToEmulator`
 * use): it pauses every request of the page and matches patterns in Node, which on this machine
 * added 10–25 ms to each loopback request, the page, its script, the minting POST and Stripe's
 * iframe among them. That is a cost of the test rig, paid by every variant, that no real page
 * pays, and it distorts a ratio of load times. Instead the DevTools protocol's Fetch domain is
 * given URL patterns, so only the requests for Stripe's two scripts pause; everything else goes
 * straight to the loopback servers, as it would to a site's own.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';
import { SCRIPT_PATHS } from '../src/emulator/browser-routes.js';
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../src/shared/stripe-script-urls.js';

export async function chromiumPath(): Promise<string | undefined> {
  return findChromium();
}

export async function launchChromium(options: { exposeGc?: boolean } = {}): Promise<Browser> {
  const executablePath = await chromiumPath();
  if (!executablePath) {
    throw new Error('No Chromium found: set CHROME_PATH, or install one (Debian/Ubuntu: apt-get install -y chromium).');
  }
  return chromium.launch({
    executablePath,
    args: options.exposeGc ? [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] : CHROMIUM_ARGS,
  });
}

interface RequestPaused {
  requestId: string;
  request: { url: string };
}

/** A new page of `context` whose requests for Stripe's two scripts get the emulator's stand-in. */
export async function newStripeRoutedPage(context: BrowserContext, emulatorUrl: string): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const standInFor = (url: string): string | undefined =>
    url.startsWith(STRIPE_JS_URL) ? SCRIPT_PATHS.stripeJs : url.startsWith(ONRAMP_JS_URL) ? SCRIPT_PATHS.onrampOuterJs : undefined;
  cdp.on('Fetch.requestPaused', (event: RequestPaused) => {
    const path = standInFor(event.request.url);
    const answer = async () => {
      if (path === undefined) throw new Error(`unexpected request ${event.request.url}`);
      const response = await fetch(emulatorUrl + path);
      await cdp.send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: response.status,
        responseHeaders: [{ name: 'Content-Type', value: 'text/javascript; charset=utf-8' }],
        body: Buffer.from(await response.text()).toString('base64'),
      });
    };
    answer().catch(() => cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'ConnectionRefused' }).catch(() => {}));
  });
  // `*` is the protocol's wildcard; each pattern covers the script's URL with any query.
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${STRIPE_JS_URL}*` }, { urlPattern: `${ONRAMP_JS_URL}*` }] });
  return page;
}
