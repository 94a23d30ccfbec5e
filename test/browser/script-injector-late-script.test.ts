/**
 * A load given up on, then a script that arrives late: Stripe's loader rejects as soon as one of
 * its two scripts fails, while the other may still be on its way and define its global afterwards
 * (here `StripeOnramp` without Stripe.js). The retry needs the script-injector chunk; when that
 * chunk cannot load, the error must say the scripts could not be loaded, not that Stripe's own code
 * threw. (Seen as a flake of script-injector-chunk.test.ts under load, made deterministic here by
 * defining the late global by hand.) The drop-in as shipped, one scenario per page.
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

/** What the error adds in a page a test drives (navigator.webdriver), as these are. */
const TEST_HINT = " In a browser test with no network, route Stripe's scripts to the emulator: routeStripeToEmulator, from crypto-onramp-element/emulator.";

const CHUNK = '*/crypto-onramp-script-injector.js';

describe('the drop-in after a given-up load whose onramp script arrived late', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn();
  });
  after(async () => {
    delete (window as { StripeOnramp?: unknown }).StripeOnramp;
    helpers.cleanup();
    await helpers.failRequests(null);
    await helpers.setScriptMode('serve');
  });

  it("reports the scripts unloaded, not Stripe's code, when the retry's chunk cannot load", async () => {
    await helpers.setScriptMode('fail');
    const { el, events } = helpers.createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    expect((await events.nth('crypto-onramp-error', 1)).detail).to.include({ code: 'stripe_load_failed', retryable: true });
    expect(typeof (window as { Stripe?: unknown }).Stripe).to.not.equal('function');

    // The onramp script, late: its global exists, Stripe.js's does not.
    (window as { StripeOnramp?: unknown }).StripeOnramp = () => {
      throw new Error('not to be called: Stripe.js never loaded');
    };
    // Stripe's scripts now hang: the retry's own early injection of them must not win a race
    // against the chunk (Stripe.js arriving first would let the retry skip the chunk).
    await helpers.setScriptMode('hang');
    await helpers.failRequests(CHUNK);
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    const { detail } = await events.nth('crypto-onramp-error', 2);
    expect(detail).to.deep.equal({
      code: 'stripe_load_failed',
      message: `Stripe's scripts could not be loaded (network error, blocked request or ad blocker).${TEST_HINT}`,
      retryable: true,
    });
    expect(await helpers.failRequests(null), 'the retry asked for the chunk').to.equal(1);
  });
});
