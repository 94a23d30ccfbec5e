/**
 * Churn: in one page, many connect/disconnect cycles and preset changes, then what is left over
 * once every element is gone: JS heap growth after forced GC, event listeners on window and
 * document (attributed to the script that added them: the element's bundle, Stripe's script, or
 * the page), iframes, mount nodes, and requests still open (the browser's own view through the
 * DevTools protocol, and the test server's count of minting requests in flight).
 *
 * Parts, each measured against the state just before it:
 * - non-minting: one element with a `clientSecret` (one session), connected and disconnected N
 *   times; it is removed right after Stripe's iframe is mounted, or (every 10th) after ready.
 * - minting: a new element with `session-url` per cycle; removed while its request is in flight
 *   (the emulator adds API latency during churn so the request is at the server, waiting on
 *   "Stripe", when the element gives up), right after the mount, or (every 10th) after ready.
 * - presets: one element, `destination-currency` changed M times, half waiting for ready, half
 *   superseding the session still being set up; then removed.
 * - Stripe alone (reference): the same cycles as non-minting with Stripe's SDK driven by hand,
 *   no element, to tell the SDK's own leftovers from the element's.
 */
import type { Browser, CDPSession, Page } from 'playwright';
import { newStripeRoutedPage } from './browser.js';
import { pageScript } from '../src/emulator/page-script.js';
import { churnDriver, countDom, type DriverResult } from './churn-driver.js';
import type { PageServer } from './pages.js';

export const HEAP_GROWTH_BUDGET = 1_000_000;

export interface ChurnSnapshot {
  heapUsed: number;
  listeners: { element: ListenerCount; stripe: ListenerCount; other: ListenerCount };
  iframes: number;
  mountNodes: number;
  elements: number;
  /** Requests the browser started and has not finished or failed (any frame). */
  browserRequestsOpen: number;
  openRequestUrls: string[];
  /** `POST /session` requests the test server has not answered or seen closed. */
  serverRequestsOpen: number;
}

/** Listener count per `type` (e.g. `{ message: 3 }`), with `total`. */
export type ListenerCount = Record<string, number> & { total: number };

export interface ChurnPart {
  key: 'nonMinting' | 'minting' | 'presets' | 'stripeAlone';
  label: string;
  cycles: number;
  /** Ready events seen / waited for. */
  readies: number;
  /** `crypto-onramp-error` events (there should be none). */
  errors: Record<string, number>;
  failures: string[];
  /** Minting requests the server received during the part. */
  mints: number;
  seconds: number;
  before: ChurnSnapshot;
  after: ChurnSnapshot;
  heapGrowth: number;
  /** Listeners added and not removed, by who added them. */
  listenersLeft: { element: number; stripe: number; other: number };
  iframesLeft: number;
  mountNodesLeft: number;
  requestsLeft: number;
}

export interface ChurnResult {
  parts: ChurnPart[];
  budget: {
    heap: { limit: number; actual: number; ok: boolean };
    leftovers: { listeners: number; iframes: number; requests: number; ok: boolean };
    ok: boolean;
  };
}

export interface ChurnOptions {
  browser: Browser;
  pages: PageServer;
  emulator: { url: string; setLatency(latency: { api?: number; scripts?: number }): void };
  /**
   * Latency the emulator adds to its API during churn, so that a minting request removed "in
   * flight" is really in flight at the server (waiting on Stripe) when the element gives up.
   */
  apiLatencyMs: number;
  cycles: number;
  presetChanges: number;
  /** Every `readyEvery`-th cycle waits for Stripe's UI to be up before disconnecting. */
  readyEvery: number;
  log?: (line: string) => void;
}

const DRIVER = pageScript(churnDriver);
const COUNT_DOM = pageScript(countDom);

