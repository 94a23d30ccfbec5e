/**
 * Driving the demo's pages in headless Chromium, shared by the smoke test
 * (`test/node/demo-smoke.test.ts`) and the screenshots (`scripts/screenshots.ts`): how to launch
 * the browser, when each page is "working" (the element's own events, never a sleep), and which
 * console lines a page may show.
 */
import type { Browser, BrowserContext, ConsoleMessage, Frame, Page } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';
import { DEMO_PAGES, type DemoPage } from '../demo/pages.js';

export { CHROMIUM_ARGS };

export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('No Chromium found: set CHROME_PATH, or install one (Debian/Ubuntu: sudo apt-get install -y chromium).');
  }
  const { chromium } = await import('playwright');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Recorded by an init script in every frame: each `crypto-onramp-*` event that reached `document`. */
export interface RecordedEvent {
  type: string;
  /** The id of the event's target as `document` sees it (a shadow host for an element inside one). */
  target: string;
  detail: Record<string, unknown>;
}

declare global {
  interface Window {
    __onrampEvents?: RecordedEvent[];
  }
}

function recordOnrampEvents(): void {
  const events: RecordedEvent[] = (window.__onrampEvents = []);
  for (const type of ['crypto-onramp-ready', 'crypto-onramp-session-updated', 'crypto-onramp-status-change', 'crypto-onramp-error', 'crypto-onramp-redirect']) {
    document.addEventListener(
      type,
      (event) => {
        const target = event.target instanceof Element ? event.target.id : '';
        events.push({ type, target, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail ?? {})) as Record<string, unknown> });
      },
      true,
    );
  }
}

/** A browser context whose pages record the element's events. */
export async function newDemoContext(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 800, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
  });
  await context.addInitScript(recordOnrampEvents);
  return context;
}

export interface EventQuery {
  type: 'crypto-onramp-ready' | 'crypto-onramp-status-change' | 'crypto-onramp-error' | 'crypto-onramp-session-updated' | 'crypto-onramp-redirect';
  /** Only events from this target id. */
  target?: string;
  /** For errors: `detail.code`. */
  code?: string;
  /** How many must have arrived. Default 1. */
  count?: number;
}

