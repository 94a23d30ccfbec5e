/**
 * Stripe's scripts fail to load (network). `@stripe/crypto` caches that failure for the page's
 * life; `refresh()` must still recover without a reload. One loading scenario per file: the
 * loaders' state is per page.
 */
import { expect } from '@open-wc/testing';
import { cleanup, createOnramp, iframes, setScriptMode } from './support/helpers.js';

describe('<crypto-onramp> when Stripe\'s scripts fail to load', () => {
  afterEach(cleanup);
  after(() => setScriptMode('serve'));

  it('reports stripe_load_failed once, then recovers on retry without a reload', async () => {
    await setScriptMode('fail');
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    const error = await events.nth('crypto-onramp-error', 1);
    expect(error.detail).to.deep.include({ code: 'stripe_load_failed', retryable: true });
    expect(events.count('crypto-onramp-error')).to.equal(1);

    await setScriptMode('serve');
    await el.updateComplete;
    (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error')).to.equal(1);
    expect(iframes()).to.have.length(1);
  });
});
