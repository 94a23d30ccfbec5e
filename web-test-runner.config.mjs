// Browser tests in a real headless Chromium (Debian's, or $CHROME_PATH). Run through
// `node --import tsx` (see package.json) so that this file can start the TypeScript emulator.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-chromium.js';
import { startHarness } from './test/browser/support/harness.ts';
import { frameworkPlugins } from './test/frameworks/wtr-plugins.mjs';
import { openHostilePage } from './test/browser/support/hostile-pages.ts';
import { openNavigationPage } from './test/browser/support/navigation-pages.ts';

/** Popups a test expects (`expect-popup`), by test session, for `popup-url` to await. */
const expectedPopups = new Map();

const harness = await startHarness();

/** The Stripe loaders' `pure` entries are CommonJS stubs; point the browser at their ES builds. */
const STRIPE_PURE_ESM = {
  '@stripe/crypto/pure.js': '/node_modules/@stripe/crypto/dist/pure.esm.js',
  '@stripe/crypto/pure': '/node_modules/@stripe/crypto/dist/pure.esm.js',
  '@stripe/stripe-js/pure': '/node_modules/@stripe/stripe-js/dist/pure.esm.js',
};
const stripePureEsm = {
  name: 'stripe-pure-esm',
  resolveImport: ({ source }) => STRIPE_PURE_ESM[source],
};

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  staticLogging: true,
  // The tests run Lit in dev mode (the `development` condition) for its extra checks; its banner
  // saying so, once per test file, is noise.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: findChromium(),
        args: CHROMIUM_ARGS,
      },
      async createPage({ context }) {
        const page = await context.newPage();
        await harness.routePage(page);
        return page;
      },
    }),
  ],
  middleware: [
    async (ctx, next) => {
      if (await harness.endpoints(ctx.req, ctx.res)) {
        ctx.respond = false;
        return;
      }
      return next();
    },
  ],
  plugins: [
    stripePureEsm,
    ...frameworkPlugins(),
    {
      name: 'test-harness-commands',
      async executeCommand({ command, payload, session }) {
        if (command === 'stripe-scripts') {
          await harness.setScriptMode(session.browser.getPage(session.id), payload.mode);
          return true;
        }
        if (command === 'emulator-url') return harness.emulator.url;
        if (command === 'block-requests') return harness.blockRequests(session.browser.getPage(session.id), payload.suffix);
        // The property-based tests' run count and seed: FC_RUNS (default in the test) and FC_SEED.
        if (command === 'fc-config') {
          return { runs: Number(process.env.FC_RUNS) || undefined, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined };
        }
        if (command === 'open-hostile-page') {
          const testPage = session.browser.getPage(session.id);
          return openHostilePage(testPage.context(), new URL(testPage.url()).origin, payload.name, harness.routePage);
        }
        if (command === 'open-navigation-page') {
          const testPage = session.browser.getPage(session.id);
          return openNavigationPage(testPage.context(), new URL(testPage.url()).origin, payload, harness.routePage, (id, status) => harness.emulator.setStatus(id, status));
        }
        if (command === 'expect-popup') {
          // Armed before the click that opens it, so the popup cannot be missed.
          const popup = session.browser.getPage(session.id).waitForEvent('popup', { timeout: 15000 });
          popup.catch(() => {});
          expectedPopups.set(session.id, popup);
          return true;
        }
        if (command === 'popup-url') {
          // Where the popup ends up: the blank tab the click opened, once the element navigated it.
          const popup = await expectedPopups.get(session.id);
          expectedPopups.delete(session.id);
          await popup.waitForURL((url) => url.protocol !== 'about:', { timeout: 15000 });
          const url = popup.url();
          const opener = await popup.evaluate(() => window.opener === null);
          await popup.close();
          return { url, openerCut: opener };
        }
        if (command === 'frame-post-after-start') {
          // For "this frame sent nothing": once the stand-in frame of `payload.clientSecret` has had
          // its session answered and a task to act on it, it posts `payload.message` to the page.
          // Messages arrive in order, so anything the frame sent on start arrives before this one.
          const page = session.browser.getPage(session.id);
          const matches = (f) => !f.isDetached() && f.url().includes('/embedded?') && new URL(f.url()).searchParams.get('clientSecret') === payload.clientSecret;
          // The page may see its iframe's load before Playwright has recorded the navigation.
          const navigated = page.waitForEvent('framenavigated', { predicate: matches });
          navigated.catch(() => {});
          const frame = page.frames().find(matches) ?? (await navigated);
          await frame.evaluate((message) => new Promise((resolve) => {
            new PerformanceObserver((list, observer) => {
              if (!list.getEntries().some((e) => new URL(e.name).pathname === '/browser/session')) return;
              observer.disconnect();
              resolve();
            }).observe({ type: 'resource', buffered: true });
          }).then(() => new Promise((resolve) => setTimeout(resolve, 0))).then(() => window.parent.postMessage(message, '*')), payload.message);
          return true;
        }
        if (command === 'frame-themes') {
          // The stand-in's iframe is cross-origin: read the theme it renders from Playwright. Each
          // frame is reached from its <iframe> element: page.frames() can lag behind an
          // out-of-process frame that has already loaded and posted its messages.
          const page = session.browser.getPage(session.id);
          const iframes = await page.locator('iframe[name="onramp"]').elementHandles();
          const frames = (await Promise.all(iframes.map((iframe) => iframe.contentFrame()))).filter((f) => f?.url().includes('/embedded'));
          return Promise.all(frames.map((f) => f.evaluate(() => document.documentElement.dataset.theme)));
        }
        return undefined;
      },
    },
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  async onServerStop() {
    await harness.close();
  },
};
