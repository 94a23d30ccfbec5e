/**
 * Both elements speak the language of where they sit: their own `lang`, else the nearest
 * ancestor's across shadow roots, else the document's, else `navigator.language`; live, as a page
 * changes any `lang` on that chain. Words come from the built-in catalogs (loaded on demand), with
 * BCP 47 fallback to English; a site's `messages` override them. Amounts are written by Intl in the
 * resolved locale, and a right-to-left language lays the views out right to left.
 *
 * Against the sources (the catalogs load as modules from the dev server); the drop-in's own files
 * and what an English page fetches are locale-drop-in.test.ts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import type { CryptoOnrampQuotes } from '../../src/element/quotes/crypto-onramp-quotes.js';
import { ONRAMP_WORDS } from '../../src/element/internal/locale/en-onramp.js';
import { SENTENCES } from '../../src/element/internal/locale/en-sentences.js';
import fr from '../../src/element/internal/locale/catalogs/fr.js';
import de from '../../src/element/internal/locale/catalogs/de.js';
import ptBR from '../../src/element/internal/locale/catalogs/pt-BR.js';
import pt from '../../src/element/internal/locale/catalogs/pt.js';
import zhHans from '../../src/element/internal/locale/catalogs/zh-Hans.js';
import ar from '../../src/element/internal/locale/catalogs/ar.js';
import ja from '../../src/element/internal/locale/catalogs/ja.js';
import '../../src/element/define.js';
import '../../src/element/quotes/define.js';
import { cleanup, createOnramp, engine, settledError } from './support/helpers.js';
import { CANNOT_EMULATE_COLOR_SCHEME } from './support/skips.js';

/** A redirect-mode onramp (no network until clicked) whose button shows its `buy` word. */
function redirectOnramp(parent: Node = document.body, attributes: Record<string, string> = {}): CryptoOnramp {
  return createOnramp({ mode: 'redirect', attributes: { 'session-url': '/test-api/session', ...attributes } }, parent).el;
}

/** The words a redirect onramp's button shows (its label slot's default content). */
const buttonText = (el: CryptoOnramp): string =>
  el.shadowRoot!.querySelector('button[part="redirect-button"] slot[name="label"]')?.textContent ?? '';

/** Waits until the element shows `expected` on its button (a catalog loads asynchronously). */
async function shows(el: CryptoOnramp, expected: string): Promise<void> {
  await waitUntil(() => buttonText(el) === expected, `expected "${expected}", shown "${buttonText(el)}" (locale ${el.locale})`, { timeout: 5000 });
}

/** A shadow host in `parent`, returning its open shadow root. */
function shadowHost(parent: Node, lang?: string): ShadowRoot {
  const host = document.createElement('div');
  if (lang !== undefined) host.lang = lang;
  parent.appendChild(host);
  hosts.push(host);
  return host.attachShadow({ mode: 'open' });
}

const hosts: Element[] = [];
afterEach(() => {
  cleanup();
  for (const host of hosts.splice(0)) host.remove();
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('dir');
});

describe('the language chain', () => {
  it("the element's own lang", async () => {
    const el = redirectOnramp(document.body, { lang: 'fr' });
    await shows(el, fr.buy);
    expect(el.locale).to.equal('fr');
  });

  it("the nearest ancestor's lang, across shadow roots (two levels)", async () => {
    const outer = shadowHost(document.body, 'de');
    const inner = shadowHost(outer);
    const el = redirectOnramp(inner);
    await shows(el, de.buy);
    expect(el.locale).to.equal('de');
  });

  it("the document's lang, then navigator.language; an empty lang says unknown: the browser's", async () => {
    // WebKit under LANG=C.UTF-8 says "C", which Intl refuses: English then.
    let browser = 'en';
    try {
      browser = Intl.getCanonicalLocales(navigator.language)[0]!;
    } catch {}
    document.documentElement.lang = 'ja';
    const el = redirectOnramp(shadowHost(document.body));
    await shows(el, ja.buy);
    expect(el.locale).to.equal('ja');
    document.documentElement.removeAttribute('lang');
    await waitUntil(() => el.locale === browser, `navigator.language (${navigator.language}), got ${el.locale}`);
    document.documentElement.lang = 'ja';
    await waitUntil(() => el.locale === 'ja', 'Japanese again');
    (el.getRootNode() as ShadowRoot).host.setAttribute('lang', '');
    await waitUntil(() => el.locale === browser, `lang="" is not inherited from further out: ${el.locale}`);
  });

  it("follows a live change anywhere on the chain: an outer host's lang, the element's own, the document's", async () => {
    const outer = shadowHost(document.body, 'fr');
    const el = redirectOnramp(shadowHost(outer));
    await shows(el, fr.buy);
    (outer.host as HTMLElement).lang = 'de';
    await shows(el, de.buy);
    el.lang = 'pt-BR';
    await shows(el, ptBR.buy);
    el.removeAttribute('lang');
    (outer.host as HTMLElement).removeAttribute('lang');
    // An app switching the document's language.
    document.documentElement.lang = 'ar';
    await shows(el, ar.buy);
    document.documentElement.lang = 'en';
    await shows(el, ONRAMP_WORDS.buy);
  });
});

