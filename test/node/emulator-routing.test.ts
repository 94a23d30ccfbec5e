/**
 * `routeStripeToEmulator` in Playwright's Chromium, both ways: DevTools Fetch patterns, and
 * Playwright's `route()` (what Firefox and WebKit get; forced here with `via: 'route'`, and chosen
 * on its own for a context that offers no DevTools session). Each script mode, the real
 * `@stripe/crypto` loader, outside hosts refused at once, the page's own requests untouched.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM_ARGS } from '../../scripts/find-chromium.js';
import { routeStripeToEmulator, startEmulator, type HungScript, type RunningEmulator, type ScriptMode } from '../../src/emulator/index.js';
import { chromiumPath, OUTSIDE_URL, PUBLISHABLE_KEY, startPageServer, within, type PageServer } from './onramp-page-fixture.js';

const STRIPE_JS = 'https://js.stripe.com/v3';
const ONRAMP_JS = 'https://crypto-js.stripe.com/crypto-onramp-outer.js';

let browser: Browser;
let emulator: RunningEmulator;
let server: PageServer;

before(async () => {
  emulator = await startEmulator();
  server = await startPageServer();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
});

/** A fresh context and page, routed `via` one way, with the mode a test sets and the hung scripts it sees. */
async function routedPage(via: 'devtools' | 'route') {
  const context = await browser.newContext();
  const page = await context.newPage();
  let mode: ScriptMode = 'serve';
  const hung: HungScript[] = [];
  const method = await routeStripeToEmulator(page, emulator.url, { via, scriptMode: () => mode, onHang: (script) => hung.push(script) });
  await page.goto(server.url);
  return { context, page, method, hung, setMode: (next: ScriptMode) => void (mode = next) };
}

const loadScript = (page: Page, url: string) => page.evaluate((src) => (window as unknown as { loadScript(u: string): Promise<string> }).loadScript(src), url);
const loadOnramp = (page: Page) => page.evaluate((pk) => (window as unknown as { loadOnramp(k: string): Promise<string> }).loadOnramp(pk), PUBLISHABLE_KEY);
const probe = (page: Page, url: string) => page.evaluate((u) => (window as unknown as { probe(x: string): Promise<{ outcome: string; ms: number }> }).probe(u), url);

/** Whether the onramp script the page ran is the current SDK (`setAppearance`) or the legacy one. */
const sdkOf = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { StripeOnramp(pk: string): { createSession(o: object): { setAppearance?: unknown } } };
    return typeof w.StripeOnramp('pk_test_sdkprobe').createSession({ clientSecret: 'cos_1A_secret_B' }).setAppearance === 'function' ? 'current' : 'legacy';
  });