class Probe {
  /** requestId → [url, frameId] of requests started and not yet finished or failed. */
  readonly #open = new Map<string, [url: string, frameId: string | undefined]>();
  constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
    readonly pages: PageServer,
  ) {
    cdp.on('Network.requestWillBeSent', (event) => {
      if (!event.request.url.startsWith('data:')) this.#open.set(event.requestId, [event.request.url, event.frameId]);
    });
    cdp.on('Network.loadingFinished', (event) => this.#open.delete(event.requestId));
    cdp.on('Network.loadingFailed', (event) => this.#open.delete(event.requestId));
    // An iframe removed in the middle of its own navigation does not always report the
    // navigation request as failed; the request goes with its frame.
    cdp.on('Page.frameDetached', (event) => {
      for (const [id, [, frameId]] of this.#open) if (frameId === event.frameId) this.#open.delete(id);
    });
  }

  static async attach(page: Page, pages: PageServer): Promise<Probe> {
    const cdp = await page.context().newCDPSession(page);
    const probe = new Probe(page, cdp, pages);
    await cdp.send('Network.enable');
    await cdp.send('Page.enable');
    return probe;
  }

  async #gc(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await this.page.evaluate('typeof window.gc === "function" && window.gc()');
      await this.cdp.send('HeapProfiler.collectGarbage');
      await this.page.waitForTimeout(100);
    }
  }

  async #listeners(): Promise<ChurnSnapshot['listeners']> {
    const urls = new Map<string, string>();
    const onScript = (event: { scriptId: string; url: string }) => urls.set(event.scriptId, event.url);
    this.cdp.on('Debugger.scriptParsed', onScript);
    await this.cdp.send('Debugger.enable'); // reports every script already parsed
    const counts = { element: count(), stripe: count(), other: count() };
    try {
      for (const expression of ['window', 'document']) {
        const { result } = await this.cdp.send('Runtime.evaluate', { expression });
        const { listeners } = await this.cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
        for (const listener of listeners) {
          const url = urls.get(listener.scriptId) ?? '';
          const who = url.includes('/assets/crypto-onramp.js')
            ? 'element'
            : /^https:\/\/(js|crypto-js)\.stripe\.com\//.test(url)
              ? 'stripe'
              : 'other';
          const key = `${expression}:${listener.type}`;
          counts[who][key] = (counts[who][key] ?? 0) + 1;
          counts[who].total++;
        }
        await this.cdp.send('Runtime.releaseObject', { objectId: result.objectId! });
      }
    } finally {
      await this.cdp.send('Debugger.disable');
      this.cdp.off('Debugger.scriptParsed', onScript);
    }
    return counts;
  }

  async snapshot(): Promise<ChurnSnapshot> {
    // Let disconnections settle: aborted requests, unloading iframes, closing event streams.
    await this.page.waitForTimeout(500);
    await this.#gc();
    const { usedSize } = await this.cdp.send('Runtime.getHeapUsage');
    const dom = (await this.page.evaluate(COUNT_DOM)) as { iframes: number; mountNodes: number; elements: number };
    return {
      heapUsed: usedSize,
      listeners: await this.#listeners(),
      ...dom,
      browserRequestsOpen: this.#open.size,
      openRequestUrls: [...this.#open.values()].map(([url]) => url).slice(0, 5),
      serverRequestsOpen: this.pages.openSessionRequests,
    };
  }
}

function count(): ListenerCount {
  return { total: 0 } as ListenerCount;
}

