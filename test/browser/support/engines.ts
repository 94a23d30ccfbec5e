/**
 * The three engines the browser suite runs in, each from Debian's packages and each pointed at the
 * emulator's Stripe proxy (src/emulator/stripe-proxy.ts), the one piece of plumbing all three can
 * use: Chromium through Playwright, Firefox ESR through Puppeteer over WebDriver BiDi, and WebKitGTK
 * (Safari's engine family) through its own WebDriver. Loopback is never proxied, so the test server
 * and the emulator are reached directly, with real CORS.
 *
 * `BROWSER_ENGINE` picks one per run (default `chromium`); `npm test` runs them one after another.
 */
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import type { BrowserLauncher } from '@web/test-runner-core';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/find-chromium.js';
import { requireBinary } from '../../support/driver-process.js';
import { startWebKitDriver } from '../../support/webkit-driver.js';

export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

/** Firefox's preferences that send HTTPS through the local proxy on `proxyPort`, loopback excepted (the tests' and the bench's). */
export const firefoxProxyPrefs = (proxyPort: number) => ({
  'network.proxy.type': 1,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': proxyPort,
  'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
});

export function engineFromEnv(): Engine {
  const value = process.env.BROWSER_ENGINE ?? 'chromium';
  if (!(ENGINES as readonly string[]).includes(value)) throw new Error(`BROWSER_ENGINE must be one of ${ENGINES.join(', ')}, not ${value}`);
  return value as Engine;
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** What a launcher needs of the harness: the proxy's port. */
export interface EngineSetup {
  launcher: BrowserLauncher;
  /** Ends what the setup started (WebKit's driver and its X server). */
  close(): Promise<void>;
}

export async function launcherFor(engine: Engine, proxyPort: number): Promise<EngineSetup> {
  const proxy = `127.0.0.1:${proxyPort}`;
  if (engine === 'chromium') {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium found: install Debian\'s chromium or set CHROME_PATH.');
    return {
      launcher: playwrightLauncher({
        product: 'chromium',
        launchOptions: { executablePath, args: [...CHROMIUM_ARGS, `--proxy-server=http://${proxy}`] },
        // The proxy's certificate is made at start and trusted by no one.
        createBrowserContext: ({ browser }) => browser.newContext({ ignoreHTTPSErrors: true }),
      }),
      close: async () => {},
    };
  }
  if (engine === 'firefox') {
    requireBinary(FIREFOX_PATH, 'Firefox ESR', 'firefox-esr');
    return {
      launcher: puppeteerLauncher({
        launchOptions: {
          browser: 'firefox',
          executablePath: FIREFOX_PATH,
          headless: true,
          acceptInsecureCerts: true,
          extraPrefsFirefox: {
            ...firefoxProxyPrefs(proxyPort),
            // Tests open same-origin tabs with window.open() to watch a top-level page.
            'dom.disable_open_during_load': false,
          },
        },
      }),
      close: async () => {},
    };
  }
  // WebKit formats numbers by the process locale where a page's code names none, and under C.UTF-8
  // writes "$ 50.76". The harsher setting on purpose: every amount the elements show must follow a
  // locale their code chooses, so the suite passes whatever the machine's LANG.
  const driver = await startWebKitDriver({ lang: 'C.UTF-8' });
  // Never left behind, however the run ends.
  process.once('exit', () => void driver.close());
  return {
    launcher: webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port: driver.port,
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: driver.minibrowser,
          args: [
            '--automation',
            `--proxy=http://${proxy}`,
            '--ignore-host=localhost',
            '--ignore-host=127.0.0.1',
            '--ignore-tls-errors',
            '--javascript-can-open-windows-automatically=true',
          ],
        },
      },
    } as Parameters<typeof webdriverLauncher>[0]),
    close: () => driver.close(),
  };
}

