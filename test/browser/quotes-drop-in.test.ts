/**
 * The two drop-ins together, as a page with no bundler loads them: dist/cdn/crypto-onramp.js and
 * dist/cdn/crypto-onramp-quotes.js (written by `npm run build`), each with its own Lit. The quotes
 * element knows the onramp only by id and properties, so this is the link across two bundles.
 */
import { expect } from '@open-wc/testing';
import type * as Helpers from './support/helpers.js';

const CORE = '/dist/cdn/crypto-onramp.js';
const QUOTES = '/dist/cdn/crypto-onramp-quotes.js';

describe('the quotes drop-in beside the core drop-in', () => {
  it('registers from its own file, which the core file does not contain, and a choice mints once', async () => {
    for (const file of [CORE, QUOTES]) expect((await fetch(file, { method: 'HEAD' })).ok, `${file} is missing: run npm run build`).to.equal(true);
    const core = await (await fetch(CORE)).text();
    expect(core.includes('crypto-onramp-quote'), `${CORE} holds nothing of the quotes element`).to.equal(false);
    await import(CORE as string);
    expect(customElements.get('crypto-onramp-quotes')).to.equal(undefined);
    await import(QUOTES as string);
    expect(customElements.get('crypto-onramp-quotes')).to.exist;
    // Imported after the bundles defined both elements, so the bundles' classes are the ones in use.
    const { EventRecorder, newLog, requestLog } = (await import('./support/helpers.js')) as typeof Helpers;

    const mints = newLog();
    const host = document.createElement('div');
    host.innerHTML = `
      <crypto-onramp-quotes quotes-url="/test-api/quotes" for="cdn-onramp" source-amount="20.00"
                            destination-currencies="usdc" destination-networks="solana"></crypto-onramp-quotes>
      <crypto-onramp id="cdn-onramp" session-url="/test-api/session?log=${mints}"></crypto-onramp>`;
    const quotes = host.querySelector('crypto-onramp-quotes')!;
    const onramp = host.querySelector('crypto-onramp')!;
    const events = new EventRecorder(onramp);
    const loaded = new Promise((resolve) => quotes.addEventListener('crypto-onramp-quotes-load', resolve, { once: true }));
    document.body.append(host);
    try {
      await Promise.all([loaded, events.nth('crypto-onramp-ready', 1)]);
      await quotes.updateComplete;
      const option = quotes.shadowRoot!.querySelector<HTMLElement>('[role="option"][data-key="solana:usdc"]')!;
      const selected = new Promise<CustomEvent>((resolve) => document.addEventListener('crypto-onramp-quote-select', resolve as EventListener, { once: true }));
      option.click();
      expect((await selected).detail.destinationNetwork).to.equal('solana');
      await events.nth('crypto-onramp-ready', 2);
      const requests = await requestLog(mints);
      expect(requests.map((r) => r.body)).to.deep.equal([
        {},
        { destination_currency: 'usdc', destination_network: 'solana', source_currency: 'usd', source_amount: '20.00' },
      ]);
    } finally {
      host.remove();
    }
  });
});