describe('fallback by BCP 47', () => {
  const cases: Array<[string, string]> = [
    ['pt-BR', ptBR.buy],
    ['pt-PT', pt.buy],
    ['pt', pt.buy],
    ['fr-CA', fr.buy],
    ['zh-CN', zhHans.buy],
    ['zh-Hans-SG', zhHans.buy],
    ['zh-Hant-TW', ONRAMP_WORDS.buy],
    ['en-GB', ONRAMP_WORDS.buy],
    ['sv', ONRAMP_WORDS.buy],
    ['not a tag!', ONRAMP_WORDS.buy],
  ];
  for (const [lang, expected] of cases) {
    it(`${lang} → ${JSON.stringify(expected)}`, async () => {
      const el = redirectOnramp(document.body, { lang });
      await el.updateComplete;
      await shows(el, expected);
      if (lang === 'not a tag!') expect(el.locale).to.equal('en');
    });
  }
});

describe('error sentences in the language', () => {
  it('a refused configuration: the event and the view in French, the English keys underneath', async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'fr' } });
    const error = await settledError(el, events);
    expect(error.detail).to.deep.include({ code: 'missing_configuration', message: fr.noSessionUrl });
    const view = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(view.querySelector('strong')!.textContent).to.equal(fr.errorTitle);
    expect(view.textContent).to.contain(fr.noSessionUrl);
    expect(SENTENCES.noSessionUrl).to.not.equal(fr.noSessionUrl);
  });
});

describe('site overrides (messages)', () => {
  it('rewords one key; a missing key falls back to the catalog, then English', async () => {
    const el = redirectOnramp(document.body, { lang: 'fr' });
    el.messages = { buy: 'Obtenir des cryptos' };
    await shows(el, 'Obtenir des cryptos');
    el.messages = { retry: 'Encore' };
    await shows(el, fr.buy);
  });

  it('adds a language the element does not ship', async () => {
    const el = redirectOnramp(document.body, { lang: 'sv' });
    el.messages = { buy: 'Köp krypto' };
    await shows(el, 'Köp krypto');
    expect(el.locale).to.equal('sv');
  });

  it('an added error sentence is used for the event', async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'sv' }, messages: { noSessionUrl: 'Ange session-url eller clientSecret.' } });
    const error = await settledError(el, events);
    expect(error.detail.message).to.equal('Ange session-url eller clientSecret.');
  });
});

/** A quotes element under `lang`, once its quotes are shown. */
async function quotesUnder(lang: string, parent: Node = document.body): Promise<CryptoOnrampQuotes> {
  const container = document.createElement('div');
  container.lang = lang;
  const el = document.createElement('crypto-onramp-quotes');
  el.setAttribute('quotes-url', '/test-api/quotes');
  el.setAttribute('source-amount', '1234.50');
  el.setAttribute('destination-currencies', 'eth usdc');
  el.setAttribute('destination-networks', 'ethereum');
  const loaded = new Promise((resolve, reject) => {
    el.addEventListener('crypto-onramp-quotes-load', resolve, { once: true });
    el.addEventListener('crypto-onramp-quotes-error', (e) => reject(new Error(JSON.stringify((e as CustomEvent).detail))), { once: true });
  });
  container.append(el);
  parent.appendChild(container);
  hosts.push(container);
  await loaded;
  await el.updateComplete;
  return el;
}

const caption = (el: CryptoOnrampQuotes) => el.shadowRoot!.getElementById('caption')!.textContent!;

