/**
 * The drop-in as shipped (dist/cdn/crypto-onramp.js, written by `npm run build`) in
 * `mode="standalone"` when a lazy chunk it needs cannot load: crypto-onramp-standalone.js (the
 * link and the create rules) or crypto-onramp-script-injector.js, which the standalone chunk
 * imports to inject Stripe's onramp script. Either way: exactly one `crypto-onramp-error` with a
 * specific, retryable code, never the loader's own words, no link; the network being back, the
 * retry builds the link. (The chunk's request is failed through the DevTools protocol, per page:
 * support/fail-requests.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';



describe('the drop-in in mode="standalone" when a chunk it needs cannot load', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn();
  });

  afterEach(async () => {
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  const link = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="standalone-link"]');

  // One page, one module map: a chunk that loaded stays loaded, so the chunks fail in turn, each
  // attempt failing on the next one, and only the last retry runs with the network back.
  it('each chunk blocked in turn: one retryable error each, no link; then the retry builds the link', async () => {
    await helpers.failRequests('*/crypto-onramp-standalone.js');
    const { el, events } = helpers.createOnramp({ mode: 'standalone', destinationCurrency: 'usdc', destinationNetwork: 'base' });
    const retry = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    let n = 0;
    for (const next of ['*/crypto-onramp-script-injector.js', null]) {
      const error = await helpers.settledError(el, events, ++n);
      expect(error.detail).to.include({ code: 'mount_failed', retryable: true });
      expect(error.detail.message).to.not.match(/import|module|TypeError|fetch/i);
      expect(link(el)).to.equal(null);
      expect(await helpers.failRequests(next), 'the blocked chunk was asked for').to.equal(1);
      retry();
    }
    await waitUntil(() => link(el), 'the standalone link after the retry', { timeout: 10_000 });
    expect(new URL(link(el)!.href).searchParams.get('destination_currency')).to.equal('usdc');
    expect(events.count('crypto-onramp-error')).to.equal(2);
  });
});
