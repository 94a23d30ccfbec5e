/**
 * The drop-in's lazy chunk crypto-onramp-script-injector.js (written by `npm run build`), which
 * re-injects Stripe's scripts after Stripe's own loader failed (and serves Trusted Types pages):
 * a page whose load succeeds never fetches it, and when the chunk's own request fails the retry
 * still ends in exactly one retryable `stripe_load_failed`, with the element's sentence rather
 * than the browser's, and a later retry succeeds once the chunk can be fetched. Under Trusted Types
 * the chunk is needed on the first load: there its failure ends in the same error, in its own tab.
 * One loading scenario per page: Stripe's loader caches its failure for the page's life.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';
import type { HostileResult } from './support/hostile-pages.js';

/** What the error adds in a page a test drives (navigator.webdriver), as these are. */
const TEST_HINT = " In a browser test with no network, route Stripe's scripts to the emulator: routeStripeToEmulator, from crypto-onramp-element/emulator.";

const CHUNK = '/dist/cdn/crypto-onramp-script-injector.js';

/** Whether this page has imported the chunk (its resource timing entries; this file's own `fetch`es aside). */
const chunkRequested = () =>
  (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).some((entry) => entry.initiatorType !== 'fetch' && new URL(entry.name).pathname === CHUNK);

describe('the drop-in when its script-injector chunk cannot load', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn(CHUNK);
  });
  afterEach(() => helpers.cleanup());
  after(async () => {
    await helpers.failRequests(null);
    await helpers.setScriptMode('serve');
  });

  it('reports one retryable stripe_load_failed, then recovers on retry once the chunk loads', async () => {
    const { createOnramp, failRequests, iframes, setScriptMode } = helpers;
    const retry = () => (el.shadowRoot!.querySelector('[part="retry-button"]') as HTMLButtonElement).click();

    // Stripe's scripts fail: Stripe's own loader reports it, without the chunk.
    await setScriptMode('fail');
    const { el, events } = createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    expect((await events.nth('crypto-onramp-error', 1)).detail).to.deep.include({ code: 'stripe_load_failed', retryable: true });
    expect(chunkRequested(), 'the chunk is fetched only when needed').to.equal(false);

    // The scripts are back, but the retry needs the chunk, whose request fails.
    await setScriptMode('serve');
    await failRequests(`*${CHUNK}*`);
    await el.updateComplete;
    retry();
    const { detail } = await events.nth('crypto-onramp-error', 2);
    expect(detail).to.deep.equal({
      code: 'stripe_load_failed',
      message: `Stripe's scripts could not be loaded (network error, blocked request or ad blocker).${TEST_HINT}`,
      retryable: true,
    });
    expect(chunkRequested(), 'the retry asked for the chunk').to.equal(true);
    expect(el.getAttribute('state')).to.equal('error');

    // The chunk is reachable again: the next retry loads it, and through it Stripe's scripts.
    await failRequests(null);
    await el.updateComplete;
    retry();
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error'), 'one error per failed attempt').to.equal(2);
    expect(iframes()).to.have.length(1);
  });

  it('under Trusted Types, which need the chunk on the first load, ends in the same error rather than hanging', async () => {
    // A top-level tab with the drop-in, Trusted Types enforced and the chunk's request failing.
    // Its scriptTimeout is 60 s and it waits 15 s: a hang would be `{ type: 'timeout' }`.
    const { result, policies } = (await executeServerCommand('open-hostile-page', { name: 'trusted-types-cdn-no-chunk' })) as HostileResult;
    expect(result).to.deep.equal({
      type: 'error',
      detail: { code: 'stripe_load_failed', message: `Stripe's scripts could not be loaded (network error, blocked request or ad blocker).${TEST_HINT}`, retryable: true },
    });
    // The policy lives in the chunk: none was created.
    expect(policies).to.not.include('crypto-onramp');
  });
});
