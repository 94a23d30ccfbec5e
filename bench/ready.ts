/**
 * Time to ready: from navigation start to Stripe's UI being up, in headless Chromium, with the
 * emulator adding the same latency to the API (what the minting endpoint waits for) and to each of
 * Stripe's two scripts.
 *
 * - element: the drop-in bundle, `<crypto-onramp session-url="/session">`, until `crypto-onramp-ready`.
 * - hand-written: what Stripe's sample does: fetch the secret, then `loadStripeOnramp`, then
 *   `createSession` + `mount`, until `onramp_ui_loaded`.
 * - hand-written, parallel (information): `loadStripeOnramp` started before the fetch.
 *
 * Every repetition gets a fresh browser context and page (Stripe's loaders cache per page, and a
 * fresh context has an empty HTTP cache); the variants alternate so drift hits them alike.
 */
import type { Browser } from 'playwright';
import { newStripeRoutedPage } from './browser.js';
import { pageScript } from '../src/emulator/page-script.js';
import { median, round1 } from './env.js';
import { READY_MESSAGE, type PageServer } from './pages.js';

export const READY_RATIO_BUDGET = 0.65;

/**
 * The latency the budget is checked at, on the endpoint and on each script alike. Other latencies
 * are measured too, as information: the fixed costs every variant pays (page start, Stripe's
 * iframe) weigh more as the latency falls, and the ratio rises toward 1.
 */
export const READY_BUDGET_LATENCY_MS = 150;

export const READY_VARIANTS = [
  { key: 'element', label: '<crypto-onramp> (drop-in)', page: '/element.html' },
  { key: 'handwritten', label: "hand-written, Stripe's sample order (fetch → loadStripeOnramp → mount)", page: '/handwritten.html' },
  { key: 'parallel', label: 'hand-written, scripts started before the fetch (information)', page: '/handwritten-parallel.html' },
] as const;

export type ReadyVariant = (typeof READY_VARIANTS)[number]['key'];

export interface ReadyResult {
  latency: { apiMs: number; scriptsMs: number };
  repetitions: number;
  samples: Record<ReadyVariant, number[]>;
  medians: Record<ReadyVariant, number>;
  /** Median of each phase per variant (ms since navigation start). */
  phases: Record<ReadyVariant, ReadyPhases>;
  /** median(element) / median(hand-written). */
  ratio: number;
  /** median(element) / median(hand-written, parallel): information. */
  ratioParallel: number;
  budget: { limit: number; actual: number; ok: boolean };
  errors: string[];
}

export interface ReadyOptions {
  browser: Browser;
  pages: PageServer;
  emulator: { url: string; setLatency(latency: { api?: number; scripts?: number }): void };
  repetitions: number;
  apiLatencyMs: number;
  scriptLatencyMs: number;
  log?: (line: string) => void;
}

const TIMEOUT_MS = 20_000;

/** Reads the phases in the page (serialized by `pageScript`: it references nothing outside itself). */
function readPhases(): ReadyPhases {
  const entries = performance.getEntriesByType('resource');
  const path = (entry: PerformanceEntry) => new URL(entry.name).pathname;
  const session = entries.find((entry) => path(entry) === '/session') as PerformanceResourceTiming | undefined;
  const scripts = entries.filter(
    (entry) => entry.name.startsWith('https://js.stripe.com/') || entry.name.startsWith('https://crypto-js.stripe.com/'),
  ) as PerformanceResourceTiming[];
  const iframe = entries.find((entry) => path(entry) === '/embedded');
  return {
    ready: (window as unknown as { __readyAt: number }).__readyAt,
    sessionStart: session ? session.startTime : NaN,
    sessionEnd: session ? session.responseEnd : NaN,
    scriptsEnd: scripts.length ? Math.max(...scripts.map((entry) => entry.responseEnd)) : NaN,
    mounted: iframe ? iframe.startTime : NaN,
  };
}

const PHASES_SCRIPT = pageScript(readPhases);

