/**
 * The one test of Stripe's scripts failing at the network level (a dropped connection, as on a
 * flaky network) and the retry recovering, for each way the element loads them. Each way runs in a
 * file of its own: Stripe's loaders cache their outcome for the page's life.
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './drop-in.js';
import type * as Helpers from './helpers.js';

export function describeScriptRecovery(way: string, attributes: Record<string, string>): void {
  describe(`recovery: Stripe's scripts dropped, ${way}`, () => {
    let helpers: typeof Helpers;

    before(async () => {
      helpers = await loadDropIn();
    });
    afterEach(() => helpers.cleanup());
    after(() => helpers.setScriptMode('serve'));

    it('one retryable stripe_load_failed, then refresh() fetches both scripts again and reaches ready', async () => {
      const { createOnramp, setScriptMode, stripeScriptRequests } = helpers;
      await setScriptMode('fail');
      const { el, events } = createOnramp({ attributes });
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
}
