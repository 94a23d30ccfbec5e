/**
 * Amounts follow a locale the element's code chooses, in every engine and whatever the machine's
 * LANG (the suite runs WebKit under C.UTF-8, where a formatter left to the process locale writes
 * "$ 50.76"): the page's `lang` where the element sits, else `en-US`; a tag Intl refuses is `en-US`.
 */
import { expect } from '@open-wc/testing';
import type { CryptoOnrampQuotes } from '../../src/element/quotes/crypto-onramp-quotes.js';
import '../../src/element/quotes/define.js';

const QUERY = { 'source-amount': '50.00', 'destination-currencies': 'eth', 'destination-networks': 'ethereum' };

/** The caption once the quotes loaded, for an element inside a container with `lang` (none: no attribute). */
async function captionUnder(lang: string | null): Promise<string> {
  const container = document.createElement('div');
  if (lang !== null) container.lang = lang;
  const el = document.createElement('crypto-onramp-quotes') as CryptoOnrampQuotes;
  for (const [name, value] of Object.entries({ 'quotes-url': '/test-api/quotes', ...QUERY })) el.setAttribute(name, value);
  const loaded = new Promise((resolve, reject) => {
    el.addEventListener('crypto-onramp-quotes-load', resolve, { once: true });
    el.addEventListener('crypto-onramp-quotes-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail))), { once: true });
  });
  container.append(el);
  document.body.append(container);
  try {
    await loaded;
    await el.updateComplete;
    return el.shadowRoot!.getElementById('caption')!.textContent!;
  } finally {
    container.remove();
  }
}

describe('<crypto-onramp-quotes> amounts by a locale the code chooses', () => {
  it('no lang on the page: en-US, whatever the machine\'s locale', async () => {
    expect(document.documentElement.hasAttribute('lang'), 'the test page names no language').to.equal(false);
    expect(await captionUnder(null)).to.equal('What $50.00 buys');
  });

  it('the page\'s lang where the element sits: German writes the amount its way', async () => {
    const expected = new Intl.NumberFormat('de', { style: 'currency', currency: 'USD' }).format(50);
    expect(expected, 'German differs from English here').to.not.equal('$50.00');
    expect(await captionUnder('de')).to.equal(`What ${expected} buys`);
  });

  it('a lang Intl refuses: en-US, not the currency code', async () => {
    expect(() => new Intl.NumberFormat('not a tag!')).to.throw(RangeError);
    expect(await captionUnder('not a tag!')).to.equal('What $50.00 buys');
  });
});
