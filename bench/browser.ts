/**
 * Headless Chromium for the browser benchmarks: Debian's Chromium through Playwright (nothing is
 * downloaded), Stripe's two script URLs answered with the emulator's stand-in (fetched from the
 * emulator on every request, so the emulator's script latency applies), every other outside
 * request aborted, as in the browser tests' harness.
 */
import { chromium, type Browser, type BrowserContext, } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';
import { routeStripeToEmulator } from '../src/emulator/index.js';


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

/** Routes every request of a context: Stripe's scripts to the emulator's stand-in, loopback through, the rest aborted. */
export async function routeContext(context: BrowserContext, emulatorUrl: string): Promise<void> {
  await routeStripeToEmulator(context, emulatorUrl);
}
