/**
 * The emulator's proxy (`createStripeProxy`) in the three engines, each driven the way
 * docs/emulator.md ("Testing your own pages in any browser") shows: Puppeteer with Chromium
 * (`--proxy-server`) and with Firefox (WebDriver BiDi, proxy prefs), WebdriverIO with WebKitGTK's
 * MiniBrowser (`--proxy=`) and with Chromium through chromedriver (the WebDriver `proxy`
 * capability), Selenium with Chromium through Debian's chromedriver. In each, a page on a loopback server runs `@stripe/crypto`'s real
 * loader, gets the stand-in from Stripe's URLs through the proxy, and an outside host fails at
 * once. A missing browser or driver fails the test with the package to install, never skips it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { remote } from 'webdriverio';
import { CHROMIUM_ARGS } from '../../scripts/find-chromium.js';
import { createStripeProxy, startEmulator, type RunningEmulator, type StripeProxy } from '../../src/emulator/index.js';
import { chromiumPath, OUTSIDE_URL, PUBLISHABLE_KEY, requireBinary, startPageServer, within, type PageServer } from './onramp-page-fixture.js';
import { startWebDriverServer, stop } from '../support/driver-process.js';
import { startWebKitDriver } from '../support/webkit-driver.js';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const CHROMEDRIVER = process.env.CHROMEDRIVER_PATH ?? '/usr/bin/chromedriver';

let emulator: RunningEmulator;
let proxy: StripeProxy;
let server: PageServer;

before(async () => {
  emulator = await startEmulator();
  proxy = await createStripeProxy({ emulatorUrl: emulator.url });
  server = await startPageServer();
});

after(async () => {
  await server?.close();
  await proxy?.close();
  await emulator?.close();
});

type Counts = { stripe: number; onramp: number };

/** Script requests the proxy answered so far: taken before the page loads, whose loader starts at once. */
const counts = (): Counts => ({ stripe: proxy.requests('js.stripe.com'), onramp: proxy.requests('crypto-js.stripe.com') });

/** The same checks in every engine: `run(expression)` evaluates a page expression there and awaits it. */
async function checkPage(engine: string, before: Counts, run: <T>(expression: string) => Promise<T>): Promise<void> {
  const loaded = await within(20_000, `${engine}: loadStripeOnramp`, run<string>(`window.loadOnramp(${JSON.stringify(PUBLISHABLE_KEY)})`));
  assert.equal(loaded, 'loaded: function, function', `${engine}: the real loader, given the stand-in`);
  // Both scripts came through the proxy (not from a cache or elsewhere).
  assert.ok(proxy.requests('js.stripe.com') > before.stripe, `${engine}: Stripe.js did not come through the proxy`);
  assert.ok(proxy.requests('crypto-js.stripe.com') > before.onramp, `${engine}: the onramp script did not come through the proxy`);
  const outside = await within(10_000, `${engine}: the outside probe`, run<{ outcome: string; ms: number }>(`window.probe(${JSON.stringify(OUTSIDE_URL)})`));
  assert.equal(outside.outcome, 'failed', `${engine}: an outside host must fail`);
  assert.ok(outside.ms < 3000, `${engine}: the outside host took ${Math.round(outside.ms)} ms to fail`);
}