/** Where the time went in one load, ms since navigation start, from the page's resource timing. */
export interface ReadyPhases {
  ready: number;
  /** The minting request: sent, answered. */
  sessionStart: number;
  sessionEnd: number;
  /** Both Stripe scripts downloaded (the later of the two). */
  scriptsEnd: number;
  /** Stripe's iframe requested: the session was mounted. */
  mounted: number;
}

async function once(options: ReadyOptions, page: string): Promise<ReadyPhases> {
  const context = await options.browser.newContext();
  try {
    const tab = await newStripeRoutedPage(context, options.emulator.url);
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const ready = tab.waitForEvent('console', { predicate: (message) => message.text() === READY_MESSAGE, timeout: TIMEOUT_MS });
    ready.catch(() => {}); // awaited below; a failed goto must not leave it unhandled
    await tab.goto(options.pages.url + page, { waitUntil: 'commit' });
    try {
      await ready;
      return (await tab.evaluate(PHASES_SCRIPT)) as ReadyPhases;
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(`${page}: ${reason}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`, { cause: error });
    }
  } finally {
    await context.close();
  }
}

export async function runReady(options: ReadyOptions): Promise<ReadyResult> {
  const log = options.log ?? (() => {});
  options.emulator.setLatency({ api: options.apiLatencyMs, scripts: options.scriptLatencyMs });
  const samples: Record<ReadyVariant, number[]> = { element: [], handwritten: [], parallel: [] };
  const phaseSamples: Record<ReadyVariant, ReadyPhases[]> = { element: [], handwritten: [], parallel: [] };
  const errors: string[] = [];
  try {
    // One unmeasured round first: Chromium's first page pays for warming its own caches.
    for (const variant of READY_VARIANTS) await once(options, variant.page).catch(() => undefined);
    for (let i = 0; i < options.repetitions; i++) {
      // Alternate the order too, so no variant always runs right after the same other one.
      const order = i % 2 === 0 ? READY_VARIANTS : [...READY_VARIANTS].reverse();
      for (const variant of order) {
        try {
          const phases = await once(options, variant.page);
          samples[variant.key].push(round1(phases.ready));
          phaseSamples[variant.key].push(phases);
        } catch (error) {
          errors.push(`${variant.key} #${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      log(`ready: repetition ${i + 1}/${options.repetitions}: ${READY_VARIANTS.map((v) => `${v.key} ${samples[v.key].at(-1) ?? '—'} ms`).join(', ')}`);
    }
  } finally {
    options.emulator.setLatency({ api: 0, scripts: 0 });
  }
  const medians = {
    element: median(samples.element),
    handwritten: median(samples.handwritten),
    parallel: median(samples.parallel),
  };
  const phaseMedians = (list: ReadyPhases[]): ReadyPhases => ({
    ready: round1(median(list.map((p) => p.ready))),
    sessionStart: round1(median(list.map((p) => p.sessionStart))),
    sessionEnd: round1(median(list.map((p) => p.sessionEnd))),
    scriptsEnd: round1(median(list.map((p) => p.scriptsEnd))),
    mounted: round1(median(list.map((p) => p.mounted))),
  });
  const phases = {
    element: phaseMedians(phaseSamples.element),
    handwritten: phaseMedians(phaseSamples.handwritten),
    parallel: phaseMedians(phaseSamples.parallel),
  };
  const ratio = Math.round((medians.element / medians.handwritten) * 1000) / 1000;
  const ratioParallel = Math.round((medians.element / medians.parallel) * 1000) / 1000;
  const equalLatencies = options.apiLatencyMs === options.scriptLatencyMs;
  return {
    latency: { apiMs: options.apiLatencyMs, scriptsMs: options.scriptLatencyMs },
    repetitions: options.repetitions,
    samples,
    medians,
    phases,
    ratio,
    ratioParallel,
    budget: {
      limit: READY_RATIO_BUDGET,
      actual: ratio,
      ok: Number.isFinite(ratio) && (!equalLatencies || ratio <= READY_RATIO_BUDGET) && errors.length === 0,
    },
    errors,
  };
}
