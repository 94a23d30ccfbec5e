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
    // Stripe.js loads and answers the loader's one call, then disappears, as on a page whose own
    // code clobbers window.Stripe: Stripe's onramp constructor then refuses to start.
    let real: StripeFn | undefined;
    let called = false;
    Object.defineProperty(window, 'Stripe', {
      configurable: true,
      set: (value: StripeFn) => (real = value),
      get: () => (called || !real ? undefined : (...args: unknown[]) => ((called = true), real!(...args))),
    });
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    const error = await events.nth('crypto-onramp-error', 1);
    expect(error.detail).to.deep.equal({
      code: 'stripe_load_failed',
      message: "Stripe's onramp could not start: Please include StripeJS alongside Stripe Crypto Onramp",
      retryable: true,
    });

    // The page is fixed; the retry button starts Stripe again without a reload.
    Object.defineProperty(window, 'Stripe', { configurable: true, writable: true, value: real });
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
