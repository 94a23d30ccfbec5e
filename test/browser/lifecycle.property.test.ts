/**
 * Property-based test of the element's lifecycle (fast-check): random sequences of tasks, each a
 * few synchronous steps (attribute sets and removals; property sets with equal and with different
 * values; theme changes; moves, removals and re-insertions; `refresh()`; a new endpoint answering
 * ok, 4xx, 5xx, 429 with Retry-After, garbage, or nothing), against the real stand-in.
 *
 * Invariants, checked after every task and at the end:
 * - no uncaught error and no unhandled rejection (errors thrown by Stripe's own script, which the
 *   stand-in reproduces, are told apart by their source URL and left out);
 * - no raw JavaScript error text in an error event or the view;
 * - one mint (a new Idempotency-Key) per task whose inputs changed by value, or that called
 *   `refresh()`, none otherwise (a disconnected element mints when it is connected again);
 * - one iframe per connected ready element; at most one ready per mount;
 * - nothing left after removal, and no event afterwards.
 *
 * `npm test` runs 200 sequences; FC_RUNS=n runs n, FC_SEED=s replays a seed (both printed).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import fc from 'fast-check';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import { ONRAMP_JS_URL, STRIPE_JS_URL } from '../../src/shared/stripe-script-urls.js';
import { createOnramp, cleanup, mountNodes, nextTask, type EventRecorder } from './support/helpers.js';

const DEFAULT_RUNS = 200;

// ---- the inputs ------------------------------------------------------------------------------

const ENDPOINTS = {
  ok: '/test-api/session',
  '4xx': '/test-api/fail?status=400&code=crypto_onramp_invalid_source_amount&param=source_amount&message=Bad%20amount',
  '5xx': '/test-api/fail?status=500',
  '503 retry now': '/test-api/fail?status=503&retry-after=0',
  '429 retry later': '/test-api/fail?status=429&retry-after=60',
  garbage: '/test-api/not-json',
  hang: '/test-api/hang',
} as const;
type Endpoint = keyof typeof ENDPOINTS;

const STRING_ATTRIBUTES = ['destination-currency', 'destination-network', 'source-currency', 'source-amount', 'destination-amount'] as const;
const LIST_ATTRIBUTES = ['destination-currencies', 'destination-networks'] as const;
const STRING_VALUES = ['eth', 'usdc', ' eth ', '', 'ethereum', 'base', 'usd', '100.00', '0.5'];
const LIST_VALUES = ['eth usdc', 'eth', '  ', 'ethereum base', 'eth  usdc'];

const sharedSignal = new AbortController().signal;
/** Property values, each built fresh on every use (as a framework re-render does). */
const LISTS: Array<() => string[] | undefined> = [() => ['eth', 'usdc'], () => ['eth'], () => [], () => undefined];
const PARAMS: Array<() => Record<string, unknown> | undefined> = [
  () => ({ source_currency: 'usd' }),
  () => ({ source_currency: 'usd', metadata: { order: '1' } }),
  () => ({ metadata: { order: '2' } }),
  () => undefined,
];
const FETCH_OPTIONS: Array<() => RequestInit | undefined> = [
  () => ({ headers: { 'X-CSRF-Token': 'a' } }),
  () => ({ headers: [['x-csrf-token', 'a']] }),
  () => ({ headers: new Headers({ 'X-Csrf-Token': 'a' }) }),
  () => ({ headers: { 'X-CSRF-Token': 'b' }, credentials: 'same-origin' }),
  () => ({ signal: sharedSignal }),
  () => ({ signal: new AbortController().signal }),
  () => undefined,
];

