/**
 * The drop-in as shipped (dist/cdn/crypto-onramp.js, written by `npm run build`) when Stripe's
 * script throws while the chunk of sentences, crypto-onramp-messages.js, cannot load (the network
 * dropped): Stripe's words travel to the chunk, which alone redacts and shows them. Without it the
 * page gets exactly one `crypto-onramp-error` with the specific code, the plain sentence and a
 * retry, and none of Stripe's words, not even redacted. A file of its own: once the chunk has
 * loaded in a page (messages-chunk.test.ts retries into it) it is never asked for again.
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

const CHUNK = '/crypto-onramp-messages.js';
const REDACTION = '/crypto-onramp-redact-secrets.js';


let helpers: typeof Helpers;

describe("the drop-in's lazy chunk of error sentences and Stripe's words", () => {
  before(async () => {
    helpers = await loadDropIn();
  });

  afterEach(async () => {
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  it("Stripe's script throws while the chunk cannot load: one retryable error with its code, none of Stripe's words; so too without the redaction chunk; the retry shows them", async () => {
    const attributes = { 'session-url': '/test-api/session' };
    // Stripe's scripts load first (a working page never asks for the chunk), then Stripe.js goes
    // away, so Stripe's onramp constructor throws its IntegrationError on the next start.
    await helpers.failRequests(`*${CHUNK}`);
    const working = helpers.createOnramp({ attributes, publishableKey: 'pk_test_emulator' });
    await working.events.nth('crypto-onramp-ready', 1);
    helpers.cleanup();
    expect(await helpers.failRequests(`*${CHUNK}`)).to.equal(0);

    const win = window as { Stripe?: unknown };
    const stripe = win.Stripe;
    delete win.Stripe;
    try {
      const { el, events } = helpers.createOnramp({ attributes, publishableKey: 'pk_test_emulator' });
      const error = await helpers.settledError(el, events);
      expect(error.detail).to.deep.equal({ code: 'stripe_load_failed', message: 'The onramp could not start. Try again.', retryable: true });
      // The chunk was asked for and failed.
      expect(await helpers.failRequests(null)).to.equal(1);
      // Stripe's words were never redacted, so they are nowhere: not in the view, not in an attribute.
      expect(el.shadowRoot!.innerHTML + el.outerHTML).to.not.match(/StripeJS|Please include|import|module|TypeError/i);

      // The chunk loads but the redaction it imports (a lazy chunk of its own, shared with the
      // redirect and session-failure chunks) cannot: the same again, words still unshown.
      await helpers.failRequests(`*${REDACTION}`);
      const retry = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
      retry();
      const second = await events.nth('crypto-onramp-error', 2);
      expect(second.detail).to.deep.equal({ code: 'stripe_load_failed', message: 'The onramp could not start. Try again.', retryable: true });
      expect(await helpers.failRequests(null)).to.equal(1);
      await el.updateComplete;
      expect(el.shadowRoot!.innerHTML + el.outerHTML).to.not.match(/StripeJS|Please include|import|module|TypeError/i);

      // Once the network is back, the retry loads the sentence, and Stripe's words with it.
      retry();
      const third = await events.nth('crypto-onramp-error', 3);
      expect(third.detail).to.deep.equal({
        code: 'stripe_load_failed',
        message: "Stripe's onramp could not start: Please include StripeJS alongside Stripe Crypto Onramp",
        retryable: true,
      });
    } finally {
      win.Stripe = stripe;
    }
  });
});
