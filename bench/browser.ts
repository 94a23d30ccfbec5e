/**
 * Headless Chromium for the browser benchmarks: Debian's Chromium through Playwright (nothing is
 * downloaded), with Stripe's two script URLs answered by the emulator's stand-in, fetched from the
 * emulator on every request so that its script latency applies.
 *
 * The benchmarks do not use Playwright's `route()`: it pauses every request of the page and
 * matches patterns in Node, which on this machine
 * added 10–25 ms to each loopback request, the page, its script, the minting POST and Stripe's
 * iframe among them. That is a cost of the test rig, paid by every variant, that no real page
 * pays, and it distorts a ratio of load times. `routeStripeToEmulator` (which the tests use too)
 * gives the DevTools protocol's Fetch domain URL patterns instead, so only the requests for
 * Stripe's two scripts pause; everything else goes straight to the loopback servers, as it would
 * to a site's own.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';
import { routeStripeToEmulator } from '../src/emulator/playwright-routing.js';

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

/** A new page of `context` whose requests for Stripe's two scripts (only) get the emulator's stand-in. */
export async function newStripeRoutedPage(context: BrowserContext, emulatorUrl: string): Promise<Page> {
  const page = await context.newPage();
  // Nothing else is paused, not even outside requests: the bench pages make none.
  await routeStripeToEmulator(page, emulatorUrl, { blockExternal: false });
  return page;
}
