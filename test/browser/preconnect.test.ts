/**
 * The element opens a connection to Stripe's frame origin (`<link rel=preconnect>`) once per page,
 * when an embedded session starts: not for the redirect or standalone modes, which never mount
 * Stripe's frame here, and not for a `loading="lazy"` element until it nears the viewport.
 *
 * One scenario, in order: the element keeps "once per page" in its module, so this file's page
 * can only see the first link once. (A strict CSP whose connect-src does not list the origin is
 * hostile-pages.test.ts: no violation, nothing logged.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { STRIPE_FRAME_ORIGIN } from '../../src/shared/stripe-script-urls.js';
import { cleanup, createOnramp, newLog, nextTask, requestLog } from './support/helpers.js';

const SESSION = '/test-api/session';
const preconnects = () => [...document.head.querySelectorAll<HTMLLinkElement>('link[rel=preconnect]')].filter((link) => link.href.startsWith(STRIPE_FRAME_ORIGIN));
/** Two frames and a task: an IntersectionObserver has reported its first entries. */
const settled = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))).then(nextTask);

describe('<crypto-onramp> preconnects to Stripe\'s frame origin', () => {
  afterEach(cleanup);

  it('once per page, when the first embedded session starts; not for redirect, standalone or a lazy element far away', async () => {
    expect(preconnects(), 'none before any element').to.have.length(0);

    const presets = { 'destination-currency': 'eth', 'destination-network': 'ethereum' };
    const redirect = createOnramp({ attributes: { mode: 'redirect', 'session-url': SESSION, ...presets } });
    const standalone = createOnramp({ attributes: { mode: 'standalone', ...presets } });
    await Promise.all([redirect.el.updateComplete, standalone.el.updateComplete]);
    // The standalone link is built in a lazy chunk; the element reports no event for it.
    await waitUntil(() => standalone.el.state === 'ready', 'the standalone link', { timeout: 10_000 });
    expect(preconnects(), 'redirect and standalone open none').to.have.length(0);

    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    window.scrollTo(0, 0);
    const log = newLog();
    const lazy = createOnramp({ attributes: { 'session-url': `${SESSION}?log=${log}`, loading: 'lazy' } });
    await lazy.el.updateComplete;
    await settled();
    expect(lazy.el.state).to.equal('idle');
    expect(preconnects(), 'a lazy element far from the viewport opens none').to.have.length(0);

    lazy.el.scrollIntoView();
    await lazy.events.nth('crypto-onramp-ready', 1);
    expect(await requestLog(log)).to.have.length(1);
    const [link] = preconnects();
    expect(preconnects(), 'one, when the lazy element neared the viewport').to.have.length(1);
    expect(link?.crossOrigin, 'no crossorigin: a frame navigation uses the credentialed pool').to.equal(null);
    spacer.remove();

    const more = [createOnramp({ attributes: { 'session-url': SESSION } }), createOnramp({ attributes: { 'session-url': SESSION } })];
    await Promise.all(more.map(({ events }) => events.nth('crypto-onramp-ready', 1)));
    expect(preconnects().map((each) => each === link), 'still the one link').to.deep.equal([true]);
  });
});