type Step =
  | { kind: 'set-attribute'; name: string; value: string }
  | { kind: 'remove-attribute'; name: string }
  | { kind: 'set-list'; name: 'destinationCurrencies' | 'destinationNetworks'; pick: number }
  | { kind: 'set-params'; pick: number }
  | { kind: 'set-fetch-options'; pick: number }
  | { kind: 'theme'; value: 'light' | 'dark' | 'auto' | null }
  | { kind: 'move' }
  | { kind: 'detach' }
  | { kind: 'attach' }
  | { kind: 'refresh' }
  | { kind: 'endpoint'; answer: Endpoint };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('set-attribute' as const), name: fc.constantFrom(...STRING_ATTRIBUTES), value: fc.constantFrom(...STRING_VALUES) }),
  fc.record({ kind: fc.constant('set-attribute' as const), name: fc.constantFrom(...LIST_ATTRIBUTES), value: fc.constantFrom(...LIST_VALUES) }),
  fc.record({ kind: fc.constant('set-attribute' as const), name: fc.constant('lock-wallet-address'), value: fc.constant('') }),
  fc.record({
    kind: fc.constant('remove-attribute' as const),
    name: fc.constantFrom(...STRING_ATTRIBUTES, ...LIST_ATTRIBUTES, 'lock-wallet-address', 'theme', 'loading', 'publishable-key'),
  }),
  fc.record({ kind: fc.constant('set-list' as const), name: fc.constantFrom('destinationCurrencies' as const, 'destinationNetworks' as const), pick: fc.nat(LISTS.length - 1) }),
  fc.record({ kind: fc.constant('set-params' as const), pick: fc.nat(PARAMS.length - 1) }),
  fc.record({ kind: fc.constant('set-fetch-options' as const), pick: fc.nat(FETCH_OPTIONS.length - 1) }),
  fc.record({ kind: fc.constant('theme' as const), value: fc.constantFrom('light' as const, 'dark' as const, 'auto' as const, null) }),
  fc.constant({ kind: 'move' as const }),
  fc.constant({ kind: 'detach' as const }),
  fc.constant({ kind: 'attach' as const }),
  fc.constant({ kind: 'refresh' as const }),
  fc.record({ kind: fc.constant('endpoint' as const), answer: fc.constantFrom(...(Object.keys(ENDPOINTS) as Endpoint[])) }),
);
/** A task: a few steps in one go, then the element's update. */
const tasksArbitrary = fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 });

// ---- the model: what the element's inputs are, compared by value as the README says ---------

/** Inputs by value: null and undefined are unset, headers in any form their entries, a signal its identity. */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (value instanceof AbortSignal) return `signal:${signalIdOf(value)}`;
  if (value instanceof Headers) return [...value];
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const headers = 'headers' in record && record['headers'] != null ? [...new Headers(record['headers'] as HeadersInit)] : undefined;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, key === 'headers' ? headers : canonical(record[key])])
        .filter(([, v]) => v !== undefined),
    );
  }
  return value;
}
let nextSignalId = 0;
const signalNumbers = new WeakMap<AbortSignal, number>();
function signalIdOf(signal: AbortSignal): number {
  if (!signalNumbers.has(signal)) signalNumbers.set(signal, ++nextSignalId);
  return signalNumbers.get(signal)!;
}

const INPUTS = [
  'sessionUrl', 'destinationCurrency', 'destinationNetwork', 'sourceCurrency', 'sourceAmount', 'destinationAmount',
  'lockWalletAddress', 'destinationCurrencies', 'destinationNetworks', 'sessionParams', 'fetchOptions',
] as const;
/** The element's inputs as the page set them (read back from the element's properties). */
function inputsOf(el: CryptoOnramp): string {
  return JSON.stringify(INPUTS.map((key) => canonical(el[key])));
}

// ---- the invariants ------------------------------------------------------------------------

