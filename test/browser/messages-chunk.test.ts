/**
 * The drop-in as shipped (dist/cdn/crypto-onramp.js, written by `npm run build`) and its lazy
 * chunk of sentences, crypto-onramp-messages.js: the words of the errors the element finds in its
 * own configuration. A page that works never asks for it; a page whose configuration is refused
 * while the chunk cannot load (the network dropped) still gets exactly one `crypto-onramp-error`
 * with the specific code, a plain sentence and a retry, never the loader's own words. (The chunk's
 * request is failed through the DevTools protocol, per page: support/fail-requests.ts.)
 */
import { expect } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

const CHUNK = '/crypto-onramp-messages.js';


let helpers: typeof Helpers;

describe('the drop-in and its lazy chunk of error sentences', () => {
  before(async () => {
    helpers = await loadDropIn();
  });

  beforeEach(() => helpers.failRequests(`*${CHUNK}`));
  afterEach(async () => {
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  it('a page that works never asks for the chunk', async () => {
    const { events } = helpers.createOnramp({ attributes: { 'session-url': '/test-api/session' } });
    await events.nth('crypto-onramp-ready', 1);
    expect(await helpers.failRequests(`*${CHUNK}`)).to.equal(0);
    expect(events.count('crypto-onramp-error')).to.equal(0);
  });

  it('a refused setting while the chunk cannot load: one error with its code, a plain sentence, and a retry that explains it', async () => {
    const log = helpers.newLog();
    const { el, events } = helpers.createOnramp({
      attributes: { 'session-url': `/test-api/session?log=${log}`, 'publishable-key': 'sk_test_leaked' },
    });
    const error = await helpers.settledError(el, events);
    expect(error.detail).to.deep.equal({
      code: 'invalid_publishable_key',
      message: 'The onramp could not start. Try again.',
      retryable: true,
    });
    expect(el.getAttribute('state')).to.equal('error');
    // The chunk was asked for and failed.
    expect(await helpers.failRequests(null)).to.equal(1);
    const view = el.shadowRoot!.querySelector('[part="error"]')!.textContent!;
    expect(view).to.not.match(/import|module|TypeError|sk_test/i);

    // Once the network is back, the retry loads the sentence: the same code, now not retryable.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    const second = await events.nth('crypto-onramp-error', 2);
    expect(second.detail).to.deep.equal({
      code: 'invalid_publishable_key',
      message:
        'A secret or restricted key is not a publishable key. It was not used: remove it from the page and roll it in the Stripe Dashboard.',
      retryable: false,
    });
    // The key was refused before anything was minted.
    expect(await helpers.requestLog(log)).to.have.length(0);
  });
});