describe('the Stripe proxy in any browser', () => {
  test('Puppeteer + Chromium: --proxy-server and --ignore-certificate-errors', async () => {
    const browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      // Chromium sends loopback straight to the page's server without being told (it never proxies it).
      args: [...CHROMIUM_ARGS, `--proxy-server=${proxy.url}`, '--ignore-certificate-errors'],
    });
    try {
      const page = await browser.newPage();
      const before = counts();
      await page.goto(server.url);
      await checkPage('Chromium', before, (expression) => page.evaluate(expression) as Promise<never>);
    } finally {
      await browser.close();
    }
  });

  test('Puppeteer + Firefox over WebDriver BiDi: proxy prefs and acceptInsecureCerts', async () => {
    const browser = await within(60_000, 'Firefox to start', puppeteer.launch({
      browser: 'firefox',
      executablePath: requireBinary(FIREFOX, 'Firefox', 'firefox-esr'),
      headless: true,
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'network.proxy.type': 1, // manual
        'network.proxy.ssl': new URL(proxy.url).hostname,
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      },
    }));
    try {
      const page = await browser.newPage();
      const before = counts();
      await page.goto(server.url);
      await checkPage('Firefox', before, (expression) => page.evaluate(expression) as Promise<never>);
    } finally {
      await browser.close();
    }
  });

  test('WebdriverIO + WebKitGTK MiniBrowser: --proxy= and --ignore-tls-errors', async () => {
    const driver = await startWebKitDriver();
    try {
      const browser = await within(60_000, 'a MiniBrowser session', remote({
        hostname: '127.0.0.1',
        port: driver.port,
        path: '/',
        logLevel: 'warn',
        // WebKitGTK's own capability is not in WebdriverIO's types.
        capabilities: {
          browserName: 'MiniBrowser',
          'wdio:enforceWebDriverClassic': true,
          'webkitgtk:browserOptions': {
            binary: driver.minibrowser,
            args: [
              '--automation',
              `--proxy=${proxy.url}`,
              // One flag per host: a comma list is not accepted.
              '--ignore-host=localhost',
              '--ignore-host=127.0.0.1',
              '--ignore-tls-errors',
            ],
          },
        } as WebdriverIO.Capabilities,
      }));
      try {
        const before = counts();
        await browser.url(server.url);
        // WebDriver classic awaits a promise the script returns.
        await checkPage('WebKit', before, (expression) => browser.execute(`return ${expression}`) as Promise<never>);
      } finally {
        await browser.deleteSession();
      }
    } finally {
      await driver.close();
    }
  });

  test('Selenium + Chromium through chromedriver: --proxy-server and --ignore-certificate-errors', async () => {
    const options = new chrome.Options();
    options.setChromeBinaryPath(chromiumPath());
    options.addArguments(...CHROMIUM_ARGS, `--proxy-server=${proxy.url}`, '--ignore-certificate-errors');
    // A driver given by path: Selenium then has nothing to look up or download.
    const service = new chrome.ServiceBuilder(requireBinary(CHROMEDRIVER, 'chromedriver', 'chromium-driver'));
    const driver = await within(60_000, 'a chromedriver session', new Builder().forBrowser('chrome').setChromeOptions(options).setChromeService(service).build());
    try {
      const before = counts();
      await driver.get(server.url);
      await checkPage('Selenium Chromium', before, (expression) => driver.executeScript(`return ${expression}`) as Promise<never>);
    } finally {
      await driver.quit();
    }
  });

  test('WebdriverIO + Chromium through chromedriver: the WebDriver proxy capability and acceptInsecureCerts', async () => {
    const driver = await startWebDriverServer('chromedriver', requireBinary(CHROMEDRIVER, 'chromedriver', 'chromium-driver'));
    try {
      const browser = await within(60_000, 'a chromedriver session', remote({
        hostname: '127.0.0.1',
        port: driver.port,
        path: '/',
        logLevel: 'warn',
        capabilities: {
          browserName: 'chrome',
          'wdio:enforceWebDriverClassic': true,
          acceptInsecureCerts: true,
          proxy: { proxyType: 'manual', sslProxy: new URL(proxy.url).host, noProxy: ['localhost', '127.0.0.1'] },
          'goog:chromeOptions': { binary: chromiumPath(), args: CHROMIUM_ARGS },
        },
      }));
      try {
        const before = counts();
        await browser.url(server.url);
        await checkPage('WebdriverIO Chromium', before, (expression) => browser.execute(`return ${expression}`) as Promise<never>);
      } finally {
        await browser.deleteSession();
      }
    } finally {
      await stop(driver.process.child);
    }
  });
});
