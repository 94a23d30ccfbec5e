/**
 * The drop-in as shipped (dist/cdn/crypto-onramp.js, written by `npm run build`) in
 * `mode="redirect"` when its lazy chunk, crypto-onramp-redirect.js (the mint and the redirect
 * after the click), cannot load: the tab the click opened is closed, nothing is minted, and exactly
 * one `crypto-onramp-error` with a specific, retryable code follows, never the loader's own words;
 * the retry brings the button back and, the network being back, the click redirects. (The chunk's
 * request is failed through the DevTools protocol, per page: support/fail-requests.ts.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { loadDropIn } from './support/drop-in.js';
import type * as Helpers from './support/helpers.js';

const CHUNK = '/crypto-onramp-redirect.js';


describe('the drop-in in mode="redirect" when its chunk cannot load', () => {
  let helpers: typeof Helpers;
  const realOpen = window.open;
  const opened: Array<Window | null> = [];

  before(async () => {
    helpers = await loadDropIn();
  });

  beforeEach(async () => {
    await helpers.failRequests(`*${CHUNK}`);
    window.open = (...args: Parameters<typeof window.open>) => {
      const tab = realOpen.apply(window, args);
      opened.push(tab);
      return tab;
    };
  });
  afterEach(async () => {
    window.open = realOpen;
    for (const tab of opened.splice(0)) tab?.close();
    helpers.cleanup();
    await helpers.failRequests(null);
  });

  const button = (el: HTMLElement) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="redirect-button"]')!;

  it('one retryable error, the tab closed, nothing minted; the retry then redirects', async () => {
    const log = helpers.newLog();
    const { el, events } = helpers.createOnramp({ mode: 'redirect', sessionUrl: `/test-api/session?redirect=1&log=${log}` });
    await el.updateComplete;
    button(el).click();
    const error = await helpers.settledError(el, events);
    expect(error.detail).to.include({ code: 'mount_failed', retryable: true });
    expect(error.detail.message).to.not.match(/import|module|TypeError|fetch/i);
    expect(opened).to.have.length(1);
    expect(opened[0]!.closed).to.equal(true);
    expect(await helpers.requestLog(log)).to.have.length(0);
    expect(await helpers.failRequests(null)).to.equal(1);

    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
    await waitUntil(() => el.getAttribute('state') === 'ready' && button(el), 'the redirect button is back');
    el.addEventListener('crypto-onramp-redirect', (event) => event.preventDefault(), { once: true });
    button(el).click();
    const redirect = await events.nth('crypto-onramp-redirect', 1);
    expect(new URL(redirect.detail.url).pathname).to.equal('/hosted');
    expect(await helpers.requestLog(log)).to.have.length(1);
    expect(events.count('crypto-onramp-error')).to.equal(1);
  });
});
