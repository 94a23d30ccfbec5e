/**
 * Pages for the behaviours that navigate the page away (`mode="redirect"` with `target="_self"`,
 * `return-url`): navigating the test runner's own page would end the test, so a server command
 * opens one of these in a new top-level tab, acts on it through Playwright (a real click), and
 * reports where the tab ended up and what the element fired.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { waitUntil, type Driver } from './drivers.js';

export interface NavigationScenario {
  /** The element's attributes. */
  attributes: Record<string, string>;
  /** `click`: click the redirect button. `complete` / `reject`: drive the ready session there. */
  action: 'click' | 'fulfillment_complete' | 'rejected';
  /** Whether a status-change listener calls `preventDefault()`. */
  cancel?: boolean;
  /** The path the tab is expected to reach; without it, the page is expected to stay. */
  expectPath?: string;
}

export interface NavigationResult {
  url: string;
  events: Array<{ type: string; detail: unknown; cancelable: boolean; defaultPrevented: boolean }>;
}

const EVENTS = ['crypto-onramp-ready', 'crypto-onramp-status-change', 'crypto-onramp-error', 'crypto-onramp-redirect'];

/** Builds the element from `?scenario=` and records its events on `window.events`. */
const GLUE = `
var scenario = JSON.parse(new URLSearchParams(location.search).get('scenario'));
var el = document.createElement('crypto-onramp');
for (var name in scenario.attributes) el.setAttribute(name, scenario.attributes[name]);
el.scriptTimeout = 60000;
window.events = [];
${JSON.stringify(EVENTS)}.forEach(function (type) {
  el.addEventListener(type, function (e) {
    if (scenario.cancel && type === 'crypto-onramp-status-change') e.preventDefault();
    window.events.push({ type: type, detail: e.detail, cancelable: e.cancelable, defaultPrevented: e.defaultPrevented });
  });
});
window.ready = new Promise(function (resolve) {
  el.addEventListener('crypto-onramp-ready', function (e) { resolve(e.detail.session.id); });
});
document.body.append(el);
`;

export function navigationPages() {
  return async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/test-pages/navigation-glue.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(GLUE);
      return true;
    }
    if (url.pathname === '/test-pages/navigation') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>navigation</title>
<script type="module" src="/dist/element/define.js"></script></head>
<body><script src="/test-pages/navigation-glue.js"></script></body></html>`);
      return true;
    }
    if (url.pathname === '/test-pages/back') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>back</title><p>Back on the site.</p>');
      return true;
    }
    return false;
  };
}

/** Opens the scenario in a new tab, acts, and reports where the tab is once it settled. */
export async function openNavigationPage(
  driver: Driver,
  origin: string,
  scenario: NavigationScenario,
  setStatus: (id: string, status: string) => Promise<unknown>,
): Promise<NavigationResult> {
  const page = await driver.newPage();
  try {
    await page.goto(`${origin}/test-pages/navigation?scenario=${encodeURIComponent(JSON.stringify(scenario))}`);
    if (scenario.action === 'click') {
      // A real click, as a customer's.
      await page.clickInShadow('crypto-onramp', 'button[part="redirect-button"]');
    } else {
      const id = await page.evaluate(() => (window as unknown as { ready: Promise<string> }).ready);
      await setStatus(id, scenario.action);
    }
    if (scenario.expectPath) {
      const path = scenario.expectPath;
      await page.waitForUrl((url) => url.pathname === path, `the tab to reach ${path}`);
      return { url: await page.url(), events: [] };
    }
    // Staying: the status change has reached the element (and its listener) by now.
    const status = scenario.action;
    await waitUntil(
      () => page.evaluate((wanted) => (window as unknown as { events: NavigationResult['events'] }).events.some(
        (e) => e.type === 'crypto-onramp-status-change' && (e.detail as { status: string }).status === wanted,
      ), status),
      `the status ${status}`,
    );
    const events = await page.evaluate(() => (window as unknown as { events: NavigationResult['events'] }).events);
    return { url: await page.url(), events };
  } finally {
    await page.close();
  }
}
