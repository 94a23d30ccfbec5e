/**
 * Every engine: when Stripe's scripts, loaded early while the key is unknown (no publishable-key on
 * the tag), fail at the network level (a dropped connection, as on a flaky network), the retry
 * reaches the network again and ends ready. The early load was a `<link rel=preload>`, and WebKit
 * never requests a script again after its preload failed that way (not even on the next page), so
 * the retry failed with no request at all. The drop-in as shipped, Stripe's real loader inside. One loading scenario per
 * page: Stripe's loader caches its failure for the page's life.
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

describe('recovery: Stripe\'s scripts dropped, loaded early (no key on the tag)', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn();
  });
  afterEach(() => helpers.cleanup());
  after(() => helpers.setScriptMode('serve'));

  it('one retryable stripe_load_failed, then refresh() fetches both scripts again and reaches ready', async () => {
    const { createOnramp, setScriptMode, stripeScriptRequests } = helpers;
    await setScriptMode('fail');
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    expect((await events.nth('crypto-onramp-error', 1)).detail).to.deep.include({ code: 'stripe_load_failed', retryable: true });

    await setScriptMode('serve');
    const before = await stripeScriptRequests('js.stripe.com');
    el.refresh();
    await events.next('crypto-onramp-ready');
    expect(await stripeScriptRequests('js.stripe.com'), 'the retry reached the network').to.be.greaterThan(before);
    expect(events.count('crypto-onramp-error')).to.equal(1);
    expect(el.getAttribute('state')).to.equal('ready');
  });
});
