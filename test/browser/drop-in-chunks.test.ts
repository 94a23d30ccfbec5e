/**
 * The drop-in's lazy chunks as shipped: dist/cdn/crypto-onramp.js (written by `npm run build`)
 * loading crypto-onramp-standalone.js and crypto-onramp-redirect.js from beside it. Each chunk is
 * minified on its own (vite.config.ts: oxc, then terser), and imports what it needs from the entry
 * by name, so a minifier that renamed something in one file and not in the other would break only
 * here: the modes' own tests (modes.test.ts) run the element's sources, not the bundle.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

let helpers: typeof Helpers;
before(async () => {
  helpers = await loadDropIn('/dist/cdn/crypto-onramp-standalone.js', '/dist/cdn/crypto-onramp-redirect.js');
});

afterEach(() => helpers.cleanup());

async function settled(el: CryptoOnramp): Promise<void> {
  await waitUntil(() => el.state === 'ready' || el.state === 'error', 'the standalone element neither built its link nor refused', { timeout: 10_000 });
  await el.updateComplete;
}

describe('the drop-in bundle with its lazy chunks (dist/cdn)', () => {
  it('mode="standalone" loads its chunk and links to the hosted onramp with the presets', async () => {
    const { el, events } = helpers.createOnramp({
      mode: 'standalone',
      attributes: { 'destination-currency': 'eth', 'destination-network': 'ethereum', 'source-amount': '50' },
    });
    await settled(el);
    expect(events.count('crypto-onramp-error'), JSON.stringify(el.error)).to.equal(0);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="standalone-link"]')!;
    const query = new URL(link.href).searchParams;
    expect([query.get('destination_currency'), query.get('destination_network'), query.get('source_amount')]).to.deep.equal(['eth', 'ethereum', '50']);
  });

  it("mode=\"standalone\" refuses presets by the chunk's create rules: one invalid_presets naming the parameter", async () => {
    const { el, events } = helpers.createOnramp({ mode: 'standalone', destinationCurrency: 'btc', destinationNetwork: 'ethereum' });
    await settled(el);
    expect(events.count('crypto-onramp-error')).to.equal(1);
    expect(events.of('crypto-onramp-error')[0]).to.include({ code: 'invalid_presets', param: 'destination_currency', retryable: false });
  });

  it('mode="redirect" loads its chunk on the click and announces the hosted URL', async () => {
    const { el, events } = helpers.createOnramp({ mode: 'redirect', target: '_self', sessionUrl: '/test-api/session?redirect=1' });
    // Cancelled, so that the page stays (and the test with it).
    el.addEventListener('crypto-onramp-redirect', (event) => event.preventDefault());
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="redirect-button"]')!.click();
    const event = await events.next('crypto-onramp-redirect');
    expect(new URL(event.detail.url).pathname).to.equal('/hosted');
    expect(event.detail.sessionId).to.match(/^cos_/);
    expect(events.count('crypto-onramp-error')).to.equal(0);
  });
});
