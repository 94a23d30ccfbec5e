/**
 * The element's own error sentences in the element's language, including those its lazy chunks
 * find (the minting request's diagnosis, the redirect and standalone refusals): each comes from the
 * built-in catalog under `lang="de"`, its parameters written by Intl in German. And an error shown
 * while the page changes the language (the element's `lang`, the document's, or `messages`): the
 * view shows its sentence in the new words, while the event, sent once, keeps the words it carried.
 *
 * Against the sources; the entry's own fallback sentence (the diagnosis cannot load) is tested on
 * the drop-in (session-failure-chunk.test.ts), the Trusted Types refusal on a page that enforces
 * them (hostile-pages.test.ts).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { CryptoOnramp } from '../../src/element/crypto-onramp.js';
import type { CryptoOnrampErrorDetail } from '../../src/element/errors.js';
import { loadCatalog } from '../../src/element/internal/locale/catalogs.js';
import { fill } from '../../src/element/internal/locale/fill.js';
import { SENTENCES } from '../../src/element/internal/locale/en-sentences.js';
import de from '../../src/element/internal/locale/catalogs/de.js';
import fr from '../../src/element/internal/locale/catalogs/fr.js';
import ja from '../../src/element/internal/locale/catalogs/ja.js';
import { cleanup, createOnramp, nextTask, settledError, type EventRecorder } from './support/helpers.js';

afterEach(() => {
  cleanup();
  document.documentElement.removeAttribute('lang');
});

/** The sentence the error view shows (after its title). */
function shownMessage(el: CryptoOnramp): string | undefined {
  const alert = el.shadowRoot!.querySelector('[part="error"] [role="alert"]');
  return alert?.textContent!.slice(alert.querySelector('strong')!.textContent!.length);
}

/** Waits until the error view shows `expected`. */
async function shows(el: CryptoOnramp, expected: string): Promise<void> {
  await waitUntil(() => shownMessage(el) === expected, `expected "${expected}", shown "${shownMessage(el)}" (locale ${el.locale})`, { timeout: 5000 });
}

/** The one error event of `el` and what its view shows, once nothing else fires. */
async function oneError(el: CryptoOnramp, events: EventRecorder): Promise<CryptoOnrampErrorDetail> {
  const { detail } = await settledError(el, events);
  expect(shownMessage(el)).to.equal(detail.message);
  return detail;
}

/** `key`'s German sentence, its parameters filled in as the element does. */
const german = (key: keyof typeof de, ...params: unknown[]) => {
  // A catalog that repeated the English would prove nothing.
  expect(de[key], key).to.not.equal(SENTENCES[key as keyof typeof SENTENCES]);
  return fill(de[key], params, 'de');
};

describe("the minting request's diagnosis, in the element's language", () => {
  const cases: Array<[string, string, Record<string, unknown>, () => string, string]> = [
    ['no answer in time', '/test-api/hang', { requestTimeout: 200 }, () => german('requestTimeout', 200), 'session_request_failed'],
    ['no answer at all', 'http://127.0.0.1:9/api/onramp-session', {}, () => german('requestUnsent'), 'session_request_failed'],
    ['an HTTP error without words of its own', '/test-api/fail?status=400', {}, () => german('httpStatus', '400'), 'session_http_error'],
    [
      'an HTTP error with Retry-After beyond the timeout',
      '/test-api/fail?status=503&retry-after=120',
      {},
      () => german('httpStatus', '503') + german('retryAfter', 120),
      'session_http_error',
    ],
    [
      "the endpoint's own words, then the element's Retry-After",
      '/test-api/fail?status=503&message=Busy%20upstream&retry-after=120',
      {},
      () => 'Busy upstream' + german('retryAfter', 120),
      'session_http_error',
    ],
    ['a 2xx answer whose secret is malformed', '/test-api/bad-secret', {}, () => german('noClientSecret'), 'invalid_session_response'],
    ['a 2xx answer that is not JSON', '/test-api/not-json', {}, () => german('notJson'), 'invalid_session_response'],
  ];
  for (const [what, sessionUrl, props, expected, code] of cases) {
    it(`${what}: ${code}, in German`, async () => {
      const { el, events } = createOnramp({ attributes: { lang: 'de', 'session-url': sessionUrl }, ...props });
      const detail = await oneError(el, events);
      expect(detail).to.include({ code, message: expected() });
    });
  }
});