for (const via of ['devtools', 'route'] as const) {
  describe(`routeStripeToEmulator via ${via}`, () => {
    test('the real @stripe/crypto loader gets the stand-in; an outside host fails at once; loopback is untouched', async () => {
      const { context, page, method } = await routedPage(via);
      // The machine may be offline: the failure must be the routing's (blocked), not the resolver's.
      const outsideErrors: string[] = [];
      page.on('requestfailed', (request) => void (request.url() === OUTSIDE_URL && outsideErrors.push(request.failure()?.errorText ?? '')));
      try {
        assert.equal(method, via);
        assert.equal(await within(10_000, 'loadStripeOnramp', loadOnramp(page)), 'loaded: function, function');
        assert.equal(await sdkOf(page), 'current');
        const outside = await within(10_000, 'the outside probe', probe(page, OUTSIDE_URL));
        assert.equal(outside.outcome, 'failed');
        assert.ok(outside.ms < 2000, `the outside host took ${outside.ms} ms to fail`);
        assert.match(outsideErrors.join(), /^net::ERR_BLOCKED_BY_CLIENT/);
        assert.equal((await probe(page, server.url)).outcome, 'status 200');
      } finally {
        await context.close();
      }
    });

    test('serve-legacy, fail, http-error (502) and hang', async () => {
      const { context, page, setMode, hung } = await routedPage(via);
      const statuses: number[] = [];
      page.on('response', (response) => void (response.url().startsWith(ONRAMP_JS) && statuses.push(response.status())));
      const failures: string[] = [];
      page.on('requestfailed', (request) => void (request.url().startsWith(ONRAMP_JS) && failures.push(request.url())));
      try {
        assert.equal(await loadScript(page, STRIPE_JS), 'load');
        setMode('serve-legacy');
        assert.equal(await loadScript(page, `${ONRAMP_JS}?n=1`), 'load');
        assert.equal(await sdkOf(page), 'legacy');

        setMode('fail');
        assert.equal(await loadScript(page, `${ONRAMP_JS}?n=2`), 'error');
        assert.deepEqual(failures, [`${ONRAMP_JS}?n=2`]);

        setMode('http-error');
        assert.equal(await loadScript(page, `${ONRAMP_JS}?n=3`), 'error');
        assert.deepEqual(statuses.slice(-1), [502]);

        setMode('hang');
        const pending = loadScript(page, `${ONRAMP_JS}?n=4`);
        await within(5000, 'the hung request to reach onHang', (async () => { while (hung.length === 0) await new Promise((r) => setTimeout(r, 20)); })());
        const early = await Promise.race([pending, new Promise((r) => setTimeout(() => r('pending'), 300))]);
        assert.equal(early, 'pending');
        assert.equal(hung[0]!.url, `${ONRAMP_JS}?n=4`);
        await hung[0]!.abort();
        assert.equal(await within(5000, 'the aborted script', pending), 'error');

        setMode('serve');
        assert.equal(await loadScript(page, `${ONRAMP_JS}?n=5`), 'load');
        assert.equal(await sdkOf(page), 'current');
      } finally {
        await context.close();
      }
    });
  });
}

describe('routeStripeToEmulator picks its way', () => {
  test('a Chromium page or context: DevTools', async () => {
    const context = await browser.newContext();
    try {
      assert.equal(await routeStripeToEmulator(context, emulator.url), 'devtools');
      const page = await context.newPage();
      assert.equal(await routeStripeToEmulator(page, emulator.url), 'devtools');
    } finally {
      await context.close();
    }
  });

  /** A Chromium context dressed as Firefox's: its `newCDPSession` refuses, as Playwright's does there. */
  function asFirefox(context: BrowserContext) {
    const refuse = async (): Promise<never> => {
      throw new Error('CDP session is only available in Chromium');
    };
    const wrapped = {
      pages: () => context.pages().map(asPage),
      on: (event: 'page', listener: (page: ReturnType<typeof asPage>) => void) => context.on(event, (page) => listener(asPage(page))),
      route: context.route.bind(context),
      newCDPSession: refuse,
      browser: () => ({ browserType: () => ({ name: () => 'firefox' }) }),
    };
    function asPage(page: Page) {
      return { route: page.route.bind(page), context: () => wrapped, page };
    }
    return wrapped;
  }

  test('a page whose context refuses DevTools, or a context of another engine: route(), and it serves', async () => {
    const context = await browser.newContext();
    try {
      const fake = asFirefox(context);
      assert.equal(await routeStripeToEmulator(fake, emulator.url), 'route');
      const page = await context.newPage();
      await page.goto(server.url);
      assert.equal(await within(10_000, 'loadStripeOnramp', loadOnramp(page)), 'loaded: function, function');
      assert.equal((await probe(page, OUTSIDE_URL)).outcome, 'failed');

      const other = await context.newPage();
      const [wrappedPage] = fake.pages().filter((p) => p.page === other);
      assert.equal(await routeStripeToEmulator(wrappedPage!, emulator.url), 'route');
      await assert.rejects(routeStripeToEmulator(wrappedPage!, emulator.url, { via: 'devtools' }), /only available in Chromium/);
    } finally {
      await context.close();
    }
  });
});
