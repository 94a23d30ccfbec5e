/** Stripe's scripts never arrive: the load times out, and a retry succeeds once they are served. */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, setScriptMode } from './support/helpers.js';

describe('<crypto-onramp> when Stripe\'s scripts hang', () => {
  afterEach(cleanup);
  after(() => setScriptMode('serve'));

  it('times out with stripe_load_failed, and refresh() then succeeds', async () => {
    await setScriptMode('hang');
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' }, scriptTimeout: 300 });
    const error = await events.nth('crypto-onramp-error', 1);
    expect(error.detail.code).to.equal('stripe_load_failed');
    expect(error.detail.message).to.contain('300 ms');

    await setScriptMode('serve');
    el.scriptTimeout = 10_000;
    el.refresh();
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error')).to.equal(1);
  });
});