describe("mode=\"redirect\"'s refusals, in the element's language", () => {
  const redirectButton = (el: CryptoOnramp) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="redirect-button"]')!;

  it("no usable redirect_url (the kit's hostedFallback is off)", async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'de', mode: 'redirect', target: '_self', 'session-url': '/test-api/session' } });
    await el.updateComplete;
    redirectButton(el).click();
    const detail = await oneError(el, events);
    expect(detail).to.include({ code: 'redirect_unavailable', message: german('noRedirectUrl') });
  });

  it('a blocked popup', async () => {
    // Playwright's browsers run without a popup blocker: `window.open` answers as a blocked one does.
    const realOpen = window.open;
    window.open = () => null;
    try {
      const { el, events } = createOnramp({ attributes: { lang: 'de', mode: 'redirect', 'session-url': '/test-api/session?redirect=1' } });
      await el.updateComplete;
      redirectButton(el).click();
      const detail = await oneError(el, events);
      expect(detail).to.include({ code: 'popup_blocked', message: german('popupBlocked') });
    } finally {
      window.open = realOpen;
    }
  });
});

describe("mode=\"standalone\"'s refusals, in the element's language", () => {
  const cases: Array<[string, Record<string, unknown>, () => string, string]> = [
    ['both amounts', { sourceAmount: '10', sessionParams: { source_total_amount: '12' } }, () => german('bothAmounts'), 'source_total_amount'],
    ['a fiat currency other than USD', { sourceCurrency: 'eur', sourceAmount: '10' }, () => german('dollarsOnly'), 'source_currency'],
    [
      'a preset it has no option for',
      { walletAddress: '0x52908400098527886E0F7030069857D2E4169EE7', destinationNetwork: 'ethereum', destinationCurrency: 'eth' },
      () => german('notStandalone', 'wallet_addresses'),
      'wallet_addresses',
    ],
  ];
  for (const [what, presets, expected, param] of cases) {
    it(`${what}: invalid_presets naming ${param}, in German`, async () => {
      const { el, events } = createOnramp({ mode: 'standalone', attributes: { lang: 'de' }, ...presets });
      const detail = await oneError(el, events);
      expect(detail).to.include({ code: 'invalid_presets', param, message: expected() });
    });
  }
});

describe('an error shown while the language changes', () => {
  it("follows the element's lang, the document's and messages in its view; the event is not sent again, nor changed", async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'fr', 'session-url': '/test-api/not-json' } });
    const detail = await oneError(el, events);
    expect(detail.message).to.equal(fr.notJson);

    el.lang = 'de';
    await shows(el, de.notJson);
    // An app switching the document's language.
    el.removeAttribute('lang');
    document.documentElement.lang = 'ja';
    await shows(el, ja.notJson);
    el.messages = { notJson: 'Der Endpunkt sprach kein JSON.' };
    await shows(el, 'Der Endpunkt sprach kein JSON.');

    expect(events.count('crypto-onramp-error')).to.equal(1);
    // The detail the event carried (and `el.error`) keeps the words it was sent in.
    expect(detail.message).to.equal(fr.notJson);
    expect(el.error).to.equal(detail);
    expect(el.getAttribute('state')).to.equal('error');
  });

  it('ends in the latest language when the writing in the one before finishes last', async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'ja', 'session-url': '/test-api/bad-secret' } });
    await oneError(el, events);
    // Polish, whose catalog this page has not loaded yet: its writing is under way...
    el.lang = 'pl';
    await el.updateComplete;
    // ...when the page goes back to Japanese, whose catalog is loaded: that writing finishes first.
    el.lang = 'ja';
    await el.updateComplete;
    // The Polish one finishes now (the same load of its catalog), and must not be shown.
    await loadCatalog('pl');
    for (let i = 0; i < 3; i++) await nextTask();
    await el.updateComplete;
    expect(shownMessage(el)).to.equal(ja.noClientSecret);
    expect(events.count('crypto-onramp-error')).to.equal(1);
  });

  it('a retry that fails again: the new error, in the language of now', async () => {
    const { el, events } = createOnramp({ attributes: { lang: 'fr', 'session-url': '/test-api/not-json' } });
    await oneError(el, events);
    el.lang = 'de';
    await shows(el, de.notJson);
    el.setAttribute('session-url', '/test-api/fail?status=400');
    const second = await settledError(el, events, 2);
    expect(second.detail.message).to.equal(german('httpStatus', '400'));
    await shows(el, german('httpStatus', '400'));
  });
});