async function mintForPage(pages: PageServer): Promise<{ clientSecret: string; publishableKey: string }> {
  const response = await fetch(`${pages.url}/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const body = (await response.json()) as { client_secret?: string; publishable_key?: string };
  if (!body.client_secret || !body.publishable_key) throw new Error(`could not mint a session: HTTP ${response.status}`);
  return { clientSecret: body.client_secret, publishableKey: body.publishable_key };
}

export async function runChurn(options: ChurnOptions): Promise<ChurnResult> {
  const log = options.log ?? (() => {});
  const context = await options.browser.newContext();
  try {
    const page = await newStripeRoutedPage(context, options.emulator.url);
    page.on('pageerror', (error) => log(`churn: page error: ${error.message}`));
    await page.goto(`${options.pages.url}/churn.html`);
    await page.evaluate("customElements.whenDefined('crypto-onramp')");
    await page.evaluate(DRIVER);
    const probe = await Probe.attach(page, options.pages);
    const { clientSecret, publishableKey } = await mintForPage(options.pages);

    const call = (expression: string) => page.evaluate(expression) as Promise<DriverResult>;
    const secretArgs = `${JSON.stringify(clientSecret)}, ${JSON.stringify(publishableKey)}`;
    const every = options.readyEvery;
    // Removed this long after connecting, the element's request has reached the server, which
    // is still waiting on the emulator's API latency.
    const inFlightMs = Math.max(1, Math.floor(options.apiLatencyMs / 3));
    options.emulator.setLatency({ api: options.apiLatencyMs, scripts: 0 });

    // Warm-up, not measured: Stripe's scripts loaded, Lit's templates and the JIT warm.
    log('churn: warm-up');
    await call(`__churn.nonMinting(20, ${every}, ${secretArgs})`);
    await call(`__churn.minting(20, ${every}, ${inFlightMs})`);
    await call('__churn.presets(4)');
    await call(`__churn.stripeAlone(20, ${every}, ${secretArgs})`);

    const plan: Array<{ key: ChurnPart['key']; label: string; cycles: number; expression: string }> = [
      {
        key: 'nonMinting',
        label: 'connect/disconnect, one session (clientSecret), no minting',
        cycles: options.cycles,
        expression: `__churn.nonMinting(${options.cycles}, ${every}, ${secretArgs})`,
      },
      {
        key: 'minting',
        label: 'connect/disconnect, new element minting through session-url',
        cycles: options.cycles,
        expression: `__churn.minting(${options.cycles}, ${every}, ${inFlightMs})`,
      },
      {
        key: 'presets',
        label: 'preset changes on one element (each mints)',
        cycles: options.presetChanges,
        expression: `__churn.presets(${options.presetChanges})`,
      },
      {
        key: 'stripeAlone',
        label: "Stripe's SDK alone, same cycles as non-minting (reference)",
        cycles: options.cycles,
        expression: `__churn.stripeAlone(${options.cycles}, ${every}, ${secretArgs})`,
      },
    ];

    const parts: ChurnPart[] = [];
    let before = await probe.snapshot();
    for (const step of plan) {
      log(`churn: ${step.key} × ${step.cycles}`);
      const mintsBefore = options.pages.sessionRequests;
      const started = performance.now();
      const outcome = await call(step.expression);
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      const mints = options.pages.sessionRequests - mintsBefore;
      const after = await probe.snapshot();
      parts.push({
        key: step.key,
        label: step.label,
        cycles: step.cycles,
        readies: outcome.readies,
        errors: outcome.errors,
        failures: outcome.failureCount ? [`${outcome.failureCount} failed`, ...outcome.failures] : [],
        mints,
        seconds,
        before,
        after,
        heapGrowth: after.heapUsed - before.heapUsed,
        listenersLeft: {
          element: after.listeners.element.total - before.listeners.element.total,
          stripe: after.listeners.stripe.total - before.listeners.stripe.total,
          other: after.listeners.other.total - before.listeners.other.total,
        },
        iframesLeft: after.iframes,
        mountNodesLeft: after.mountNodes,
        requestsLeft: Math.max(after.browserRequestsOpen, after.serverRequestsOpen),
      });
      log(
        `churn: ${step.key}: ${seconds} s, heap ${signed(after.heapUsed - before.heapUsed)} B, listeners left element ${after.listeners.element.total - before.listeners.element.total} / Stripe ${after.listeners.stripe.total - before.listeners.stripe.total}, iframes ${after.iframes}, requests open ${after.browserRequestsOpen}/${after.serverRequestsOpen}`,
      );
      before = after;
    }

    const elementParts = parts.filter((part) => part.key !== 'stripeAlone');
    const heap = Math.max(...elementParts.map((part) => part.heapGrowth));
    const listeners = Math.max(0, ...elementParts.map((part) => part.listenersLeft.element));
    const iframes = Math.max(0, ...elementParts.map((part) => part.iframesLeft));
    const requests = Math.max(0, ...elementParts.map((part) => part.requestsLeft));
    const failures = elementParts.some((part) => part.failures.length > 0);
    const heapOk = heap < HEAP_GROWTH_BUDGET;
    const leftoversOk = listeners === 0 && iframes === 0 && requests === 0 && elementParts.every((part) => part.mountNodesLeft === 0);
    return {
      parts,
      budget: {
        heap: { limit: HEAP_GROWTH_BUDGET, actual: heap, ok: heapOk },
        leftovers: { listeners, iframes, requests, ok: leftoversOk },
        ok: heapOk && leftoversOk && !failures,
      },
    };
  } finally {
    options.emulator.setLatency({ api: 0, scripts: 0 });
    await context.close();
  }
}

const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));
