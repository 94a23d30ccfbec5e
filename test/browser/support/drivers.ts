/**
 * What the harness' server commands do to pages beyond the test's own (a new top-level tab, a
 * popup, Stripe's cross-origin frame), through each engine's own driver: Playwright for Chromium,
 * Puppeteer over WebDriver BiDi for Firefox, WebdriverIO over WebDriver for WebKit. One small
 * interface, so a command is written once.
 */
import type { Engine } from './engines.js';

/** A top-level page opened or caught by the driver. */
export interface DriverPage {
  goto(url: string): Promise<void>;
  /** Runs `fn(arg)` in the page and resolves with its (awaited, JSON-serialisable) result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  url(): Promise<string>;
  /** Resolves once the page's URL satisfies `predicate` (15 s at most). */
  waitForUrl(predicate: (url: URL) => boolean, what: string): Promise<void>;
  /** A real click (user activation) on the first element matching `inner` in `host`'s shadow root. */
  clickInShadow(host: string, inner: string): Promise<void>;
  /**
   * What the page logged as an error and what it threw uncaught, where the driver can read them
   * (Chromium and Firefox). WebKit's WebDriver cannot: there the list is always empty, and the
   * pages under test record their own errors (hostile-pages.ts).
   */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** A frame of the test's page, by its URL. */
export interface DriverFrame {
  url: string;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

export interface Driver {
  engine: Engine;
  /** A new top-level tab in the test's browser. */
  newPage(): Promise<DriverPage>;
  /** Armed before the click that opens a popup of the test's page (resolves once armed); the function resolves with the popup. */
  expectPopup(): Promise<() => Promise<DriverPage>>;
  /** The frames of the test's page whose URL matches, each able to run code (cross-origin included). */
  frames(matches: (url: string) => boolean): Promise<DriverFrame[]>;
}

/** Polls `check` until it holds: the driver's own waits differ per engine, this one is the same everywhere. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- Playwright (Chromium) and Puppeteer (Firefox): pages alike but for the shadow-piercing selector ----

import type { Page as PlaywrightPage } from 'playwright';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/** What the two drivers' pages have in common, for one wrapper. */
interface ScriptablePage {
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): unknown;
  on(event: 'pageerror', listener: (error: unknown) => void): unknown;
  goto(url: string): Promise<unknown>;
  evaluate(fn: never, arg?: unknown): Promise<unknown>;
  url(): string;
  locator(selector: string): { click(): Promise<unknown> };
  close(): Promise<unknown>;
}

/** `deep` joins a host and a selector inside its shadow root: `' '` in Playwright, `' >>> '` in Puppeteer. */
function scriptablePage(page: ScriptablePage, deep: string, waitForUrl: DriverPage['waitForUrl']): DriverPage {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  return {
    consoleErrors,
    goto: async (url) => void (await page.goto(url)),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    url: async () => page.url(),
    waitForUrl,
    clickInShadow: async (host, inner) => void (await page.locator(`${host}${deep}${inner}`).click()),
    close: async () => void (await page.close()),
  };
}

const playwrightPage = (page: PlaywrightPage): DriverPage =>
  scriptablePage(page as unknown as ScriptablePage, ' ', async (predicate) => void (await page.waitForURL(predicate, { timeout: 15_000 })));

const puppeteerPage = (page: PuppeteerPage): DriverPage =>
  scriptablePage(page as unknown as ScriptablePage, ' >>> ', (predicate, what) => waitUntil(async () => predicate(new URL(page.url())), what));

export function playwrightDriver(testPage: PlaywrightPage): Driver {
  return {
    engine: 'chromium',
    newPage: async () => playwrightPage(await testPage.context().newPage()),
    async expectPopup() {
      const popup = testPage.waitForEvent('popup', { timeout: 15_000 });
      popup.catch(() => {});
      return async () => playwrightPage(await popup);
    },
    async frames(matches) {
      // Reached through the <iframe> elements: page.frames() can lag behind an out-of-process frame.
      const iframes = await testPage.locator('iframe').elementHandles();
      const frames = (await Promise.all(iframes.map((iframe) => iframe.contentFrame()))).filter((f) => f !== null && matches(f.url()));
      return frames.map((frame) => ({ url: frame!.url(), evaluate: (fn, arg) => frame!.evaluate(fn as never, arg) as never }));
    },
  };
}

export function puppeteerDriver(testPage: PuppeteerPage): Driver {
  return {
    engine: 'firefox',
    newPage: async () => puppeteerPage(await testPage.browserContext().newPage()),
    async expectPopup() {
      const popup = new Promise<PuppeteerPage>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no popup within 15 s')), 15_000);
        testPage.once('popup', (page) => {
          clearTimeout(timer);
          if (page) resolve(page);
        });
      });
      popup.catch(() => {});
      return async () => puppeteerPage(await popup);
    },
    async frames(matches) {
      // Reached through the <iframe> elements: page.frames() still lists frames that went away.
      const iframes = await testPage.$$('iframe');
      const frames = (await Promise.all(iframes.map((iframe) => iframe.contentFrame()))).filter((f) => f !== null && !f.detached && matches(f.url()));
      return frames.map((frame) => ({ url: frame!.url(), evaluate: (fn, arg) => frame!.evaluate(fn as never, arg) as never }));
    },
  };
}

// ---- WebdriverIO over WebDriver (WebKit) ----

