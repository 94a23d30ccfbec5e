// Browser tests in one real engine per run, BROWSER_ENGINE = chromium (default), firefox or webkit,
// each from Debian's packages (test/browser/support/engines.ts). Run through `node --import tsx`
// (see package.json) so that this file can start the TypeScript emulator and its proxy.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { waitUntil } from './test/browser/support/drivers.ts';
import { engineFromEnv, launcherFor } from './test/browser/support/engines.ts';
import { playwrightDriver, puppeteerDriver, webdriverDriver } from './test/browser/support/drivers.ts';
import { startHarness } from './test/browser/support/harness.ts';
import { engineSummary } from './test/browser/support/engine-summary.ts';
import { frameworkPlugins } from './test/frameworks/wtr-plugins.mjs';
import { openHostilePage } from './test/browser/support/hostile-pages.ts';
import { openNavigationPage } from './test/browser/support/navigation-pages.ts';

const engine = engineFromEnv();
/** Popups a test expects (`expect-popup`), by test session, for `popup-url` to await. */
const expectedPopups = new Map();

const harness = await startHarness();
const setup = await launcherFor(engine, harness.proxy.port);

/** The engine's driver for the test session's page (drivers.ts). */
function driverFor(session) {
  if (engine === 'chromium') return playwrightDriver(session.browser.getPage(session.id));
  if (engine === 'firefox') return puppeteerDriver(session.browser.getPage(session.id));
  return webdriverDriver(session.browser.driver);
}

/** The origin of the test server, where the harness serves its pages (set when it starts). */
let serverOrigin = '';
async function testOrigin() {
  return serverOrigin;
}

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
  // One test file at a time: the proxy's script mode and the failed requests are the server's.
  concurrency: 1,
  // A hang guard, not a timing: WebKit's WebDriver takes a round trip per window switch, and the
  // tests that drive a popup or a second tab through it need longer than the others.
  testFramework: { config: { timeout: engine === 'webkit' ? 20000 : 10000 } },
  browsers: [setup.launcher],
  reporters: [defaultReporter(), engineSummary(engine)],
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
      serverStart({ config }) {
        serverOrigin = `http://${config.hostname ?? 'localhost'}:${config.port}`;
      },
      async executeCommand({ command, payload, session }) {
        if (command === 'stripe-scripts') {
          harness.setScriptMode(payload.mode);
          return true;
        }
        if (command === 'fail-requests') return harness.failRequests(payload.urlPattern);
        if (command === 'engine') return engine;
        if (command === 'stripe-script-requests') return harness.proxy.requests(payload.host);
        if (command === 'emulator-url') return harness.emulator.url;
        // The property-based tests' run count and seed: FC_RUNS (default in the test) and FC_SEED.
        if (command === 'fc-config') {
          return { runs: Number(process.env.FC_RUNS) || undefined, seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined };
        }
        if (command === 'open-hostile-page') {
          return openHostilePage(driverFor(session), await testOrigin(session), payload.name, harness.failRequests);
        }
        if (command === 'open-navigation-page') {
          return openNavigationPage(driverFor(session), await testOrigin(session), payload, (id, status) => harness.emulator.setStatus(id, status));
        }
        if (command === 'expect-popup') {
          // Armed before the click that opens it, so the popup cannot be missed.
          expectedPopups.set(session.id, await driverFor(session).expectPopup());
          return true;
        }
        if (command === 'popup-url') {
          // Where the popup ends up: the blank tab the click opened, once the element navigated it.
          const popup = await expectedPopups.get(session.id)();
          expectedPopups.delete(session.id);
          await popup.waitForUrl((url) => url.protocol !== 'about:', 'the popup to navigate');
          const url = await popup.url();
          const openerCut = await popup.evaluate(() => window.opener === null);
          await popup.close();
          return { url, openerCut };
        }
        if (command === 'frame-post-after-start') {
          // For "this frame sent nothing": once the stand-in frame of `payload.clientSecret` has had
          // its session answered and a task to act on it, it posts `payload.message` to the page.
          // Messages arrive in order, so anything the frame sent on start arrives before this one.
          const matches = (url) => url.includes('/embedded?') && new URL(url).searchParams.get('clientSecret') === payload.clientSecret;
          let frame;
          await waitUntil(async () => (frame = (await driverFor(session).frames(matches))[0]) !== undefined, 'the stand-in frame');
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
          // The stand-in's iframe is cross-origin: read the theme it renders through the driver.
          const frames = await driverFor(session).frames((url) => url.includes('/embedded'));
          return Promise.all(frames.map((f) => f.evaluate(() => document.documentElement.dataset.theme)));
        }
        if (command === 'frame-languages') {
          // The language each stand-in iframe speaks: its root's lang and dir, its heading, button
          // and status texts (read through the driver: the frames are cross-origin).
          const frames = await driverFor(session).frames((url) => url.includes('/embedded'));
          return Promise.all(frames.map((f) => f.evaluate(() => ({
            lang: document.documentElement.lang,
            dir: document.documentElement.dir,
            texts: [...document.querySelectorAll('h1, button, [role="status"]')].map((node) => node.textContent),
          }))));
        }
        return undefined;
      },
    },
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  async onServerStop() {
    await harness.close();
    await setup.close();
  },
};