const RAW_JS_TEXT = /TypeError|ReferenceError|RangeError|SyntaxError|Cannot read|is not a function|is not defined|undefined|null|NaN|\[object/;
const STRIPE_SCRIPTS = [STRIPE_JS_URL, ONRAMP_JS_URL];

describe('<crypto-onramp> lifecycle (property-based)', () => {
  const pageErrors: string[] = [];
  const onError = (event: ErrorEvent) => {
    // Stripe's own script throws uncaught on some frame messages (the stand-in reproduces it):
    // that is Stripe's, not the element's.
    if (STRIPE_SCRIPTS.some((url) => event.filename.startsWith(url))) return;
    pageErrors.push(`error: ${event.message} at ${event.filename}:${event.lineno}`);
  };
  const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(`unhandled rejection: ${String(event.reason)}`);
  const realFetch = window.fetch;
  /** Idempotency-Key of every minting request the page sent, in order. */
  const keys: string[] = [];

  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const key = new Headers(init?.headers).get('Idempotency-Key');
      if (key) keys.push(key);
      return realFetch(input, init);
    };
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    window.fetch = realFetch;
  });
  afterEach(cleanup);

  it('holds its invariants over random sequences of inputs, moves, refreshes and endpoint answers', async function () {
    const config = (await executeServerCommand('fc-config')) as { runs?: number; seed?: number };
    const runs = config.runs ?? DEFAULT_RUNS;
    const seed = config.seed ?? (Date.now() ^ (Math.random() * 2 ** 31)) >>> 0;
    this.timeout(Math.max(60_000, runs * 1_000));
    console.log(`fast-check: seed ${seed}, ${runs} runs (replay with FC_SEED=${seed} FC_RUNS=${runs})`);

    const home = document.createElement('div');
    const elsewhere = document.createElement('section');
    document.body.append(home, elsewhere);
    let counter = 0;

    await fc.assert(
      fc.asyncProperty(tasksArbitrary, async (tasks) => {
        pageErrors.length = 0;
        const url = (answer: Endpoint) => `${ENDPOINTS[answer]}${ENDPOINTS[answer].includes('?') ? '&' : '?'}run=${++counter}`;
        const firstKey = keys.length;
        const { el, events } = createOnramp(
          { attributes: { 'session-url': url('ok') }, requestTimeout: 150, readyTimeout: 3_000 },
          home,
        );
        const seen = new Set(keys.slice(0, firstKey));
        /** Mints since `from`: requests under a key never used before. */
        const newMints = (from: number) => {
          let count = 0;
          for (const key of keys.slice(from)) if (!seen.has(key) && (seen.add(key), true)) count++;
          return count;
        };
        let readyMount: Element | null = null;
        let readyTwice = false;
        el.addEventListener('crypto-onramp-ready', () => {
          // At most one ready per mount: each mount is a new mount node.
          const mount = el.querySelector('[data-crypto-onramp-mount]');
          if (mount === readyMount) readyTwice = true;
          readyMount = mount;
        });

        await settle(el);
        expect(newMints(firstKey), 'the first task mints').to.equal(1);
        let inputs = inputsOf(el);
        let pending = false;

        for (const task of tasks) {
          const before = keys.length;
          let refreshed = false;
          for (const step of task) refreshed = apply(el, step, home, elsewhere, url) || refreshed;
          await settle(el);
          const now = inputsOf(el);
          pending ||= now !== inputs || refreshed;
          inputs = now;
          const expected = pending && el.isConnected ? 1 : 0;
          if (el.isConnected) pending = false;
          expect(newMints(before), `mints after ${JSON.stringify(task)}`).to.equal(expected);
          checkAlways(el, events, readyTwice);
        }

        // Removal leaves nothing, and nothing fires afterwards.
        el.remove();
        expect(mountNodes(), 'mount nodes after removal').to.have.length(0);
        expect(document.querySelectorAll('iframe'), 'iframes after removal').to.have.length(0);
        const fired = events.events.length;
        for (let i = 0; i < 3; i++) await nextTask();
        expect(events.events.length, 'events after removal').to.equal(fired);
        expect(pageErrors, 'uncaught errors').to.deep.equal([]);
        cleanup();
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    home.remove();
    elsewhere.remove();
  });
});

/** Runs one step; returns whether it called `refresh()`. */
function apply(el: CryptoOnramp, step: Step, home: Element, elsewhere: Element, url: (answer: Endpoint) => string): boolean {
  switch (step.kind) {
    case 'set-attribute':
      el.setAttribute(step.name, step.value);
      break;
    case 'remove-attribute':
      el.removeAttribute(step.name);
      break;
    case 'set-list':
      el[step.name] = LISTS[step.pick]!();
      break;
    case 'set-params':
      el.sessionParams = PARAMS[step.pick]!();
      break;
    case 'set-fetch-options':
      el.fetchOptions = FETCH_OPTIONS[step.pick]!();
      break;
    case 'theme':
      if (step.value === null) el.removeAttribute('theme');
      else el.theme = step.value;
      break;
    case 'move':
      (el.parentElement === home ? elsewhere : home).append(el);
      break;
    case 'detach':
      el.remove();
      break;
    case 'attach':
      if (!el.isConnected) home.append(el);
      break;
    case 'refresh':
      el.refresh();
      return true;
    case 'endpoint':
      el.setAttribute('session-url', url(step.answer));
      break;
  }
  return false;
}

/** The element's update, and the microtasks and task the update starts (the minting request is sent in it). */
async function settle(el: CryptoOnramp): Promise<void> {
  await el.updateComplete;
  await nextTask();
}

function checkAlways(el: CryptoOnramp, events: EventRecorder, readyTwice: boolean): void {
  expect(readyTwice, 'two readies for one mount').to.equal(false);
  for (const detail of events.of('crypto-onramp-error')) {
    expect(detail.message, `error ${detail.code}`).to.not.match(RAW_JS_TEXT);
  }
  const view = el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';
  expect(view, 'the error view').to.not.match(RAW_JS_TEXT);
  const frames = el.querySelectorAll('iframe').length;
  if (el.isConnected && el.state === 'ready') expect(frames, 'iframes of a ready element').to.equal(1);
  expect(document.querySelectorAll('iframe').length, 'iframes on the page').to.be.at.most(el.isConnected ? 1 : 0);
  expect(mountNodes().length, 'mount nodes').to.be.at.most(el.isConnected ? 1 : 0);
}
