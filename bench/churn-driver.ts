/**
 * The churn benchmark's page-side driver: defines `window.__churn`, whose methods connect and
 * disconnect elements (or Stripe's SDK by hand) and count readies, failures and error events.
 * Type-checked here, serialized into the page by the emulator's `pageScript`: it references
 * nothing outside itself.
 */
import type { CryptoOnramp } from '../src/element/index.js';

/** What each driver method answers. */
export interface DriverResult {
  readies: number;
  failures: string[];
  failureCount: number;
  errors: Record<string, number>;
}

interface StripeOnrampSessionLike {
  addEventListener(type: 'onramp_ui_loaded', listener: () => void): void;
  mount(target: HTMLElement): void;
}

type StripeOnrampLike = (publishableKey: string) => {
  createSession(options: { clientSecret: string; appearance: { theme: 'light' } }): StripeOnrampSessionLike;
};

export function churnDriver(): void {
  const stage = document.getElementById('stage');
  if (!stage) throw new Error('the churn page has no #stage');
  const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const errors: Record<string, number> = {};
  document.addEventListener('crypto-onramp-error', (event) => {
    const code = String((event as CustomEvent<{ code?: string }>).detail?.code);
    errors[code] = (errors[code] ?? 0) + 1;
  });
  const takeErrors = (): Record<string, number> => {
    const copy = { ...errors };
    for (const key of Object.keys(errors)) delete errors[key];
    return copy;
  };
  /** Resolves on the element's next `type` event; rejects on its error or after a timeout. */
  const waitFor = (target: EventTarget, type: string, ms = 15000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${type} timeout`));
      }, ms);
      const onEvent = () => {
        cleanup();
        resolve();
      };
      const onError = (event: Event) => {
        cleanup();
        const detail = (event as CustomEvent<{ code: string; message: string }>).detail;
        reject(new Error(`error ${detail.code}: ${detail.message}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        target.removeEventListener(type, onEvent);
        target.removeEventListener('crypto-onramp-error', onError);
      };
      target.addEventListener(type, onEvent);
      target.addEventListener('crypto-onramp-error', onError);
    });
  /** Resolves once Stripe's iframe has been put into the element's mount node. */
  const mounted = (el: Element, ms = 15000) =>
    new Promise<void>((resolve, reject) => {
      const done = () => el.querySelector('iframe');
      if (done()) return resolve();
      const observer = new MutationObserver(() => {
        if (done()) {
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        }
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('mount timeout'));
      }, ms);
      observer.observe(el, { childList: true, subtree: true });
    });
  const result = (readies: number, failures: string[]): DriverResult => ({
    readies,
    failures: failures.slice(0, 5),
    failureCount: failures.length,
    errors: takeErrors(),
  });
  const newElement = () => document.createElement('crypto-onramp') as CryptoOnramp;
  /**
   * `n` cycles of `connect(i)` (resolving `true` when it waited for ready) then `disconnect(i)`;
   * a cycle that fails is counted, and disconnected all the same.
   */
  const cycles = async (n: number, connect: (i: number) => Promise<boolean>, disconnect: (i: number) => void): Promise<DriverResult> => {
    let readies = 0;
    const failures: string[] = [];
    for (let i = 0; i < n; i++) {
      try {
        if (await connect(i)) readies++;
      } catch (error) {
        failures.push(`${i}: ${messageOf(error)}`);
      }
      disconnect(i);
    }
    return result(readies, failures);
  };

  (window as unknown as { __churn: unknown }).__churn = {
    async nonMinting(n: number, readyEvery: number, clientSecret: string, publishableKey: string): Promise<DriverResult> {
      const el = newElement();
      el.clientSecret = clientSecret;
      el.publishableKey = publishableKey;
      return cycles(
        n,
        async (i) => {
          const waitsForReady = i % readyEvery === 0;
          const wait = waitsForReady ? waitFor(el, 'crypto-onramp-ready') : mounted(el);
          stage.append(el);
          await wait;
          return waitsForReady;
        },
        () => el.remove(),
      );
    },

    async minting(n: number, readyEvery: number, inFlightMs: number): Promise<DriverResult> {
      let el = newElement();
      return cycles(
        n,
        async (i) => {
          el = newElement();
          el.setAttribute('session-url', '/session');
          el.setAttribute('destination-currency', 'eth');
          el.setAttribute('destination-network', 'ethereum');
          if (i % readyEvery === 0) {
            const wait = waitFor(el, 'crypto-onramp-ready');
            stage.append(el);
            await wait;
            return true;
          }
          if (i % 2 === 1) {
            stage.append(el);
            await new Promise((resolve) => setTimeout(resolve, inFlightMs)); // the minting request is at the server
          } else {
            const wait = mounted(el);
            stage.append(el);
            await wait; // minted, Stripe's iframe just mounted and loading
          }
          return false;
        },
        () => el.remove(),
      );
    },

    async presets(n: number): Promise<DriverResult> {
      const el = newElement();
      el.setAttribute('session-url', '/session');
      el.setAttribute('destination-network', 'ethereum');
      el.setAttribute('destination-currency', 'eth');
      let readies = 0;
      const failures: string[] = [];
      try {
        const first = waitFor(el, 'crypto-onramp-ready');
        stage.append(el);
        await first;
      } catch (error) {
        failures.push(`first: ${messageOf(error)}`);
      }
      for (let i = 0; i < n; i++) {
        const currency = i % 2 === 0 ? 'usdc' : 'eth';
        try {
          if (i % 2 === 0) {
            el.setAttribute('destination-currency', currency);
            await macrotask(); // superseded by the next change while it mints
          } else {
            const wait = waitFor(el, 'crypto-onramp-ready');
            el.setAttribute('destination-currency', currency);
            await wait;
            readies++;
          }
        } catch (error) {
          failures.push(`${i}: ${messageOf(error)}`);
        }
      }
      el.remove();
      return result(readies, failures);
    },

    /** Stripe's SDK by hand, no element: createSession + mount into a fresh div, then remove it. */
    async stripeAlone(n: number, readyEvery: number, clientSecret: string, publishableKey: string): Promise<DriverResult> {
      const onramp = (window as unknown as { StripeOnramp: StripeOnrampLike }).StripeOnramp(publishableKey);
      let div = document.createElement('div');
      return cycles(
        n,
        async (i) => {
          div = document.createElement('div');
          stage.append(div);
          const session = onramp.createSession({ clientSecret, appearance: { theme: 'light' } });
          const waitsForReady = i % readyEvery === 0;
          const ready = waitsForReady
            ? new Promise<void>((resolve, reject) => {
                const timer = setTimeout(() => reject(new Error('ready timeout')), 15000);
                session.addEventListener('onramp_ui_loaded', () => {
                  clearTimeout(timer);
                  resolve();
                });
              })
            : macrotask();
          session.mount(div);
          await ready;
          return waitsForReady;
        },
        () => div.remove(),
      );
    },
  };
}

/** What the page holds now: Stripe's iframes, the element's mount nodes, the elements. */
export function countDom(): { iframes: number; mountNodes: number; elements: number } {
  return {
    iframes: document.querySelectorAll('iframe').length,
    mountNodes: document.querySelectorAll('[data-crypto-onramp-mount], slot[name^="crypto-onramp-mount-"]').length,
    elements: document.querySelectorAll('crypto-onramp').length,
  };
}
