/**
 * The three engines the browser suite runs, launched as test/browser/support/engines.ts launches
 * them (Debian's Chromium through Playwright, Firefox ESR through Puppeteer over WebDriver BiDi,
 * WebKitGTK's MiniBrowser through WebKitWebDriver), but pointed at the network model's proxy for
 * every host, loopback aside. Each load gets a fresh context (a new MiniBrowser session in WebKit):
 * no connection, cache or partition survives from one load to the next.
 *
 * The driver only opens the page; the page's beacon says when it is ready (network-proxy.ts), so
 * the three are timed the same way.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-chromium.js';
import { FIREFOX_PATH, firefoxProxyPrefs, type Engine } from '../test/browser/support/engines.js';
import { startWebKitDriver } from '../test/support/webkit-driver.js';

export interface EngineDriver {
  engine: Engine;
  version: string;
  /** Opens `url` in a fresh context; the returned function closes that context. */
  open(url: string): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export async function launchEngine(engine: Engine, proxyPort: number, certificate: string): Promise<EngineDriver> {
  const proxy = `127.0.0.1:${proxyPort}`;
  if (engine === 'chromium') {
    const executablePath = findChromium();
    if (!executablePath) throw new Error('No Chromium found');
    // The proxy's certificate accepted by its key, in Chromium's network layer: `ignoreHTTPSErrors` is
    // answered per request, so a preconnect (no request yet) fails its TLS and is thrown away.
    const spki = createHash('sha256').update(new X509Certificate(certificate).publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    const args = [...CHROMIUM_ARGS, `--proxy-server=http://${proxy}`, `--ignore-certificate-errors-spki-list=${spki}`];
    return {
      engine,
      version: await chromiumVersion(executablePath, args),
      async open(url) {
        // A new profile per load, not an incognito context (`browser.newContext()`): Chromium ignores
        // `<link rel=preconnect>` in off-the-record profiles, as in a user's incognito window.
        const dir = await mkdtemp(join(tmpdir(), 'netbench-chromium-'));
        const context = await chromium.launchPersistentContext(dir, { executablePath, args });
        const page = context.pages()[0] ?? (await context.newPage());
        void page.goto(url, { waitUntil: 'commit' }).catch(() => {});
        return async () => {
          await context.close();
          await rm(dir, { recursive: true, force: true });
        };
      },
      close: async () => {},
    };
  }
  if (engine === 'firefox') {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        ...firefoxProxyPrefs(proxyPort),
        // Puppeteer's defaults, and the remote agent's recommended preferences applied at start, turn
        // Firefox's speculative connections off (`<link rel=preconnect>` among them); a user's Firefox
        // has 6. (Through a proxy Firefox makes none anyway: bench/README.md.)
        'network.http.speculative-parallel-limit': 6,
        'remote.prefs.recommended': false,
      },
    });
    return {
      engine,
      version: await browser.version(),
      async open(url) {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        void page.goto(url).catch(() => {});
        return () => context.close();
      },
      close: () => browser.close(),
    };
  }
  const driver = await startWebKitDriver();
  const base = `http://127.0.0.1:${driver.port}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
    return (await response.json()) as { value: Record<string, unknown> };
  };
  return {
    engine,
    version: 'WebKitGTK MiniBrowser',
    async open(url) {
      const session = await call('POST', '/session', {
        capabilities: {
          alwaysMatch: {
            browserName: 'MiniBrowser',
            'webkitgtk:browserOptions': {
              binary: driver.minibrowser,
              args: ['--automation', `--proxy=http://${proxy}`, '--ignore-host=localhost', '--ignore-host=127.0.0.1', '--ignore-tls-errors'],
            },
          },
        },
      });
      const id = session.value['sessionId'] as string;
      if (!id) throw new Error(`WebKitWebDriver: ${JSON.stringify(session.value).slice(0, 200)}`);
      // Answers once the page has loaded: not awaited, the beacon says when it is ready.
      void call('POST', `/session/${id}/url`, { url }).catch(() => {});
      return async () => {
        await call('DELETE', `/session/${id}`).catch(() => {});
      };
    },
    close: () => driver.close(),
  };
}

async function chromiumVersion(executablePath: string, args: string[]): Promise<string> {
  const browser = await chromium.launch({ executablePath, args });
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}
