/**
 * The plain-HTML demo (demo/frameworks/html/index.html) with the drop-in bundle
 * dist/cdn/crypto-onramp.js (written by `npm run build`): its markup and inline script as
 * served, the bundle's element, presets changed from script, and the same element removed and
 * added back, which re-mounts its session instead of minting another.
 */
import { expect } from '@open-wc/testing';
import type * as Helpers from './support/helpers.js';
import { choose, container, removeContainers, until } from '../frameworks/browser-helpers.js';

const SESSION = '/test-api/session';
const BUNDLE = '/dist/cdn/crypto-onramp.js';

describe('plain HTML with the drop-in bundle', () => {
  afterEach(removeContainers);

  it('runs the HTML demo: presets from script, status from events, remove and re-add re-mounts', async () => {
    const page = new DOMParser().parseFromString(await (await fetch('/demo/frameworks/html/index.html')).text(), 'text/html');
    expect(page.head.querySelector(`script[src="${BUNDLE}"]`), 'the demo loads the bundle').to.exist;
    const inline = page.body.querySelector('script:not([src])')!;
    inline.remove();

    const bundle = await fetch(BUNDLE, { method: 'HEAD' });
    expect(bundle.ok, `${BUNDLE} is missing: run npm run build`).to.equal(true);
    await import(BUNDLE as string);
    // Imported after the bundle defined <crypto-onramp>, so the bundle's class is the one in use.
    const { EventRecorder, iframes, mountNodes, newLog, requestLog } = (await import('./support/helpers.js')) as typeof Helpers;
    const events = new EventRecorder(document.body);

    // The demo's markup, pointed at the test endpoint, then its inline script as a module script,
    // connected together as the page's parser would: the element starts, the script follows.
    const log = newLog();
    page.body.querySelector('crypto-onramp')!.setAttribute('session-url', `${SESSION}?log=${log}`);
    const parent = document.createElement('div');
    parent.append(...[...page.body.childNodes].map((node) => document.importNode(node, true)));
    const script = document.createElement('script');
    script.type = 'module';
    script.textContent = inline.textContent;
    parent.append(script);
    container().append(parent);
    const onramp = parent.querySelector('crypto-onramp')!;
    const { CryptoOnramp: fromSource } = await import('../../src/element/crypto-onramp.js');
    expect(onramp.constructor, "the bundle's class, not the sources'").to.not.equal(fromSource);
    expect(onramp).to.be.instanceOf(customElements.get('crypto-onramp')!);

    const status = parent.querySelector('output')!;
    await events.nth('crypto-onramp-status-change', 1);
    await until(parent, () => status.value === 'initialized', 'the status output');

    choose(parent.querySelector('select')!, 'usdc');
    const second = await events.nth('crypto-onramp-ready', 2);

    const toggle = parent.querySelector<HTMLButtonElement>('#toggle')!;
    toggle.click();
    expect(onramp.isConnected).to.equal(false);
    expect(mountNodes()).to.have.length(0);
    expect(iframes()).to.have.length(0);
    toggle.click();
    // The same element, back in the page: it re-mounts the session it had.
    const third = await events.nth('crypto-onramp-ready', 3);
    expect(third.detail.session.id).to.equal(second.detail.session.id);
    await until(parent, () => toggle.textContent === 'Remove the onramp', 'the button label');

    expect((await requestLog(log)).map((r) => r.body)).to.deep.equal([
      { destination_currency: 'eth', destination_network: 'ethereum' },
      { destination_currency: 'usdc', destination_network: 'solana' },
    ]);
    expect(iframes()).to.have.length(1);
    expect(mountNodes()).to.have.length(1);
  });
});
