/**
 * Stripe's onramp script throws while starting (here: Stripe.js is gone by the time the onramp
 * constructor runs, "Please include StripeJS alongside Stripe Crypto Onramp"). Its words reach the
 * `stripe_load_failed` detail, instead of a guess about networks and ad blockers, and a retry
 * recovers once the page is fixed. One loading scenario per file: the loaders' state is per page.
 */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, iframes } from './support/helpers.js';

type StripeFn = (...args: unknown[]) => unknown;
const win = window as unknown as { Stripe?: StripeFn };

describe("<crypto-onramp> when Stripe's script throws while starting", () => {
  afterEach(cleanup);

  it("passes Stripe's words on in stripe_load_failed, then recovers on retry", async () => {
    // Stripe.js is gone the moment Stripe's onramp constructor runs, as on a page whose own code
    // clobbers window.Stripe: the constructor then refuses to start. Keyed to the constructor's
    // call rather than to the loader's calls, because whether the loader calls Stripe.js at all
    // depends on whether the early-injected scripts ran before the element asked (engine and
    // network timing): either way the constructor runs, and finds no Stripe.js.
    type Global = 'Stripe' | 'StripeOnramp';
    const real: Partial<Record<Global, StripeFn>> = { Stripe: win.Stripe, StripeOnramp: (window as unknown as Record<Global, StripeFn | undefined>).StripeOnramp };
    let constructing = false;
    const hide = (name: Global, get: () => StripeFn | undefined) =>
      Object.defineProperty(window, name, { configurable: true, set: (value: StripeFn) => (real[name] = value), get });
    hide('Stripe', () => (constructing ? undefined : real.Stripe));
    hide('StripeOnramp', () => real.StripeOnramp && Object.assign((...args: unknown[]) => ((constructing = true), real.StripeOnramp!(...args)), real.StripeOnramp));
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    const error = await events.nth('crypto-onramp-error', 1);
    expect(error.detail).to.deep.equal({
      code: 'stripe_load_failed',
      message: "Stripe's onramp could not start: Please include StripeJS alongside Stripe Crypto Onramp",
      retryable: true,
    });

    // The page is fixed; the retry button starts Stripe again without a reload.
    for (const name of ['Stripe', 'StripeOnramp'] as const) Object.defineProperty(window, name, { configurable: true, writable: true, value: real[name] });
    await el.updateComplete;
    (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await events.nth('crypto-onramp-ready', 1);
    expect(iframes()).to.have.length(1);
  });

  it("passes Stripe's words on when the scripts are already loaded and the constructor throws", async () => {
    const stripe = win.Stripe;
    delete win.Stripe;
    try {
      const { events } = createOnramp({ attributes: { 'session-url': '/test-api/session' }, publishableKey: 'pk_test_emulator' });
      const error = await events.nth('crypto-onramp-error', 1);
      expect(error.detail.code).to.equal('stripe_load_failed');
      expect(error.detail.message).to.contain('Please include StripeJS alongside Stripe Crypto Onramp');
    } finally {
      win.Stripe = stripe;
    }
  });
});
