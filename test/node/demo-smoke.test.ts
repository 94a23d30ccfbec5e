/**
 * The demo, end to end: `startDemo` in-process on a free port against the emulator (no keys),
 * every page in headless Chromium, each waited on through the element's own events, and no
 * console error beyond what Chromium itself logs for the failure a page demonstrates on purpose.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright';
import { startDemo, type RunningDemo } from '../../demo/serve.js';
import { launchChromium, newDemoContext, PAGE_CHECKS, recordedEvents, watchConsole } from '../../scripts/demo-browser-checks.js';

describe('the demo (npm start), against the emulator', { timeout: 60_000, concurrency: 4 }, () => {
  let demo: RunningDemo;
  let browser: Browser;

  before(async () => {
    // No keys: the emulator, whatever the environment running the tests holds.
    const env = { ...process.env };
    delete env['STRIPE_SECRET_KEY'];
    delete env['STRIPE_PUBLISHABLE_KEY'];
    [demo, browser] = await Promise.all([startDemo({ port: 0, logLevel: 'error', env, watch: false }), launchChromium()]);
  });

  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('runs against the in-process emulator', async () => {
    assert.equal(demo.mode, 'emulator');
    const info = (await (await fetch(`${demo.url}/api/demo-info`)).json()) as { mode: string; emulatorUrl: string };
    assert.equal(info.mode, 'emulator');
    assert.equal(info.emulatorUrl, demo.emulatorUrl);
  });

  test('injects the stand-in scripts in emulator mode, except on the pages that must do without', async () => {
    const quickStart = await (await fetch(`${demo.url}/demo/quick-start.html`)).text();
    // The package's own Vite plugin (crypto-onramp-element/vite) serves them on the demo's origin.
    assert.match(quickStart, /<script src="\/__crypto-onramp\/stripe\.js"><\/script>/);
    assert.match(quickStart, /<script src="\/__crypto-onramp\/crypto-onramp-outer\.js"><\/script>/);
    const standIn = await fetch(`${demo.url}/__crypto-onramp/crypto-onramp-outer.js`);
    assert.equal(standIn.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.ok((await standIn.text()).includes(demo.emulatorUrl!), 'the stand-in talks to the emulator');
    const csp = await fetch(`${demo.url}/demo/csp.html`);
    assert.match(csp.headers.get('content-security-policy') ?? '', /script-src 'self'(;|$)/);
    assert.doesNotMatch(await csp.text(), /js\/stripe\.js/);
    assert.equal((await fetch(`${demo.url}/demo/quick-start.html`)).headers.get('content-security-policy'), null);
  });

  test('serves the drop-in bundle as npm run build:cdn builds it, with nothing built first', async () => {
    const bundle = await fetch(`${demo.url}/dist/cdn/crypto-onramp.js`);
    assert.equal(bundle.status, 200);
    const code = await bundle.text();
    assert.match(code, /customElements/);
    // The production build: the dev server's NODE_ENV must not have turned Lit's dev mode on.
    assert.doesNotMatch(code, /Lit is in dev mode/);
    assert.equal((await fetch(`${demo.url}/dist/cdn/no-such-bundle.js`)).status, 404);
  });

  test('serves the server kit at /api/onramp-session', async () => {
    const response = await fetch(`${demo.url}/api/onramp-session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'demo-smoke-0000000001' },
      body: JSON.stringify({ destination_currency: 'eth', destination_network: 'ethereum' }),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['client_secret', 'publishable_key']);
    assert.equal((await fetch(`${demo.url}/api/onramp-session`)).status, 405);
    assert.equal((await fetch(`${demo.url}/api/down`, { method: 'POST' })).status, 503);
  });

  // Stripe's iframe takes any size from 320×480 to 500×750; the emulator's page in it must show its
  // totals and its Continue button at each corner, with nothing wider than the frame.
  test("the stand-in's page fits every frame size Stripe's iframe can take", async () => {
    const context = await newDemoContext(browser);
    const page = await context.newPage();
    try {
      await page.goto(`${demo.url}/demo/quick-start.html`);
      await page.locator('#onramp[state="ready"]').waitFor();
      const frame = page.frames().find((candidate) => candidate.url().includes('/embedded'))!;
      await frame.getByRole('button', { name: 'Continue' }).waitFor();
      for (const [width, height] of [[320, 480], [500, 750], [320, 750], [500, 480]] as const) {
        await page.locator('crypto-onramp iframe').evaluate((iframe, [w, h]) => {
          (iframe as HTMLIFrameElement).style.width = `${w}px`;
          (iframe as HTMLIFrameElement).style.height = `${h}px`;
        }, [width, height]);
        await frame.waitForFunction(([w, h]) => innerWidth === w && innerHeight === h, [width, height]);
        // (No named functions inside: tsx would wrap them in a helper the page does not have.)
        const overflow = await frame.evaluate(() => {
          const total = [...document.querySelectorAll('.summary dt')].find((dt) => dt.textContent === 'Total')?.parentElement;
          const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent === 'Continue');
          const [totalOutside, continueOutside] = [total, button].map((element) => {
            const box = element?.getBoundingClientRect();
            return !box || box.bottom > innerHeight || box.right > innerWidth || box.top < 0;
          });
          // A select clips its text without scrolling: compare the chosen option's text (and the
          // select's padding, and room for its arrow) with the select's width.
          const currency = document.querySelector<HTMLSelectElement>('#source-currency')!;
          const style = getComputedStyle(currency);
          const measure = document.createElement('canvas').getContext('2d')!;
          measure.font = style.font;
          const needed = measure.measureText(currency.selectedOptions[0]!.text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 12;
          return {
            total: totalOutside,
            continue: continueOutside,
            currencyClipped: needed > currency.clientWidth,
            scrollsSideways: document.documentElement.scrollWidth > innerWidth,
          };
        });
        assert.deepEqual(overflow, { total: false, continue: false, currencyClipped: false, scrollsSideways: false }, `${width}×${height}`);
      }
    } finally {
      await context.close();
    }
  });

  for (const check of PAGE_CHECKS) {
    test(`${check.page.path}: ${check.page.title}`, async () => {
      const context = await newDemoContext(browser);
      const consoleErrors = watchConsole(context, check);
      const page = await context.newPage();
      try {
        await page.goto(demo.url + check.page.path);
        await check.settle(page);
        await check.exercise?.(page);
      } catch (error) {
        const events = await recordedEvents(page).catch(() => []);
        const summary = events.map((event) => `${event.type}${event.target ? `#${event.target}` : ''} ${JSON.stringify(event.detail).slice(0, 200)}`);
        throw new Error(`${(error as Error).message}\nevents:\n  ${summary.join('\n  ')}\nconsole errors:\n  ${consoleErrors.unexpected.join('\n  ')}`, { cause: error });
      } finally {
        await context.close();
      }
      assert.deepEqual(consoleErrors.unexpected, [], 'no console errors or uncaught exceptions');
      if (check.expectedConsoleError) assert.ok(consoleErrors.expected.length > 0, 'the demonstrated failure happened');
    });
  }
});

describe('the demo with Stripe keys', { timeout: 30_000 }, () => {
  // Shaped like real keys; nothing here reaches Stripe (only pages and /api/demo-info are fetched).
  const keys = { STRIPE_SECRET_KEY: 'sk_test_51DemoSmokeOnlyNotARealKey0000', STRIPE_PUBLISHABLE_KEY: 'pk_test_51DemoSmokeOnlyNotARealKey0000' };

  test('talks to Stripe and injects no stand-in scripts', async () => {
    const demo = await startDemo({ port: 0, logLevel: 'error', env: { ...keys }, watch: false });
    try {
      assert.equal(demo.mode, 'stripe');
      assert.equal(demo.emulatorUrl, undefined);
      const info = (await (await fetch(`${demo.url}/api/demo-info`)).json()) as Record<string, unknown>;
      assert.deepEqual([info['mode'], info['emulatorUrl'], info['livemode']], ['stripe', null, false]);
      const html = await (await fetch(`${demo.url}/demo/quick-start.html`)).text();
      assert.doesNotMatch(html, /stripe\.js|crypto-onramp-outer/);
      assert.doesNotMatch(JSON.stringify(info) + html, /sk_test_/);
    } finally {
      await demo.close();
    }
  });

  test('refuses half a configuration without echoing the key', async () => {
    await assert.rejects(startDemo({ port: 0, logLevel: 'silent', env: { STRIPE_SECRET_KEY: keys.STRIPE_SECRET_KEY } }), (error: Error) => {
      assert.match(error.message, /STRIPE_PUBLISHABLE_KEY/);
      assert.doesNotMatch(error.message, /sk_test_51/);
      return true;
    });
    await assert.rejects(startDemo({ port: 0, logLevel: 'silent', env: { STRIPE_SECRET_KEY: 'pk_test_oops', STRIPE_PUBLISHABLE_KEY: keys.STRIPE_PUBLISHABLE_KEY } }), /does not look like a Stripe secret key/);
  });
});
