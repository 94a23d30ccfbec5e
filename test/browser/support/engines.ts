/**
 * The three engines the browser suite runs in, each from Debian's packages and each pointed at the
 * emulator's Stripe proxy (src/emulator/stripe-proxy.ts), the one piece of plumbing all three can
 * use: Chromium through Playwright, Firefox ESR through Puppeteer over WebDriver BiDi, and WebKitGTK
 * (Safari's engine family) through its own WebDriver. Loopback is never proxied, so the test server
 * and the emulator are reached directly, with real CORS.
 *
 * `BROWSER_ENGINE` picks one per run (default `chromium`); `npm test` runs them one after another.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import type { BrowserLauncher } from '@web/test-runner-core';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/find-chromium.js';

export type Engine = 'chromium' | 'firefox' | 'webkit';
export const ENGINES: readonly Engine[] = ['chromium', 'firefox', 'webkit'];

export function engineFromEnv(): Engine {
  const value = process.env.BROWSER_ENGINE ?? 'chromium';
  if (!(ENGINES as readonly string[]).includes(value)) throw new Error(`BROWSER_ENGINE must be one of ${ENGINES.join(', ')}, not ${value}`);
  return value as Engine;
}

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

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
    requireBinary(FIREFOX_PATH, 'firefox-esr');
    return {
      launcher: puppeteerLauncher({
        launchOptions: {
          browser: 'firefox',
          executablePath: FIREFOX_PATH,
          headless: true,
          acceptInsecureCerts: true,
          extraPrefsFirefox: {
            'network.proxy.type': 1,
            'network.proxy.ssl': '127.0.0.1',
            'network.proxy.ssl_port': proxyPort,
            'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
            'network.proxy.allow_hijacking_localhost': false,
            // Tests open same-origin tabs with window.open() to watch a top-level page.
            'dom.disable_open_during_load': false,
          },
        },
      }),
      close: async () => {},
    };
  }
  requireBinary(WEBKIT_DRIVER_PATH, 'webkit2gtk-driver');
  requireBinary(MINIBROWSER_PATH, 'webkit2gtk-driver (MiniBrowser)');
  const started: ChildProcess[] = [];
  // Never left behind, however the run ends.
  process.once('exit', () => started.forEach((child) => child.kill('SIGTERM')));
  let display = process.env.DISPLAY;
  if (!display) {
    display = ':' + (90 + Math.floor(Math.random() * 400));
    started.push(spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' }));
  }
  const port = await freePort();
  // WebKit formats numbers by the process locale where a page's code names none, and under C.UTF-8
  // writes "$ 50.76". The harsher setting on purpose: every amount the elements show must follow a
  // locale their code chooses, so the suite passes whatever the machine's LANG.
  started.push(spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } }));
  await waitForPort(port);
  return {
    launcher: webdriverLauncher({
      automationProtocol: 'webdriver',
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: MINIBROWSER_PATH,
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
    async close() {
      for (const child of started.reverse()) child.kill('SIGTERM');
    },
  };
}

function requireBinary(path: string, pkg: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: install Debian's ${pkg} (.ci/run does).`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves once something accepts connections on the port (WebKit's driver takes a moment to start). */
async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port);
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`WebKitWebDriver did not listen on port ${port}`);
}