/** What the harness uses of a WebdriverIO browser (classic WebDriver: one current window and frame at a time). */
export interface WebdriverLike {
  getWindowHandle(): Promise<string>;
  getWindowHandles(): Promise<string[]>;
  switchToWindow(handle: string): Promise<unknown>;
  newWindow(url: string): Promise<unknown>;
  closeWindow(): Promise<unknown>;
  navigateTo(url: string): Promise<unknown>;
  getUrl(): Promise<string>;
  executeAsync(script: string, ...args: unknown[]): Promise<unknown>;
  switchToFrame(frame: unknown): Promise<unknown>;
  switchToParentFrame(): Promise<unknown>;
  findElements(using: string, value: string): Promise<Array<Record<string, string>>>;
  performActions(actions: unknown[]): Promise<unknown>;
  releaseActions(): Promise<unknown>;
}

/**
 * Classic WebDriver runs scripts synchronously; `executeAsync` hands the script a callback, which
 * settles the function's promise here. Errors come back as `{ error }` so they keep their text.
 */
function webdriverEvaluate<R, A>(driver: WebdriverLike, fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
  const script = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then((value) => done({ value }), (error) => done({ error: String(error) }));`;
  return driver.executeAsync(script, arg).then((out) => {
    const { value, error } = out as { value?: R; error?: string };
    if (error !== undefined) throw new Error(error);
    return value as R;
  });
}

/**
 * Every call on another window or frame switches to it and back: the test page must stay the
 * driver's current window, since the test runner reads results from it.
 */
export function webdriverDriver(driver: WebdriverLike): Driver {
  // One per browser: its queue keeps every window switch of every command in order.
  const known = webdriverDrivers.get(driver);
  if (known) return known;
  const created = createWebdriverDriver(driver);
  webdriverDrivers.set(driver, created);
  return created;
}

const webdriverDrivers = new WeakMap<WebdriverLike, Driver>();

function createWebdriverDriver(driver: WebdriverLike): Driver {
  let queue: Promise<unknown> = Promise.resolve();
  /** One switch at a time: the driver has one current window. */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const inWindow = <T>(handle: string, work: () => Promise<T>) =>
    serial(async () => {
      const home = await driver.getWindowHandle();
      try {
        await driver.switchToWindow(handle);
        return await work();
      } finally {
        await driver.switchToWindow(home);
      }
    });
  const windowPage = (handle: string): DriverPage => ({
    consoleErrors: [],
    goto: (url) => inWindow(handle, async () => void (await driver.navigateTo(url))),
    evaluate: (fn, arg) => inWindow(handle, () => webdriverEvaluate(driver, fn, arg as never)),
    url: () => inWindow(handle, () => driver.getUrl()),
    // One switch for the whole wait: each switch costs a round trip to the driver.
    waitForUrl: (predicate, what) => inWindow(handle, () => waitUntil(async () => predicate(new URL(await driver.getUrl())), what)),
    // A pointer click at the element's centre: WebDriver's own input, so the page sees a user's
    // activation (a popup may open); the element is found by script, inside its shadow root.
    clickInShadow: (host, inner) =>
      inWindow(handle, async () => {
        const at = await webdriverEvaluate(driver, ([h, i]: [string, string]) => {
          const target = document.querySelector(h)?.shadowRoot?.querySelector(i);
          if (!target) throw new Error(`no ${i} in ${h}'s shadow root`);
          const box = target.getBoundingClientRect();
          return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
        }, [host, inner] as [string, string]);
        await driver.performActions([
          { type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
            { type: 'pointerMove', x: at.x, y: at.y, origin: 'viewport' },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ] },
        ]);
        await driver.releaseActions();
      }),
    close: () => inWindow(handle, async () => void (await driver.closeWindow())),
  });
  return {
    engine: 'webkit',
    async newPage() {
      const handle = await serial(async () => {
        const home = await driver.getWindowHandle();
        const before = new Set(await driver.getWindowHandles());
        await driver.newWindow('about:blank');
        const created = (await driver.getWindowHandles()).find((h) => !before.has(h));
        await driver.switchToWindow(home);
        if (!created) throw new Error('WebDriver opened no window');
        return created;
      });
      return windowPage(handle);
    },
    async expectPopup() {
      // Taken before the command answers, so before the click: the popup cannot be in it.
      const known = await serial(async () => new Set(await driver.getWindowHandles()));
      return async () => {
        let handle: string | undefined;
        await waitUntil(async () => {
          handle = (await serial(() => driver.getWindowHandles())).find((h) => !known.has(h));
          // WebKit lists a new window a moment before it can be switched to.
          return handle !== undefined && (await inWindow(handle, async () => true).catch(() => false));
        }, 'a popup');
        return windowPage(handle!);
      };
    },
    async frames(matches) {
      // Frames are found by their <iframe> elements in the test page's light DOM (Stripe's mount node is there).
      const urls = await serial(() => webdriverEvaluate(driver, () => [...document.querySelectorAll('iframe')].map((f) => f.src), undefined));
      return urls
        .map((url, index) => ({ url, index }))
        .filter(({ url }) => matches(url))
        .map(({ url, index }) => ({
          url,
          evaluate: (fn, arg) =>
            serial(async () => {
              const iframes = await driver.findElements('css selector', 'iframe');
              await driver.switchToFrame(iframes[index]);
              try {
                return await webdriverEvaluate(driver, fn, arg as never);
              } finally {
                await driver.switchToParentFrame();
              }
            }),
        }));
    },
  };
}
