/**
 * Theme changes when the SDK has no `setAppearance` (this page gets the stand-in of an older
 * Stripe script, `serve-legacy`): the element re-creates the session with the same client secret.
 * Also `theme="auto"`.
 */
import { expect } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { cleanup, createOnramp, engine, iframes, newLog, requestLog, setScriptMode } from './support/helpers.js';
import { CANNOT_EMULATE_COLOR_SCHEME, COLOR_SCHEME_REASON, unsupportedIn } from './support/skips.js';

describe('<crypto-onramp> theme without setAppearance', () => {
  before(() => setScriptMode('serve-legacy'));
  afterEach(cleanup);
  after(async () => {
    if (!CANNOT_EMULATE_COLOR_SCHEME.includes(await engine())) await emulateMedia({ colorScheme: 'light' });
  });

  it('re-creates the session with the same secret: same session, no new mint', async () => {
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    const id = el.session!.id;
    const [before] = iframes();
    el.theme = 'dark';
    const again = await events.nth('crypto-onramp-ready', 2);
    expect(again.detail.session.id).to.equal(id);
    expect(await requestLog(log)).to.have.length(1);
    expect(iframes()).to.have.length(1);
    expect(iframes()[0]).to.not.equal(before);
    expect(events.count('crypto-onramp-status-change')).to.equal(1);
  });

  it('theme="auto" follows prefers-color-scheme live', async function () {
    await unsupportedIn(this, CANNOT_EMULATE_COLOR_SCHEME, COLOR_SCHEME_REASON);
    await emulateMedia({ colorScheme: 'light' });
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}`, theme: 'auto' } });
    await events.nth('crypto-onramp-ready', 1);
    const id = el.session!.id;
    await emulateMedia({ colorScheme: 'dark' });
    const again = await events.nth('crypto-onramp-ready', 2);
    expect(again.detail.session.id).to.equal(id);
    expect(await requestLog(log)).to.have.length(1);
  });

  it('follows prefers-color-scheme when theme="auto" arrives together with a preset', async function () {
    await unsupportedIn(this, CANNOT_EMULATE_COLOR_SCHEME, COLOR_SCHEME_REASON);
    await emulateMedia({ colorScheme: 'light' });
    const log = newLog();
    const { el, events } = createOnramp({ attributes: { 'session-url': `/test-api/session?log=${log}` } });
    await events.nth('crypto-onramp-ready', 1);
    el.theme = 'auto';
    el.destinationCurrency = 'btc';
    el.destinationNetwork = 'bitcoin';
    const second = await events.nth('crypto-onramp-ready', 2);
    await emulateMedia({ colorScheme: 'dark' });
    // Without setAppearance the dark scheme re-creates the SDK session on the same secret.
    const third = await events.nth('crypto-onramp-ready', 3);
    expect(third.detail.session.id).to.equal(second.detail.session.id);
    expect(await requestLog(log)).to.have.length(2);
  });
});