describe('amounts by the resolved locale', () => {
  for (const [lang, catalog] of [['fr', fr], ['ja', ja]] as const) {
    it(`quotes under ${lang}: caption, totals and fees written by Intl in ${lang}`, async () => {
      const el = await quotesUnder(lang);
      const money = new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' });
      const expected = catalog.quotesCaption.replace('{0}', money.format(1234.5));
      await waitUntil(() => caption(el) === expected, `caption "${caption(el)}", expected "${expected}"`);
      const quote = el.quotes!.destination_network_quotes['ethereum']![0]!;
      const total = el.shadowRoot!.querySelector('.total')!.textContent!;
      expect(total).to.equal(catalog.quotesTotal.replace('{0}', money.format(Number(quote.source_total_amount))));
      const fees = el.shadowRoot!.querySelector('.fees')!.textContent!;
      expect(fees).to.contain(money.format(Number(quote.fees.network_fee_monetary)));
      if (lang === 'fr') expect(money.format(1234.5)).to.not.equal(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234.5));
      expect(el.locale).to.equal(lang);
    });
  }
});

/** The bounding boxes of a quote's amount and total, and of the list. */
function quoteBoxes(el: CryptoOnrampQuotes): { receive: DOMRect; total: DOMRect } {
  const option = el.shadowRoot!.querySelector('[role="option"]')!;
  return { receive: option.querySelector('.receive')!.getBoundingClientRect(), total: option.querySelector('.total')!.getBoundingClientRect() };
}

describe('right to left', () => {
  it('under ar the quotes list is mirrored: the total left of the amount (right of it under en)', async () => {
    const ltr = quoteBoxes(await quotesUnder('en'));
    expect(ltr.total.left).to.be.at.least(ltr.receive.right - 1);
    const el = await quotesUnder('ar');
    await waitUntil(() => el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('dir') === 'rtl', 'the Arabic catalog sets the direction');
    await el.updateComplete;
    const rtl = quoteBoxes(el);
    expect(rtl.total.right).to.be.at.most(rtl.receive.left + 1);
  });

  it('dir="rtl" on the page mirrors an English list too', async () => {
    document.documentElement.dir = 'rtl';
    const el = await quotesUnder('en');
    const { receive, total } = quoteBoxes(el);
    expect(total.right).to.be.at.most(receive.left + 1);
  });

  it("under ar the onramp's error view reads right to left: the title's first letter right of its last", async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'ar' } });
    await settledError(el, events);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"] strong')!.textContent === ar.errorTitle, 'the Arabic title');
    const base = el.shadowRoot!.querySelector('[part="base"]')!;
    expect(getComputedStyle(base).direction).to.equal('rtl');
    const strong = el.shadowRoot!.querySelector('[part="error"] strong')!;
    const title = [...strong.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
    const letter = (index: number): DOMRect => {
      const range = document.createRange();
      range.setStart(title, index);
      range.setEnd(title, index + 1);
      return range.getBoundingClientRect();
    };
    expect(letter(0).left).to.be.greaterThan(letter(title.textContent!.length - 2).left);
  });
});

describe('motion', () => {
  it('the spinner has no animation under prefers-reduced-motion: reduce, and keeps its label', async () => {
    const { el } = createOnramp({ attributes: { 'session-url': '/test-api/hang' } });
    await el.updateComplete;
    const spinner = el.shadowRoot!.querySelector('.spinner')!;
    expect(spinner.getAttribute('aria-label')).to.equal(ONRAMP_WORDS.loading);
    // Every engine: the rule is there, for the spinner, under the media query.
    const rules = el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const reduced = rules.filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule && /^\(?prefers-reduced-motion(:\s*reduce)?\)?$/.test(rule.conditionText));
    const still = reduced.flatMap((rule) => [...rule.cssRules]).filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && rule.selectorText === '.spinner');
    expect(still.map((rule) => rule.style.animationName)).to.deep.equal(['none']);
    // Where the engine can emulate the preference: the computed animation itself.
    if (!CANNOT_EMULATE_COLOR_SCHEME.includes(await engine())) {
      expect(getComputedStyle(spinner).animationName).to.equal('spin');
      await emulateMedia({ reducedMotion: 'reduce' });
      try {
        expect(getComputedStyle(spinner).animationName).to.equal('none');
      } finally {
        await emulateMedia({ reducedMotion: 'no-preference' });
      }
    }
  });
});
