/**
 * Every engine: a minting endpoint that was down (its requests failing) gives one retryable error,
 * and once it is back, the retry's request reaches it and the element ends ready. The drop-in as
 * shipped, so the session-failure chunk it needs for the diagnosis is the one a page loads.
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

describe('recovery: the minting endpoint was down', () => {
  let helpers: typeof Helpers;

  before(async () => {
    helpers = await loadDropIn();
  });
  afterEach(async () => {
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  it('one retryable error while it is down, then refresh() mints and reaches ready', async () => {
    const { createOnramp, failRequests, newLog, requestLog } = helpers;
    const log = newLog();
    await failRequests('/test-api/session');
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}` } });
    const { detail } = await events.nth('crypto-onramp-error', 1);
    expect(detail).to.deep.include({ code: 'session_http_error', httpStatus: 503, retryable: true });
    expect(await failRequests(null), 'the endpoint was asked and failed').to.be.greaterThan(0);

    el.refresh();
    await events.next('crypto-onramp-ready');
    expect(await requestLog(log), 'the retry reached the endpoint').to.have.length(1);
    expect(events.count('crypto-onramp-error')).to.equal(1);
  });
});
