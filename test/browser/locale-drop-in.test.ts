/**
 * The drop-in as shipped (dist/cdn, written by `npm run build`) and its language files: English is
 * built into the entry, so an English page fetches no catalog (counted here, by the test server);
 * another language fetches the catalogs' finder (crypto-onramp-catalogs.js) and its one catalog
 * (crypto-onramp-fr.js, …). A catalog that cannot load leaves the words in English, with no error
 * event, and is fetched again at the next change of language, in every engine (Firefox keeps a
 * failed module for the life of the page: the retry is under a fresh URL).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import { ONRAMP_WORDS } from '../../src/element/internal/locale/en-onramp.js';
import de from '../../src/element/internal/locale/catalogs/de.js';
import fr from '../../src/element/internal/locale/catalogs/fr.js';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

/** Every language file beside the drop-in: the finder and each catalog. */
const LANGUAGE_FILES = /\/crypto-onramp-(catalogs|ar|de|es|fr|it|ja|ko|nl|pl|pt|pt-BR|zh-Hans)\.js$/;

let helpers: typeof Helpers;
before(async () => {
  helpers = await loadDropIn('/dist/cdn/crypto-onramp-catalogs.js', '/dist/cdn/crypto-onramp-fr.js');
});
afterEach(async () => {
  helpers.cleanup();
  await helpers.failRequests(null);
});

const buttonText = (el: CryptoOnramp): string =>
  el.shadowRoot!.querySelector('button[part="redirect-button"] slot[name="label"]')?.textContent ?? '';

function redirectOnramp(lang: string | undefined, container: HTMLElement = document.body) {
  return helpers.createOnramp({ mode: 'redirect', attributes: { 'session-url': '/test-api/session', ...(lang && { lang }) } }, container);
}

/** The language files this page imported, by the browser's own record of its requests (not the test's own `fetch`es). */
const languageRequests = (): string[] =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => entry.initiatorType !== 'fetch')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => LANGUAGE_FILES.test(path));

describe('the drop-in and its language files (dist/cdn)', () => {
  it('an English page fetches no language file', async () => {
    // Counted twice: by the server, which fails (and counts) any request for one, and by the page.
    await helpers.failRequests('/dist/cdn/crypto-onramp-*.js');
    const before = languageRequests().length;
    const container = document.createElement('div');
    container.lang = 'en-US';
    document.body.append(container);
    try {
      const { el, events } = redirectOnramp(undefined, container);
      const other = redirectOnramp('en-GB');
      await el.updateComplete;
      await other.el.updateComplete;
      // A live change between English variants: still nothing to fetch.
      container.lang = 'en-AU';
      await helpers.nextTask();
      await el.updateComplete;
      expect(buttonText(el)).to.equal(ONRAMP_WORDS.buy);
      expect(buttonText(other.el)).to.equal(ONRAMP_WORDS.buy);
      expect(events.count('crypto-onramp-error')).to.equal(0);
      expect(await helpers.failRequests(null), 'requests for the drop-in\'s chunks').to.equal(0);
      expect(languageRequests().length - before).to.equal(0);
    } finally {
      container.remove();
    }
  });

  it('a French page fetches the finder and the French catalog, once for two elements', async () => {
    const before = languageRequests();
    const first = redirectOnramp('fr').el;
    const second = redirectOnramp('fr-CA').el;
    await waitUntil(() => buttonText(first) === fr.buy && buttonText(second) === fr.buy, `French words, shown "${buttonText(first)}"`);
    const fetched = languageRequests().slice(before.length).map((path) => path.split('/').pop());
    // Each once per page, whatever came before (an earlier test may have loaded them already).
    expect(fetched.filter((file) => file === 'crypto-onramp-fr.js').length).to.be.at.most(1);
    expect(languageRequests().filter((path) => path.endsWith('/crypto-onramp-fr.js'))).to.have.length(1);
    expect(languageRequests().filter((path) => /\/crypto-onramp-(de|ja|ar)\.js$/.test(path))).to.have.length(0);
  });

  it('a catalog that fails: English, no error event; the next change of language fetches it again', async () => {
    await helpers.failRequests('/dist/cdn/crypto-onramp-de.js');
    const { el, events } = redirectOnramp('de');
    // Each call answers how many failed since the last one (and fails on): summed until the one.
    let failed = 0;
    await waitUntil(async () => (failed += await helpers.failRequests('/dist/cdn/crypto-onramp-de.js')) === 1, 'the German catalog was asked for and failed');
    await el.updateComplete;
    expect(buttonText(el)).to.equal(ONRAMP_WORDS.buy);
    expect(el.locale).to.equal('de');
    expect(events.count('crypto-onramp-error')).to.equal(0);

    // The network is back; the page switches to Austrian German: the same catalog, asked for anew.
    await helpers.failRequests(null);
    el.lang = 'de-AT';
    await waitUntil(() => buttonText(el) === de.buy, `the German words after the retry, shown "${buttonText(el)}"`);
    expect(events.count('crypto-onramp-error')).to.equal(0);
  });
});
