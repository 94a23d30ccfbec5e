/**
 * Every engine: a lazy chunk of the drop-in that failed to load once is fetched again by the next
 * retry, and then does its work. Firefox keeps a failed module in its module map (the same URL
 * fails at once, with no request), so the drop-in asks for it under a fresh URL; the entry itself
 * is never loaded a second time, so the element's class and its registration stay the one they are.
 */
import { expect } from '@open-wc/testing';
import { DROP_IN, loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

const CHUNK = '/dist/cdn/crypto-onramp-session-failure.js';

/** The page's requests for a path (its own `fetch`es aside), with their queries. */
const requested = (path: string) =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => entry.initiatorType !== 'fetch' && new URL(entry.name).pathname === path)
    .map((entry) => new URL(entry.name).search);

describe('recovery: a lazy chunk that failed once', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn();
  });
  afterEach(async () => {
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  it('the retry fetches it again and it diagnoses the failure; the entry loaded once', async () => {
    const { createOnramp, failRequests, newLog, settledError } = helpers;
    const element = customElements.get('crypto-onramp');
    const log = newLog();
    // The endpoint keeps failing, so every attempt needs the failure chunk's diagnosis.
    const sessionUrl = `/test-api/fail?status=400&code=parameter_invalid&param=destination_currency&message=${encodeURIComponent('Not a currency.')}&log=${log}`;
    await failRequests(`*${CHUNK}`);
    const { el, events } = createOnramp({ attributes: { 'session-url': sessionUrl } });
    const first = await settledError(el, events, 1);
    // Without the chunk: the entry's own fallback, no word of the endpoint's.
    expect(first.detail).to.deep.equal({ code: 'session_http_error', message: 'The session request failed. Try again.', retryable: true, httpStatus: 400 });
    expect(await failRequests(null), 'the chunk was asked for, and failed').to.equal(1);

    el.refresh();
    const second = await settledError(el, events, 2);
    // With the chunk: the endpoint's error, diagnosed.
    expect(second.detail).to.deep.include({ code: 'session_http_error', httpStatus: 400, stripeCode: 'parameter_invalid', param: 'destination_currency' });
    expect(second.detail.message).to.contain('Not a currency.');
    expect(requested(CHUNK), 'asked for again, under a URL no failure has used').to.have.length(2);
    expect(requested(CHUNK)[1]).to.not.equal(requested(CHUNK)[0]);
    expect(requested(DROP_IN), 'the entry loaded once').to.deep.equal(['']);
    expect(customElements.get('crypto-onramp')).to.equal(element);
  });
});
