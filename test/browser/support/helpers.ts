/** Browser-side helpers for the element tests. */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CryptoOnramp } from '../../../src/element/crypto-onramp.js';
import type { CryptoOnrampEventMap } from '../../../src/element/events.js';
import '../../../src/element/define.js';

export type EventName = keyof CryptoOnrampEventMap;
export const EVENT_NAMES: EventName[] = [
  'crypto-onramp-ready',
  'crypto-onramp-session-updated',
  'crypto-onramp-status-change',
  'crypto-onramp-error',
  'crypto-onramp-redirect',
];

/** Every event an element fired, in order, and a way to await the next of a kind. */
export class EventRecorder {
  readonly events: Array<{ type: EventName; detail: unknown; event: CustomEvent }> = [];
  private waiters: Array<{ type: EventName; index: number; resolve: (e: CustomEvent) => void; reject: (e: Error) => void }> = [];

  constructor(target: EventTarget) {
    for (const type of EVENT_NAMES) {
      target.addEventListener(type, (event) => {
        const custom = event as CustomEvent;
        this.events.push({ type, detail: custom.detail, event: custom });
        const count = this.count(type);
        this.waiters = this.waiters.filter((w) => {
          if (w.type === type && count > w.index) {
            w.resolve(custom);
            return false;
          }
          // Waiting for anything but an error, and an error came: fail now, with its detail.
          if (type === 'crypto-onramp-error' && w.type !== type) {
            w.reject(new Error(`expected ${w.type}, got crypto-onramp-error ${JSON.stringify(custom.detail)}`));
            return false;
          }
          return true;
        });
      });
    }
  }

  count(type: EventName): number {
    return this.events.filter((e) => e.type === type).length;
  }

  of<K extends EventName>(type: K): Array<CryptoOnrampEventMap[K]['detail']> {
    return this.events.filter((e) => e.type === type).map((e) => e.detail as CryptoOnrampEventMap[K]['detail']);
  }

  /** Resolves with the n-th (1-based) event of this type, at once if it already fired. */
  nth<K extends EventName>(type: K, n: number): Promise<CryptoOnrampEventMap[K]> {
    const seen = this.events.filter((e) => e.type === type);
    if (seen.length >= n) return Promise.resolve(seen[n - 1]!.event as CryptoOnrampEventMap[K]);
    return new Promise((resolve, reject) =>
      this.waiters.push({ type, index: n - 1, resolve: resolve as (e: CustomEvent) => void, reject }),
    );
  }

  next<K extends EventName>(type: K): Promise<CryptoOnrampEventMap[K]> {
    return this.nth(type, this.count(type) + 1);
  }
}

let logCounter = 0;
/** A fresh request-log id, so each test reads only its own requests. */
export function newLog(): string {
  return `log-${Date.now()}-${++logCounter}-${Math.random().toString(36).slice(2)}`;
}

export interface LoggedRequest {
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** When the test server received it (ms since the epoch). */
  at: number;
  /** The path and query the browser asked for. */
  url: string;
}

export async function requestLog(log: string): Promise<LoggedRequest[]> {
  return (await fetch(`/test-api/log/${log}`)).json() as Promise<LoggedRequest[]>;
}

/** Creates an element, records its events from the start, then connects it. */
export function createOnramp(
  setup: Partial<Record<string, unknown>> & { attributes?: Record<string, string> } = {},
  parent: Node = document.body,
): { el: CryptoOnramp; events: EventRecorder } {
  const el = document.createElement('crypto-onramp');
  const { attributes = {}, ...props } = setup;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, props);
  const events = new EventRecorder(el);
  parent.appendChild(el);
  created.push(el);
  return { el, events };
}

const created: Element[] = [];
/** Removes every element `createOnramp` made (call in `afterEach`). */
export function cleanup(): void {
  for (const el of created.splice(0)) el.remove();
}

/**
 * For this page's next script loads. `serve` is the suite's SDK version (`STAND_IN_SDK`),
 * `serve-current` / `serve-legacy` pin one (legacy: no `setAppearance`, `appearance` ignored).
 */
export function setScriptMode(mode: 'serve' | 'serve-current' | 'serve-legacy' | 'fail' | 'http-error' | 'hang'): Promise<unknown> {
  return executeServerCommand('stripe-scripts', { mode });
}

