#!/usr/bin/env node
// Finds a Chromium for the browser tests: $CHROME_PATH, Debian's chromium, or an installed Chrome.
// Nothing here downloads a browser. `node scripts/find-chromium.js --check` exits 1 with one line
// saying how to get one when none is found.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Flags for Debian's Chromium as root on an offline machine: no sandbox (root), nothing that phones
 * home (it would stall on the closed network), headless. The `--disable-features` list stops
 * Chromium from building its omnibox popup (a whole WebUI page, some 300 chrome:// modules) in the
 * background of a new context: on two cores that stole the CPU from the page under test, about
 * 25 ms before the first request of every load the benchmark timed.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

export function findChromium() {
  return CANDIDATES.find((path) => path && existsSync(path));
}

if (process.argv.includes('--check')) {
  const found = findChromium();
  if (!found) {
    console.error(
      'No Chromium found for the browser tests: set CHROME_PATH, or install one (Debian/Ubuntu: sudo apt-get install -y chromium).',
    );
    process.exit(1);
  }
}
