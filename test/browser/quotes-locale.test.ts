/**
 * Amounts follow a locale the element's code chooses, in every engine and whatever the machine's
 * LANG (the suite runs WebKit under C.UTF-8, where a formatter left to the process locale writes
 * "$ 50.76", and where `navigator.language` is "C", a tag Intl refuses): the page's `lang` where the
 * element sits, else the browser's language; a tag Intl refuses is English. (The whole language
 * chain, live changes and the words are locale.test.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import de from '../../src/element/internal/locale/catalogs/de.js';
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
    const caption = () => el.shadowRoot!.getElementById('caption')!.textContent!;
    // A language with a catalog: its words arrive with it.
    if (lang === 'de') await waitUntil(() => caption().startsWith(de.quotesCaption.slice(0, 5)), 'the German words');
    return caption();
  } finally {
    container.remove();
  }
}

describe('<crypto-onramp-quotes> amounts by a locale the code chooses', () => {
  it('no lang on the page: the browser\'s language, English where Intl refuses it, whatever the machine\'s locale', async () => {
    expect(document.documentElement.hasAttribute('lang'), 'the test page names no language').to.equal(false);
    let browser: string;
    try {
      browser = Intl.getCanonicalLocales(navigator.language)[0]!;
    } catch {
      browser = 'en';
    }
    if (/^en\b/.test(browser)) expect(await captionUnder(null)).to.equal(`What ${new Intl.NumberFormat(browser, { style: 'currency', currency: 'USD' }).format(50)} buys`);
    else expect(await captionUnder(null)).to.contain(new Intl.NumberFormat(browser, { style: 'currency', currency: 'USD' }).format(50));
  });

  it('the page\'s lang where the element sits: German writes the amount its way', async () => {
    const expected = new Intl.NumberFormat('de', { style: 'currency', currency: 'USD' }).format(50);
    expect(expected, 'German differs from English here').to.not.equal('$50.00');
    expect(await captionUnder('de')).to.equal(de.quotesCaption.replace('{0}', expected));
  });

  it('a lang Intl refuses: en-US, not the currency code', async () => {
    expect(() => new Intl.NumberFormat('not a tag!')).to.throw(RangeError);
    expect(await captionUnder('not a tag!')).to.equal('What $50.00 buys');
  });
});
