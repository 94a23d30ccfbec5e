/**
 * The drop-in as shipped (dist/cdn/crypto-onramp.js, written by `npm run build`) when the minting
 * request fails and its lazy chunk, crypto-onramp-session-failure.js (the failure's diagnosis and
 * automatic retry), cannot be loaded either: the network dropped. Still exactly one
 * `crypto-onramp-error` with a specific, retryable code, never the loader's own words, and the
 * retry button works. (The chunk's request is failed by the test server: support/fail-requests.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import de from '../../src/element/internal/locale/catalogs/de.js';
import fr from '../../src/element/internal/locale/catalogs/fr.js';
import { SENTENCES } from '../../src/element/internal/locale/en-sentences.js';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

const CHUNK = '*/dist/cdn/crypto-onramp-session-failure.js*';

describe('the drop-in when its failure chunk cannot load', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn();
  });

  beforeEach(() => helpers.failRequests(CHUNK));
  afterEach(async () => {
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  /** The one error event, once nothing else is left to fire. */
  async function onlyError(el: HTMLElement & { updateComplete: Promise<boolean> }, events: Helpers.EventRecorder) {
    const error = await helpers.settledError(el, events);
    expect(el.getAttribute('state')).to.equal('error');
    return error;
  }

  it('an HTTP error: session_http_error with the status, retryable; the retry button then mints', async () => {
    const log = helpers.newLog();
    const { el, events } = helpers.createOnramp({ attributes: { 'session-url': `/test-api/flaky?log=${log}` } });
    const error = await onlyError(el, events);
    expect(error.detail).to.deep.equal({
      code: 'session_http_error',
      message: 'The session request failed. Try again.',
      retryable: true,
      httpStatus: 503,
    });
    // Only the fallback says this; and without the chunk there is no automatic retry.
    expect(await helpers.requestLog(log)).to.have.length(1);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await events.nth('crypto-onramp-ready', 1);
    expect(await helpers.requestLog(log)).to.have.length(2);
  });

  for (const [what, sessionUrl, code] of [
    ['no answer at all', 'http://127.0.0.1:9/api/onramp-session', 'session_request_failed'],
    ['a 2xx answer without a session', '/test-api/not-json', 'invalid_session_response'],
  ] as const) {
    it(`${what}: ${code}, retryable, no raw JavaScript message`, async () => {
      const { el, events } = helpers.createOnramp({ attributes: { 'session-url': sessionUrl } });
      const error = await onlyError(el, events);
      expect(error.detail).to.deep.equal({ code, message: 'The session request failed. Try again.', retryable: true });
      expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.not.match(/import|module|TypeError/i);
    });
  }

  it("in the element's language: the fallback sentence from the catalog, and again in the page's next language", async () => {
    const { el, events } = helpers.createOnramp({ attributes: { lang: 'fr', 'session-url': '/test-api/not-json' } });
    const error = await onlyError(el, events);
    expect(fr.requestFailed).to.not.equal(SENTENCES.requestFailed);
    expect(error.detail).to.deep.equal({ code: 'invalid_session_response', message: fr.requestFailed, retryable: true });
    const shown = () => el.shadowRoot!.querySelector('[role="alert"]')!.textContent!;
    expect(shown()).to.contain(fr.requestFailed);
    el.lang = 'de';
    await waitUntil(() => shown().includes(de.requestFailed), `shown: ${shown()}`);
    expect(events.count('crypto-onramp-error')).to.equal(1);
    expect(error.detail.message).to.equal(fr.requestFailed);
  });
});