/**
 * Fails this page's requests whose URL matches `urlPattern` (`*` a wildcard) until called with
 * `null`; resolves with how many requests failed under the previous pattern.
 */
export function failRequests(urlPattern: string | null): Promise<number> {
  return executeServerCommand('fail-requests', { urlPattern }) as Promise<number>;
}

/** How many requests for Stripe's script on `host` reached the proxy so far, whatever it answered. */
export function stripeScriptRequests(host: 'js.stripe.com' | 'crypto-js.stripe.com'): Promise<number> {
  return executeServerCommand('stripe-script-requests', { host }) as Promise<number>;
}

/** The engine this run tests: `chromium`, `firefox` or `webkit`. */
export function engine(): Promise<'chromium' | 'firefox' | 'webkit'> {
  return executeServerCommand('engine') as Promise<'chromium' | 'firefox' | 'webkit'>;
}

/** The theme each stand-in iframe renders (read through the engine's driver: the frames are cross-origin). */
export function frameThemes(): Promise<string[]> {
  return executeServerCommand('frame-themes') as Promise<string[]>;
}

export async function driveStatus(id: string, status: string): Promise<void> {
  const response = await fetch('/test-api/emulator/status', { method: 'POST', body: JSON.stringify({ id, status }) });
  if (!response.ok) throw new Error(`test control: HTTP ${response.status} ${await response.text()}`);
}

/** Stripe's iframes on the page (the stand-in mounts one per session). */
export function iframes(): HTMLIFrameElement[] {
  return [...document.querySelectorAll('iframe')];
}

export function mountNodes(): Element[] {
  return [...document.querySelectorAll('[data-crypto-onramp-mount]')];
}

/** Resolves after the current task and its microtasks (and Lit's update) have run. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * The `n`th error event, once the element has rendered it and a few more tasks have run, letting
 * anything else that might fire, fire: then exactly `n` errors must have come.
 */
export async function settledError(
  el: HTMLElement & { updateComplete: Promise<boolean> },
  events: EventRecorder,
  n = 1,
): Promise<CryptoOnrampEventMap['crypto-onramp-error']> {
  const error = await events.nth('crypto-onramp-error', n);
  await el.updateComplete;
  for (let i = 0; i < 3; i++) await nextTask();
  expect(events.count('crypto-onramp-error')).to.equal(n);
  return error;
}

/**
 * Whether the SDK the suite runs against has `setAppearance` (`STAND_IN_SDK=legacy` serves the
 * older one without it). Asked of Stripe's own API once its script has loaded: an SDK session
 * created and never mounted.
 */
export function sdkHasSetAppearance(): boolean {
  const onramp = (window as unknown as { StripeOnramp: (pk: string) => { createSession(o: { clientSecret: string }): object } }).StripeOnramp('pk_test_emulator');
  return typeof (onramp.createSession({ clientSecret: 'cos_probe_secret_probe' }) as { setAppearance?: unknown }).setAppearance === 'function';
}

/** Resolves when the iframe has (re)loaded. */
export function frameLoaded(frame: HTMLIFrameElement): Promise<void> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(), { once: true }));
}

/**
 * After a framework re-rendered the element 20 times with inline literals (`data-renders` counts
 * them): its update and what it starts have run, and there was one mint, one ready, one iframe.
 */
export async function expectOneSessionAfterRerenders(el: CryptoOnramp, log: string, readyCount: number): Promise<void> {
  expect(el.getAttribute('data-renders')).to.equal('20');
  await el.updateComplete;
  for (let i = 0; i < 5; i++) await nextTask();
  expect(await requestLog(log)).to.have.length(1);
  expect(readyCount).to.equal(1);
  expect(el.state).to.equal('ready');
  expect(iframes()).to.have.length(1);
}

/**
 * After a framework removed the element: nothing of it is left in `parent` or the document, and a
 * later status change of its session reaches none of the component's handlers (`calls()` counts them).
 */
export async function expectGoneAndSilent(parent: ParentNode, sessionId: string, calls: () => number): Promise<void> {
  expect(parent.querySelector('crypto-onramp')).to.equal(null);
  expect(mountNodes()).to.have.length(0);
  expect(iframes()).to.have.length(0);
  await driveStatus(sessionId, 'requires_payment');
  for (let i = 0; i < 20; i++) await nextTask(); // the emulator relays within a task or two
  expect(calls()).to.equal(0);
}
