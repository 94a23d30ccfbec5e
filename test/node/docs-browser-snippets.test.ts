/**
 * docs/emulator.md's browser snippets ("Testing your own pages in any browser") are trimmed copies
 * of what the node tests run: each setting that makes a snippet work must appear, the same, in the
 * doc and in the test that runs it, so neither drifts from the other unnoticed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const doc = read('docs/emulator.md');
const section = doc.slice(doc.indexOf('## Testing your own pages in any browser'));

/** Each test file, and the settings its snippets in the doc must share with it, word for word. */
const SHARED: Record<string, string[]> = {
  'test/node/proxy-any-browser.test.ts': [
    // Puppeteer + Chromium, Selenium + Chromium
    '`--proxy-server=${proxy.url}`',
    "'--ignore-certificate-errors'",
    // Puppeteer + Firefox
    "browser: 'firefox'",
    'acceptInsecureCerts: true',
    "'network.proxy.type': 1",
    "'network.proxy.ssl_port': proxy.port",
    "'network.proxy.no_proxies_on': 'localhost, 127.0.0.1'",
    // WebdriverIO + WebKit
    "browserName: 'MiniBrowser'",
    "'wdio:enforceWebDriverClassic': true",
    '`--proxy=${proxy.url}`',
    "'--ignore-host=localhost', '--ignore-host=127.0.0.1'",
    "'--ignore-tls-errors'",
    // WebdriverIO + Chromium (the WebDriver proxy capability)
    "proxyType: 'manual'",
    "noProxy: ['localhost', '127.0.0.1']",
    // Selenium
    'new chrome.ServiceBuilder(',
    '.setChromeService(',
  ],
  'test/node/emulator-routing.test.ts': ['routeStripeToEmulator(page, emulator.url'],
};

/** Whitespace and line breaks differ between a doc's short lines and a test's: compare without them. */
const squash = (text: string) => text.replace(/\s+/g, '');

test('each setting of the browser snippets in docs/emulator.md is the one its test runs', () => {
  assert.ok(section.length > 0, 'docs/emulator.md has no "Testing your own pages in any browser" section');
  for (const [file, settings] of Object.entries(SHARED)) {
    const source = squash(read(file));
    for (const setting of settings) {
      assert.ok(squash(section).includes(squash(setting)), `docs/emulator.md's browser section lacks ${setting}`);
      assert.ok(source.includes(squash(setting)), `${file} does not run ${setting}, which the doc shows`);
    }
  }
});