/** Resolves once the frame has recorded the events asked for; returns them. */
export async function waitForEvents(frame: Page | Frame, query: EventQuery, timeout = 10_000): Promise<RecordedEvent[]> {
  const handle = await frame.waitForFunction(
    ({ type, target, code, count }) => {
      const found = (window.__onrampEvents ?? []).filter(
        (event) =>
          event.type === type &&
          (target === undefined || event.target === target) &&
          (code === undefined || event.detail['code'] === code),
      );
      return found.length >= count ? found : null;
    },
    { type: query.type, target: query.target, code: query.code, count: query.count ?? 1 },
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as RecordedEvent[];
}

/** Every error event a frame recorded (to explain a failed wait). */
export async function recordedEvents(frame: Page | Frame): Promise<RecordedEvent[]> {
  return frame.evaluate(() => window.__onrampEvents ?? []);
}

/** What a page check may do besides waiting: assert. Kept free of node:test so the screenshots can use it. */
function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export interface PageCheck {
  page: DemoPage;
  /** Waits until the page shows what it is for (its element ready, or its demonstrated error). */
  settle(page: Page): Promise<void>;
  /**
   * Uses the page the way a visitor would (the retry, the buttons), asserting the outcome; resolves
   * to the windows it opened. Smoke test only, unless `screenshotAfterExercise`.
   */
  exercise?(page: Page): Promise<Page[] | void>;
  /** Take the screenshot after `exercise` (it shows more of the product). */
  screenshotAfterExercise?: boolean;
  /**
   * Console errors Chromium itself logs for the failure this page demonstrates: a request the
   * page makes on purpose answered with an error status, or a load its CSP blocks. Every other
   * console error, and any uncaught exception, fails the page.
   */
  expectedConsoleError?(message: ConsoleMessage): boolean;
}

const byName = (name: string): DemoPage => {
  const page = DEMO_PAGES.find((candidate) => candidate.name === name);
  if (!page) throw new Error(`no demo page ${name}`);
  return page;
};

/** Chromium's own line for a response with an error status, for a request to `path`. */
const failedResponse = (message: ConsoleMessage, statuses: number[], paths: string[]): boolean => {
  const match = /^Failed to load resource: the server responded with a status of (\d{3})\b/.exec(message.text());
  if (!match || !statuses.includes(Number(match[1]))) return false;
  const url = message.location().url;
  return url !== '' && paths.includes(new URL(url).pathname);
};

export const PAGE_CHECKS: readonly PageCheck[] = [
  {
    page: byName('index'),
    async settle(page) {
      await page.locator('[data-demo-mode][data-mode]').first().waitFor();
      expect((await page.locator('.pages a').count()) >= 7, 'the index links every page');
    },
  },
  {
    page: byName('quick-start'),
    async settle(page) {
      await waitForEvents(page, { type: 'crypto-onramp-ready' });
      await page.locator('#log li.ready').waitFor();
    },
  },
  {
    page: byName('configurator'),
    async settle(page) {
      await waitForEvents(page, { type: 'crypto-onramp-ready' });
    },
    async exercise(page) {
      await page.getByRole('button', { name: 'USDC on Base, $50' }).click();
      const [, second] = await waitForEvents(page, { type: 'crypto-onramp-ready', count: 2 });
      expect(second, 'a preset mints a new session');
      const snippet = await page.locator('#snippet').textContent();
      expect(snippet?.includes('destination-currency="usdc"') && snippet.includes('source-amount="50.00"'), `the HTML follows the form: ${snippet}`);
      expect(await page.locator('#onramp').getAttribute('destination-network') === 'base', 'the element follows the form');
    },
    screenshotAfterExercise: true,
  },
  {
    page: byName('purchase'),
    async settle(page) {
      await waitForEvents(page, { type: 'crypto-onramp-ready' });
      await page.locator('#retrieved', { hasText: 'initialized' }).waitFor();
    },
    async exercise(page) {
      // The customer's part, in the (emulated) Stripe iframe: review the quote, confirm the wallet, pay.
      const widget = page.frameLocator('#onramp iframe');
      await widget.getByRole('button', { name: 'Continue' }).click();
      await widget.getByRole('button', { name: 'Confirm wallet' }).click();
      await page.locator('#retrieved', { hasText: 'requires_payment' }).waitFor();
      await widget.getByRole('button', { name: /^Pay / }).click();
      await page.locator('#retrieved', { hasText: /fulfillment_(processing|complete)/ }).waitFor();
      // Delivery: the emulator's test control, through the demo server (the emulator would also
      // complete it by itself after its fulfillment delay).
      await page.getByRole('button', { name: 'Delivered', exact: true }).click();
      await widget.getByText('Purchase complete').waitFor();
      await page.locator('#verdict[data-state="confirmed"]').waitFor({ timeout: 10_000 });
      const webhooks = await page.locator('#webhooks li').allTextContents();
      expect(webhooks.some((text) => text.includes('→ fulfillment_complete') && text.includes('verified')), `a verified webhook confirms: ${webhooks.join(' | ')}`);
      expect((await page.locator('#transaction').textContent())?.startsWith('0x'), 'the delivered transaction has an id');
      await waitForEvents(page, { type: 'crypto-onramp-status-change', count: 4 });
      expect((await page.locator('#browser-status').textContent()) === 'fulfillment_complete', 'the element followed the session');
    },
    screenshotAfterExercise: true,
  },
  {
    page: byName('failures'),
    async settle(page) {
      const [down] = await waitForEvents(page, { type: 'crypto-onramp-error', target: 'down' });
      expect(down!.detail['code'] === 'session_http_error' && down!.detail['httpStatus'] === 503 && down!.detail['retryable'] === true,
        `endpoint down: ${JSON.stringify(down!.detail)}`);
      const [region] = await waitForEvents(page, { type: 'crypto-onramp-error', target: 'region' });
      expect(region!.detail['stripeCode'] === 'crypto_onramp_unsupported_country' && region!.detail['retryable'] === false,
        `region: ${JSON.stringify(region!.detail)}`);
      await page.locator('#down').getByRole('alert').waitFor();
      await page.locator('#region').getByRole('alert').waitFor();
    },
    async exercise(page) {
      expect((await page.locator('#region').getByRole('button', { name: 'Try again' }).count()) === 0, 'no retry where it cannot help');
      const retry = page.locator('#down').getByRole('button', { name: 'Try again' });
      await retry.click();
      await waitForEvents(page, { type: 'crypto-onramp-error', target: 'down', count: 2 });
      await page.getByRole('button', { name: 'Bring the endpoint back' }).click();
      await page.getByRole('button', { name: /Endpoint is back/ }).waitFor();
      await retry.click();
      await waitForEvents(page, { type: 'crypto-onramp-ready', target: 'down' });
    },
    expectedConsoleError: (message) =>
      failedResponse(message, [503], ['/api/down']) || failedResponse(message, [400], ['/api/unsupported-region/onramp-session']),
  },
  {
    page: byName('csp'),
    async settle(page) {
      const [error] = await waitForEvents(page, { type: 'crypto-onramp-error', code: 'stripe_load_failed' });
      const message = String(error!.detail['message']);
      expect(/Content-Security-Policy/.test(message) && /script-src/.test(message), `names the directive: ${message}`);
      await page.locator('#onramp').getByRole('alert').waitFor();
      await page.locator('#policy', { hasText: 'script-src' }).waitFor();
    },
    async exercise(page) {
      await page.locator('#onramp').getByRole('button', { name: 'Try again' }).click();
      await waitForEvents(page, { type: 'crypto-onramp-error', code: 'stripe_load_failed', count: 2 });
    },
    expectedConsoleError: (message) =>
      /violates the following Content Security Policy directive/.test(message.text()) &&
      /https:\/\/(?:js|crypto-js)\.stripe\.com\//.test(message.text()),
  },
  {
    page: byName('composition'),
    async settle(page) {
      const ready = await waitForEvents(page, { type: 'crypto-onramp-ready', count: 3 });
      expect(ready.some((event) => event.target === 'top-up'), 'the element inside the shadow root is ready');
    },
  },
  {
    page: byName('hosted'),
    async settle(page) {
      const frame = page.frameLocator('#framed');
      await frame.getByRole('link', { name: /Open the onramp/ }).waitFor();
      const framed = page.frames().find((candidate) => candidate.url().endsWith('/demo/framed.html'));
      expect(framed, 'the framed page is loaded');
      const [error] = await waitForEvents(framed, { type: 'crypto-onramp-error', code: 'unsupported_context' });
      expect(error, 'the framed element reports unsupported_context');
    },
    async exercise(page) {
      // No link (it would have no href) until the server has answered one.
      expect(!(await page.locator('#hosted-link').isVisible()), 'the link is hidden before there is a redirect_url');
      await page.getByRole('button', { name: 'Get a hosted onramp link' }).click();
      const link = page.getByRole('link', { name: 'Open the onramp ↗' });
      await link.waitFor();
      const href = await link.getAttribute('href');
      expect(href?.startsWith('http'), `a redirect_url: ${href}`);
      // The link opens the (emulated) hosted onramp in a new window.
      const [hosted] = await Promise.all([page.waitForEvent('popup'), link.click()]);
      await hosted.waitForLoadState();
      expect(hosted.url() === href, `the window opens the redirect_url: ${hosted.url()}`);
      await hosted.getByRole('button', { name: /continue/i }).first().waitFor();
      return [hosted];
    },
    screenshotAfterExercise: true,
  },
  // The framework examples: each one's element gets ready (the plain-HTML one through the drop-in
  // bundle the demo builds from the sources), in the demo's look, with a way back to the index.
  ...DEMO_PAGES.filter((page) => page.framework).map(
    (page): PageCheck => ({
      page,
      async settle(page) {
        await waitForEvents(page, { type: 'crypto-onramp-ready' });
        await page.locator('[data-demo-mode][data-mode]').waitFor();
        expect((await page.locator('header.top a[href="/"]').count()) === 1, 'links back to the index');
        const styled = await page.evaluate(() => getComputedStyle(document.body).paddingLeft);
        expect(styled === '20px', `the demo's stylesheet applies (body padding ${styled})`);
      },
    }),
  ),
  {
    page: byName('quotes'),
    async settle(page) {
      await waitForEvents(page, { type: 'crypto-onramp-ready', target: 'onramp' });
      await page.getByRole('listbox', { name: 'What $100.00 buys' }).getByRole('option').first().waitFor();
    },
    async exercise(page) {
      // Choosing a quote (from the keyboard here) sets up the onramp: one new session, with the quote's presets.
      const choice = page.getByRole('option', { name: /^[\d.]+ USDC on Base\b/ });
      await choice.focus();
      await page.keyboard.press('Enter');
      await waitForEvents(page, { type: 'crypto-onramp-ready', target: 'onramp', count: 2 });
      expect((await choice.getAttribute('aria-selected')) === 'true', 'the chosen quote is selected');
      const presets = await page.locator('#onramp').evaluate((el) => {
        const onramp = el as unknown as Record<string, unknown>;
        return [onramp['destinationCurrency'], onramp['destinationNetwork'], onramp['sourceAmount']];
      });
      expect(JSON.stringify(presets) === '["usdc","base","100.00"]', `the onramp's presets follow the quote: ${JSON.stringify(presets)}`);
      // Another amount asks for new quotes; the choice was for the old amount, so none is chosen now.
      await page.getByLabel('Spend (USD)').selectOption('250.00');
      await page.getByRole('listbox', { name: 'What $250.00 buys' }).waitFor();
      expect((await choice.getAttribute('aria-selected')) === 'false', 'a new amount clears the choice');
    },
    screenshotAfterExercise: true,
  },
  {
    page: byName('redirect'),
    async settle(page) {
      await page.locator('#redirect[state="ready"]').getByRole('button', { name: 'Buy ETH' }).waitFor();
    },
    async exercise(page) {
      // The click opens a tab at once (a popup blocker allows that only in the click), then the hosted onramp in it.
      const [hosted] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Buy ETH' }).click()]);
      await hosted.waitForURL((url) => url.pathname === '/hosted');
      const [redirect] = await waitForEvents(page, { type: 'crypto-onramp-redirect' });
      expect(redirect?.detail['url'] === hosted.url(), `the tab opens the event's url: ${hosted.url()}`);
      expect(!JSON.stringify(redirect.detail).includes('_secret_'), 'no secret in the event');
      await hosted.getByRole('button', { name: /continue/i }).first().waitFor();
      // Without the kit's hosted fallback: a coded error, and the blank tab closed again.
      const [blank] = await Promise.all([page.waitForEvent('popup'), page.locator('#no-fallback').getByRole('button').click()]);
      const [error] = await waitForEvents(page, { type: 'crypto-onramp-error', code: 'redirect_unavailable' });
      expect(error, 'redirect_unavailable without redirect_url');
      if (!blank.isClosed()) await blank.waitForEvent('close');
      return [hosted];
    },
  },
  {
    page: byName('standalone'),
    async settle(page) {
      await page.locator('#standalone').getByRole('link', { name: 'Buy $50 of USDC' }).waitFor();
      await page.locator('#total').getByRole('link').waitFor();
      const [error] = await waitForEvents(page, { type: 'crypto-onramp-error', code: 'invalid_presets' });
      expect(error?.detail['param'] === 'destination_currency', `the refusal names the parameter: ${String(error?.detail['param'])}`);
    },
    async exercise(page) {
      const link = page.locator('#standalone').getByRole('link', { name: 'Buy $50 of USDC' });
      const [hosted] = await Promise.all([page.waitForEvent('popup'), link.click()]);
      await hosted.waitForURL((url) => url.searchParams.has('session_hash'));
      // The hosted page honours the options: the preset network, and only the supported ones offered.
      const network = hosted.getByLabel('Network');
      await network.waitFor();
      expect((await network.inputValue()) === 'base', 'the preset network');
      const networks = await network.locator('option').allTextContents();
      expect(networks.every((name) => ['Base', 'Ethereum'].includes(name)), `only the supported networks: ${networks.join(', ')}`);
      expect((await hosted.getByLabel('You pay').inputValue()) === '50', 'the preset amount');
      return [hosted];
    },
    screenshotAfterExercise: true,
  },
];

/** Collects the console errors and uncaught exceptions of every page (and frame) of a context. */
export function watchConsole(context: BrowserContext, check: PageCheck): { unexpected: string[]; expected: string[] } {
  const seen = { unexpected: [] as string[], expected: [] as string[] };
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const line = `${message.text()} (${message.location().url || 'no location'})`;
    if (check.expectedConsoleError?.(message)) seen.expected.push(line);
    else seen.unexpected.push(line);
  });
  context.on('weberror', (error) => seen.unexpected.push(`uncaught: ${error.error().message}`));
  return seen;
}
