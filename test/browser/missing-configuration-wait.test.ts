/**
 * An element with neither `session-url` nor `clientSecret`, in a page that is still loading (a
 * server-rendered page whose framework has not hydrated yet), waits: no `missing_configuration`
 * until the `load` event and one task more, and a property set meanwhile starts it with no error.
 *
 * The page under test has long loaded, so `document.readyState` is made to read `interactive`
 * for each test, and `load` is dispatched by the test when it wants the page "loaded".
 */
import { expect } from '@open-wc/testing';
// Loaded up front: an error's sentence comes from this chunk, and the first test's "no error yet"
// must not pass merely because the chunk was still on its way when the endpoint was set.
import '../../src/element/internal/messages.js';
import { cleanup, createOnramp, newLog, nextTask, requestLog, settledError } from './support/helpers.js';

const SESSION = '/test-api/session';

describe('a missing session-url while the page loads', () => {
  beforeEach(() => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
  });
  afterEach(() => {
    delete (document as { readyState?: unknown }).readyState; // the prototype's getter again
    cleanup();
  });

  it('is not an error while the page loads: the endpoint set afterwards mints once, with no error event', async () => {
    const { el, events } = createOnramp({ attributes: { 'destination-currency': 'eth', 'destination-network': 'ethereum' } });
    await el.updateComplete;
    for (let i = 0; i < 3; i++) await nextTask();
    expect(events.count('crypto-onramp-error'), 'no error while the page loads').to.equal(0);
    expect(el.state).to.equal('loading');

    // The framework hydrates: it sets the endpoint.
    const log = newLog();
    el.sessionUrl = `${SESSION}?log=${log}`;
    await events.nth('crypto-onramp-ready', 1);
    expect(events.count('crypto-onramp-error')).to.equal(0);
    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([{ destination_currency: 'eth', destination_network: 'ethereum' }]);
  });

  it('is reported once the page has loaded, when nothing configured it', async () => {
    const { el, events } = createOnramp();
    await el.updateComplete;
    await nextTask();
    expect(events.count('crypto-onramp-error')).to.equal(0);
    delete (document as { readyState?: unknown }).readyState;
    window.dispatchEvent(new Event('load'));
    const { detail } = await settledError(el, events);
    expect(detail).to.include({ code: 'missing_configuration', retryable: false });
  });
});
